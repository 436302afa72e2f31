#!/usr/bin/env bash
# The whole test suite, twice: installs what is missing, then
#   1. GCC 12, release (NDEBUG, -O0), warnings as errors: builds the suite against include/ and
#      runs it, with the packaging tests (single headers in sync, the headers a program includes
#      each on its own, consumer projects), the documentation and document tools' tests, the
#      formatting check and the main job (scripts/demo.sh on this build's examples);
#   2. Clang 14: builds the suite and the example server again against the generated single
#      headers, under AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer, and runs
#      them (the suite, and keystoneauth1 against that server).
# Both passes use separate compilation (OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION): the codec, the
# transport, Asio and Beast are compiled once per pass, not once per test.
# BUILD_DIR (default build) names the first build directory; the second is "$BUILD_DIR-asan".
# OPENSTACK_IDENTITY_V2_SANITIZE_PASS=0 skips the second pass (a quicker local loop; CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build=${BUILD_DIR:-build}
jobs=$(nproc)
# One test more than the cores: the server tests spend part of their time waiting on sockets and timers.
tests=$((jobs + 1))
common=(-G Ninja -DOPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION=ON)

# A release build (NDEBUG) of the library and the examples, which the main_job test then runs; not
# optimized, as the suite itself (tests/CMakeLists.txt): -O1 would add GCC's warnings that need the
# optimizer, at a cost (the examples and the codec a third longer to compile) the ten minutes this
# command may take on 2 cores do not leave. bench/ builds optimized.
echo "== pass 1: GCC 12, include/"
start=$SECONDS
cmake -S . -B "$build" "${common[@]}" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O0 -DNDEBUG" \
      -DCMAKE_CXX_COMPILER=g++ -DOPENSTACK_IDENTITY_V2_TEST_HEADERS=include \
      -DOPENSTACK_IDENTITY_V2_SANITIZE=OFF >/dev/null
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" -j "$tests" --output-on-failure
echo "== pass 1: $((SECONDS - start)) s"

if [ "${OPENSTACK_IDENTITY_V2_SANITIZE_PASS:-1}" != 0 ]; then
  echo "== pass 2: Clang 14, single_include/, ASan + LSan + UBSan"
  start=$SECONDS
  # -g1: line tables for the sanitizers' reports, without the cost of full debug info.
  cmake -S . -B "$build-asan" "${common[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
        -DCMAKE_CXX_COMPILER=clang++-14 -DOPENSTACK_IDENTITY_V2_TEST_HEADERS=single_include \
        -DOPENSTACK_IDENTITY_V2_SANITIZE=ON >/dev/null
  # The suite, the server that keystoneauth1 talks to and the tool Keystone's Fernet code talks to;
  # the other examples are tested in pass 1.
  # The transport's tests are one unit, the longest of the pass; Ninja starts units in the order
  # of its manifest, the libraries first, which would leave it compiling alone at the end. So it
  # starts first, beside the transport library, and the rest follows.
  cmake --build "$build-asan" -j "$jobs" --target tests/CMakeFiles/transport_tests.dir/Unity/unity_0_cxx.cxx.o \
                                                  CMakeFiles/identity_v2_asio.dir/src/identity_v2_asio.cpp.o
  cmake --build "$build-asan" -j "$jobs" --target codec_tests transport_tests identity-server fernet_tool
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$build-asan" -j "$tests" --output-on-failure
  echo "== pass 2: $((SECONDS - start)) s"
fi
