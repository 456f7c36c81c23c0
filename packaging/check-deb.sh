#!/usr/bin/env bash
# Builds the .deb with CPack and checks it: metadata, dependencies found by shlibdeps,
# the files it installs, validation of its desktop entry and AppStream metadata, and
# that both programs answer --version headless. It installs the package with dpkg when
# running as root on a CI machine (CI=true) or when RSCIR_TEST_INSTALL_DEB=1; otherwise
# it unpacks it into a temporary folder and runs the programs from there.
#
#   packaging/check-deb.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: check-deb.sh BUILD_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/*.deb)
echo "package: $(basename "$deb")"
info=$(dpkg-deb --info "$deb")
depends=$(echo "$info" | sed -n 's/^ Depends: //p')
echo "depends: $depends"
for needed in libopenblas0-pthread libqt6widgets6 libgdal32 libtorch1.13 libsqlite3-0 libsentencepiece0; do
  echo "$depends" | grep -q "$needed" || { echo "FAIL: the package does not depend on $needed"; exit 1; }
done
contents=$(dpkg-deb --contents "$deb")
# SigLIP's tokenizer module, under lib/ (or lib/<multiarch>/, by the install prefix)/rscir.
echo "$contents" | grep -q "/usr/lib/.*rscir/librscir_sentencepiece.so\$" ||
  { echo "FAIL: the package lacks rscir's SentencePiece module"; exit 1; }
echo "$contents" | grep -q "/usr/share/rscir/basic/subjects.csv\$" ||
  { echo "FAIL: the package lacks BASIC's corpora"; exit 1; }
for path in ./usr/bin/rscir ./usr/bin/rscir-desktop ./usr/share/applications/org.rscir.rscir.desktop \
            ./usr/share/metainfo/org.rscir.rscir.metainfo.xml ./usr/share/icons/hicolor/scalable/apps/org.rscir.rscir.svg; do
  echo "$contents" | grep -q " $path\$" || { echo "FAIL: the package lacks $path"; exit 1; }
done

dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/org.rscir.rscir.desktop"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/org.rscir.rscir.metainfo.xml" >/dev/null

siglip="${RSCIR_SHARED_DIR:-$(dirname "$0")/../../shared}/conformance/siglip/hf"
run_both() {
  local prefix=$1
  env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$prefix/rscir" --version
  env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$prefix/rscir-desktop" --version
  # The SentencePiece module is found where the package puts it: a SigLIP text is tokenised.
  if [[ -d "$siglip" ]]; then
    "$prefix/rscir" embed --model "$siglip" --device cpu --text "beach" | grep -q '"tokens":\[' ||
      { echo "FAIL: the installed rscir cannot tokenise a SigLIP text"; exit 1; }
  fi
}
if [[ $(id -u) -eq 0 && ( "${CI:-}" == "true" || "${RSCIR_TEST_INSTALL_DEB:-}" == "1" ) ]]; then
  dpkg -i "$deb" >/dev/null
  run_both /usr/bin
  dpkg -r rscir >/dev/null
  echo "installed with dpkg -i, ran, removed"
else
  run_both "$work/root/usr/bin"
  echo "unpacked and ran (set RSCIR_TEST_INSTALL_DEB=1 as root to install it with dpkg)"
fi
