#!/usr/bin/env bash
# Installs what building and testing need, from Debian packages, when it is missing.
set -euo pipefail
packages=(g++ cmake ninja-build pkg-config python3
          libboost1.81-dev libboost-json1.81-dev libboost-test1.81-dev
          libpugixml-dev libssl-dev libmsgpuck-dev libxml2-utils libsqlite3-dev libpq-dev postgresql-15
          libmemcached-dev memcached
          python3-keystoneauth1 python3-keystoneclient python3-jsonschema python3-keystone python3-msgpack
          curl clang-14 libclang-rt-14-dev clang-format-14)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
