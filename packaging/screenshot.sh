#!/usr/bin/env bash
# Regenerates docs/screenshot.png: the main window with a composed query, under Xvfb,
# through a script of the desktop application (rscir-desktop --script).
#
#   packaging/screenshot.sh MODEL INDEX QUERY_IMAGE "QUERY TEXT" [LAMBDA]
#
# MODEL is a model name, folder or checkpoint; INDEX an index built with it. Needs xvfb.
set -euo pipefail
model=${1:?model}; index=${2:?index}; image=${3:?query image}; text=${4:?query text}; lambda=${5:-0.5}
root=$(cd "$(dirname "$0")/.." && pwd)
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
/usr/bin/python3 - "$config/script.json" "$index" "$model" "$image" "$text" "$lambda" "$root/docs/screenshot.png" <<'PY'
import json, sys
out, index, model, image, text, lam, shot = sys.argv[1:]
json.dump([{"open_index": index}, {"load_model": {"model": model}}, {"query_image": image}, {"text": text},
           {"lambda": float(lam)}, {"wait": True}, {"screenshot": shot}, {"quit": True}], open(out, "w"))
PY
XDG_CONFIG_HOME=$config xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$root/build/bin/rscir-desktop" --language en --script "$config/script.json"
