#!/bin/bash
# Fills bench/gpu/fixtures (ignored by git) with what the GPU run needs from this machine:
# the conformance fixtures that fit the transfer to a GPU machine, and the two header-only
# or tiny build dependencies of the clip-only preset that such a machine may lack
# (nlohmann_json, zlib), as a CMake prefix that bench/gpu/run.sh adds to the search path.
#
#   bench/gpu/prepare.sh [CONFORMANCE_DIR] [--all]
#
# CONFORMANCE_DIR defaults to ../shared/conformance. By default it copies the model with
# open_clip key names (gelu_b32/open_clip.safetensors) and the model whose heads are not
# width / 64 (headwidth), with every input and expected output: about 50 MB. --all adds
# the other containers (open_clip.pt, hf.safetensors, openai_jit.pt): about 110 MB, too
# much to carry to a GPU machine with the project.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source_dir=$root/../shared/conformance
all=0
for argument in "$@"; do
    case $argument in
    --all) all=1 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) source_dir=$argument ;;
    esac
done
if [ ! -f "$source_dir/manifest.json" ]; then
    echo "prepare.sh: $source_dir has no manifest.json (the conformance fixtures)" >&2
    exit 1
fi
target=$here/fixtures
rm -rf "$target"
mkdir -p "$target/expected" "$target/models/gelu_b32" "$target/headwidth"

cp "$source_dir/manifest.json" "$target/"
cp "$source_dir"/expected/pixels_*.npy "$target/expected/"
cp "$source_dir"/expected/gelu_b32_*_embeddings.npy "$target/expected/"
cp "$source_dir/models/gelu_b32/open_clip.safetensors" "$target/models/gelu_b32/"
cp "$source_dir"/headwidth/{manifest.json,model.json,open_clip.safetensors} "$target/headwidth/"
cp "$source_dir"/headwidth/expected_*_embeddings.npy "$target/headwidth/"
if [ "$all" = 1 ]; then
    mkdir -p "$target/models/quickgelu_b32"
    cp "$source_dir"/models/gelu_b32/{open_clip.pt,hf.safetensors} "$target/models/gelu_b32/"
    cp "$source_dir/models/quickgelu_b32/openai_jit.pt" "$target/models/quickgelu_b32/"
    cp "$source_dir"/expected/quickgelu_b32_*_embeddings.npy "$target/expected/"
fi

# Build dependencies as a CMake prefix: nlohmann_json's headers and package files, zlib's
# headers and static library (linked into the program, so nothing is needed at run time).
prefix=$target/prefix
json_cmake=$(dirname "$(find /usr/share/cmake /usr/lib/cmake /usr/lib/x86_64-linux-gnu/cmake -name nlohmann_jsonConfig.cmake 2>/dev/null | head -n 1)")
if [ -d /usr/include/nlohmann ] && [ -n "$json_cmake" ] && [ -f /usr/include/zlib.h ]; then
    mkdir -p "$prefix/include" "$prefix/share/cmake" "$prefix/lib"
    cp -r /usr/include/nlohmann "$prefix/include/"
    cp -r "$json_cmake" "$prefix/share/cmake/nlohmann_json"
    cp /usr/include/zlib.h /usr/include/zconf.h "$prefix/include/"
    zlib_static=$(find /usr/lib /usr/lib64 -name libz.a 2>/dev/null | head -n 1)
    if [ -n "$zlib_static" ]; then
        cp "$zlib_static" "$prefix/lib/"
    fi
else
    echo "prepare.sh: nlohmann-json3-dev or zlib1g-dev is missing here; the GPU machine must have them" >&2
fi

echo "prepare.sh: $(du -sh "$target" | cut -f1) in $target (carry bench/gpu/fixtures to the GPU machine)"
