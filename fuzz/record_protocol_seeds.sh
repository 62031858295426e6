#!/usr/bin/env bash
# Records the seed corpus of fuzz_adapter_protocol: what the C++ reference
# adapter writes on its stdout for each vector of vectors/corpus/spec and
# vectors/corpus/errata, under each profile. A seed is one byte choosing the
# vector (its index in that sorted list, as the target numbers them; the
# high bit asks for a trace), then the adapter's lines for two cases, as
# the target runs them. The committed seeds in fuzz/seeds/protocol/ were
# made with this script; run it again after a protocol change:
#   fuzz/record_protocol_seeds.sh build
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
harness="$build/harness/harness"
adapter="$(realpath "$build/harness/cryptarchia-reference-adapter")"
out=fuzz/seeds/protocol
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f "$out"/recorded-*
index=0
for file in $(ls vectors/corpus/spec/*.json | sort) $(ls vectors/corpus/errata/*.json | sort); do
  id=$(basename "$file" .json)
  for profile in reference spec seed; do
    : > "$tmp/lines"
    "$harness" run "$file" --impl "$profile" \
      --adapter "sh -c '$adapter --profile $profile | tee -a $tmp/lines'" >/dev/null || true
    selector=$index
    [ "$profile" = seed ] && selector=$((index + 128))
    {
      printf "\\$(printf '%03o' "$selector")"
      cat "$tmp/lines"              # hello and the first case
      tail -n +2 "$tmp/lines"       # the second case: the same lines without hello
    } > "$out/recorded-$id-$profile"
  done
  index=$((index + 1))
done
ls "$out" | wc -l
