#!/usr/bin/env python3
"""Mixed valid and invalid traffic, and one user rescoping as fast as it can, against
identity-server on loopback, for scripts/soak.sh.

usage: soak_driver.py PUBLIC_URL ADMIN_URL SECONDS SERVER_PID [WORKERS]

Mixed workers (WORKERS threads) pick scenarios at random (valid ones about half the time), as the
user SOAK_MIXED_USER (default "soak"), and count answers by class. The rescoper (a process of its
own, so that it does not share the workers' interpreter lock) is the user "demo": it authenticates
with its password once, then rescopes (POST /v2.0/tokens with {"auth": {"token": {"id": T},
"tenantName": "demo"}}) on one keep-alive connection as fast as it can, from the newest token
(SOAK_RESCOPE_FROM=newest, the default) or always from the token the password gave (=first), and
authenticates with its password again only when its token stops working. It counts the tokens
issued. With the newest token the one it rescopes from is never the user's oldest, so the cap
(SOAK_CAP, the server's max_tokens_per_user, 1000) never cuts the chain off and no password hash
ever slows it down: the worst case for the store, which only the cap bounds. Once it has issued
2 x SOAK_CAP tokens it checks on the admin listener that the password's token is gone (404, revoked
by the cap) and the newest one valid (200).

The server's RSS (VmRSS) is read every second. The warm-up ends at the first reading after
SOAK_WARMUP seconds (min(60, SECONDS / 4)) at which both users have reached the cap (the rescoper
has issued 2 x SOAK_CAP tokens; the mixed user's tokens issued minus those its workers revoked
exceed SOAK_CAP): from then on the token store is at its bound. That reading is the warm-up figure.
Every 30 s and at the end it prints requests, tokens issued, 5xx and RSS.

Exit status 0 when: no 5xx (a 503 is counted apart by cause, the authentication queue's, with
Retry-After, or the connection limit's, and still fails the run), no worker hung, the server stayed
up, the warm-up ended, the rescoper issued at least 10 x SOAK_CAP tokens, and no RSS reading after
the warm-up is more than SOAK_RSS_LIMIT_KB (20480, 20 MiB) above the warm-up figure.
Only the Python standard library, only loopback; every loop is bounded by the run's deadline or by
socket timeouts.
"""
import json
import multiprocessing
import os
import random
import re
import socket
import sys
import threading
import time
from collections import Counter

MARKER = "SOAK-MARKER-pw-3e9d"  # a password that must never show in the server's log
NS = ' xmlns="http://docs.openstack.org/identity/api/v2.0"'
# The passwords scripts/soak.sh puts in the server's configuration.
PASSWORDS = {"demo": "secretsecret", "admin": "adminsecret", "soak": "soak-secret-51d2"}
MIXED_USER = os.environ.get("SOAK_MIXED_USER", "soak")
GOOD_JSON = json.dumps({"auth": {"tenantName": "demo", "passwordCredentials": {"username": MIXED_USER, "password": PASSWORDS[MIXED_USER]}}})
GOOD_XML = '<auth%s tenantName="demo"><passwordCredentials username="%s" password="%s"/></auth>' % (NS, MIXED_USER, PASSWORDS[MIXED_USER])
RESCOPE_USER = "demo"
RESCOPE_PASSWORD_JSON = json.dumps({"auth": {"passwordCredentials": {"username": RESCOPE_USER, "password": PASSWORDS[RESCOPE_USER]}}})
TOKEN_ID = re.compile(rb'"token":\s*\{\s*"id":\s*"([0-9a-f]{32})"')
ADMIN_JSON = json.dumps({"auth": {"tenantName": "admin", "passwordCredentials": {"username": "admin", "password": "adminsecret"}}})


def hostport(url):
    m = re.match(r"http://([^:/]+):(\d+)", url)
    return m.group(1), int(m.group(2))


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Conn:
    """One HTTP/1.1 connection: raw bytes out, one response in."""

    def __init__(self, addr, limit=30):
        self.sock = socket.create_connection(addr, timeout=10)
        self.buf = b""
        self.limit = limit  # seconds for one whole response, however slowly it trickles in
        self.end = None

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def _fill(self):
        if time.monotonic() > self.end:
            raise TimeoutError("response took over %d s" % self.limit)
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("closed by server")
        self.buf += data

    def response(self, head=False, first=True):
        if first:
            self.end = time.monotonic() + self.limit
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        header, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = header.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for l in lines[1:]:
            k, _, v = l.partition(":")
            headers[k.strip().lower()] = v.strip()
        if status == 100:
            return self.response(head, first=False)
        n = 0 if head or status in (204, 304) else int(headers.get("content-length", "0"))
        while len(self.buf) < n:
            self._fill()
        body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body


