#!/usr/bin/python3
"""Real-client check of the admin API: python-keystoneclient's v2_0 Client (Debian
python3-keystoneclient), unchanged, against identity-server.

usage: keystoneclient_test.py IDENTITY_SERVER IDENTITY_MANAGE CONFIG

1. With --store memory: an admin creates a tenant, a user, a role, grants it, creates a service
   and an endpoint (OS-KSADM); the new user authenticates and finds the endpoint in the catalog;
   the user changes their password (OS-KSCRUD) and the admin does (OS-KSADM): each time the old
   one is refused; EC2 credentials sign a request (keystoneclient's Ec2Signer, v2 and v4) that
   POST /v2.0/ec2tokens turns into a token; the disabled user's token is rejected; everything is
   deleted, then each is 404.
2. With --store sqlite:PATH (migrated by identity-manage db-sync): the changes survive a restart,
   and a second server on the same file sees them (a password change and a disabled user within
   the revocation refresh).

Exits 77 (skipped) when keystoneclient is missing.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

try:
    from keystoneclient import exceptions
    from keystoneclient.contrib.ec2.utils import Ec2Signer
    from keystoneclient.v2_0 import client
except ImportError:
    print("keystoneclient is not installed for", sys.executable, "(apt-get install python3-keystoneclient)")
    sys.exit(77)

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def refused(f, error=exceptions.Unauthorized, text=""):
    """Whether f() raises `error`, with `text` in its message."""
    try:
        f()
        return False
    except error as e:
        return text in str(e)


class Server:
    """identity-server on ephemeral loopback ports."""

    def __init__(self, args):
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        urls = {}
        while len(urls) < 2:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("identity-server exited with " + str(self.proc.wait(timeout=10)))
            side, url = line.split()
            urls[side] = url
        self.public, self.admin = urls["public"] + "/v2.0", urls["admin"] + "/v2.0"

    def stop(self):
        self.proc.terminate()
        return self.proc.wait(timeout=10)

    def admin_client(self):
        return client.Client(token="ADMIN", endpoint=self.admin)

    def login(self, user, password, tenant):
        return client.Client(username=user, password=password, tenant_name=tenant, auth_url=self.public)


def post(url, doc):
    req = urllib.request.Request(url, data=json.dumps(doc).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, None


def ec2_tokens(server, cred, tenant_id):
    """POST /v2.0/ec2tokens with requests signed as keystonemiddleware's ec2 token middleware does."""
    v2 = {"access": cred.access, "host": "ec2.example.com:8773", "verb": "GET", "path": "/",
          "params": {"SignatureVersion": "2", "Action": "DescribeInstances", "AWSAccessKeyId": cred.access,
                     "Timestamp": "2030-01-01T00:00:00Z"}}
    v2["signature"] = Ec2Signer(cred.secret).generate(v2)
    status, doc = post(server.public + "/ec2tokens", {"credentials": v2})
    check(status == 200 and doc["access"]["token"]["tenant"]["id"] == tenant_id,
          "ec2tokens: a signature v2 request signed by Ec2Signer gives a token of the credential's tenant")
    body_hash = hashlib.sha256(b"").hexdigest()
    v4 = {"access": cred.access, "host": "ec2.example.com", "verb": "GET", "path": "/", "body_hash": body_hash,
          "params": {"Action": "DescribeInstances"},
          "headers": {"Host": "ec2.example.com", "X-Amz-Date": "20300101T000000Z",
                      "Authorization": "AWS4-HMAC-SHA256 Credential=" + cred.access +
                                       "/20300101/RegionOne/ec2/aws4_request, SignedHeaders=host;x-amz-date, "
                                       "Signature=x"}}
    v4["signature"] = Ec2Signer(cred.secret).generate(v4)
    status, doc = post(server.public + "/ec2tokens", {"credentials": v4})
    check(status == 200 and doc["access"]["user"]["id"] == cred.user_id,
          "ec2tokens: a signature v4 request signed by Ec2Signer gives a token of the credential's user")
    v4["signature"] = Ec2Signer("not the secret").generate(v4)
    status, _ = post(server.public + "/ec2tokens", {"credentials": v4})
    check(status == 401, "ec2tokens: another secret's signature is refused (401)")


