#!/bin/sh
# Verifies that GoogleTest sharding splits a test binary across processes:
# run with GTEST_TOTAL_SHARDS=N and each GTEST_SHARD_INDEX, the shards' tests
# together are exactly the binary's test list, each test in one shard only,
# and every shard passes.
#
#   check_gtest_sharding.sh BINARY [SHARDS]
#
# The property binary runs here with RC_PARAMS (default max_success=3): the
# check is about the split, not about the properties.
set -eu
bin=$1
shards=${2:-3}
: "${RC_PARAMS:=max_success=3}"
export RC_PARAMS
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The full list: "Suite." lines followed by indented test names.
"$bin" --gtest_list_tests | awk '
  /^[^ ]/ { suite = $1; next }
  /^  /   { print suite $1 }' | sort > "$tmp/all"
total=$(wc -l < "$tmp/all")
[ "$total" -gt 0 ] || { echo "no tests listed by $bin" >&2; exit 1; }

i=0
: > "$tmp/ran"
while [ "$i" -lt "$shards" ]; do
  if ! GTEST_TOTAL_SHARDS=$shards GTEST_SHARD_INDEX=$i "$bin" > "$tmp/out$i" 2>&1; then
    echo "shard $i/$shards failed:" >&2
    cat "$tmp/out$i" >&2
    exit 1
  fi
  sed -n 's/^\[ *RUN *\] \(.*\)$/\1/p' "$tmp/out$i" | sort > "$tmp/shard$i"
  n=$(wc -l < "$tmp/shard$i")
  echo "shard $i/$shards: $n test(s)"
  [ "$n" -gt 0 ] || { echo "shard $i ran no test" >&2; exit 1; }
  cat "$tmp/shard$i" >> "$tmp/ran"
  i=$((i + 1))
done

sort "$tmp/ran" > "$tmp/ran.sorted"
dups=$(uniq -d "$tmp/ran.sorted")
if [ -n "$dups" ]; then
  echo "tests run in more than one shard:" >&2
  echo "$dups" >&2
  exit 1
fi
if ! diff "$tmp/all" "$tmp/ran.sorted" > "$tmp/diff"; then
  echo "the shards' union differs from the test list (< listed only, > run only):" >&2
  cat "$tmp/diff" >&2
  exit 1
fi
echo "$total test(s) split over $shards shard(s): union complete, no overlap"
