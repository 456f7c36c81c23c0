#!/bin/bash
# The GPU benchmark in one run, from the repository root:
#
#   bench/gpu/prepare.sh                      # here, once: fills bench/gpu/fixtures
#   bash bench/gpu/run.sh                     # on the GPU machine, bench/gpu/fixtures carried
#   bash bench/gpu/run.sh --device cpu --quick --jobs 1   # the same end to end on a CPU
#
# It configures the clip-only preset against the libtorch of the machine's PyTorch
# (torch.utils.cmake_prefix_path, with the C++ ABI that PyTorch was built with), builds
# bench_gpu, writes random-weight ViT-B/32 and ViT-L/14 checkpoints meanwhile, runs
# bench_gpu (conformance of the fixtures in fp32, fp16 and bf16; image-tower throughput at
# each batch and dtype; text latency; the faster ways against the plain ones) and the same
# forward in Python (bench/gpu/torch_forward.py), and merges both into one JSON file:
# $OUT/gpu_bench.json, with the log beside it ($OUT defaults to bench/gpu/out).
#
# Options:
#   --device cuda|cpu   default cuda
#   --quick             ViT-B/32 only, batches 1 and 2, short measurements
#   --jobs N            build jobs (default: every core)
#   --budget SECONDS    the whole run, build included (default 450); measurements that
#                       would pass it are skipped and listed as such
#   --seconds S         time per measurement (default 1; 0.3 with --quick)
#   --fixtures DIR      conformance fixtures (default bench/gpu/fixtures)
#   --archs, --dtypes, --batches   override the lists (comma-separated)
#   --profile ARCH:DTYPE:BATCH      where the Python forward's device time goes, by kernel
#                       (default on CUDA: L-14:fp16:128 when L-14 is measured; none for none)
# Without a PyTorch for Python it builds against the system's libtorch and records the
# Python forward as skipped.
set -uo pipefail

start=$(date +%s)
device=cuda quick=0 jobs=$(nproc) budget=450 seconds='' fixtures='' archs='' dtypes='' batches='' profile=''
while [ $# -gt 0 ]; do
    case $1 in
    --device) device=$2; shift ;;
    --quick) quick=1 ;;
    --jobs) jobs=$2; shift ;;
    --budget) budget=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --fixtures) fixtures=$2; shift ;;
    --archs) archs=$2; shift ;;
    --dtypes) dtypes=$2; shift ;;
    --batches) batches=$2; shift ;;
    --profile) profile=$2; shift ;;
    -h | --help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
case $device in cuda | cpu) ;; *) echo "run.sh: --device is cuda or cpu" >&2; exit 2 ;; esac

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
out=${OUT:-$root/bench/gpu/out}
build=$root/build-clip
work=$build/gpu-bench
fixtures=${fixtures:-$root/bench/gpu/fixtures}
mkdir -p "$out" "$work"
rm -f "$work"/cpp.json "$work"/python.json "$work"/build.json "$work"/probe_*.npy
exec > >(tee "$out/run.log") 2>&1
deadline=$((start + budget))
left() { echo $((deadline - $(date +%s))); }
say() { echo "run.sh [$(($(date +%s) - start)) s]: $*"; }

if [ "$quick" = 1 ]; then
    archs=${archs:-B-32} batches=${batches:-1,2} seconds=${seconds:-0.3} ablation_batch=2
else
    archs=${archs:-B-32,L-14} batches=${batches:-1,8,32,128,256} seconds=${seconds:-1} ablation_batch=128
fi
if [ "$device" = cuda ]; then dtypes=${dtypes:-fp16,bf16}; else dtypes=${dtypes:-fp32}; fi
if [ -z "$profile" ] && [ "$device" = cuda ] && [[ ,$archs, == *,L-14,* ]]; then profile=L-14:fp16:128; fi
[ "$profile" = none ] && profile=''

