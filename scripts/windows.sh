#!/usr/bin/env bash
# Wandzeitung for Windows, made on Debian 12: cross-built with Debian's Rust
# (rustc-web, with the standard library built from rust-web-src) and MinGW,
# tested under Wine, packed with Debian's makensis.
#
#   scripts/windows.sh build    release wandzeitung-app.exe and wz.exe
#   scripts/windows.sh test     the core's tests as Windows programs under Wine
#   scripts/windows.sh package  the installer and the portable ZIP (after build)
#   scripts/windows.sh dist     prints the folder the packages are written to
#   scripts/windows.sh env CMD  runs CMD with the cross-build's settings
#
# The Makefile's `windows`, `test-windows` and `package-windows` call it after
# `scripts/setup.sh windows`; tests/windows_install.rs installs, starts and
# uninstalls what `package` made under Wine. The packages land in
# $WZ_WINDOWS_OUT (default: <target dir>/windows/dist).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

triple=x86_64-pc-windows-gnu
host_target=${CARGO_TARGET_DIR:-$root/target}
# Debian's compiler is not rustup's: its own target folder, so neither
# invalidates the other's build.
target=${WZ_WINDOWS_TARGET_DIR:-$host_target/windows}
out=${WZ_WINDOWS_OUT:-$target/dist}
mkdir -p "$target"
target=$(cd "$target" && pwd)

# rustup's proxies come first in PATH: Debian's tools by full path.
cargo=/usr/bin/cargo
export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
# -Zbuild-std on a stable compiler: Debian ships the standard library's
# source (rust-web-src), not a prebuilt one for Windows.
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR=$target
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export CXX_x86_64_pc_windows_gnu=x86_64-w64-mingw32-g++
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
export RC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-windres
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$root/scripts/wine-run.sh
# The runner's Wine prefix lives beside the build, not in the user's ~/.wine.
export WZ_WINEPREFIX=${WZ_WINEPREFIX:-$target/wine-prefix}
build_std=(-Zbuild-std=std,panic_abort --target "$triple")

version() {
  sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml
}

seconds_since() { echo $(($(date +%s) - $1)); }

build() {
  local started
  started=$(date +%s)
  [ -f ui/dist/index.html ] || { echo "windows: build the UI first (make ui)" >&2; exit 1; }
  "$cargo" build --release "${build_std[@]}" -p wandzeitung-app -p wandzeitung \
    --bin wandzeitung-app --bin wz
  echo "windows: release build in $(seconds_since "$started") s"
  local bin=$target/$triple/release
  ls -l "$bin/wandzeitung-app.exe" "$bin/wz.exe" | awk '{printf "windows: %s %d bytes\n", $9, $5}'
}

run_tests() {
  local started
  started=$(date +%s)
  # The core's tests, every file that does not need the Linux desktop
  # (those say `#![cfg(target_os = "linux")]` or `#![cfg(unix)]` and
  # compile to nothing here).
  "$cargo" test "${build_std[@]}" -p wandzeitung "$@"
  echo "windows: tests built and run in $(seconds_since "$started") s"
}

case "${1:-}" in
  build) build ;;
  test) shift; run_tests "$@" ;;
  package) exec "$root/scripts/windows-package.sh" "$target/$triple/release" "$out" "$(version)" ;;
  dist) echo "$out" ;;
  env) shift; exec "$@" ;;
  *) sed -n '2,15p' "$0" >&2; exit 2 ;;
esac