def in_memory(server_bin, config):
    s = Server([server_bin, "--config", config, "--store", "memory", "--public", "127.0.0.1:0",
                "--admin", "127.0.0.1:0"])
    try:
        kc = s.admin_client()
        aliases = [e.alias for e in kc.extensions.list()]
        check(aliases == ["OS-KSADM", "OS-KSCRUD", "OS-EC2"], "extensions.list on the admin listener: %s" % aliases)
        tenant = kc.tenants.create("kc-tenant", description="made by keystoneclient", enabled=True)
        check(kc.tenants.get(tenant.id).name == "kc-tenant", "tenants.create, tenants.get")
        check(refused(lambda: kc.tenants.create("kc-tenant"), exceptions.Conflict), "a second kc-tenant is 409")
        tenant = kc.tenants.update(tenant.id, description="updated")
        check(tenant.description == "updated", "tenants.update (POST /tenants/{id})")
        user = kc.users.create("kc-user", "pass-one", email="kc@example.com", tenant_id=tenant.id)
        check(any(u.id == user.id for u in kc.users.list()), "users.create, users.list")
        role = kc.roles.create("kc-role")
        kc.roles.add_user_role(user, role, tenant)
        check([r.name for r in kc.roles.roles_for_user(user, tenant)] == ["kc-role"], "roles.add_user_role")
        check([u.id for u in kc.tenants.list_users(tenant)] == [user.id], "tenants.list_users")
        service = kc.services.create("kc-service", "kc-type", "a service of the test")
        check(kc.services.get(service.id).type == "kc-type", "services.create, services.get (OS-KSADM:service)")
        endpoint = kc.endpoints.create("RegionOne", service.id, "http://kc.example.com/$(tenant_id)s",
                                       "http://kc.example.com/admin", "http://kc.example.com/internal")
        check(any(e.id == endpoint.id for e in kc.endpoints.list()), "endpoints.create, endpoints.list")

        me = s.login("kc-user", "pass-one", "kc-tenant")
        url = me.service_catalog.url_for(service_type="kc-type")
        check(url == "http://kc.example.com/" + tenant.id, "the new user's catalog has the endpoint: " + url)

        cred = kc.ec2.create(user.id, tenant.id)
        check([c.access for c in kc.ec2.list(user.id)] == [cred.access], "ec2.create, ec2.list")
        ec2_tokens(s, kc.ec2.get(user.id, cred.access), tenant.id)

        me.users.update_own_password("pass-one", "pass-two")
        check(refused(lambda: s.login("kc-user", "pass-one", "kc-tenant")),
              "users.update_own_password (OS-KSCRUD): the old password is refused")
        s.login("kc-user", "pass-two", "kc-tenant")
        kc.users.update_password(user, "pass-three")
        check(refused(lambda: s.login("kc-user", "pass-two", "kc-tenant")),
              "users.update_password (OS-KSADM): the old password is refused")
        token = s.login("kc-user", "pass-three", "kc-tenant").auth_token
        check(kc.tokens.validate(token).id == token, "the new password's token validates")
        kc.users.update_enabled(user, False)
        check(refused(lambda: kc.tokens.validate(token), exceptions.NotFound),
              "users.update_enabled(False): the user's token is rejected")
        # The client reports the 403 as an AuthorizationFailure.
        check(refused(lambda: s.login("kc-user", "pass-three", "kc-tenant"), exceptions.AuthorizationFailure,
                      "(HTTP 403)"), "a disabled user cannot authenticate (403)")

        statuses = [
            kc.ec2.delete(user.id, cred.access)[0].status_code,
            kc.endpoints.delete(endpoint.id)[0].status_code,
            kc.services.delete(service.id)[0].status_code,
            kc.roles.remove_user_role(user, role, tenant)[0].status_code,
            kc.roles.delete(role)[0].status_code,
            kc.users.delete(user)[0].status_code,
            kc.tenants.delete(tenant)[0].status_code,
        ]
        check(statuses == [204] * 7, "every delete is 204: " + str(statuses))
        gone = [
            refused(lambda: kc.ec2.get(user.id, cred.access), exceptions.NotFound),
            refused(lambda: kc.endpoints.delete(endpoint.id), exceptions.NotFound),
            refused(lambda: kc.services.get(service.id), exceptions.NotFound),
            refused(lambda: kc.roles.get(role.id), exceptions.NotFound),
            refused(lambda: kc.users.get(user.id), exceptions.NotFound),
            refused(lambda: kc.tenants.get(tenant.id), exceptions.NotFound),
        ]
        check(all(gone), "then each is 404: " + str(gone))
    finally:
        check(s.stop() == 0, "the server stops cleanly")


