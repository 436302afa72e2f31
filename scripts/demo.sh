#!/usr/bin/env bash
# The main job: installs what is missing, builds the examples, starts the example identity server
# with the demo configuration on loopback, talks to it as a client would, then stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
# EXAMPLES_DIR: run against examples already built in Release elsewhere (the test suite's main_job
# test uses its own build) instead of building them here.
if [ -n "${EXAMPLES_DIR:-}" ]; then
  examples=$EXAMPLES_DIR
else
  scripts/setup.sh
  build=${BUILD_DIR:-build-demo}
  # Release (-O3); the library compiled once for the examples. Warnings are shown, not fatal: the
  # test command builds with them as errors (at -O1), and a warning that another compiler or -O3
  # alone finds must not stop the main job.
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOPENSTACK_IDENTITY_V2_BUILD_TESTS=OFF \
        -DOPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION=ON -DOPENSTACK_IDENTITY_V2_WARNINGS_AS_ERRORS=OFF >/dev/null
  cmake --build "$build" -j "$(nproc)"
  examples=$build/examples
fi
"$examples"/print-token tests/data/seed_access.json

# The identity server: public and admin listeners on free loopback ports (PUBLIC/ADMIN override).
public=${PUBLIC:-127.0.0.1:0}
admin=${ADMIN:-127.0.0.1:0}
out=$(mktemp -d)
"$examples"/identity-server --config examples/demo.json --public "$public" --admin "$admin" \
  >"$out/urls" 2>"$out/log" &
server=$!
cleanup() {
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  [ "$(wc -l <"$out/urls")" -ge 2 ] && break
  kill -0 "$server" 2>/dev/null || { cat "$out/log" >&2; exit 1; }
  sleep 0.1
done
public_url=$(awk '$1 == "public" {print $2}' "$out/urls")
admin_url=$(awk '$1 == "admin" {print $2}' "$out/urls")
# Wait until it answers.
for _ in $(seq 1 50); do
  curl -s -o /dev/null "$public_url/v2.0" && break
  sleep 0.1
done
echo "identity-server: public $public_url, admin $admin_url"

echo "== GET $public_url/ (version discovery, 300)"
curl -s "$public_url/"; echo
echo "== POST $public_url/v2.0/tokens as demo/secretsecret in tenant demo"
access=$(curl -sf -H 'Content-Type: application/json' -H 'Accept: application/json' \
  -d '{"auth": {"tenantName": "demo", "passwordCredentials": {"username": "demo", "password": "secretsecret"}}}' \
  "$public_url/v2.0/tokens")
token=$(printf '%s' "$access" | sed -n 's/.*"token":{"id":"\([0-9a-f]*\)".*/\1/p')
echo "token: $token"
echo "== the token's catalog, as print-token reads it"
printf '%s' "$access" >"$out/access.json"
"$examples"/print-token "$out/access.json"
echo "== GET $admin_url/v2.0/tokens/$token?belongsTo=... with the admin token (HEAD, then the wrong tenant)"
curl -s -o /dev/null -w 'HEAD %{http_code}\n' -I -H 'X-Auth-Token: ADMIN' "$admin_url/v2.0/tokens/$token"
curl -s -w '\n' -H 'X-Auth-Token: ADMIN' "$admin_url/v2.0/tokens/$token?belongsTo=nope"

# A real OpenStack client, when installed: python keystoneauth1 (Debian's python, not pyenv's).
if /usr/bin/python3 -c 'import keystoneauth1' 2>/dev/null; then
  echo "== keystoneauth1 v2.Password against $public_url/v2.0"
  /usr/bin/python3 - "$public_url" <<'PY'
import sys
from keystoneauth1 import session
from keystoneauth1.identity import v2
auth = v2.Password(auth_url=sys.argv[1] + "/v2.0", username="demo", password="secretsecret", tenant_name="demo")
s = session.Session(auth=auth)
print("token:", s.get_token())
print("compute:", s.get_endpoint(service_type="compute", interface="public"))
print("identity (admin):", s.get_endpoint(service_type="identity", interface="admin"))
PY
fi
# The project's own client (examples/identity_client.cpp) against the same server.
export OS_AUTH_URL="$public_url/v2.0" OS_USERNAME=demo OS_PASSWORD=secretsecret OS_TENANT_NAME=demo
echo "== identity-client token issue"
"$examples"/identity-client token issue
echo "== identity-client catalog list"
"$examples"/identity-client catalog list
echo "== server log (one line per request)"
kill -TERM "$server"
wait "$server"
cat "$out/log"
