#!/usr/bin/env bash
# Compile cost of a translation unit that includes each single header, against the floor:
# one that includes only <boost/json.hpp> and <pugixml.hpp>; and of a user's unit that uses the
# transport, header-only and with separate compilation.
#   bench/compile_cost.sh [N [core|asio|asio_use|asio_use_separate ...]]
# Runs are interleaved (floor, core, asio, floor, ...) so that a busy machine slows all of them
# alike; each figure is the median over N rounds (default 7) of the compiler's CPU time (user +
# system), which is steadier than wall time here. Target (issue #6): core <= 1.5x the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-7}
shift $(( $# > 0 ? 1 : 0 ))
tus=${*:-core asio}
cxx=${CXX:-g++}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <boost/json.hpp>\n#include <pugixml.hpp>\nint main() {}\n' > "$tmp/floor.cpp"
printf '#include <openstack/identity_v2.hpp>\nint main() {}\n' > "$tmp/core.cpp"
printf '#include <openstack/identity_v2_asio.hpp>\nint main() {}\n' > "$tmp/asio.cpp"
# A user's unit: a service that serves the v2.0 API and talks to it with the client and a session,
# header-only (asio_use) and with separate compilation (asio_use_separate: the library compiled
# once elsewhere, see README "Separate compilation").
cat > "$tmp/asio_use.cpp" <<'EOF'
#include <openstack/identity_v2_asio.hpp>
#include <iostream>
namespace ia = openstack::identity::v2::asio;
namespace proto = openstack::identity::v2::protocol;
int main() {
    auto config = proto::parse_memory_config(R"({"users": [{"id": "u", "name": "demo", "password": "secret"}]})");
    if (!config) return 1;
    ia::server s(std::make_shared<proto::memory_backend>(std::move(*config)), {});
    s.start();
    auto a = ia::client(s.public_url()).async_authenticate(ia::password_auth("demo", "secret"), ia::use_blocking);
    ia::session session(ia::client(s.public_url()), ia::password_auth("demo", "secret"));
    std::cout << (a ? a->token.id : a.error().message) << session.async_token(ia::use_blocking).has_value() << "\n";
}
EOF
cp "$tmp/asio_use.cpp" "$tmp/asio_use_separate.cpp"

cpu() {  # CPU seconds of one compilation
  local TIMEFORMAT='%U %S' defs=()
  case $1 in *_separate.cpp) defs=(-DOPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION -DBOOST_ASIO_SEPARATE_COMPILATION
                                   -DBOOST_BEAST_SEPARATE_COMPILATION) ;; esac
  { time "$cxx" -std=c++20 "${defs[@]}" -Isingle_include -c "$1" -o "$tmp/out.o" 2>/dev/null; } 2>&1 |
    awk '{print $1 + $2}'
}
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

for tu in floor $tus; do : > "$tmp/$tu.times"; done
for _ in $(seq "$n"); do
  for tu in floor $tus; do cpu "$tmp/$tu.cpp" >> "$tmp/$tu.times"; done
done
floor=$(median < "$tmp/floor.times")
printf '%-28s %8s %8s\n' "translation unit" "cpu s" "ratio"
printf '%-28s %8.2f %8.2f\n' "floor (boost/json, pugixml)" "$floor" 1
for tu in $tus; do
  t=$(median < "$tmp/$tu.times")
  case $tu in
    core) name=identity_v2.hpp ;;
    asio) name=identity_v2_asio.hpp ;;
    *) name=$tu ;;
  esac
  printf '%-28s %8.2f %8.2f\n' "$name" "$t" "$(echo "$t / $floor" | bc -l)"
done