# The Python that has PyTorch (the GPU machine's python3), else one with NumPy for the weights.
python=''
for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$candidate" > /dev/null && "$candidate" -c 'import numpy, torch' 2> /dev/null; then
        python=$candidate
        break
    fi
done
if [ -z "$python" ]; then
    for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
        if command -v "$candidate" > /dev/null && "$candidate" -c 'import numpy' 2> /dev/null; then
            python=$candidate
            break
        fi
    done
fi
if [ -z "$python" ]; then
    echo "run.sh: no python3 with NumPy (needed to write the random weights)" >&2
    exit 1
fi
# CMake and Ninja may come with that Python (pip packages) rather than with the system.
PATH=$PATH:$(dirname "$(command -v "$python")")
"$python" bench/gpu/torch_forward.py --info > "$work/info.json"
field() { "$python" -c 'import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print("" if v is None else v)' "$work/info.json" "$1"; }
say "python: $python, PyTorch $(field torch), CUDA $(field cuda), GPU $(field gpu)"

# Random weights of the published shapes, written while the build runs.
(
    IFS=,
    for arch in $archs; do
        [ -s "$work/$arch.safetensors" ] || "$python" bench/synthetic_vit.py "$work/$arch.safetensors" "$arch"
    done
) &
weights=$!

# Configure against the PyTorch package's libtorch, with its ABI; else the system's.
configure=(--preset clip-only -DRSCIR_GPU_BENCH_MEMORY_STATS=ON)
prefixes=()
torch_cmake=$(field cmake_prefix_path)
if [ -n "$torch_cmake" ] && [ -f "$torch_cmake/Torch/TorchConfig.cmake" ]; then
    prefixes+=("$torch_cmake")
    configure+=(-DTorch_DIR="$torch_cmake/Torch" -DCMAKE_CXX_FLAGS="-D_GLIBCXX_USE_CXX11_ABI=$(field cxx11_abi)")
    say "libtorch: $torch_cmake (the PyTorch package), _GLIBCXX_USE_CXX11_ABI=$(field cxx11_abi)"
    # The linker resolves libtorch_cuda's own libraries (cuBLAS, cuDNN, ... from the nvidia-*
    # packages) through these folders.
    link_dirs=$("$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(":".join(dict.fromkeys([d["torch_lib"]] + d["nvidia_lib_dirs"])))' "$work/info.json")
    configure+=(-DCMAKE_EXE_LINKER_FLAGS="-Wl,-rpath-link,$link_dirs")
    export LD_LIBRARY_PATH=$link_dirs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
else
    say "libtorch: the system's (no PyTorch package with CMake files)"
fi
if [ -d "$fixtures/prefix" ]; then
    prefixes+=("$fixtures/prefix") # nlohmann_json and zlib, where the machine lacks them
fi
if [ ${#prefixes[@]} -gt 0 ]; then
    configure+=(-DCMAKE_PREFIX_PATH="$(IFS=';'; echo "${prefixes[*]}")")
fi
if [ "$device" = cuda ]; then
    # A CUDA libtorch's CMake files look for the CUDA toolkit (nvcc).
    nvcc=$(command -v nvcc)
    [ -z "$nvcc" ] && [ -x /usr/local/cuda/bin/nvcc ] && nvcc=/usr/local/cuda/bin/nvcc
    if [ -n "$nvcc" ]; then
        PATH=$(dirname "$nvcc"):$PATH
        export CUDACXX=$nvcc
        capability=$(field capability)
        configure+=(-DCMAKE_CUDA_COMPILER="$nvcc" -DCUDAToolkit_ROOT="$(dirname "$(dirname "$nvcc")")")
        if [ -n "$capability" ]; then
            export TORCH_CUDA_ARCH_LIST=$capability
            configure+=(-DCMAKE_CUDA_ARCHITECTURES="${capability/./}")
        fi
    fi
fi
build_status=ok
configure_start=$(date +%s)
say "cmake ${configure[*]}"
if ! timeout $(($(left) - 60 > 30 ? $(left) - 60 : 30)) cmake "${configure[@]}" > "$work/configure.log" 2>&1; then
    tail -n 40 "$work/configure.log"
    build_status="configure failed"
fi
build_start=$(date +%s)
if [ "$build_status" = ok ]; then
    say "building bench_gpu with $jobs jobs"
    if ! timeout $(($(left) - 60 > 30 ? $(left) - 60 : 30)) cmake --build "$build" --target bench_gpu -j "$jobs" > "$work/build.log" 2>&1; then
        grep -E 'error|Error' "$work/build.log" | head -n 20
        # The one header that needs the CUDA toolkit's own headers: build without it.
        say "build failed; again without the CUDA allocator's memory statistics"
        cmake -DRSCIR_GPU_BENCH_MEMORY_STATS=OFF "$build" > /dev/null 2>&1
        if timeout $(($(left) - 60 > 30 ? $(left) - 60 : 30)) cmake --build "$build" --target bench_gpu -j "$jobs" >> "$work/build.log" 2>&1; then
            build_status="ok without memory statistics"
        else
            tail -n 40 "$work/build.log"
            build_status="build failed"
        fi
    fi
fi
build_end=$(date +%s)
say "build: $build_status ($((build_start - configure_start)) s configure, $((build_end - build_start)) s build)"
torch_dir=$(sed -n 's/^Torch_DIR:[A-Z]*=//p' "$build/CMakeCache.txt" 2> /dev/null)
cat > "$work/build.json" << EOF
{"status": "$build_status", "configure_seconds": $((build_start - configure_start)),
 "build_seconds": $((build_end - build_start)), "jobs": $jobs, "torch_dir": "$torch_dir",
 "cxx_flags": "$(sed -n 's/^CMAKE_CXX_FLAGS:STRING=//p' "$build/CMakeCache.txt" 2> /dev/null)"}
EOF

wait "$weights" || say "writing the random weights failed"

cpp_status=-1
if [[ $build_status == ok* ]]; then
    # C++ gets a little over half of what is left, Python the rest (Python needs less:
    # no conformance, no text, no ablation).
    remaining=$(left)
    if [ "$(field torch)" != "" ]; then cpp_deadline=$(($(date +%s) + remaining * 55 / 100)); else cpp_deadline=$((deadline - 10)); fi
    extra=()
    [ "$device" = cuda ] && extra+=(--cpu-ablation)
    say "bench_gpu until $((cpp_deadline - start)) s"
    timeout $((cpp_deadline - $(date +%s) + 60)) "$build/bin/bench_gpu" --device "$device" --fixtures "$fixtures" \
        --models "$work" --work "$work" --out "$work/cpp.json" --archs "$archs" --dtypes "$dtypes" \
        --batches "$batches" --seconds "$seconds" --deadline "$cpp_deadline" --ablation-batch "$ablation_batch" "${extra[@]}"
    cpp_status=$?
    say "bench_gpu exited with $cpp_status"
fi

say "the Python forward until $((deadline - 10 - start)) s"
timeout $(($(left) > 20 ? $(left) : 20)) "$python" bench/gpu/torch_forward.py --device "$device" --models "$work" \
    --work "$work" --out "$work/python.json" --archs "$archs" --dtypes "$dtypes" --batches "$batches" \
    --seconds "$seconds" --deadline $((deadline - 10)) --profile "$profile"
python_status=$?

"$python" bench/gpu/merge.py --work "$work" --out "$out/gpu_bench.json" --device "$device" --quick "$quick" \
    --exit-codes "$cpp_status,$python_status" --elapsed $(($(date +%s) - start))
merge_status=$?
say "done in $(($(date +%s) - start)) s: $out/gpu_bench.json"
[ "$merge_status" = 0 ] && [ "$cpp_status" = 0 ]
