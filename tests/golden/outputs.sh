#!/bin/bash
# Writes the outputs of a fixed set of searches and evaluations into OUT, with every
# temporary path replaced by $TMP, so that two builds can be compared byte for byte.
# Usage: outputs.sh RSCIR SHARED OUT
set -euo pipefail
rscir=$1 shared=$2 out=$3
model=$shared/conformance/models/gelu_b32/open_clip.safetensors
vocab=$shared/conformance/bpe_simple_vocab_16e6.txt.gz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/aid" "$work/geo"
for class in Airport Beach Forest Pond; do
    mkdir -p "$work/aid/$class"
    ls "$shared/data/aid/$class" | sort | head -12 | while read -r f; do cp "$shared/data/aid/$class/$f" "$work/aid/$class/"; done
done
cp "$shared/data/geotiff/naip_4band_2020.tif" "$work/geo/"
m=(--model "$model" --vocab "$vocab" --activation gelu --threads 2)
"$rscir" index "${m[@]}" --archive "$work/aid" --index "$work/aid.rscir" >/dev/null 2>&1
"$rscir" index "${m[@]}" --archive "$work/geo" --index "$work/geo.rscir" --tile 64 --bands 1,2,3 >/dev/null 2>&1
clean() { sed "s|$work|\$TMP|g"; }
q=$work/aid/Beach/$(ls "$work/aid/Beach" | sort | head -1)
s() { local name=$1; shift; "$rscir" search "${m[@]}" "$@" 2>/dev/null | clean >"$out/$name"; }
s aid-weicom.json --index "$work/aid.rscir" --image "$q" --text "a pond with trees" --top-k 30
s aid-weicom.csv --index "$work/aid.rscir" --image "$q" --text "a pond with trees" --format csv --lambda 0.3
s aid-slerp.json --index "$work/aid.rscir" --image "$q" --text "forest" --method slerp --lambda 0.7
s aid-avoid.json --index "$work/aid.rscir" --item 3 --item 20 --text "runway" --not-text "water" --not-item 40 --avoid 0.4
s aid-show.json --index "$work/aid.rscir" --item 5 --text "sand" --show-query --method average
for method in image text; do s "aid-$method.json" --index "$work/aid.rscir" --item 7 --text "trees" --method $method; done
s geo-all.geojson --index "$work/geo.rscir" --item 2 --text "fields" --format geojson --top-k 50
# The western half of what the tiles cover, as a box.
box=$(python3 -c '
import json,sys
xs=[];ys=[]
for f in json.load(open(sys.argv[1]))["features"]:
    for x,y in f["geometry"]["coordinates"][0]: xs.append(x); ys.append(y)
print(f"{min(xs)},{min(ys)},{(min(xs)+max(xs))/2},{max(ys)}")' "$out/geo-all.geojson")
s geo-bbox.json --index "$work/geo.rscir" --item 2 --text "fields" --bbox "$box" --top-k 50
printf '%s\n' "{\"rscir_query\":1,\"terms\":[{\"role\":\"want\",\"text\":\"water\"}],\"method\":\"text\"}" \
    "{\"rscir_query\":1,\"terms\":[{\"role\":\"want\",\"image\":\"$q\"},{\"role\":\"avoid\",\"text\":\"airport\"}],\"lambda\":0.9}" >"$work/batch.jsonl"
s aid-batch.jsonl --index "$work/aid.rscir" --queries "$work/batch.jsonl"
"$rscir" eval patterncom "${m[@]}" --dataset "$shared/conformance/mini_patternnet" --methods weicom,image,text,average,slerp \
    --lambdas 0:1:0.25 --cutoffs 2>/dev/null | clean >"$out/patterncom.txt"
{
    echo "image,text,target"
    echo "Beach/$(ls "$work/aid/Beach" | sort | sed -n 1p),trees,Forest/$(ls "$work/aid/Forest" | sort | sed -n 1p)"
    echo "Pond/$(ls "$work/aid/Pond" | sort | sed -n 2p),airport,Airport/$(ls "$work/aid/Airport" | sort | sed -n 3p)"
    echo "Forest/$(ls "$work/aid/Forest" | sort | sed -n 4p),water,Pond/$(ls "$work/aid/Pond" | sort | sed -n 5p)"
} >"$work/cir.csv"
"$rscir" eval cir "${m[@]}" --csv "$work/cir.csv" --images "$work/aid" --index "$work/aid.rscir" \
    --methods weicom,image,text,average,slerp --lambdas 0:1:0.5 2>/dev/null | clean >"$out/cir.json"
