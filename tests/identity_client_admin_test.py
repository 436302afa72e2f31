#!/usr/bin/python3
"""identity-client's admin commands (examples/identity_client.cpp) against the example
identity-server (memory store, loopback, ephemeral ports): tenant, user, role, service, endpoint
and ec2 credentials, -f json and -f table, the effects seen through other commands, and the exit
codes of faults (1) and usage errors (2).

usage: identity_client_admin_test.py IDENTITY_SERVER IDENTITY_CLIENT CONFIG
"""

import json
import os
import subprocess
import sys
import tempfile

SERVER, CLIENT, CONFIG = sys.argv[1:] if len(sys.argv) == 4 else sys.exit(__doc__)
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


# The demo scenario with cheap hashes for the users the test makes (the demo's keep their own).
with open(CONFIG) as f:
    config = json.load(f)
config["pbkdf2_iterations"] = 1000
scratch = tempfile.TemporaryDirectory()
CONFIG = os.path.join(scratch.name, "config.json")
with open(CONFIG, "w") as f:
    json.dump(config, f)

server = subprocess.Popen([SERVER, "--config", CONFIG, "--store", "memory", "--public", "127.0.0.1:0",
                           "--admin", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
urls = {}
while len(urls) < 2:  # two lines, or the end of its output
    line = server.stdout.readline()
    if not line:
        break
    side, url = line.split()
    urls[side] = url
if len(urls) < 2:
    server.kill()
    sys.exit("identity-server did not start: " + server.stderr.read())

BASE = {"PATH": os.environ.get("PATH", ""), "OS_AUTH_URL": urls["public"] + "/v2.0",
        "OS_ADMIN_URL": urls["admin"] + "/v2.0"}
ADMIN = {**BASE, "OS_TOKEN": "ADMIN"}


def cli(*args, env=ADMIN):
    r = subprocess.run([CLIENT, *args], capture_output=True, text=True, env=env, timeout=30)
    return r.returncode, r.stdout, r.stderr


def js(*args, env=ADMIN):
    """A command with -f json: its document, or None when it failed."""
    rc, out, err = cli("-f", "json", *args, env=env)
    if rc != 0:
        print(f"     {' '.join(args)}: exit {rc}: {err.strip()}")
        return None
    return json.loads(out)


def as_user(name, password, tenant=None):
    env = {**BASE, "OS_USERNAME": name, "OS_PASSWORD": password}
    if tenant:
        env["OS_TENANT_NAME"] = tenant
    return env


try:
    t = js("tenant", "create", "acme", "--description", "Acme Inc")
    check(t is not None and t["name"] == "acme" and t["enabled"] == "True" and t["id"], f"tenant create: {t}")
    tid = t["id"] if t else "none"
    rc, out, _ = cli("tenant", "set", tid, "--description", "Acme Corp", "--disable")
    check(rc == 0 and "| description | Acme Corp" in out and "| enabled     | False" in out,
          f"tenant set, -f table: Field and Value rows ({out!r})")
    check(js("tenant", "set", tid, "--enable") is not None, "tenant set --enable")

    u = js("user", "create", "bob", "--password", "first-pass", "--email", "bob@example.com", "--tenant", tid)
    check(u is not None and u["name"] == "bob" and u["tenant_id"] == tid and u["id"], f"user create: {u}")
    uid = u["id"] if u else "none"
    u2 = js("user", "set", uid, "--email", "robert@example.com")
    check(u2 is not None and u2["email"] == "robert@example.com", f"user set: {u2}")

    r = js("role", "create", "ops")
    check(r is not None and r["name"] == "ops" and r["id"], f"role create: {r}")
    rid = r["id"] if r else "none"
    rc, out, err = cli("role", "add", rid, "--user", uid, "--tenant", tid)
    check(rc == 0 and out == "", f"role add: exit 0, nothing printed ({rc}, {err.strip()})")

    s = js("service", "create", "widget", "--name", "widgets", "--description", "Widget service")
    check(s is not None and s["type"] == "widget" and s["id"], f"service create: {s}")
    sid = s["id"] if s else "none"
    e = js("endpoint", "create", sid, "--region", "RegionOne", "--publicurl", "http://127.0.0.1:9999/w",
           "--adminurl", "http://127.0.0.1:9998/w")
    check(e is not None and e["service_id"] == sid and e["publicurl"] == "http://127.0.0.1:9999/w" and e["id"],
          f"endpoint create: {e}")
    eid = e["id"] if e else "none"

    # The new user, with the granted role on the new tenant, finds the new endpoint in the catalog.
    bob = as_user("bob", "first-pass", "acme")
    got = js("endpoint", "get", "widget", env=bob)
    check(got is not None and got["url"] == "http://127.0.0.1:9999/w", f"bob's catalog has the new endpoint: {got}")

    k = js("ec2", "credentials", "create", "--user", uid, "--tenant", tid)
    check(k is not None and k["access"] and k["secret"] and k["tenant_id"] == tid, f"ec2 credentials create: {k}")
    access = k["access"] if k else "none"
    ks = js("ec2", "credentials", "list", "--user", uid)
    check(ks is not None and [x["access"] for x in ks] == [access], f"ec2 credentials list -f json: {ks}")
    rc, out, _ = cli("ec2", "credentials", "list", "--user", uid)
    check(rc == 0 and out.splitlines()[1].split() == ["|", "access", "|", "secret", "|", "tenant_id", "|",
                                                       "user_id", "|"] and access in out,
          f"ec2 credentials list -f table: a header and the row ({out!r})")

    # Passwords: the admin's change, then the user's own (OS-KSCRUD); each old one refused at once.
    check(js("user", "password", uid, "second-pass") is not None, "user password (admin)")
    rc, _, err = cli("token", "issue", env=bob)
    check(rc == 1 and "unauthorized (HTTP 401)" in err, f"the old password is refused: exit 1 ({rc}, {err.strip()})")
    own = js("user", "password", uid, "third-pass", "--original", "second-pass",
             env=as_user("bob", "second-pass", "acme"))
    check(own is not None and own["id"] and own["user_id"] == uid, f"user password --original: a new token {own}")
    check(cli("token", "issue", env=as_user("bob", "second-pass"))[0] == 1, "the replaced password is refused")
    check(js("token", "issue", env=as_user("bob", "third-pass")) is not None, "the new password works")

    # Disabled: bob cannot authenticate.
    check(js("user", "set", uid, "--disable") is not None, "user set --disable")
    rc, _, err = cli("token", "issue", env=as_user("bob", "third-pass"))
    check(rc == 1 and "userDisabled (HTTP 403)" in err, f"a disabled user is refused: 403 ({rc}, {err.strip()})")

    # Errors: faults exit 1 with the fault kind; usage errors exit 2; a wrong admin token is 401.
    rc, _, err = cli("role", "add", rid)
    check(rc == 2 and "--user" in err, f"role add without --user: usage, exit 2 ({rc}, {err.strip()})")
    rc, _, err = cli("endpoint", "create", sid)
    check(rc == 2 and "--publicurl" in err, f"endpoint create without a URL: exit 2 ({rc})")
    rc, _, err = cli("tenant", "delete", "no-such-tenant")
    check(rc == 1 and "itemNotFound (HTTP 404)" in err, f"tenant delete of an unknown id: exit 1, 404 ({err.strip()})")
    rc, _, err = cli("tenant", "create", "acme")
    check(rc == 1 and "HTTP 409" in err, f"a second tenant acme: exit 1, 409 ({err.strip()})")
    rc, _, err = cli("user", "delete", uid, env={**BASE, "OS_TOKEN": "not-the-admin-token"})
    check(rc == 1 and "HTTP 401" in err, f"a wrong admin token: exit 1, 401 ({err.strip()})")
    rc, _, err = cli("user", "delete", "")
    check(rc == 1 and "invalid argument" in err, f"an empty id: refused, exit 1 ({err.strip()})")

    # Delete everything: each once (exit 0), then again (404, exit 1).
    deletes = [("ec2", "credentials", "delete", access, "--user", uid), ("endpoint", "delete", eid),
               ("service", "delete", sid), ("role", "remove", rid, "--user", uid, "--tenant", tid),
               ("role", "delete", rid), ("user", "delete", uid), ("tenant", "delete", tid)]
    for d in deletes:
        rc, out, err = cli(*d)
        check(rc == 0 and out == "", f"{' '.join(d[:2])}: exit 0 ({rc}, {err.strip()})")
    for d in deletes:
        rc, _, err = cli(*d)
        check(rc == 1 and "HTTP 404" in err, f"{' '.join(d[:2])} again: exit 1, 404 ({rc}, {err.strip()})")
finally:
    server.terminate()
    server.communicate(timeout=30)
    scratch.cleanup()

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
