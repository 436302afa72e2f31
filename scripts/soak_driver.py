#!/usr/bin/env python3
"""Mixed valid and invalid traffic against identity-server on loopback, for scripts/soak.sh.

usage: soak_driver.py PUBLIC_URL ADMIN_URL SECONDS SERVER_PID [WORKERS]

Each worker picks scenarios at random (valid ones about half the time) and counts answers by
class. Every 30 s and at the end it prints requests, errors by class, 5xx and the server's RSS
(VmRSS from /proc). Exit status: 0 when no 5xx was seen, nothing hung, and the server stayed up.
Only the Python standard library, only loopback.
"""
import json
import random
import re
import socket
import sys
import threading
import time
from collections import Counter

MARKER = "SOAK-MARKER-pw-3e9d"  # a password that must never show in the server's log
NS = ' xmlns="http://docs.openstack.org/identity/api/v2.0"'
GOOD_JSON = json.dumps({"auth": {"tenantName": "demo", "passwordCredentials": {"username": "demo", "password": "secretsecret"}}})
GOOD_XML = '<auth%s tenantName="demo"><passwordCredentials username="demo" password="secretsecret"/></auth>' % NS
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

    def __init__(self, addr):
        self.sock = socket.create_connection(addr, timeout=10)
        self.buf = b""

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("closed by server")
        self.buf += data

    def response(self, head=False):
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
            return self.response(head)
        n = 0 if head or status in (204, 304) else int(headers.get("content-length", "0"))
        while len(self.buf) < n:
            self._fill()
        body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body


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
            self.exchange(self.adm, request("DELETE", "/v2.0/tokens/" + t, headers={"X-Auth-Token": "ADMIN"}))

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


def main():
    pub_url, adm_url, seconds, pid = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    workers = int(sys.argv[5]) if len(sys.argv) > 5 else 6
    stats, lock = Counter(), threading.Lock()
    start = time.time()
    deadline = start + seconds
    ws = [Worker(hostport(pub_url), hostport(adm_url), deadline, stats, lock, i) for i in range(workers)]
    for w in ws:
        w.start()
    rss = [rss_kb(pid)]
    warm = None
    while any(w.is_alive() for w in ws):
        time.sleep(min(30, max(1, deadline - time.time())) if time.time() < deadline else 1)
        if time.time() > deadline + 60:
            break
        try:
            rss.append(rss_kb(pid))
        except OSError:
            print("the server is gone")
            return 1
        if warm is None and time.time() - start >= min(60, seconds / 4):
            warm = rss[-1]
        with lock:
            print("t=%4ds requests=%d 5xx=%d rss=%d kB" % (time.time() - start, stats["requests"], stats["5xx"], rss[-1]),
                  flush=True)
    hung = [w for w in ws if w.is_alive()]
    warm = warm or rss[0]
    print("---- soak report ----")
    print("duration            %.0f s" % (time.time() - start))
    print("requests answered   %d" % stats["requests"])
    for k in sorted(k for k in stats if k.startswith("status ")):
        print("  %-18s %d" % (k, stats[k]))
    for k in ("2xx", "3xx", "4xx", "5xx", "connection errors", "abandoned connections"):
        print("%-19s %d" % (k, stats[k]))
    print("rss start/warm/end/max  %d / %d / %d / %d kB" % (rss[0], warm, rss[-1], max(rss)))
    print("rss drift after warm-up %+d kB (%+.1f%%)" % (rss[-1] - warm, 100.0 * (rss[-1] - warm) / max(warm, 1)))
    if hung:
        print("FAIL: %d workers hung" % len(hung))
    if stats["5xx"]:
        print("FAIL: %d answers were 5xx" % stats["5xx"])
    return 1 if hung or stats["5xx"] else 0


if __name__ == "__main__":
    sys.exit(main())
