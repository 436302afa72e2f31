#!/usr/bin/env bash
# Builds and runs one consumer project against this checkout.
#   run.sh MODE SOURCE_DIR WORK_DIR     MODE: installed | fetch_content | single_header | single_header_asio
set -euo pipefail
mode=$1 src=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
check() { "$@" > "$work/out.txt"; grep -q '"tenantName":"demo"' "$work/out.txt"; grep -q '<auth' "$work/out.txt"; }
install_copy() {
  cmake -S "$src" -B "$work/lib" -G Ninja -DOPENSTACK_IDENTITY_V2_BUILD_TESTS=OFF -DOPENSTACK_IDENTITY_V2_BUILD_EXAMPLES=OFF \
        -DCMAKE_INSTALL_PREFIX="$work/prefix" >/dev/null
  cmake --install "$work/lib" >/dev/null
}
case $mode in
  installed)
    # One installed copy, used through find_package and through pkg-config.
    install_copy
    cmake -S "$here/find_package" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
    cmake --build "$work/build" >/dev/null
    check "$work/build/consumer"; check "$work/build/consumer_asio"
    export PKG_CONFIG_PATH="$work/prefix/share/pkgconfig"
    g++ "$here/consumer.cpp" $(pkg-config --cflags --libs openstack_identity_v2) -o "$work/consumer"
    check "$work/consumer" ;;
  fetch_content)
    # A copy of the working tree as a repository, so uncommitted changes are what is fetched.
    mkdir -p "$work/repo" && (cd "$src" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$work/repo")
    (cd "$work/repo" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm snapshot)
    cmake -S "$here/fetch_content" -B "$work/build" -G Ninja -DOSI_SOURCE_DIR="$work/repo" >/dev/null
    cmake --build "$work/build" >/dev/null
    check "$work/build/consumer" ;;
  single_header)
    g++ -std=c++20 -DOSI_SINGLE_HEADER -I"$src/single_include" "$here/consumer.cpp" -lboost_json -lpugixml -o "$work/consumer"
    check "$work/consumer" ;;
  single_header_asio)
    g++ -std=c++20 -DOSI_SINGLE_HEADER_ASIO -I"$src/single_include" "$here/consumer.cpp" \
        -lboost_json -lpugixml -lssl -lcrypto -pthread -o "$work/consumer"
    check "$work/consumer" ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
echo "consumer $mode: ok"
