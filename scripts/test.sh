#!/usr/bin/env bash
# The whole test suite, twice: installs what is missing, then
#   1. builds the suite against include/ with the packaging tests (single headers in sync, every
#      header on its own, consumer projects) and runs it;
#   2. builds the suite again against the generated single headers, under AddressSanitizer,
#      LeakSanitizer and UndefinedBehaviorSanitizer, and runs it.
# BUILD_DIR (default build) names the first build directory; the second is "$BUILD_DIR-asan".
# OSI_SANITIZE_PASS=0 skips the second pass (a quicker local loop; CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build=${BUILD_DIR:-build}
jobs=$(nproc)

echo "== pass 1: include/"
# -g1 (both passes): line tables for backtraces and the sanitizers' reports, without the cost of
# full debug info.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
      -DOSI_TEST_HEADERS=include -DOSI_SANITIZE=OFF >/dev/null
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" -j "$jobs" --output-on-failure

if [ "${OSI_SANITIZE_PASS:-1}" != 0 ]; then
  echo "== pass 2: single_include/, ASan + LSan + UBSan"
  cmake -S . -B "$build-asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
        -DOSI_TEST_HEADERS=single_include -DOSI_SANITIZE=ON >/dev/null
  cmake --build "$build-asan" -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$build-asan" -j "$jobs" --output-on-failure
fi
