#!/usr/bin/env bash
# Runs the fuzz targets (build them first: cmake --preset fuzz && cmake --build --preset fuzz),
# each for SECONDS (default 120), on a seed corpus that fuzz/seeds.py writes. Findings land in
# build-fuzz/artifacts/; a crash input belongs in fuzz/regressions/<target>/, which the tests
# replay. Exits 1 when any target found a crash, a leak or a timeout.
#
#   fuzz/run.sh [SECONDS] [target ...]
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-120}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(pickle torch_zip checkpoint npy text catalogue patterncom index_json saved_query aoi benchmark_csv stac)
/usr/bin/python3 fuzz/seeds.py build-fuzz/corpus
mkdir -p build-fuzz/artifacts
failed=()
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t"
  [ -d "fuzz/regressions/$t" ] && cp -n fuzz/regressions/$t/* "build-fuzz/corpus/$t/" 2>/dev/null
  echo "== fuzz_$t for $SECONDS_EACH s"
  models=$(mktemp -d)
  RSCIR_MODELS_DIR=$models build-fuzz/fuzz_$t -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=20 \
    ${RSCIR_FUZZ_SEED:+-seed=$RSCIR_FUZZ_SEED} \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$t-" "build-fuzz/corpus/$t" \
    >"build-fuzz/fuzz_$t.log" 2>&1
  status=$?
  rm -rf "$models"
  grep -E "^(stat::number_of_executed_units|stat::new_units_added|==[0-9]+==ERROR|SUMMARY|Done|INFO: Seed)" \
    "build-fuzz/fuzz_$t.log"
  if [ $status -ne 0 ]; then
    failed+=("$t")
    tail -40 "build-fuzz/fuzz_$t.log"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs in build-fuzz/artifacts/)"
  exit 1
fi
