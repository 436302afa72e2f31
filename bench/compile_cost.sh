#!/usr/bin/env bash
# Compile cost of a translation unit that includes each single header, against the floor:
# one that includes only <boost/json.hpp> and <pugixml.hpp>. Median of N runs each (default 5).
#   bench/compile_cost.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
cxx=${CXX:-g++}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <boost/json.hpp>\n#include <pugixml.hpp>\nint main() {}\n' > "$tmp/floor.cpp"
printf '#include <openstack/identity_v2.hpp>\nint main() {}\n' > "$tmp/core.cpp"
printf '#include <openstack/identity_v2_asio.hpp>\nint main() {}\n' > "$tmp/asio.cpp"
median() {
  local src=$1 times=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$cxx" -std=c++20 -Isingle_include -c "$src" -o "$tmp/out.o"
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (n + 1) / 2 ))p"
}
floor=$(median "$tmp/floor.cpp")
printf '%-28s %8s %8s\n' "translation unit" "seconds" "ratio"
printf '%-28s %8.2f %8.2f\n' "floor (boost/json, pugixml)" "$floor" 1
for tu in core asio; do
  [ -f "single_include/openstack/identity_v2$([ $tu = asio ] && echo _asio).hpp" ] || continue
  t=$(median "$tmp/$tu.cpp")
  printf '%-28s %8.2f %8.2f\n' "identity_v2$([ $tu = asio ] && echo _asio).hpp" "$t" "$(echo "$t / $floor" | bc -l)"
done
