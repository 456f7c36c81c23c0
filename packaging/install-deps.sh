#!/usr/bin/env bash
# Installs the Debian 12 packages that rscir needs to build, test and run.
# Idempotent: packages already present are left alone. Runs apt-get directly as
# root, otherwise through sudo.
#
#   packaging/install-deps.sh            build + test dependencies
#   packaging/install-deps.sh --extras   also tools for screenshots, packaging checks
#                                        and the Python comparison benchmark
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  # Qt 6 Widgets, SVG icons, Linguist tools for translations
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n qt6-qpa-plugins libqt6svg6 fonts-dejavu-core libgl-dev
  # the benchmark workbench's charts (Qt Charts' CMake package needs Qt OpenGL's, which
  # qt6-charts-dev does not pull in)
  qt6-charts-dev libqt6opengl6-dev
  # inference: libtorch (CPU) on an optimised BLAS
  libtorch-dev libopenblas0-pthread libopenblas-dev
  # imagery, storage, tokenizer, checkpoints
  libgdal-dev gdal-bin libopencv-dev libsqlite3-dev libicu-dev zlib1g-dev
  # SigLIP models' SentencePiece tokenizer
  libsentencepiece-dev
  # model downloads, checksums and zip releases
  libcurl4-openssl-dev libssl-dev libarchive-dev
  # command line, JSON, benchmarks
  libcli11-dev nlohmann-json3-dev libbenchmark-dev
  # the fuzz targets: clang with libFuzzer and the sanitizers; their seeds and the code-size
  # check are Python scripts
  clang libclang-rt-14-dev python3
  # packaging checks
  desktop-file-utils appstream dpkg-dev file
  # the cluster test: a one-node Slurm cluster and its authentication
  slurm-wlm munge
  # the tests of archives on a web server: a small nginx they start themselves
  nginx-light
  # a German locale, so that tests read numbers as a German desktop's process would
  locales
)
if [[ "${1:-}" == "--extras" ]]; then
  packages+=(xvfb xauth imagemagick python3-torch python3-numpy)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
german_locale() {
  if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
    "${sudo_cmd[@]}" localedef -i de_DE -f UTF-8 de_DE.UTF-8 || echo "install-deps: no German locale (a test skips)"
  fi
}
if [[ ${#missing[@]} -eq 0 ]]; then
  german_locale
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
german_locale
echo "install-deps: done"
