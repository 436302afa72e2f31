#!/usr/bin/python3
"""Two identity-server processes behind one PostgreSQL database and one Fernet key repository, as
docs/server.md tells operators to run them: a token issued by one validates on the other; revoked
on the second, the first answers 404 within its revocation refresh; after a restart of the first,
the token still validates; after identity-manage fernet-rotate, both mint with the new primary
without a restart, and the tokens of the old primary still validate.

PostgreSQL is started by the test: initdb into a temporary folder, postgres on a free loopback
port, as the user postgres when run as root; stopped and removed at the end.

usage: identity_server_cluster_test.py IDENTITY_SERVER IDENTITY_MANAGE CONFIG
"""

import contextlib
import glob
import json
import os
import pwd
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from cryptography.fernet import Fernet, InvalidToken

SERVER, MANAGE, CONFIG = sys.argv[1:] if len(sys.argv) == 4 else sys.exit(__doc__)
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def postgresql(tmp):
    """A PostgreSQL server of the test's own; yields its URL for the database postgres."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not bins:
        sys.exit("PostgreSQL's initdb is not in /usr/lib/postgresql/<version>/bin: install postgresql-15")
    bin_dir = os.path.dirname(bins[0])
    user = None
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        user = "postgres"
        pw = pwd.getpwnam(user)
        os.chown(tmp, pw.pw_uid, pw.pw_gid)
    data, log = os.path.join(tmp, "data"), os.path.join(tmp, "postgres.log")
    subprocess.run([os.path.join(bin_dir, "initdb"), "-D", data, "-U", "osi", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync"], user=user, check=True, capture_output=True, timeout=120)
    port = free_port()
    with open(log, "w") as out:
        if user:
            os.chown(log, pw.pw_uid, pw.pw_gid)
        pg = subprocess.Popen([os.path.join(bin_dir, "postgres"), "-D", data, "-p", str(port), "-h", "127.0.0.1",
                               "-k", tmp, "-F", "-c", "synchronous_commit=off"],
                              user=user, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):  # 20 s
            if subprocess.run([os.path.join(bin_dir, "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                              capture_output=True).returncode == 0:
                break
            if pg.poll() is not None:
                sys.exit("PostgreSQL exited at start: " + open(log).read()[-2000:])
            time.sleep(0.1)
        else:
            sys.exit("PostgreSQL was not ready within 20 s")
        yield f"postgresql://osi@127.0.0.1:{port}/postgres"
    finally:
        pg.terminate()  # smart shutdown: the servers are gone by then
        try:
            pg.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pg.kill()
            pg.wait()


def call(url, body=None, headers=None, method=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


class Server:
    def __init__(self, store, keys):
        self.proc = subprocess.Popen([SERVER, "--config", CONFIG, "--public", "127.0.0.1:0", "--admin", "127.0.0.1:0",
                                      "--store", store, "--token-provider", "fernet", "--fernet-keys", keys],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.urls = {}
        while len(self.urls) < 2:  # two lines, or the end of its output
            line = self.proc.stdout.readline()
            if not line:
                sys.exit("identity-server did not start: " + self.proc.stderr.read())
            side, url = line.split()
            self.urls[side] = url

    def issue(self):
        status, doc = call(self.urls["public"] + "/v2.0/tokens",
                           {"auth": {"passwordCredentials": {"username": "demo", "password": "secretsecret"},
                                     "tenantName": "demo"}})
        check(status == 200, f"the demo user authenticates ({status})")
        return doc["access"]["token"]["id"] if doc else ""

    def validate(self, token):
        return call(self.urls["admin"] + "/v2.0/tokens/" + token, headers={"X-Auth-Token": "ADMIN"})[0]

    def revoke(self, token):
        return call(self.urls["admin"] + "/v2.0/tokens/" + token, headers={"X-Auth-Token": "ADMIN"},
                    method="DELETE")[0]

    def stop(self):
        self.proc.terminate()
        self.proc.communicate(timeout=30)


def settles(server, token, want, limit=5.0):
    """The status the server answers for the token once it is `want` (polled for at most
    `limit` seconds), and how long that took."""
    start = time.monotonic()
    while True:
        got = server.validate(token)
        elapsed = time.monotonic() - start
        if got == want or elapsed > limit:
            return got, elapsed
        time.sleep(0.05)


def minted_with(keys, name, token):
    """True when the repository's key file `name` alone opens the token (its padding restored)."""
    key = open(os.path.join(keys, name), "rb").read().strip()
    try:
        Fernet(key).decrypt(token + "=" * (-len(token) % 4))
        return True
    except InvalidToken:
        return False


with tempfile.TemporaryDirectory() as tmp:
    os.chmod(tmp, 0o711)  # the user postgres reaches its own folder within
    pg_dir = os.path.join(tmp, "pg")
    os.mkdir(pg_dir)
    keys = os.path.join(tmp, "keys")
    with postgresql(pg_dir) as store:
        subprocess.run([MANAGE, "db-sync", "--store", store], check=True, capture_output=True, timeout=60)
        subprocess.run([MANAGE, "fernet-setup", "--keys", keys], check=True, capture_output=True, timeout=30)
        a, b = Server(store, keys), Server(store, keys)
        try:
            t1 = a.issue()
            check(b.validate(t1) == 200, "a token issued by the first server validates on the second")
            check(a.validate(t1) == 200, "and on the first, which has now read the revocation events")
            check(b.revoke(t1) == 204, "the second revokes it")
            status, took = settles(a, t1, 404)
            # The revocation refresh is 1 s (backend_options::revocation_refresh); requests take some.
            check(status == 404 and took < 2.0, f"the first answers 404 within its refresh ({status} after {took:.2f} s)")

            t2 = a.issue()
            a.stop()
            a = Server(store, keys)
            check(a.validate(t2) == 200, "after a restart of the first, a token it issued before still validates")
            check(a.validate(t1) == 404, "and the revoked one is still revoked")

            check(minted_with(keys, "1", t2), "tokens are minted with the primary key 1")
            subprocess.run([MANAGE, "fernet-rotate", "--keys", keys], check=True, capture_output=True, timeout=30)
            time.sleep(1.2)  # each server reads the repository again at most once a second
            t3, t4 = a.issue(), b.issue()
            check(minted_with(keys, "2", t3) and minted_with(keys, "2", t4),
                  "after fernet-rotate, both running servers mint with the new primary 2")
            check(a.validate(t2) == 200 and b.validate(t2) == 200 and b.validate(t3) == 200,
                  "the old primary's token still validates on both, and the new one across")
            subprocess.run([MANAGE, "fernet-rotate", "--keys", keys, "--max-active-keys", "3"], check=True,
                           capture_output=True, timeout=30)
            status, took = settles(b, t2, 404)
            check(status == 404, f"once its key is purged, the old token is refused ({status} after {took:.2f} s)")
            check(b.validate(t3) == 200, "the previous primary's token still validates")
        finally:
            a.stop()
            b.stop()

if failures:
    sys.exit(f"{len(failures)} failed")
print("all passed")