def cause_503(headers, body):
    """Which bound answered 503: the authentication queue (with Retry-After), the connection
    limits, or something else (the backend, out of memory)."""
    if "retry-after" in headers:
        return "503 auth queue full"
    if b"connections" in body:
        return "503 connection limit"
    return "503 other"


def request(method, target, body=b"", headers=None):
    if isinstance(body, str):
        body = body.encode()
    h = {"Host": "127.0.0.1"}
    h.update(headers or {})
    if body or method == "POST":
        h.setdefault("Content-Length", str(len(body)))
    text = "%s %s HTTP/1.1\r\n" % (method, target) + "".join("%s: %s\r\n" % kv for kv in h.items()) + "\r\n"
    return text.encode("latin-1") + body


class Worker(threading.Thread):
    def __init__(self, pub, adm, deadline, stats, lock, seed):
        super().__init__(daemon=True)
        self.pub, self.adm, self.deadline = pub, adm, deadline
        self.stats, self.lock = stats, lock
        self.rnd = random.Random(seed)
        self.conns = {}
        self.tokens = []

    def count(self, key):
        with self.lock:
            self.stats[key] += 1

    def conn(self, addr):
        c = self.conns.get(addr)
        if c is None:
            c = self.conns[addr] = Conn(addr)
        return c

    def drop(self, addr):
        c = self.conns.pop(addr, None)
        if c:
            c.close()

    def exchange(self, addr, raw, head=False, fresh=False):
        """Sends on the keep-alive connection (or a fresh one) and records the status class."""
        if fresh:
            self.drop(addr)
        c = self.conn(addr)
        try:
            c.sock.sendall(raw)
            status, headers, body = c.response(head)
        except (OSError, ConnectionError, ValueError, IndexError):
            self.drop(addr)
            self.count("connection errors")
            return None, b""
        self.count("requests")
        self.count("%dxx" % (status // 100))
        self.count("status %d" % status)
        if status == 503:
            self.count(cause_503(headers, body))
        if status >= 500:
            sys.stderr.write("5xx: %d %r\n" % (status, body[:200]))
        if headers.get("connection", "").lower() == "close":
            self.drop(addr)
        return status, body

    # ---- scenarios: valid ------------------------------------------------------------------
    def authenticate(self):
        xml = self.rnd.random() < 0.3
        body, ct = (GOOD_XML, "application/xml") if xml else (GOOD_JSON, "application/json")
        s, b = self.exchange(self.pub, request("POST", "/v2.0/tokens", body, {"Content-Type": ct}))
        if s == 200:
            self.count("tokens issued")
            m = re.search(rb'"id":\s*"([0-9a-f]{32})"', b) or re.search(rb'<token[^>]* id="([0-9a-f]{32})"', b)
            if m:
                self.tokens = (self.tokens + [m.group(1).decode()])[-20:]

    def validate(self):
        if not self.tokens:
            return self.authenticate()
        t = self.rnd.choice(self.tokens)
        method = self.rnd.choice(["GET", "HEAD"])
        self.exchange(self.adm, request(method, "/v2.0/tokens/%s?belongsTo=fc394f2ab2df4114bde39905f800dc57" % t,
                                        headers={"X-Auth-Token": "ADMIN"}), head=method == "HEAD")

    def revoke(self):
        if self.tokens:
            t = self.tokens.pop(0)
            s, _ = self.exchange(self.adm, request("DELETE", "/v2.0/tokens/" + t, headers={"X-Auth-Token": "ADMIN"}))
            if s == 204:
                self.count("tokens revoked")

    def browse(self):
        target = self.rnd.choice(["/", "/v2.0", "/v2.0/", "/v2.0/extensions"])
        accept = self.rnd.choice(["application/json", "application/xml", "*/*"])
        self.exchange(self.rnd.choice([self.pub, self.adm]), request("GET", target, headers={"Accept": accept}))

    def tenants(self):
        if not self.tokens:
            return self.authenticate()
        self.exchange(self.pub, request("GET", "/v2.0/tenants", headers={"X-Auth-Token": self.rnd.choice(self.tokens)}))

    def admin_lookups(self):
        target = self.rnd.choice(["/v2.0/tenants", "/v2.0/tenants?name=demo", "/v2.0/users?name=demo",
                                  "/v2.0/users/9a6590b2ab024747bc2167c4e064d00d/roles"])
        self.exchange(self.adm, request("GET", target, headers={"X-Auth-Token": "ADMIN"}))

    # ---- scenarios: invalid ----------------------------------------------------------------
    def bad_password(self):
        body = json.dumps({"auth": {"tenantName": "demo", "passwordCredentials": {"username": "demo", "password": MARKER}}})
        self.exchange(self.pub, request("POST", "/v2.0/tokens", body, {"Content-Type": "application/json"}))

    def bad_documents(self):
        docs = [
            ("application/json", '{"auth": {"passwordCredentials": {"username": "demo", "password": "%s"' % MARKER),
            ("application/json", '{"auth": ' + "[" * 5000),
            ("application/json", '{"auth": {"tenantName": 5, "passwordCredentials": {"username": "demo", "password": "%s"}}}' % MARKER),
            ("application/json", b'{"auth": {"passwordCredentials": {"username": "demo", "password": "\xc0\xaf%s"}}}' % MARKER.encode()),
            ("application/json", '{"auth": {"tenantName": "a", "tenantName": "b", "token": {"id": "x"}}}'),
            ("application/xml", '<auth%s><passwordCredentials username="demo" password="%s"></auth>' % (NS, MARKER)),
            ("application/xml", '<!DOCTYPE a [<!ENTITY x "y">]><auth%s tenantName="&x;"/>' % NS),
            ("application/xml", b'<auth%s><passwordCredentials username="demo" password="\xed\xa0\x80"/></auth>' % NS.encode()),
            ("application/xml", "<auth%s>%s</auth>" % (NS, "<x>" * 2000 + "</x>" * 2000)),
            ("text/plain", "password=" + MARKER),
            ("application/json", "x" * 200000),
        ]
        ct, body = self.rnd.choice(docs)
        fresh = len(body) > 100000  # a 413 closes the connection
        self.exchange(self.pub, request("POST", "/v2.0/tokens", body, {"Content-Type": ct}), fresh=fresh)

    def bad_routes(self):
        method, target, headers = self.rnd.choice([
            ("GET", "/v2.0/nothing", {}),
            ("PUT", "/v2.0/tokens", {}),
            ("GET", "/v2.0/tokens/%zz", {"X-Auth-Token": "ADMIN"}),
            ("GET", "/v2.0/tokens/0123456789abcdef0123456789abcdef", {"X-Auth-Token": "ADMIN"}),
            ("GET", "/v2.0/tenants", {"X-Auth-Token": "not-a-token"}),
            ("GET", "/v2.0/users/%C0%AF", {"X-Auth-Token": "ADMIN"}),
        ])
        self.exchange(self.adm, request(method, target, headers=headers))

    def not_admin(self):
        if not self.tokens:
            return self.authenticate()
        self.exchange(self.adm, request("GET", "/v2.0/tenants", headers={"X-Auth-Token": self.rnd.choice(self.tokens)}))

    def bad_http(self):
        raw = self.rnd.choice([
            b"NOT HTTP AT ALL\r\n\r\n",
            b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
            b"POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n",
            b"POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1000000\r\nabc",
        ])
        self.exchange(self.pub, raw, fresh=True)
        self.drop(self.pub)

    def abandon(self):
        """Half a request, or a response not read: the client goes away."""
        try:
            c = Conn(self.pub)
            if self.rnd.random() < 0.5:
                c.sock.sendall(b"POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"auth\"")
            else:
                c.sock.sendall(request("GET", "/v2.0") * 50)
            c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            c.close()
            self.count("abandoned connections")
        except OSError:
            self.count("connection errors")

    def run(self):
        valid = [self.authenticate, self.validate, self.browse, self.tenants, self.admin_lookups, self.revoke]
        invalid = [self.bad_password, self.bad_documents, self.bad_routes, self.not_admin, self.bad_http, self.abandon]
        while time.time() < self.deadline:
            (self.rnd.choice(valid) if self.rnd.random() < 0.5 else self.rnd.choice(invalid))()


# Shared with the rescoper's process: one writer (the rescoper), read by main().
RESCOPE_KEYS = ["requests", "2xx", "4xx", "5xx", "other status", "503 auth queue full", "503 connection limit",
                "503 other", "connection errors", "connections opened", "tokens issued", "password authentications", "rescopes refused",
                "probe first token", "probe newest token"]
R = {k: i for i, k in enumerate(RESCOPE_KEYS)}


def rescoper(pub, adm, deadline, mode, cap, shared):
    """One user (demo) issuing tokens by rescoping as fast as it can on one keep-alive connection;
    its password again only when its token stops working. Runs until the deadline."""
    conns = {}

    def exchange(addr, raw):
        c = conns.get(addr)
        try:
            if c is None:
                c = conns[addr] = Conn(addr)
                shared[R["connections opened"]] += 1
            c.sock.sendall(raw)
            status, headers, body = c.response()
        except (OSError, ConnectionError, ValueError, IndexError):
            if c is not None:
                c.close()
            conns.pop(addr, None)
            shared[R["connection errors"]] += 1
            time.sleep(0.01)
            return None, {}, b""
        shared[R["requests"]] += 1
        cls = "%dxx" % (status // 100)
        shared[R[cls] if cls in ("2xx", "4xx", "5xx") else R["other status"]] += 1
        if status == 503:
            shared[R[cause_503(headers, body)]] += 1
        if status >= 500 or cls not in ("2xx", "4xx", "5xx"):
            sys.stderr.write("rescoper: %d %r\n" % (status, body[:200]))
        if headers.get("connection", "").lower() == "close":
            conns.pop(addr).close()
        return status, headers, body

    def token_of(body):
        m = TOKEN_ID.search(body)
        if m:
            return m.group(1).decode()
        try:
            return json.loads(body)["access"]["token"]["id"]
        except (ValueError, KeyError, TypeError):
            return None

    json_ct = {"Content-Type": "application/json"}
    first = token = None
    issued_since_password = 0
    probed = False
    while time.time() < deadline:
        if token is None:
            s, h, b = exchange(pub, request("POST", "/v2.0/tokens", RESCOPE_PASSWORD_JSON, json_ct))
            if s == 200:
                shared[R["password authentications"]] += 1
                first = token = token_of(b)
                issued_since_password = 0
            elif s is not None:
                time.sleep(1.0 if s == 503 else 0.05)  # Retry-After: 1
            continue
        body = '{"auth":{"token":{"id":"%s"},"tenantName":"demo"}}' % token
        s, h, b = exchange(pub, request("POST", "/v2.0/tokens", body, json_ct))
        if s == 200:
            shared[R["tokens issued"]] += 1
            issued_since_password += 1
            if mode == "newest":
                token = token_of(b)
        elif s == 401:
            shared[R["rescopes refused"]] += 1  # revoked by the cap (mode "first") or expired
            token = None
        elif s == 503:
            time.sleep(1.0)
        if not probed and mode == "newest" and token and first and issued_since_password >= 2 * cap:
            # The password's token is the user's oldest by far: the cap must have revoked it.
            probed = True
            for key, t in (("probe first token", first), ("probe newest token", token)):
                s, h, b = exchange(adm, request("GET", "/v2.0/tokens/" + t, headers={"X-Auth-Token": "ADMIN"}))
                shared[R[key]] = s or -1
    for c in conns.values():
        c.close()


def main():
    pub_url, adm_url, seconds, pid = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    workers = int(sys.argv[5]) if len(sys.argv) > 5 else 6
    cap = int(os.environ.get("SOAK_CAP", "1000"))
    limit_kb = int(os.environ.get("SOAK_RSS_LIMIT_KB", "20480"))
    warm_after = float(os.environ.get("SOAK_WARMUP", min(60, seconds / 4)))
    mode = os.environ.get("SOAK_RESCOPE_FROM", "newest")
    if mode not in ("newest", "first"):
        print("SOAK_RESCOPE_FROM must be newest or first")
        return 2
    stats, lock = Counter(), threading.Lock()
    start = time.time()
    deadline = start + seconds
    shared = multiprocessing.Array("q", len(RESCOPE_KEYS), lock=False)
    # Forked before the worker threads start.
    resc = multiprocessing.Process(target=rescoper, daemon=True,
                                   args=(hostport(pub_url), hostport(adm_url), deadline, mode, cap, shared))
    resc.start()
    ws = [Worker(hostport(pub_url), hostport(adm_url), deadline, stats, lock, i) for i in range(workers)]
    for w in ws:
        w.start()
    print("mixed traffic: %d workers as user %s; rescoper: user %s from the %s token; cap %d; "
          "warm-up at least %.0f s; RSS limit +%d kB" % (workers, MIXED_USER, RESCOPE_USER, mode, cap, warm_after, limit_kb),
          flush=True)

    def issued():
        return shared[R["tokens issued"]]

    def mixed_net():
        with lock:
            return stats["tokens issued"] - stats["tokens revoked"]

    samples = [(0.0, rss_kb(pid))]  # (seconds since start, kB)
    warm = None  # (seconds, kB)
    next_print = 30
    gone = False
    while any(w.is_alive() for w in ws) or resc.is_alive():
        time.sleep(1)
        t = time.time() - start
        if t > seconds + 60:
            break
        try:
            samples.append((t, rss_kb(pid)))
        except OSError:
            print("the server is gone")
            gone = True
            break
        if warm is None and t >= warm_after and issued() >= 2 * cap and mixed_net() > cap:
            warm = samples[-1]
            print("t=%4ds warm-up over: rss=%d kB (rescoper %d tokens, mixed user %d issued - revoked)"
                  % (t, warm[1], issued(), mixed_net()), flush=True)
        if t >= next_print:
            next_print += 30
            with lock:
                print("t=%4ds mixed requests=%d rescoper tokens=%d 5xx=%d rss=%d kB"
                      % (t, stats["requests"], issued(), stats["5xx"] + shared[R["5xx"]], samples[-1][1]), flush=True)
    hung = [w for w in ws if w.is_alive()]
    resc.join(5)
    if resc.is_alive():
        resc.kill()
        hung.append(resc)
    elapsed = time.time() - start
    rs = {k: shared[R[k]] for k in RESCOPE_KEYS}
    start_kb, final_kb = samples[0][1], samples[-1][1]
    after = [kb for t, kb in samples if warm and t >= warm[0]]
    max_kb = max(after) if after else max(kb for _, kb in samples)

    print("---- soak report ----")
    print("duration            %.0f s" % elapsed)
    print("mixed traffic (%d workers, user %s)" % (workers, MIXED_USER))
    print("  requests answered   %d" % stats["requests"])
    for k in sorted(k for k in stats if k.startswith("status ")):
        print("    %-18s %d" % (k, stats[k]))
    for k in ("2xx", "3xx", "4xx", "5xx", "503 auth queue full", "503 connection limit", "503 other",
              "connection errors", "abandoned connections", "tokens issued", "tokens revoked"):
        print("  %-19s %d" % (k, stats[k]))
    print("rescoper (user %s, from the %s token)" % (RESCOPE_USER, mode))
    for k in RESCOPE_KEYS:
        if k.startswith("probe") and mode != "newest":
            continue
        print("  %-25s %d" % (k, rs[k]))
    print("  tokens per second         %.0f" % (rs["tokens issued"] / max(elapsed, 1)))
    print("rss start           %d kB" % start_kb)
    if warm:
        print("rss warm-up         %d kB (at %.0f s)" % (warm[1], warm[0]))
        print("rss max after it    %d kB (%+d kB; limit %+d kB)" % (max_kb, max_kb - warm[1], limit_kb))
        print("rss final           %d kB (%+d kB, %+.1f%%)" % (final_kb, final_kb - warm[1], 100.0 * (final_kb - warm[1]) / warm[1]))
    else:
        print("rss max / final     %d / %d kB" % (max_kb, final_kb))

    fails = []
    if gone:
        fails.append("the server is gone")
    if hung:
        fails.append("%d workers hung" % len(hung))
    n5 = stats["5xx"] + rs["5xx"]
    if n5:
        fails.append("%d answers were 5xx" % n5)
    if warm is None:
        fails.append("the warm-up never ended: the rescoper issued %d tokens, the mixed user has %d "
                     "(issued - revoked); both must pass the cap of %d" % (issued(), mixed_net(), cap))
    elif max_kb - warm[1] > limit_kb:
        fails.append("RSS went %d kB above the warm-up figure (limit %d kB)" % (max_kb - warm[1], limit_kb))
    if rs["tokens issued"] < 10 * cap:
        fails.append("the rescoper issued %d tokens, fewer than 10 x the cap (%d)" % (rs["tokens issued"], 10 * cap))
    if mode == "newest" and (rs["probe first token"], rs["probe newest token"]) != (404, 200):
        fails.append("after 2 x cap rescopes the password's token answered %d (want 404) and the newest %d (want 200)"
                     % (rs["probe first token"], rs["probe newest token"]))
    for f in fails:
        print("FAIL: " + f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
