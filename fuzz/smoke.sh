#!/usr/bin/env bash
# The test suite's fuzz check: builds the fuzz targets with CMake (the fuzz preset, against
# the engine of the build given) and runs each for 10 s. Skips (exit 77) without clang.
#
#   fuzz/smoke.sh ENGINE_BUILD
set -euo pipefail
cd "$(dirname "$0")/.."
engine=$(cd "$1" && pwd)
if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ is not installed (apt install clang libclang-rt-14-dev); skipped"
  exit 77
fi
if grep -q "^RSCIR_SANITIZE:BOOL=ON" "$engine/CMakeCache.txt" 2>/dev/null; then
  echo "fuzz: $engine is a sanitizer build of g++; the fuzz targets link the default build's engine; skipped"
  exit 77
fi
cmake --preset fuzz -DRSCIR_ENGINE_BUILD="$engine" >/dev/null
cmake --build --preset fuzz
# A fixed seed: the same inputs on every run of the suite, so that a finding reproduces.
RSCIR_FUZZ_SEED=1 fuzz/run.sh 10
