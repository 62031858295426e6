#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (a clang build in build-fuzz, with
# ASan and UBSan) and runs each for a fixed number of executions with a
# fixed seed, from a fresh copy of its seed corpus, so a run is repeatable.
# Exits non-zero on any crash, leak, timeout, out-of-memory or sanitizer
# report; the input that caused it is left in build-fuzz/fuzz-work/<target>/.
#
#   scripts/fuzz.sh            CI: 20 000 executions per target
#   scripts/fuzz.sh 1000000    by hand (docs/RELIABILITY.md records such runs)
#
# Environment: CSC_FUZZ_BUILD (default build-fuzz), CSC_FUZZ_SEED (default 1),
# CSC_FUZZ_TARGETS (default: both targets).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20000}
build=${CSC_FUZZ_BUILD:-build-fuzz}
seed=${CSC_FUZZ_SEED:-1}
targets=${CSC_FUZZ_TARGETS:-"fuzz_vector_loader fuzz_adapter_protocol"}

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (Debian: clang, libclang-rt-14-dev)" >&2; exit 2; }
cmake -S . -B "$build" -DCSC_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" -j2 --target $targets

# The seed corpus, then every input that once found a bug (replayed first).
seeds_of() {
  case "$1" in
    fuzz_vector_loader) echo vectors/corpus fuzz/regressions/fuzz_vector_loader ;;
    fuzz_adapter_protocol) echo fuzz/seeds/protocol fuzz/regressions/fuzz_adapter_protocol ;;
  esac
}

status=0
for target in $targets; do
  work="$build/fuzz-work/$target"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  echo "== $target: $runs executions, seed $seed, seeds: $(seeds_of "$target")"
  set +e
  # shellcheck disable=SC2046
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz/$target" -runs="$runs" -seed="$seed" -timeout=10 -rss_limit_mb=2048 \
    -dict=fuzz/json.dict -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus" $(seeds_of "$target") >"$work/log" 2>&1
  rc=$?
  set -e
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)|^Done' "$work/log" || true
  if [ "$rc" -ne 0 ]; then
    echo "fuzz.sh: $target FAILED (exit $rc); log: $work/log; inputs:" >&2
    ls "$work/artifacts" >&2
    tail -40 "$work/log" >&2
    status=1
  fi
done
exit "$status"