def until(f, seconds=5.0):
    """f() until it is true, for at most `seconds`."""
    end = time.monotonic() + seconds
    while True:
        if f():
            return True
        if time.monotonic() > end:
            return False
        time.sleep(0.1)


def shared_sqlite(server_bin, manage_bin, config, work):
    store = "sqlite:" + os.path.join(work, "identity.db")
    subprocess.run([manage_bin, "db-sync", "--store", store], check=True, capture_output=True, timeout=30)
    args = [server_bin, "--config", config, "--store", store, "--public", "127.0.0.1:0", "--admin", "127.0.0.1:0"]
    a = Server(args)
    kc = a.admin_client()
    tenant = kc.tenants.create("sql-tenant")
    user = kc.users.create("sql-user", "sql-pass", tenant_id=tenant.id)
    role = kc.roles.create("sql-role")
    kc.roles.add_user_role(user, role, tenant)
    service = kc.services.create("sql-service", "sql-type", "")
    kc.endpoints.create("RegionOne", service.id, "http://sql.example.com/$(tenant_id)s", None, None)
    check(a.stop() == 0, "sqlite: the first server stops cleanly")

    a = Server(args)
    b = Server(args)
    try:
        kc, kb = a.admin_client(), b.admin_client()
        check(kc.users.get(user.id).name == "sql-user", "sqlite: the user survives a restart")
        me = b.login("sql-user", "sql-pass", "sql-tenant")
        check(me.service_catalog.url_for(service_type="sql-type") == "http://sql.example.com/" + tenant.id,
              "sqlite: a second server authenticates the user and has the endpoint in the catalog")
        kc.users.update_password(user, "sql-pass-2")
        check(refused(lambda: b.login("sql-user", "sql-pass", "sql-tenant")),
              "sqlite: the second server refuses the old password")
        token = b.login("sql-user", "sql-pass-2", "sql-tenant").auth_token
        kc.users.update_enabled(user, False)
        check(until(lambda: refused(lambda: kb.tokens.validate(token), exceptions.NotFound)),
              "sqlite: the user disabled on the first server, the second rejects the token")
        kc.tenants.delete(tenant)
        check(refused(lambda: kb.tenants.get(tenant.id), exceptions.NotFound), "sqlite: a deleted tenant is 404 on both")
    finally:
        check(a.stop() == 0 and b.stop() == 0, "sqlite: both servers stop cleanly")


def main():
    server_bin, manage_bin, demo = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as work:
        # The demo's identity with cheap hashes for the users the test makes.
        with open(demo) as f:
            cfg = json.load(f)
        cfg["pbkdf2_iterations"] = 1000
        config = os.path.join(work, "config.json")
        with open(config, "w") as f:
            json.dump(cfg, f)
        started = time.monotonic()
        in_memory(server_bin, config)
        shared_sqlite(server_bin, manage_bin, config, work)
        print("took %.1f s" % (time.monotonic() - started))
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
