#!/usr/bin/python3
"""identity-server's stores (examples/identity_server.cpp): without --store, its own SQLite
database in the data folder, made and bootstrapped on first start, kept across restarts; --store on
a SQLite file: refused before db-sync, bootstrapped from --config on first start, its tokens kept
across a restart; bad stores stop it before it listens.

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
    def __init__(self, *args, env=None):
        self.proc = subprocess.Popen([SERVER, "--config", CONFIG, *LISTEN, *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env)
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

# The default store: the data folder's own database, made, migrated and bootstrapped on first start.
with tempfile.TemporaryDirectory() as tmp:
    env = {k: v for k, v in os.environ.items() if k != "STATE_DIRECTORY"}
    env["XDG_STATE_HOME"] = os.path.join(tmp, "state")
    folder = os.path.join(tmp, "state", "openstack-identity-v2")
    a = Server(env=env)
    status, doc = authenticate(a.urls.get("public", "http://127.0.0.1:1"))
    check(status == 200, f"no --store: the demo user authenticates against the data folder's database ({status})")
    token = doc["access"]["token"]["id"] if doc else ""
    err = a.stop()
    check(f"data in {folder}" in err and "bootstrapped from " + CONFIG in err,
          f"first start: the data folder named, bootstrapped ({err.strip()[:200]})")
    check(os.path.isfile(os.path.join(folder, "identity.sqlite")), "the database is in $XDG_STATE_HOME/openstack-identity-v2")
    check(os.stat(folder).st_mode & 0o777 == 0o700, "the data folder is its owner's only")

    b = Server("--data", folder)
    status, _ = call(b.urls.get("admin", "http://127.0.0.1:1") + "/v2.0/tokens/" + token,
                     headers={"X-Auth-Token": "ADMIN"})
    check(status == 200, f"restarted on the same folder (--data), a token of the first start validates ({status})")
    err = b.stop()
    check("database already holds data" in err, "second start: not bootstrapped again")

    rc, out, err = refused("--data", folder, "--store", "memory")
    check(rc == 2 and out == "" and "not with --store" in err, f"--data with --store: a usage error ({rc}, {err.strip()})")
    blocker = os.path.join(tmp, "file")
    open(blocker, "w").close()
    rc, out, err = refused("--data", os.path.join(blocker, "data"))
    check(rc == 1 and out == "" and "cannot make the data folder" in err,
          f"a data folder that cannot be made: exit 1 before listening ({rc}, {err.strip()})")

if failures:
    sys.exit(f"{len(failures)} failed")
print("all passed")
