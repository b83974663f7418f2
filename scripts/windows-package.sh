#!/usr/bin/env bash
# The two ways Wandzeitung reaches a Windows laptop, made from the release
# build (scripts/windows.sh package calls this):
#   Wandzeitung-<version>-setup.exe     the installer (assets/package/windows/installer.nsi)
#   Wandzeitung-portable-<version>.zip  the same files in a folder, run from anywhere
# Usage: scripts/windows-package.sh <release dir> <out dir> <version>
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
release=$1 out=$2 version=$3

for f in wandzeitung-app.exe wz.exe; do
  [ -f "$release/$f" ] || { echo "windows: $release/$f is missing: run make windows first" >&2; exit 1; }
done

# The GNU build links WebView2's loader as a DLL (MSVC's links it in
# statically): it comes with webview2-com-sys, the version in Cargo.lock.
loader_version=$(awk '/^name = "webview2-com-sys"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
loader=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"webview2-com-sys-$loader_version"/x64/WebView2Loader.dll 2>/dev/null | head -n1)
[ -n "$loader" ] || { echo "windows: WebView2Loader.dll of webview2-com-sys $loader_version not found (cargo fetch first)" >&2; exit 1; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$out/stage/Wandzeitung
rm -rf "$out/stage"
mkdir -p "$stage"
cp "$release/wandzeitung-app.exe" "$stage/Wandzeitung.exe"
cp "$release/wz.exe" "$loader" "$stage/"
# Notepad reads UTF-8 with CRLF line ends.
sed -e "s/@VERSION@/$version/" -e 's/$/\r/' "assets/package/windows/Lies mich.txt" >"$stage/Lies mich.txt"
sed -e 's/$/\r/' assets/package/copyright >"$stage/LICENSE.txt"

setup=$out/Wandzeitung-$version-setup.exe
(cd "$stage" && makensis -V2 -NOCD -DVERSION="$version" -DOUTFILE="$setup" \
  -DICON="$root/assets/icons/icon.ico" "$root/assets/package/windows/installer.nsi")

portable=$out/Wandzeitung-portable-$version.zip
rm -f "$portable"
# The folder, not loose files: unpacked, it is one "Wandzeitung" folder.
(cd "$out/stage" && zip -q -r -X -9 "$portable" Wandzeitung)

for f in "$stage/Wandzeitung.exe" "$stage/wz.exe" "$setup" "$portable"; do
  printf 'windows: %-40s %10d bytes\n' "$(basename "$f")" "$(stat -c %s "$f")"
done
