#!/usr/bin/env bash
# One command: install the Debian 12 packages the suite needs (if missing),
# configure and build everything in ./build, then run the suite's main job.
# Usage: scripts/quickstart.sh            (from anywhere inside the checkout)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake
  libssl-dev libgtest-dev librapidcheck-dev nlohmann-json3-dev
  libbenchmark-dev libcli11-dev python3 python3-jsonschema
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "quickstart: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"

# The main job: every committed vector against the reference, through the
# harness, with a JUnit report for CI.
./build/harness/harness run vectors/corpus --junit build/harness-corpus.xml
