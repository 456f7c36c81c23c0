#!/usr/bin/env bash
# Indexes an archive on a Slurm cluster: an array job of N shards, then a merge job that
# runs only if every shard succeeded. Prints the two job ids.
#
#   packaging/cluster/submit-slurm.sh ARCHIVE OUTPUT_FOLDER MODEL SHARDS [MERGED_INDEX]
#
# RSCIR_BIN (the rscir executable on the compute nodes; default: rscir on PATH),
# RSCIR_INDEX_OPTIONS (options for every shard, e.g. "--tile 512"), RSCIR_SBATCH_OPTIONS
# (sbatch options for the shard jobs that override the script's #SBATCH lines, e.g.
# "--cpus-per-task=4 --mem=8G --gres=gpu:1"), RSCIR_MERGE_SBATCH_OPTIONS (the same for the
# merge job) and sbatch's own SBATCH_* variables (e.g. SBATCH_PARTITION, SBATCH_ACCOUNT)
# are passed on.
set -euo pipefail
if [[ $# -lt 4 ]]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
archive=$(realpath "$1")
output=$(realpath -m "$2")
model=$(realpath "$3")
shards=$4
index=$(realpath -m "${5:-$output/merged.rscir}")
if ! [[ $shards =~ ^[1-9][0-9]*$ ]]; then
  echo "submit-slurm: SHARDS must be a positive number, not '$shards'" >&2
  exit 2
fi
mkdir -p "$output"
# Split on blanks only (no file name expansion of e.g. node[1-4]).
read -r -a extra <<< "${RSCIR_SBATCH_OPTIONS:-}"
read -r -a merge_extra <<< "${RSCIR_MERGE_SBATCH_OPTIONS:-}"
export RSCIR_ARCHIVE=$archive RSCIR_OUTPUT=$output RSCIR_MODEL=$model RSCIR_SHARDS=$shards RSCIR_INDEX=$index
array=$(sbatch --parsable "${extra[@]}" --chdir="$output" --array="0-$((shards - 1))" --export=ALL "$here/rscir-index.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable "${merge_extra[@]}" --chdir="$output" --dependency="afterok:$array" --kill-on-invalid-dep=yes --export=ALL \
  "$here/rscir-merge.sbatch")
merge=${merge%%;*}
echo "array job $array ($shards shards), merge job $merge -> $index"
