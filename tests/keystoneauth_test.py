#!/usr/bin/python3
"""Real-client check: python keystoneauth1 (Debian python3-keystoneauth1) against identity-server.

usage: keystoneauth_test.py IDENTITY_SERVER CONFIG [FERNET_TOOL]

Starts the server on ephemeral loopback ports, authenticates as a new user would, checks the
catalog, token validation on the admin listener and version discovery, then stops the server with
SIGTERM and checks that it exits cleanly. With FERNET_TOOL (tests/fernet_tool.cpp), the server
issues Fernet tokens (--token-provider fernet) from a key repository the tool sets up, after a
missing repository has been seen to stop it before it listens. Exits 77 (skipped) when
keystoneauth1 is missing.
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

try:
    from keystoneauth1 import exceptions, session
    from keystoneauth1.identity import generic, v2
except ImportError:
    print("keystoneauth1 is not installed for", sys.executable, "(apt-get install python3-keystoneauth1)")
    sys.exit(77)

DEMO_TENANT_ID = "fc394f2ab2df4114bde39905f800dc57"
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def main():
    server, config = sys.argv[1], sys.argv[2]
    fernet_tool = sys.argv[3] if len(sys.argv) > 3 else None
    with tempfile.TemporaryDirectory() as work:
        # The server's default store: a SQLite database in its data folder.
        args = [server, "--config", config, "--public", "127.0.0.1:0", "--admin", "127.0.0.1:0",
                "--data", os.path.join(work, "data")]
        keys = os.path.join(work, "keys")
        if fernet_tool:
            args += ["--token-provider", "fernet", "--fernet-keys", keys]
            r = subprocess.run(args, capture_output=True, text=True, timeout=30)
            check(r.returncode == 1 and r.stdout == "" and keys in r.stderr,
                  "a missing key repository stops the server before it listens: " + r.stderr.strip())
            subprocess.run([fernet_tool, "setup", keys], check=True)
        return run(args, fernet_tool, keys)


def run(args, fernet_tool, keys):
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        urls = {}
        while len(urls) < 2:
            line = proc.stdout.readline()
            if not line:
                print("server exited:", proc.stderr.read())
                return 1
            side, url = line.split()
            urls[side] = url
        public, admin = urls["public"], urls["admin"]
        print("server:", public, admin)

        # 1. What a new user writes: v2 Password against the public /v2.0.
        auth = v2.Password(auth_url=public + "/v2.0", username="demo", password="secretsecret", tenant_name="demo")
        sess = session.Session(auth=auth)
        token = sess.get_token()
        print("token:", token)
        if fernet_tool:
            payload = subprocess.run([fernet_tool, "read", keys, token], capture_output=True, text=True)
            check(payload.returncode == 0 and DEMO_TENANT_ID in payload.stdout,
                  "v2.Password got a Fernet token of the demo tenant")
        else:
            check(len(token) == 32, "v2.Password got a 128-bit token id")
        compute = sess.get_endpoint(service_type="compute", interface="public")
        print("compute:", compute)
        check(compute == "http://127.0.0.1:8774/v2/" + DEMO_TENANT_ID, "compute URL from the catalog")
        ident_pub = sess.get_endpoint(service_type="identity", interface="public")
        ident_adm = sess.get_endpoint(service_type="identity", interface="admin")
        print("identity:", ident_pub, ident_adm)
        check(ident_pub == public + "/v2.0" and ident_adm == admin + "/v2.0", "identity endpoint is this server")
        access = auth.get_access(sess)
        print("roles:", access.role_names, "project:", access.project_name, "expires:", access.expires)
        check(sorted(access.role_names) == ["Member", "anotherrole"], "role names")
        check(len(access.role_ids) == 2, "role ids from metadata.roles")
        check(access.project_id == DEMO_TENANT_ID, "project id")

        # 2. Version discovery from the unversioned URL (GET / answers 300).
        g = generic.Password(auth_url=public, username="demo", password="secretsecret", tenant_name="demo")
        gs = session.Session(auth=g)
        check(gs.get_endpoint(service_type="compute") == compute, "generic.Password with discovery")

        # 3. Token rescoping (keystoneauth also sends X-Auth-Token).
        unscoped = v2.Password(auth_url=public + "/v2.0", username="demo", password="secretsecret")
        us = session.Session(auth=unscoped)
        ut = us.get_token()
        rescoped = v2.Token(auth_url=public + "/v2.0", token=ut, tenant_name="demo")
        rs = session.Session(auth=rescoped)
        check(rs.get_endpoint(service_type="compute") == compute, "v2.Token rescope to the demo tenant")

        # 4. Wrong password: Unauthorized (401).
        bad = session.Session(auth=v2.Password(auth_url=public + "/v2.0", username="demo", password="wrong"))
        try:
            bad.get_token()
            check(False, "wrong password refused")
        except exceptions.Unauthorized as e:
            check(True, "wrong password refused (%s)" % e.http_status)

        # 5. Admin listener: validate, check (HEAD), belongsTo, endpoints, revoke.
        plain = session.Session()
        h = {"X-Auth-Token": "ADMIN"}
        r = plain.get(admin + "/v2.0/tokens/" + token, headers=h, params={"belongsTo": DEMO_TENANT_ID})
        check(r.status_code == 200 and r.json()["access"]["token"]["id"] == token, "validate with belongsTo")
        check(r.json()["access"]["token"]["expires"].endswith("Z"), "expires ends in Z")
        r = plain.head(admin + "/v2.0/tokens/" + token, headers=h)
        check(r.status_code == 200 and not r.content, "HEAD token")
        r = plain.get(admin + "/v2.0/tokens/" + token, headers=h, params={"belongsTo": "other"}, raise_exc=False)
        check(r.status_code == 404, "belongsTo mismatch is 404")
        r = plain.get(admin + "/v2.0/tokens/" + token, headers={"X-Auth-Token": token}, raise_exc=False)
        check(r.status_code == 403, "non-admin token is 403")
        r = plain.get(admin + "/v2.0/tokens/" + token + "/endpoints", headers=h)
        check(len(r.json()["endpoints"]) == 10, "token endpoints")
        r = plain.get(public + "/v2.0/tenants", headers={"X-Auth-Token": token})
        check([t["name"] for t in r.json()["tenants"]] == ["demo"], "public tenant list")
        r = plain.get(public + "/v2.0", headers={"Accept": "application/xml"})
        check(r.headers["Content-Type"] == "application/xml" and b"v2.0" in r.content, "XML version document")
        r = plain.delete(admin + "/v2.0/tokens/" + ut, headers=h)
        check(r.status_code == 204, "revoke")
        r = plain.get(admin + "/v2.0/tokens/" + ut, headers=h, raise_exc=False)
        check(r.status_code == 404, "revoked token is 404")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = None
        log = proc.stderr.read()
        check(code == 0, "server stopped on SIGTERM (exit %s)" % code)
        check("secretsecret" not in log and "wrong" not in log, "no password in the server log")
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
