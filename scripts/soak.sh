#!/usr/bin/env bash
# Soak test: builds the example identity-server (Release, build-soak), starts it on ephemeral
# loopback ports with the demo scenario (cheaper password hashes, 30-second tokens so that the
# token store reaches a steady state), and runs scripts/soak_driver.py against it for
# SOAK_SECONDS (600): mixed valid and invalid traffic (bad passwords, malformed and hostile JSON
# and XML, wrong Content-Types, oversized bodies, malformed HTTP, non-admin tokens on admin
# routes, abandoned requests and responses). Reports requests, errors by class, 5xx and the
# server's RSS drift. Fails on any 5xx, a hung worker, a server that died, or the marker password
# in the server's log.
# Environment: SOAK_SECONDS (600), SOAK_WORKERS (6), SOAK_DIR (build-soak)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dir=${SOAK_DIR:-build-soak}
seconds=${SOAK_SECONDS:-600}
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOPENSTACK_IDENTITY_V2_BUILD_TESTS=OFF >/dev/null
nice -n 10 cmake --build "$dir" --target identity-server >/dev/null

work=$(mktemp -d)
server=""
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 - examples/demo.json "$work/soak.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["pbkdf2_iterations"] = 1000
c["token_lifetime"] = 30
for u in c["users"]:
    u.pop("password_hash", None)
    u["password"] = {"demo": "secretsecret", "admin": "adminsecret"}[u["name"]]
json.dump(c, open(sys.argv[2], "w"))
PY
"$dir/examples/identity-server" --config "$work/soak.json" --public 127.0.0.1:0 --admin 127.0.0.1:0 \
  > "$work/out" 2> "$work/log" &
server=$!
for _ in $(seq 100); do grep -q "^admin " "$work/out" 2>/dev/null && break; sleep 0.1; done
public=$(grep -o 'http://[^ ]*' "$work/out" | sed -n 1p)
admin=$(grep -o 'http://[^ ]*' "$work/out" | sed -n 2p)
echo "identity-server $server: public $public, admin $admin; soaking for ${seconds}s"

status=0
python3 scripts/soak_driver.py "$public" "$admin" "$seconds" "$server" "${SOAK_WORKERS:-6}" || status=$?
if ! kill -0 "$server" 2>/dev/null; then
  echo "FAIL: the server died"; status=1
fi
echo "server log: $(wc -l < "$work/log") lines"
if grep -q "SOAK-MARKER" "$work/log"; then
  echo "FAIL: the marker password shows in the server's log"; status=1
fi
if grep -Eq '/v2.0/tokens/[0-9a-f]{32}' "$work/log"; then
  echo "FAIL: a token id shows in the server's log"; status=1
fi
kill -TERM "$server"
wait "$server" || { echo "FAIL: the server did not exit cleanly on SIGTERM"; status=1; }
exit $status
