#!/usr/bin/python3
"""The identity-manage command line (examples/identity_manage.cpp): Fernet key repositories, and
the schema and bootstrap of a SQL store (on SQLite files).

usage: identity_manage_test.py IDENTITY_MANAGE CONFIG
"""

import os
import stat
import subprocess
import sys
import tempfile

MANAGE, CONFIG = sys.argv[1:] if len(sys.argv) == 3 else sys.exit(__doc__)
failures = []


def run(*args):
    r = subprocess.run([MANAGE, *args], capture_output=True, text=True, timeout=30)
    return r.returncode, r.stdout, r.stderr


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def keys(d):
    return sorted(int(n) for n in os.listdir(d))


with tempfile.TemporaryDirectory() as tmp:
    repo = os.path.join(tmp, "fernet-keys")
    rc, out, err = run("fernet-setup", "--keys", repo)
    check(rc == 0, f"fernet-setup: exit 0 ({rc}, {err.strip()})")
    check(keys(repo) == [0, 1], f"fernet-setup: keys 0 (staged) and 1 (primary): {keys(repo)}")
    check(stat.S_IMODE(os.stat(repo).st_mode) == 0o700, "the repository is 0700")
    check(all(stat.S_IMODE(os.stat(os.path.join(repo, n)).st_mode) == 0o600 for n in os.listdir(repo)),
          "every key file is 0600")
    primary = open(os.path.join(repo, "1")).read()
    check(len(primary) == 44 and primary.endswith("="), "a key is 32 bytes of padded base64url")

    before = {n: open(os.path.join(repo, n)).read() for n in os.listdir(repo)}
    rc, _, _ = run("fernet-setup", "--keys", repo)
    check(rc == 0 and {n: open(os.path.join(repo, n)).read() for n in os.listdir(repo)} == before,
          "fernet-setup again leaves a repository as it is")

    staged = open(os.path.join(repo, "0")).read()
    rc, out, _ = run("fernet-rotate", "--keys", repo)
    check(rc == 0 and keys(repo) == [0, 1, 2], f"fernet-rotate: keys 0, 1, 2: {keys(repo)}")
    check(open(os.path.join(repo, "2")).read() == staged, "the staged key became the primary")
    check("3 keys" in out, f"fernet-rotate says how many keys: {out.strip()}")
    for _ in range(3):
        run("fernet-rotate", "--keys", repo)
    check(keys(repo) == [0, 4, 5], f"past max_active_keys (3) the oldest go: {keys(repo)}")
    rc, _, _ = run("fernet-rotate", "--keys", repo, "--max-active-keys", "2")
    check(rc == 0 and keys(repo) == [0, 6], f"--max-active-keys 2: {keys(repo)}")

    with open(os.path.join(repo, "7"), "w") as f:
        f.write("not a key")
    rc, _, err = run("fernet-rotate", "--keys", repo)
    check(rc == 1 and "/7" in err, f"a file that is no key: exit 1, named ({rc}, {err.strip()})")
    check(keys(repo) == [0, 6, 7], f"... and the repository is left as it was: {keys(repo)}")

    empty = os.path.join(tmp, "empty")
    os.mkdir(empty)
    rc, _, err = run("fernet-rotate", "--keys", empty)
    check(rc == 1 and "no keys" in err, f"rotating an empty repository: exit 1 ({rc}, {err.strip()})")
    rc, _, err = run("fernet-rotate", "--keys", os.path.join(tmp, "missing"))
    check(rc == 1 and "missing" in err, f"a missing repository: exit 1, named ({rc}, {err.strip()})")
    blocker = os.path.join(tmp, "file")
    open(blocker, "w").close()
    rc, _, err = run("fernet-setup", "--keys", os.path.join(blocker, "keys"))
    check(rc == 1 and err.startswith("identity-manage: fernet-setup:"),
          f"a repository that cannot be made: exit 1 ({rc}, {err.strip()})")

    db = "sqlite:" + os.path.join(tmp, "identity.db")
    rc, out, err = run("db-sync", "--store", db)
    check(rc == 0 and "schema version" in out, f"db-sync: exit 0, the version said ({rc}, {out.strip()}, {err.strip()})")
    version = out.strip()
    rc, out, err = run("db-sync", "--store", db)
    check(rc == 0 and out.strip() == version, f"db-sync again: nothing to do, the same version ({rc}, {out.strip()})")
    rc, out, err = run("bootstrap", "--store", db, "--config", CONFIG)
    check(rc == 0 and "bootstrapped from" in out, f"bootstrap: exit 0 ({rc}, {out.strip()}, {err.strip()})")
    rc, out, err = run("bootstrap", "--store", db, "--config", CONFIG)
    check(rc == 0 and "already holds data" in out, f"bootstrap again: exit 0, left as it is ({rc}, {out.strip()})")

    fresh = "sqlite:" + os.path.join(tmp, "fresh.db")
    rc, _, err = run("bootstrap", "--store", fresh, "--config", CONFIG)
    check(rc == 1 and "run identity-manage db-sync --store URL first" in err, f"bootstrap before db-sync: exit 1, says so ({rc}, {err.strip()})")
    for bad in ["mysql://localhost/keystone", "sqlite:"]:
        rc, _, err = run("db-sync", "--store", bad)
        check(rc == 1 and err.startswith("identity-manage: db-sync: " + bad),
              f"a bad URL {bad!r}: exit 1, named ({rc}, {err.strip()})")
    rc, _, err = run("db-sync", "--store", "sqlite:" + os.path.join(blocker, "x.db"))
    check(rc == 1 and "cannot open" in err, f"a database that cannot be opened: exit 1 ({rc}, {err.strip()})")
    rc, _, err = run("bootstrap", "--store", db, "--config", os.path.join(tmp, "missing.json"))
    check(rc == 1 and "missing.json" in err, f"a missing configuration: exit 1, named ({rc}, {err.strip()})")

    for args in [(), ("fernet-setup",), ("db-sync",), ("db-sync", "--store"), ("bootstrap", "--store", db),
                 ("bootstrap", "--config", CONFIG), ("db-sync", "--keys", repo), ("fernet-setup", "--store", db), ("fernet-setup", "--keys"), ("db-nothing", "--keys", repo),
                 ("fernet-rotate", "--keys", repo, "--max-active-keys", "0"),
                 ("fernet-rotate", "--keys", repo, "--bogus", "1")]:
        rc, _, err = run(*args)
        check(rc == 2 and err, f"usage error {args}: exit 2 ({rc})")

if failures:
    sys.exit(f"{len(failures)} failed")
print("all passed")
