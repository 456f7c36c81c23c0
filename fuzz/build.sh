#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UndefinedBehaviorSanitizer)
# into build-fuzz/. The code under test is compiled here with the sanitizers; what it
# depends on (GDAL, libtorch, the project's other libraries) is linked from the default
# build, which must exist: cmake --preset default && cmake --build --preset default
#
#   fuzz/build.sh [target ...]      (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=build-fuzz
mkdir -p "$OUT"
CXX=${CXX:-clang++}
FLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I. -Ibuild"
TORCH_INC="-isystem /usr/include/torch/csrc/api/include"
L=build/core
TORCH_LIBS="-ltorch -ltorch_cpu -lc10"
declare -A SOURCES=(
  [pickle]="fuzz/fuzz_pickle.cpp core/clip/pickle.cpp"
  [torch_zip]="fuzz/fuzz_torch_zip.cpp core/clip/zip_directory.cpp core/clip/pickle.cpp"
  [checkpoint]="fuzz/fuzz_checkpoint.cpp core/clip/checkpoint.cpp core/clip/zip_directory.cpp core/clip/pickle.cpp"
  [npy]="fuzz/fuzz_npy.cpp core/base/npy.cpp"
  [text]="fuzz/fuzz_text.cpp core/clip/text_clean.cpp core/clip/tokenizer.cpp"
  [catalogue]="fuzz/fuzz_catalogue.cpp core/models/catalogue.cpp"
  [patterncom]="fuzz/fuzz_patterncom.cpp core/eval/patterncom.cpp"
  [index_json]="fuzz/fuzz_index_json.cpp core/index/index_store.cpp"
)
declare -A LIBS=(
  [pickle]=""
  [torch_zip]=""
  [checkpoint]="$TORCH_LIBS -lz"
  [npy]=""
  [text]="-licuuc -licui18n -lz"
  [catalogue]="$L/librscir_models.a $L/librscir_clip.a $L/librscir_tokenizer.a $L/librscir_search.a $L/librscir_base.a $TORCH_LIBS -lcurl -lssl -lcrypto -licuuc -licui18n -lz"
  [patterncom]="$L/librscir_search.a $L/librscir_base.a"
  [index_json]="$L/librscir_index.a $L/librscir_models.a $L/librscir_clip.a $L/librscir_tokenizer.a $L/librscir_imagery.a $L/librscir_search.a $L/librscir_base.a -lsqlite3 -lgdal -lopencv_core -lopencv_imgproc -lopencv_imgcodecs $TORCH_LIBS -licuuc -licui18n -lz"
)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(pickle torch_zip checkpoint npy text catalogue patterncom index_json)
for t in "${targets[@]}"; do
  echo "building fuzz_$t"
  # libtorch 1.13's headers do not compile as C++20 with clang 14: the checkpoint reader's
  # target is built as C++17 (the code is valid as both).
  extra="-std=c++20"
  case "$t" in checkpoint) extra="-std=c++17 $TORCH_INC" ;; esac
  # shellcheck disable=SC2086
  $CXX $FLAGS $extra ${SOURCES[$t]} ${LIBS[$t]} -o "$OUT/fuzz_$t"
done
