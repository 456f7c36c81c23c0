#!/usr/bin/env bash
# Regenerates docs/screenshot.png: the main window with a composed query, under Xvfb.
#
#   packaging/screenshot.sh MODEL INDEX QUERY_IMAGE "QUERY TEXT" [LAMBDA]
#
# MODEL is a model name, folder or checkpoint; INDEX an index built with it. Needs xvfb.
set -euo pipefail
model=${1:?model}; index=${2:?index}; image=${3:?query image}; text=${4:?query text}; lambda=${5:-0.5}
root=$(cd "$(dirname "$0")/.." && pwd)
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
XDG_CONFIG_HOME=$config xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$root/build/bin/rscir-desktop" --language en --model "$model" "$index" \
  --query-image "$image" --query-text "$text" --lambda "$lambda" --screenshot "$root/docs/screenshot.png"
