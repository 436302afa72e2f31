#!/usr/bin/env bash
# Fuzzes the library with libFuzzer (Debian's clang 14): from_json and from_xml of every root type
# (json_fuzz, xml_fuzz), the server's request handler (handler_fuzz) and a real server over
# loopback sockets, its connection code included (server_fuzz); see fuzz/targets.hpp,
# fuzz/handler_target.hpp and fuzz/server_target.hpp for what each checks. Every target runs
# FUZZ_SECONDS (600) under nice, one after the other, seeded from the spec samples and the seed
# (fuzz/make_corpus.sh) and the earlier findings, with its dictionary (fuzz/*.dict), under
# AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer.
# A finding (crash, failed check, leak, timeout, out of memory) fails the run, and its input is
# copied to tests/data/fuzz-regressions/<target>/, which tests/fuzz_regressions_test.cpp replays.
#
# Usage: scripts/fuzz.sh [target...]      (all four by default)
# Environment: FUZZ_SECONDS (600 per target), FUZZ_DIR (build-fuzz: binaries, corpora, logs)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

packages=(clang-14 libclang-rt-14-dev libboost1.81-dev libpugixml-dev libssl-dev)
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

dir=${FUZZ_DIR:-build-fuzz}
seconds=${FUZZ_SECONDS:-600}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json_fuzz xml_fuzz handler_fuzz server_fuzz)
mkdir -p "$dir"
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=all -I"$root/include")

build() {  # target: rebuilt when a header or the target's source is newer than the binary
  local t=$1 bin=$dir/$1 libs=(-lpugixml)
  case $t in handler_fuzz | server_fuzz) libs+=(-lssl -lcrypto -pthread) ;; esac
  if [ -x "$bin" ] && [ -z "$(find include fuzz \( -name '*.hpp' -o -name "$t.cpp" \) -newer "$bin" -print -quit)" ]; then
    return
  fi
  echo "building $t"
  nice -n 10 clang++-14 "${flags[@]}" "fuzz/$t.cpp" "${libs[@]}" -o "$bin"
}

dict_of() {
  case $1 in json_fuzz) echo fuzz/json.dict ;; xml_fuzz) echo fuzz/xml.dict ;; handler_fuzz) echo fuzz/http.dict ;; server_fuzz) echo fuzz/server.dict ;; esac
}

rm -rf "$dir/seeds"
fuzz/make_corpus.sh "$dir/seeds"

failed=0
summary=()
for t in "${targets[@]}"; do
  [ -f "fuzz/$t.cpp" ] || { echo "no such target: $t" >&2; exit 2; }
  build "$t"
  mkdir -p "$dir/corpus/$t" "$dir/artifacts/$t"
  rm -f "$dir/artifacts/$t"/*
  echo "fuzzing $t for ${seconds}s (log: $dir/$t.log)"
  status=0
  seeds=("$dir/seeds/$t")
  [ -d "tests/data/fuzz-regressions/$t" ] && seeds+=("tests/data/fuzz-regressions/$t")
  nice -n 15 "$dir/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict="$(dict_of "$t")" \
    -artifact_prefix="$dir/artifacts/$t/" -print_final_stats=1 "$dir/corpus/$t" "${seeds[@]}" \
    > "$dir/$t.log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$t.log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[^ ]+' "$dir/$t.log" | tail -1)
  if [ "$status" -ne 0 ]; then
    failed=1
    mkdir -p "tests/data/fuzz-regressions/$t"
    for a in "$dir/artifacts/$t"/*; do
      [ -f "$a" ] && cp "$a" "tests/data/fuzz-regressions/$t/" && echo "finding: tests/data/fuzz-regressions/$t/$(basename "$a")"
    done
    grep -E 'ERROR|_fuzz: |SUMMARY' "$dir/$t.log" | head -20 || true
    summary+=("$t: FOUND A PROBLEM (exit $status) after ${runs:-?} runs; $cov")
  else
    summary+=("$t: nothing found in ${runs:-?} runs (${seconds}s); $cov")
  fi
done
printf '%s\n' "${summary[@]}"
exit $failed
