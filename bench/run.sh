#!/usr/bin/env bash
# Every benchmark in one command: installs what it needs, builds build-bench (Release, -O2 -DNDEBUG),
# runs the library benchmarks, the server load (wrk, loopback) and the RSS drift, and prints the
# table of ratios against the targets (bench/report.py).
#
#   bench/run.sh            # full: about 3 minutes on 2 cores, plus the build
#   bench/run.sh --quick    # a smoke run: about 2 minutes plus the build, noisier
#   bench/run.sh --readme   # full, and write the table into bench/README.md
#   bench/run.sh --stores   # the store rows alone (SQLite, PostgreSQL, Fernet), no table written
#   bench/run.sh --proxy    # the proxy rows alone (identity-auth-proxy against its upstream), no table written
# Results (raw JSON) are left in build-bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
readme=0
stores_only=0
proxy_only=0
for a in "$@"; do
  case $a in
    --quick) quick=1 ;;
    --readme) readme=1 ;;
    --stores) stores_only=1 ;;
    --proxy) proxy_only=1 ;;
    *) echo "usage: bench/run.sh [--quick] [--readme] [--stores | --proxy]" >&2; exit 2 ;;
  esac
done

# ---- dependencies (Debian packages) ---------------------------------------------------------------
pkgs=(g++ cmake ninja-build curl python3 libboost1.81-dev libboost-json1.81-dev libpugixml-dev libssl-dev
      libbenchmark-dev nlohmann-json3-dev wrk libsqlite3-dev libpq-dev libmsgpuck-dev postgresql-15
      libmemcached-dev)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# ---- build ------------------------------------------------------------------------------------------
build=build-bench
out=$build/results
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
  -DOPENSTACK_IDENTITY_V2_BUILD_BENCH=ON -DOPENSTACK_IDENTITY_V2_BUILD_TESTS=OFF >/dev/null
((stores_only && proxy_only)) && { echo "bench/run.sh: --stores or --proxy, not both" >&2; exit 2; }
full=$((stores_only == 0 && proxy_only == 0))
targets=(identity-server)
((proxy_only)) || targets+=(identity-manage)
((stores_only)) || targets+=(osi_bench_beast identity-auth-proxy)
((full)) && targets+=(osi_bench_library osi_bench_drift)
nice -n 10 cmake --build "$build" --target "${targets[@]}"
rm -rf "$out"
mkdir -p "$out"

if ((quick)); then
  reps=1 min_time=0.05 secs=3 rounds=1 validations=100000 issues=10000
else
  reps=10 min_time=0.05 secs=5 rounds=3 validations=1000000 issues=100000
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# ---- library ----------------------------------------------------------------------------------------
((full)) && {
echo "== library benchmarks ($reps repetitions, interleaved)" >&2
"$build/bench/osi_bench_library" --benchmark_repetitions="$reps" --benchmark_min_time="$min_time" \
  --benchmark_enable_random_interleaving="$((reps > 1))" \
  --benchmark_out="$out/library.json" --benchmark_out_format=json >"$out/library.txt"
# A second run of the codec rows: the table shows both ratios, and a target is met only in both.
((quick)) || {
echo "== library benchmarks, codec rows again (second run)" >&2
"$build/bench/osi_bench_library" --benchmark_repetitions="$reps" --benchmark_min_time="$min_time" \
  --benchmark_enable_random_interleaving=1 --benchmark_filter='^(json_read|json_write|xml_read|xml_write|result)/' \
  --benchmark_out="$out/library-2.json" --benchmark_out_format=json >"$out/library-2.txt"
}
}

# ---- server -----------------------------------------------------------------------------------------
# A configuration from examples/demo.json: plain passwords hashed at load with the given PBKDF2
# iterations (so the cost of a password check is set here), and the given token lifetime.
config() {  # config FILE ITERATIONS LIFETIME
  python3 - "$1" "$2" "$3" <<'EOF'
import json, sys
path, iterations, lifetime = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
c = json.load(open("examples/demo.json"))
c["pbkdf2_iterations"] = iterations
c["token_lifetime"] = lifetime
passwords = {"demo": "secretsecret", "admin": "adminsecret"}
for u in c["users"]:
    u.pop("password_hash", None)
    u["password"] = passwords[u["name"]]
json.dump(c, open(path, "w"))
EOF
}

