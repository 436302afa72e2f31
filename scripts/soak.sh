#!/usr/bin/env bash
# Soak test (#16): builds the example identity-server (Release, build-soak), starts it on
# ephemeral loopback ports with the demo scenario (cheaper password hashes; the demo's day-long
# tokens, so that nothing expires during the run and only max_tokens_per_user, 1000, bounds the
# token store; a third user, "soak", for the mixed traffic) and runs scripts/soak_driver.py
# against it for SOAK_SECONDS (600): the user demo issuing tokens by rescoping as fast as it can,
# next to mixed valid and invalid traffic (bad passwords, malformed and hostile JSON and XML, wrong
# Content-Types, oversized bodies, malformed HTTP, non-admin tokens on admin routes, abandoned
# requests and responses). Reports requests, errors by class, tokens issued, 5xx and the server's
# RSS (start, after the warm-up, max and final). Fails on any 5xx, a hung worker, a server that
# died, RSS more than 20 MiB over the warm-up figure, fewer than 10 x the cap tokens rescoped,
# the marker password or a token id in the server's log, or an unclean exit on SIGTERM.
# Environment: SOAK_SECONDS (600), SOAK_WORKERS (6), SOAK_DIR (build-soak); for the driver:
# SOAK_RESCOPE_FROM (newest | first), SOAK_WARMUP (seconds, min(60, SOAK_SECONDS / 4)),
# SOAK_RSS_LIMIT_KB (20480), SOAK_MIXED_USER (soak; demo makes the mixed traffic share the
# rescoper's cap).
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
# Tokens outlive the run (a rescoped token keeps the original expiry), so that the per-user cap,
# not expiry, is what bounds the store; the cap is said here as the driver's SOAK_CAP.
c["token_lifetime"] = 86400
c["max_tokens_per_user"] = 1000
# The mixed traffic's own user (tenant demo, Member): the store then holds two users at the cap,
# the mixed user's tokens validated (their documents cached), the rescoper's not; and the
# rescoper's cap does not revoke the mixed workers' tokens (SOAK_MIXED_USER=demo to share it).
c["users"].append({"id": "5e0c1d2f3a4b4c5d8e9f0a1b2c3d4e5f", "name": "soak", "email": "soak@example.com",
                   "enabled": True, "tenantId": c["tenants"][0]["id"]})
c["assignments"].append({"user": "soak", "tenant": "demo", "roles": ["Member"]})
for u in c["users"]:
    u.pop("password_hash", None)
    u["password"] = {"demo": "secretsecret", "admin": "adminsecret", "soak": "soak-secret-51d2"}[u["name"]]
json.dump(c, open(sys.argv[2], "w"))
PY
"$dir/examples/identity-server" --config "$work/soak.json" --store memory --public 127.0.0.1:0 --admin 127.0.0.1:0 \
  > "$work/out" 2> "$work/log" &
server=$!
for _ in $(seq 100); do grep -q "^admin " "$work/out" 2>/dev/null && break; sleep 0.1; done
public=$(grep -o 'http://[^ ]*' "$work/out" | sed -n 1p)
admin=$(grep -o 'http://[^ ]*' "$work/out" | sed -n 2p)
echo "identity-server $server: public $public, admin $admin; soaking for ${seconds}s"

status=0
SOAK_CAP=1000 python3 scripts/soak_driver.py "$public" "$admin" "$seconds" "$server" "${SOAK_WORKERS:-6}" || status=$?
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
