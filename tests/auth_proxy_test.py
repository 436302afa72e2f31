#!/usr/bin/python3
"""identity-auth-proxy in front of an upstream that echoes the headers it received, against the
example identity-server (--store memory) and a real memcached, both started here on free loopback
ports (memcached as the user nobody when run as root):

- the identity headers arrive, forged ones are gone; the token is never in the proxy's log;
- no token, a bad token, a revoked one once the cache time has passed: 401 with WWW-Authenticate;
  a token without an accepted role: 403; the upstream never sees them;
- 100 requests with one token: one validation at the identity server (its access log), and the
  upstream connection kept alive;
- a second proxy on the same memcached validates nothing itself; an entry tampered with in
  memcached is not trusted (the second proxy asks the identity server, which says revoked);
- deferred mode (with a service user's OS_* credentials): the request goes on, X-Identity-Status
  Invalid;
- an 8 MiB body streams both ways intact (Content-Length and chunked);
- the identity server stopped: 503;
- bad arguments: exit code 2 and a message.

usage: auth_proxy_test.py IDENTITY_AUTH_PROXY IDENTITY_SERVER CONFIG
"""

import hashlib
import http.client
import http.server
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

PROXY, SERVER, CONFIG = sys.argv[1:] if len(sys.argv) == 4 else sys.exit(__doc__)
SECRET = "memcache-secret-of-the-test"
DEMO_USER_ID = "9a6590b2ab024747bc2167c4e064d00d"
DEMO_TENANT_ID = "fc394f2ab2df4114bde39905f800dc57"
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- the upstream: echoes what it received ---------------------------------------------------------
class Upstream(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Echo)
        self.requests = 0
        self.connections = 0
        self.lock = threading.Lock()


