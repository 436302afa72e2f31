#!/usr/bin/env bash
# The main job: installs what is missing, builds the examples, runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build=${BUILD_DIR:-build-demo}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOPENSTACK_IDENTITY_V2_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)"
"$build"/examples/print-token tests/data/seed_access.json
