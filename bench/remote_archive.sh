#!/usr/bin/env bash
# The same archive indexed from a web server on 127.0.0.1 and from disk, in one run:
# seconds of each (the catalogue walk included), their ratio, and the bytes the server sent
# per item; then one scaled window read (a thumbnail or the viewer's overview) against the
# file's size. nginx is started here with its own configuration on a free port.
#
#   bash bench/remote_archive.sh MODEL [FILES] [SIZE]
#     MODEL  a checkpoint rscir reads (e.g. ../shared/conformance/models/gelu_b32/hf.safetensors)
#     FILES  how many COGs (default 24), SIZE their side in pixels (default 1024); made from
#            ../shared/data/geotiff's NAIP scenes
set -euo pipefail
model=$(realpath "${1:?give a model checkpoint}")
files=${2:-24}
size=${3:-1024}
rscir=$(realpath "$(dirname "$0")/../build/bin/rscir")
nginx=$(command -v nginx || echo /usr/sbin/nginx)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/www/data" "$work/nginx/tmp"

# Georeferenced COGs (DEFLATE, 256-pixel blocks, overviews) of real aerial imagery (NAIP,
# resampled to SIZE), each at a place of its own, and a catalogue that reads the same from
# the server and from disk.
shared=$(realpath "$(dirname "$0")/../../shared/data/geotiff")
for ((i = 0; i < files; i++)); do
  source="$shared/naip_4band_$([[ $((i % 2)) -eq 0 ]] && echo 2020 || echo 2009).tif"
  gdal_translate -q -of COG -co COMPRESS=DEFLATE -co BLOCKSIZE=256 -co OVERVIEWS=IGNORE_EXISTING -b 1 -b 2 -b 3 -outsize "$size" "$size" \
    -a_srs EPSG:32633 -a_ullr $((500000 + i * 2000)) 4600000 $((500000 + i * 2000 + size)) $((4600000 - size)) \
    "$source" "$work/www/data/scene_$i.tif"
done
python3 - "$work/www" "$files" <<'EOF'
import json, sys
www, n = sys.argv[1], int(sys.argv[2])
features = [{"type": "Feature", "stac_version": "1.0.0", "id": f"scene-{i}", "geometry": None,
             "properties": {"datetime": "2024-06-01T10:00:00Z"},
             "assets": {"visual": {"href": f"./data/scene_{i}.tif", "roles": ["visual"],
                                   "type": "image/tiff; application=geotiff; profile=cloud-optimized"}},
             "links": []} for i in range(n)]
json.dump({"type": "FeatureCollection", "features": features}, open(f"{www}/items.json", "w"))
EOF

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/nginx/nginx.conf" <<EOF
daemon off; master_process off; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log;
events {}
http {
  log_format bytes '\$uri \$body_bytes_sent';
  access_log $work/nginx/access.log bytes;
  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp; fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  server { listen 127.0.0.1:$port; root $work/www; }
}
EOF
"$nginx" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
server=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

timed() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>"$work/err"; end=$(date +%s.%N); echo "$end - $start" | bc; }
disk=$(timed "$rscir" index --stac "$work/www/items.json" --index "$work/disk.rscir" --model "$model" --storage fp32)
: >"$work/nginx/access.log"
http=$(timed "$rscir" index --stac "http://127.0.0.1:$port/items.json" --index "$work/http.rscir" --model "$model" --storage fp32)
sent=$(awk '$1 ~ /\.tif$/ {s += $2} END {print s + 0}' "$work/nginx/access.log")
items=$("$rscir" info --index "$work/http.rscir" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')
total=$(du -cb "$work"/www/data/*.tif | tail -1 | cut -f1)

# One scaled read of a whole file (what a thumbnail or the viewer's overview takes).
: >"$work/nginx/access.log"
gdal_translate -q -outsize 256 256 -r average --config GDAL_DISABLE_READDIR_ON_OPEN EMPTY_DIR \
  "/vsicurl/http://127.0.0.1:$port/data/scene_0.tif" "$work/thumb.tif"
thumb=$(awk '$1 ~ /\.tif$/ {s += $2} END {print s + 0}' "$work/nginx/access.log")
one=$(stat -c %s "$work/www/data/scene_0.tif")

python3 - "$disk" "$http" "$sent" "$items" "$total" "$thumb" "$one" "$files" "$size" <<'EOF'
import json, sys
disk, http, sent, items, total, thumb, one, files, size = sys.argv[1:]
print(json.dumps({"files": int(files), "side_px": int(size), "items": int(items),
                  "disk_s": round(float(disk), 2), "http_s": round(float(http), 2),
                  "http_over_disk": round(float(http) / float(disk), 3),
                  "bytes_sent": int(sent), "bytes_of_files": int(total),
                  "bytes_per_item": round(int(sent) / max(1, int(items))),
                  "overview_read_bytes": int(thumb), "file_bytes": int(one),
                  "overview_share": round(int(thumb) / int(one), 3)}))
EOF
