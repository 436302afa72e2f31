#!/usr/bin/python3
"""identity-server --store on a SQLite file (examples/identity_server.cpp): refused before db-sync,
bootstrapped from --config on first start, its tokens kept across a restart; bad stores stop it
before it listens.

usage: identity_server_store_test.py IDENTITY_SERVER IDENTITY_MANAGE CONFIG
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

SERVER, MANAGE, CONFIG = sys.argv[1:] if len(sys.argv) == 4 else sys.exit(__doc__)
LISTEN = ["--public", "127.0.0.1:0", "--admin", "127.0.0.1:0"]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def refused(*args):
    """A server that must not start: its exit code, stdout and stderr."""
    r = subprocess.run([SERVER, "--config", CONFIG, *LISTEN, *args], capture_output=True, text=True, timeout=30)
    return r.returncode, r.stdout, r.stderr


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
    def __init__(self, *args):
        self.proc = subprocess.Popen([SERVER, "--config", CONFIG, *LISTEN, *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.urls = {}
        while len(self.urls) < 2:  # two lines, or the end of its output
            line = self.proc.stdout.readline()
            if not line:
                break
            side, url = line.split()
            self.urls[side] = url

    def stop(self):
        self.proc.terminate()
        _, err = self.proc.communicate(timeout=30)
        return err


def authenticate(public):
    return call(public + "/v2.0/tokens",
                {"auth": {"passwordCredentials": {"username": "demo", "password": "secretsecret"},
                          "tenantName": "demo"}})


with tempfile.TemporaryDirectory() as tmp:
    db = "sqlite:" + os.path.join(tmp, "identity.db")
    rc, out, err = refused("--store", db)
    check(rc == 1 and out == "" and "identity-manage db-sync --store" in err,
          f"a database without the schema: exit 1 before listening, db-sync asked for ({rc}, {err.strip()})")
    for bad in ["mysql://localhost/keystone", "postgresql://nobody@127.0.0.1:1/none"]:
        rc, out, err = refused("--store", bad)
        check(rc == 1 and out == "" and err.startswith("identity-server: --store " + bad) and err.count("\n") == 1,
              f"store {bad}: exit 1 before listening, one line naming it ({rc}, {err.strip()})")

    subprocess.run([MANAGE, "db-sync", "--store", db], check=True, capture_output=True, timeout=30)
    a = Server("--store", db, "--db-pool", "2")
    check("public" in a.urls, f"the server starts on the synced database: {a.urls}")
    status, doc = authenticate(a.urls.get("public", "http://127.0.0.1:1"))
    check(status == 200, f"the demo user authenticates against the bootstrapped database ({status})")
    token = doc["access"]["token"]["id"] if doc else ""
    err = a.stop()
    check("bootstrapped from " + CONFIG in err, "first start: 'bootstrapped from FILE'")

    b = Server("--store", db)
    status, _ = call(b.urls.get("admin", "http://127.0.0.1:1") + "/v2.0/tokens/" + token,
                     headers={"X-Auth-Token": "ADMIN"})
    check(status == 200, f"a token issued before the restart still validates ({status})")
    err = b.stop()
    check("database already holds data; --config used for settings only" in err,
          "second start: the database is left as it is")

if failures:
    sys.exit(f"{len(failures)} failed")
print("all passed")