class Echo(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.lock:
            self.server.connections += 1

    def log_message(self, *args):
        pass

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def handle_one(self):
        with self.server.lock:
            self.server.requests += 1
        body = self.read_body()
        if self.path.startswith("/prefix/echo"):
            # The body back, chunked.
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(0, len(body), 100000):
                piece = body[i:i + 100000]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
            return
        doc = json.dumps({"path": self.path, "headers": [[k, v] for k, v in self.headers.items()],
                          "body_length": len(body)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Upstream", "echo")
        self.send_header("Content-Length", str(len(doc)))
        self.end_headers()
        self.wfile.write(doc)

    do_GET = do_POST = do_PUT = handle_one


# ---- the parts ---------------------------------------------------------------------------------------
def start_identity(tmp):
    cfg = json.load(open(CONFIG))
    cfg["pbkdf2_iterations"] = 1
    passwords = {"demo": "secretsecret", "admin": "adminsecret"}
    for u in cfg["users"]:
        u.pop("password_hash", None)
        u["password"] = passwords[u["name"]]
    path = os.path.join(tmp, "identity.json")
    json.dump(cfg, open(path, "w"))
    log = os.path.join(tmp, "identity.log")
    proc = subprocess.Popen([SERVER, "--config", path, "--store", "memory", "--public", "127.0.0.1:0",
                             "--admin", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=open(log, "w"), text=True)
    urls = {}
    while len(urls) < 2:
        line = proc.stdout.readline()
        if not line:
            sys.exit("identity-server did not start: " + open(log).read())
        side, url = line.split()
        urls[side] = url
    return proc, urls, log


def start_memcached(tmp):
    binary = shutil.which("memcached") or "/usr/bin/memcached"
    if not os.path.exists(binary):
        sys.exit("memcached is not installed (apt-get install memcached)")
    port = free_port()
    args = [binary, "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", "16"]
    if os.geteuid() == 0:
        args += ["-u", "nobody"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "memcached.log"), "w"))
    for _ in range(100):  # 10 s
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, port
        except OSError:
            if proc.poll() is not None:
                sys.exit("memcached exited at start")
            time.sleep(0.1)
    sys.exit("memcached did not listen within 10 s")


def start_proxy(tmp, name, args, env=None):
    log = os.path.join(tmp, name + ".log")
    proc = subprocess.Popen([PROXY, "--listen", "127.0.0.1:0"] + args, stdout=subprocess.PIPE,
                            stderr=open(log, "w"), text=True, env=env)
    line = proc.stdout.readline()
    m = re.fullmatch(r"listening http://127\.0\.0\.1:(\d+)\n", line)
    if not m:
        sys.exit(f"identity-auth-proxy {name} did not start: {line!r} " + open(log).read())
    return proc, int(m.group(1)), log


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# ---- helpers -----------------------------------------------------------------------------------------
def post_json(url, doc, headers=None, method="POST"):
    req = urllib.request.Request(url, data=json.dumps(doc).encode() if doc is not None else None, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def issue(public, user, password, tenant):
    status, body = post_json(public + "/v2.0/tokens",
                             {"auth": {"passwordCredentials": {"username": user, "password": password},
                                       "tenantName": tenant}})
    if status != 200:
        sys.exit(f"{user} cannot authenticate: {status} {body[:200]!r}")
    return json.loads(body)["access"]["token"]["id"]


def revoke(admin, token):
    return post_json(admin + "/v2.0/tokens/" + token, None, {"X-Auth-Token": "ADMIN"}, method="DELETE")[0]


def get(port, path, headers=None, conn=None, method="GET", body=None):
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    if conn is None:
        c.close()
    return r, data


def echoed(data):
    """The headers the upstream received, by lower-case name (values of a repeated one joined)."""
    out = {}
    for k, v in json.loads(data)["headers"]:
        out[k.lower()] = out[k.lower()] + "," + v if k.lower() in out else v
    return out


def validations(log):
    """GET /v2.0/tokens/{id} that reached the identity server (its access log, ids masked)."""
    return sum(1 for line in open(log) if re.match(r"admin GET /v2\.0/tokens/\S+ \d{3}$", line.strip()))


def memcached_keys(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"lru_crawler metadump all\r\n")
        data = b""
        while not data.endswith(b"END\r\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    # metadump percent-encodes keys
    return {urllib.parse.unquote_to_bytes(k) for k in re.findall(rb"key=(\S+)", data)}


def memcached_cmd(port, line, value=None):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(line + b"\r\n" + (value + b"\r\n" if value is not None else b""))
        data = b""
        while not (data.endswith(b"END\r\n") or data.endswith(b"STORED\r\n") or data.endswith(b"ERROR\r\n")):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    return data


def settle(predicate, limit=3.0):
    """Polls predicate (bounded): its last value."""
    deadline = time.monotonic() + limit
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


# ---- the test -----------------------------------------------------------------------------------------
def bad_arguments():
    r = subprocess.run([PROXY], capture_output=True, text=True, timeout=10)
    check(r.returncode == 2 and "--listen" in r.stderr, f"no arguments: exit code 2 ({r.returncode})")
    r = subprocess.run([PROXY, "--listen", "127.0.0.1:0", "--upstream", "http://127.0.0.1:1",
                        "--identity-url", "http://127.0.0.1:1", "--admin-token", "A", "--memcached",
                        "127.0.0.1:1", "--memcache-secret", "s", "--memcache-strategy", "rot13"],
                       capture_output=True, text=True, timeout=10)
    check(r.returncode == 2 and "mac or encrypt" in r.stderr,
          f"a bad --memcache-strategy: exit code 2 and why ({r.returncode}: {r.stderr.strip()})")
    r = subprocess.run([PROXY, "--listen", "127.0.0.1:0", "--upstream", "http://127.0.0.1:1",
                        "--identity-url", "http://127.0.0.1:1"], capture_output=True, text=True, timeout=10,
                       env={k: v for k, v in os.environ.items() if not k.startswith("OS_")})
    check(r.returncode == 2 and "OS_USERNAME" in r.stderr,
          f"no admin token and no OS_* credentials: exit code 2 and why ({r.returncode})")
    r = subprocess.run([PROXY, "--listen", "nowhere", "--upstream", "http://127.0.0.1:1"], capture_output=True,
                       text=True, timeout=10)
    check(r.returncode == 2 and "ADDR:PORT" in r.stderr, f"a bad --listen: exit code 2 ({r.returncode})")


def main():
    start = time.monotonic()
    bad_arguments()
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        upstream = Upstream()
        threading.Thread(target=upstream.serve_forever, daemon=True).start()
        up_url = f"http://127.0.0.1:{upstream.server_address[1]}/prefix"
        identity, urls, id_log = start_identity(tmp)
        memcached, mc_port = start_memcached(tmp)
        procs = [identity, memcached]
        try:
            run(tmp, urls, id_log, up_url, upstream, mc_port, procs, identity)
        finally:
            for p in reversed(procs):
                if p.poll() is None:
                    stop(p)
            upstream.shutdown()
    print(f"{time.monotonic() - start:.1f} s")


def run(tmp, urls, id_log, up_url, upstream, mc_port, procs, identity):
    public, admin = urls["public"], urls["admin"]
    shared = ["--upstream", up_url, "--identity-url", admin, "--admin-token", "ADMIN", "--cache-time", "60",
              "--memcached", f"127.0.0.1:{mc_port}", "--memcache-secret", SECRET, "--memcache-strategy", "mac",
              "--accepted-roles", "Member,swift*"]
    a, a_port, a_log = start_proxy(tmp, "a", shared)
    procs.append(a)
    b, b_port, b_log = start_proxy(tmp, "b", shared + ["--body-limit", str(16 << 20)])
    procs.append(b)
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env.update(OS_AUTH_URL=public + "/v2.0", OS_USERNAME="admin", OS_PASSWORD="adminsecret", OS_TENANT_NAME="admin")
    c, c_port, c_log = start_proxy(tmp, "c", ["--upstream", up_url, "--identity-url", admin, "--delay-auth-decision"],
                                   env)
    procs.append(c)
    d, d_port, d_log = start_proxy(tmp, "d", ["--upstream", up_url, "--identity-url", admin, "--admin-token", "ADMIN",
                                              "--cache-time", "1", "--max-connections", "3", "--header-timeout", "1"])
    procs.append(d)

    demo = lambda: issue(public, "demo", "secretsecret", "demo")  # noqa: E731
    tokens = []

    # 1. The identity headers arrive; forged ones are gone.
    t1 = demo()
    tokens.append(t1)
    r, data = get(a_port, "/v1/thing?x=1", {"X-Auth-Token": t1, "X-Roles": "admin", "X-User-Id": "evil",
                                            "X-Identity-Status": "Confirmed", "X-Service-Roles": "service",
                                            "X-Tenant-Id": "evil", "X-Is-Admin-Project": "True",
                                            "X-Service-Catalog": "[]", "X-User": "evil"})
    check(r.status == 200 and r.getheader("X-Upstream") == "echo", f"a valid token goes on ({r.status})")
    h = echoed(data) if r.status == 200 else {}
    check(json.loads(data).get("path") == "/prefix/v1/thing?x=1" if r.status == 200 else False,
          "the upstream URL's path is put before the request's target, the query kept")
    check(h.get("x-identity-status") == "Confirmed", "X-Identity-Status: Confirmed")
    check(h.get("x-user-id") == DEMO_USER_ID and h.get("x-user-name") == "demo", "X-User-Id and X-User-Name")
    check(h.get("x-project-id") == DEMO_TENANT_ID and h.get("x-tenant-id") == DEMO_TENANT_ID,
          "X-Project-Id and X-Tenant-Id: the token's tenant")
    check(sorted(h.get("x-roles", "").split(",")) == ["Member", "anotherrole"], f"X-Roles: {h.get('x-roles')}")
    catalog = json.loads(h.get("x-service-catalog", "null"))
    check(isinstance(catalog, list) and any(s.get("type") == "compute" for s in catalog),
          "X-Service-Catalog: the v2 catalog as JSON")
    check("evil" not in json.dumps(h) and "x-service-roles" not in h,
          "every forged identity header is gone (X-User-Id, X-Roles, X-Tenant-Id, X-User, X-Service-*)")
    check(h.get("x-auth-token") == t1, "X-Auth-Token goes on, as auth_token lets it")
    check(h.get("x-forwarded-for") == "127.0.0.1", "X-Forwarded-For names the client")

    # 2. Rejections: the upstream never sees them.
    seen = upstream.requests
    r, data = get(a_port, "/v1/thing")
    check(r.status == 401 and r.getheader("WWW-Authenticate") == f'Keystone uri="{admin}"',
          f"no token: 401 with WWW-Authenticate ({r.status} {r.getheader('WWW-Authenticate')})")
    r, _ = get(a_port, "/v1/thing", {"X-Auth-Token": "0" * 32})
    check(r.status == 401 and r.getheader("WWW-Authenticate", "").startswith("Keystone uri="),
          f"a bad token: 401 ({r.status})")
    t_admin = issue(public, "admin", "adminsecret", "admin")
    tokens.append(t_admin)
    r, _ = get(a_port, "/v1/thing", {"X-Auth-Token": t_admin})
    check(r.status == 403, f"a valid token without an accepted role: 403 ({r.status})")
    r, _ = get(a_port, "/v1/thing", {"X-Auth-Token": "0" * 32}, method="PUT", body=b"x" * 1000)
    check(r.status == 401, f"a bad token with a body: 401 before the body goes anywhere ({r.status})")
    check(upstream.requests == seen, "the upstream saw none of the rejected requests")

    # 3. 100 requests, one token: one validation; the upstream connection is kept alive.
    t2 = demo()
    tokens.append(t2)
    before, conns = validations(id_log), upstream.connections
    conn = http.client.HTTPConnection("127.0.0.1", a_port, timeout=20)
    statuses = [get(a_port, f"/v1/n/{i}", {"X-Auth-Token": t2}, conn)[0].status for i in range(100)]
    conn.close()
    check(statuses == [200] * 100, "100 requests with one token: 200 each")
    got = settle(lambda: validations(id_log) - before == 1)
    check(got, f"and one validation at the identity server ({validations(id_log) - before})")
    check(upstream.connections - conns <= 2,
          f"the proxy kept its upstream connection alive ({upstream.connections - conns} new for 100 requests)")

    # 4. The second proxy shares the cache through memcached.
    before = validations(id_log)
    r, data = get(b_port, "/v1/shared", {"X-Auth-Token": t2})
    check(r.status == 200 and echoed(data).get("x-user-id") == DEMO_USER_ID,
          f"the second proxy confirms the token ({r.status})")
    check(validations(id_log) == before, f"without asking the identity server ({validations(id_log) - before})")

    # 5. A tampered memcached entry is not trusted. Control first: an entry stored by the first
    # proxy, for a token then revoked, is still what the second proxy goes by (the cache time).
    t3, t4 = demo(), demo()
    tokens += [t3, t4]
    keys_before = memcached_keys(mc_port)
    r3, _ = get(a_port, "/v1/x", {"X-Auth-Token": t3})
    new_keys = memcached_keys(mc_port) - keys_before
    r4, _ = get(a_port, "/v1/x", {"X-Auth-Token": t4})
    check(r3.status == 200 and r4.status == 200 and len(new_keys) == 1,
          f"the first proxy stores one entry in memcached per token ({len(new_keys)})")
    check(revoke(admin, t3) == 204 and revoke(admin, t4) == 204, "both tokens revoked at the identity server")
    r, _ = get(b_port, "/v1/x", {"X-Auth-Token": t4})
    check(r.status == 200, f"control: the second proxy goes by the intact entry until the cache time ({r.status})")
    if new_keys:
        key = next(iter(new_keys)).decode()
        value = memcached_cmd(mc_port, b"get " + key.encode()).split(b"\r\n")[1]
        check(len(value) > 100, f"the entry read from memcached ({len(value)} bytes)")
        pos = len(value) - 10
        forged = value[:pos] + (b"A" if value[pos:pos + 1] != b"A" else b"B") + value[pos + 1:]
        stored = memcached_cmd(mc_port, f"set {key} 0 60 {len(forged)}".encode(), forged)
        check(stored.startswith(b"STORED"), "the entry of the first token rewritten in memcached")
        before = validations(id_log)
        r, _ = get(b_port, "/v1/x", {"X-Auth-Token": t3})
        check(r.status == 401, f"the tampered entry is a miss: the identity server says revoked, 401 ({r.status})")
        check(validations(id_log) - before == 1, "and it was asked")

    # 6. A revoked token once the cache time (1 s) has passed.
    t5 = demo()
    tokens.append(t5)
    first = time.monotonic()
    r1, _ = get(d_port, "/v1/r", {"X-Auth-Token": t5})
    revoke(admin, t5)
    r2, _ = get(d_port, "/v1/r", {"X-Auth-Token": t5})
    soon = time.monotonic() - first < 0.8  # else the cache time may have passed already (a loaded machine)
    time.sleep(1.2)
    r3, _ = get(d_port, "/v1/r", {"X-Auth-Token": t5})
    check(r1.status == 200 and (r2.status == 200 or not soon) and r3.status == 401 and r3.getheader("WWW-Authenticate"),
          f"a revoked token: kept for the cache time (1 s), then 401 ({r1.status}, {r2.status}, then {r3.status})")

    # 6b. HEAD (an answer with a length and no body) keeps the connection usable.
    conn = http.client.HTTPConnection("127.0.0.1", a_port, timeout=20)
    r1, d1 = get(a_port, "/v1/h", {"X-Auth-Token": t2}, conn, method="HEAD")
    r2, d2 = get(a_port, "/v1/h", {"X-Auth-Token": t2}, conn)
    conn.close()
    check(r1.status == 501 and d1 == b"" and r2.status == 200 and echoed(d2).get("x-user-id") == DEMO_USER_ID,
          f"HEAD passes the upstream's answer without a body, and the connection goes on ({r1.status}, {r2.status})")

    # 6c. Bounds: a header over 16 KiB, connections over --max-connections, a silent client.
    r, _ = get(d_port, "/v1/big", {"X-Auth-Token": t2, "X-Padding": "p" * 20000})
    check(r.status == 400, f"a request header over 16 KiB: 400 ({r.status})")
    time.sleep(0.3)  # the connection of the 400 is gone (the proxy sees the client close it)
    idle = [socket.create_connection(("127.0.0.1", d_port), timeout=5) for _ in range(3)]
    time.sleep(0.2)
    extra = socket.create_connection(("127.0.0.1", d_port), timeout=5)
    answer = extra.recv(4096)
    check(answer.startswith(b"HTTP/1.1 503"), f"a 4th connection over --max-connections 3: 503 ({answer[:20]!r})")
    extra.close()
    begin = time.monotonic()
    closed = [s.recv(16) for s in idle]
    took = time.monotonic() - begin
    check(closed == [b""] * 3 and 0.3 < took < 3.0,
          f"connections that send nothing are closed after --header-timeout 1 ({took:.1f} s)")
    for s in idle:
        s.close()
    r, _ = get(d_port, "/v1/after", {"X-Auth-Token": t2})
    check(r.status == 200, f"then a new connection is served ({r.status})")

    # 7. Deferred mode, the validator authenticated with a service user's OS_* credentials.
    t6 = demo()
    tokens.append(t6)
    r, data = get(c_port, "/v1/d", {"X-Auth-Token": t6})
    check(r.status == 200 and echoed(data).get("x-identity-status") == "Confirmed",
          f"deferred proxy, service credentials: a valid token is Confirmed ({r.status})")
    r, data = get(c_port, "/v1/d", {"X-Auth-Token": "f" * 32, "X-User-Id": "evil"})
    h = echoed(data) if r.status == 200 else {}
    check(r.status == 200 and h.get("x-identity-status") == "Invalid" and "x-user-id" not in h,
          f"deferred: a bad token goes on marked X-Identity-Status: Invalid, forged headers gone ({r.status})")
    r, data = get(c_port, "/v1/d")
    check(r.status == 200 and echoed(data).get("x-identity-status") == "Invalid", "deferred: no token, Invalid")

    # 8. An 8 MiB body both ways: Content-Length up, chunked down; chunked up and down.
    body = os.urandom(8 << 20)
    r, data = get(b_port, "/echo", {"X-Auth-Token": t2, "Content-Type": "application/octet-stream"}, method="POST",
                  body=body)
    check(r.status == 200 and hashlib.sha256(data).digest() == hashlib.sha256(body).digest(),
          f"8 MiB with Content-Length through and back chunked, intact ({r.status}, {len(data)} bytes)")
    c2 = http.client.HTTPConnection("127.0.0.1", b_port, timeout=30)
    c2.request("PUT", "/echo", body=(body[i:i + 65536] for i in range(0, len(body), 65536)),
               headers={"X-Auth-Token": t2}, encode_chunked=True)
    r = c2.getresponse()
    data = r.read()
    c2.close()
    check(r.status == 200 and hashlib.sha256(data).digest() == hashlib.sha256(body).digest(),
          f"8 MiB chunked both ways, intact ({r.status}, {len(data)} bytes)")
    r, _ = get(a_port, "/echo", {"X-Auth-Token": t2}, method="POST", body=b"x" * 100)
    check(r.status == 200, "a small body too")
    with socket.create_connection(("127.0.0.1", b_port), timeout=10) as s:
        s.sendall(f"POST /echo HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {t2}\r\nContent-Length: {17 << 20}\r\n\r\n".encode())
        answer = s.recv(4096)
    check(answer.startswith(b"HTTP/1.1 413"), f"a Content-Length over --body-limit (16 MiB): 413 ({answer[:20]!r})")

    # 9. The logs: one line per request, no token.
    for name, log in (("a", a_log), ("b", b_log), ("c", c_log), ("d", d_log)):
        text = open(log).read()
        check(not any(t in text for t in tokens), f"proxy {name}'s log holds no token id")
    lines = open(a_log).read().splitlines()
    check(sum(1 for line in lines if " GET /v1/n/" in line) == 100,
          "proxy a logged one line per request of the 100")

    # 10. The identity server stopped: 503 for a token no cache holds; deferred: Invalid.
    t7 = demo()
    tokens.append(t7)
    stop(identity)
    r, _ = get(a_port, "/v1/down", {"X-Auth-Token": t7})
    check(r.status == 503, f"identity stopped: 503 ({r.status})")
    r, data = get(c_port, "/v1/down", {"X-Auth-Token": t7})
    check(r.status == 200 and echoed(data).get("x-identity-status") == "Invalid",
          f"identity stopped, deferred: the request goes on, Invalid ({r.status})")


if __name__ == "__main__":
    main()
    if failures:
        sys.exit(f"{len(failures)} failed")
    print("all passed")