# Starts the example server (the memory store unless ARGS say otherwise); sets srv_pid, pub_port,
# adm_port.
start_server() {  # start_server CONFIG [ARGS...]
  local log=$out/server.$RANDOM config=$1
  shift
  [ $# -gt 0 ] || set -- --store memory
  "$build/examples/identity-server" --config "$config" --public 127.0.0.1:0 --admin 127.0.0.1:0 --threads 2 "$@" \
    >"$log.out" 2>/dev/null &
  srv_pid=$!
  pids+=("$srv_pid")
  for _ in $(seq 100); do grep -q '^admin ' "$log.out" 2>/dev/null && break; sleep 0.1; done
  pub_port=$(sed -n 's/^public .*:\([0-9]*\)$/\1/p' "$log.out")
  adm_port=$(sed -n 's/^admin .*:\([0-9]*\)$/\1/p' "$log.out")
  [ -n "$adm_port" ] || { echo "identity-server did not start" >&2; exit 1; }
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

auth='{"auth":{"tenantName":"demo","passwordCredentials":{"username":"demo","password":"secretsecret"}}}'

wrk_run() {  # wrk_run NAME SCRIPT URL [ARGS...]: appends {"name":..., wrk's numbers} to server.jsonl
  local name=$1 script=$2 url=$3
  shift 3
  local line
  line=$(wrk -t1 -c16 -d"${secs}s" --timeout 5s -s "bench/wrk/$script" "$url" -- "$@" | tail -n 1)
  echo "{\"name\":\"$name\",${line#\{}" >>"$out/server.jsonl"
  echo "   $name: $line" >&2
}

# A PostgreSQL server of the run's own (initdb in DIR, a free loopback port, as the user postgres
# when run as root); sets pg_pid and pg_url (its database postgres).
start_postgres() {  # start_postgres DIR
  local bin as=() port dir
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  mkdir -p "$1"
  dir=$(realpath "$1")
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U osi -A trust -E UTF8 --locale=C --no-sync >/dev/null
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # Durable commits (fsync on): what a deployment runs.
  "${as[@]}" "$bin/postgres" -D "$dir/data" -p "$port" -h 127.0.0.1 -k "$dir" >"$dir/log" 2>&1 &
  pg_pid=$!
  pids+=("$pg_pid")
  for _ in $(seq 100); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    kill -0 "$pg_pid" 2>/dev/null || { echo "PostgreSQL did not start:" >&2; tail -n 5 "$dir/log" >&2; exit 1; }
    sleep 0.2
  done
  pg_url="postgresql://osi@127.0.0.1:$port/postgres"
}

if ((full)); then
echo "== server load (wrk -t1 -c16, ${secs}s x $rounds rounds)" >&2
config "$out/fast.json" 1 3600
start_server "$out/fast.json"
token=$(curl -sf -H 'Content-Type: application/json' -d "$auth" "http://127.0.0.1:$pub_port/v2.0/tokens" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access"]["token"]["id"])')
validate_size=$(curl -sf -H 'X-Auth-Token: ADMIN' "http://127.0.0.1:$adm_port/v2.0/tokens/$token" | wc -c)
issue_size=$(curl -sf -H 'Content-Type: application/json' -d "$auth" "http://127.0.0.1:$pub_port/v2.0/tokens" | wc -c)

"$build/bench/osi_bench_beast" --port 0 --body-size "$validate_size" --threads 2 >"$out/beast.out" &
beast_pid=$!
pids+=("$beast_pid")
for _ in $(seq 50); do grep -q listening "$out/beast.out" 2>/dev/null && break; sleep 0.1; done
beast_port=$(awk '/listening/ {print $2}' "$out/beast.out")

for r in $(seq "$rounds"); do
  wrk_run beast_fixed fixed.lua "http://127.0.0.1:$beast_port"
  wrk_run validate validate.lua "http://127.0.0.1:$adm_port" "$token"
done
wrk_run issue_pbkdf2_1 issue.lua "http://127.0.0.1:$pub_port"
stop "$beast_pid"
stop "$srv_pid"

# The password check at the demo's cost (100000 PBKDF2 iterations): throughput is the hash's.
config "$out/demo-cost.json" 100000 3600
start_server "$out/demo-cost.json"
wrk_run issue_pbkdf2_100000 issue.lua "http://127.0.0.1:$pub_port"
stop "$srv_pid"

# Token validation while 32 clients send wrong passwords (PBKDF2 at 100,000 iterations), next to
# the same without them: password checks run on threads of their own, validation on the I/O
# threads. Validation comes at a service's pace (each of 16 connections waits 2 ms between
# requests), not saturating: a saturating client on these 2 shared cores measures its own queue.
config "$out/flood.json" 100000 3600
start_server "$out/flood.json"
token=$(curl -sf -H 'Content-Type: application/json' -d "$auth" "http://127.0.0.1:$pub_port/v2.0/tokens" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access"]["token"]["id"])')
for r in $(seq "$rounds"); do
  wrk_run validate_idle validate_paced.lua "http://127.0.0.1:$adm_port" "$token"
  wrk -t1 -c32 -d"$((secs + 2))s" --timeout 10s -s bench/wrk/wrong_password.lua "http://127.0.0.1:$pub_port" \
    >"$out/flood.$r.out" &
  flood_pid=$!
  sleep 1
  wrk_run validate_flood validate_paced.lua "http://127.0.0.1:$adm_port" "$token"
  wait "$flood_pid"
  echo "   wrong passwords alongside: $(tail -n 1 "$out/flood.$r.out")" >&2
done
stop "$srv_pid"

echo "{\"validate_body_bytes\":$validate_size,\"issue_body_bytes\":$issue_size}" >"$out/server_meta.json"
fi

# ---- proxy ------------------------------------------------------------------------------------------
# identity-auth-proxy with a cached token (one validation, then the cache in process) in front of
# the minimal Beast server, next to that server hit directly with the same request, interleaved
# round by round. Proxy and upstream on two I/O threads each (as the server rows); the access log
# to /dev/null (still written: one write per request).
if ((stores_only == 0)); then
echo "== proxy (wrk -t1 -c16, ${secs}s x $rounds rounds)" >&2
config "$out/proxy.json" 1 3600
start_server "$out/proxy.json"
token=$(curl -sf -H 'Content-Type: application/json' -d "$auth" "http://127.0.0.1:$pub_port/v2.0/tokens" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access"]["token"]["id"])')
"$build/bench/osi_bench_beast" --port 0 --body-size 1024 --threads 2 >"$out/upstream.out" &
upstream_pid=$!
pids+=("$upstream_pid")
for _ in $(seq 50); do grep -q listening "$out/upstream.out" 2>/dev/null && break; sleep 0.1; done
upstream_port=$(awk '/listening/ {print $2}' "$out/upstream.out")
"$build/examples/identity-auth-proxy" --listen 127.0.0.1:0 --upstream "http://127.0.0.1:$upstream_port" \
  --identity-url "http://127.0.0.1:$adm_port" --admin-token ADMIN --threads 2 >"$out/proxy.out" 2>/dev/null &
proxy_pid=$!
pids+=("$proxy_pid")
for _ in $(seq 50); do grep -q listening "$out/proxy.out" 2>/dev/null && break; sleep 0.1; done
proxy_port=$(sed -n 's/^listening .*:\([0-9]*\)$/\1/p' "$out/proxy.out")
[ -n "$proxy_port" ] || { echo "identity-auth-proxy did not start" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $token" "http://127.0.0.1:$proxy_port/")
[ "$code" = 200 ] || { echo "identity-auth-proxy answered $code to the bench's token" >&2; exit 1; }
for r in $(seq "$rounds"); do
  wrk_run proxy_upstream proxied.lua "http://127.0.0.1:$upstream_port" "$token"
  wrk_run proxy_cached proxied.lua "http://127.0.0.1:$proxy_port" "$token"
done
stop "$proxy_pid"
stop "$upstream_pid"
stop "$srv_pid"
((proxy_only)) && { python3 bench/report.py "$out" --proxy; exit 0; }
fi

# ---- stores -----------------------------------------------------------------------------------------
# Validation and issue on the SQL stores with Fernet tokens, beside the memory store with UUID
# tokens (and with Fernet tokens, to tell the provider's cost from the store's): the variants
# interleaved, round by round, one server at a time. PBKDF2 at 1 iteration: the store's cost, not
# the hash's.
echo "== stores (wrk -t1 -c16, ${secs}s x $rounds rounds)" >&2
config "$out/stores.json" 1 3600
start_postgres "$out/pg"
"$build/examples/identity-manage" fernet-setup --keys "$out/keys" >/dev/null
"$build/examples/identity-manage" db-sync --store "sqlite:$out/identity.sqlite" >/dev/null
"$build/examples/identity-manage" db-sync --store "$pg_url" >/dev/null
fernet=(--token-provider fernet --fernet-keys "$out/keys")
for r in $(seq "$rounds"); do
  for variant in memory_uuid memory_fernet sqlite_fernet postgresql_fernet; do
    case $variant in
      memory_uuid) start_server "$out/stores.json" --store memory ;;
      memory_fernet) start_server "$out/stores.json" --store memory "${fernet[@]}" ;;
      sqlite_fernet) start_server "$out/stores.json" --store "sqlite:$out/identity.sqlite" "${fernet[@]}" ;;
      postgresql_fernet) start_server "$out/stores.json" --store "$pg_url" "${fernet[@]}" ;;
    esac
    token=$(curl -sf -H 'Content-Type: application/json' -d "$auth" "http://127.0.0.1:$pub_port/v2.0/tokens" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["access"]["token"]["id"])')
    wrk_run "validate_$variant" validate.lua "http://127.0.0.1:$adm_port" "$token"
    wrk_run "issue_$variant" issue.lua "http://127.0.0.1:$pub_port"
    stop "$srv_pid"
  done
done
stop "$pg_pid"
((stores_only)) && { python3 bench/report.py "$out" --stores; exit 0; }

# ---- RSS drift --------------------------------------------------------------------------------------
echo "== RSS drift ($validations validations, $issues issues, token lifetime 1 s)" >&2
config "$out/drift.json" 1 1
start_server "$out/drift.json"
"$build/bench/osi_bench_drift" --pid "$srv_pid" --public "$pub_port" --admin "$adm_port" \
  --validations "$validations" --issues "$issues" --connections 4 --ttl 1 >"$out/drift_result.json"
stop "$srv_pid"
cat "$out/drift_result.json" >&2

# ---- report -----------------------------------------------------------------------------------------
args=("$out")
((readme)) && args+=(--readme bench/README.md)
((quick)) && args+=(--quick)
python3 bench/report.py "${args[@]}"
