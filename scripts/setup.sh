#!/usr/bin/env bash
# Installs what building, running, testing and packaging Wandzeitung needs on
# Debian 12, and nothing that is already there.
# Usage: scripts/setup.sh run|test|package|windows
set -euo pipefail

mode=${1:-run}
cd "$(dirname "$0")/.."

# Build and run: WebKitGTK and friends for the Tauri window.
packages=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libxdo-dev libssl-dev libdbus-1-dev build-essential pkg-config curl file)
# Glyphs for every script a town hall meets (Arabic, Hebrew, Devanagari, …, emoji
# in black and white) for the window and the protocol's fallback fonts, and the
# German hyphenation dictionary WebKitGTK's `hyphens: auto` reads.
packages+=(fonts-noto-core fonts-symbola hyphen-de)
if [ "$mode" = windows ]; then
  # Windows programs made here: Debian's Rust with the standard library's
  # source (cross-built with -Zbuild-std; bookworm-security), MinGW as linker
  # and resource compiler, Wine to run the tests, makensis and zip to pack.
  # The message box without WebView2 is looked at under Xvfb. The tests
  # read what the Windows programs wrote with the same Linux tools.
  packages=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
    wine64 nsis zip unzip xvfb xauth xdotool imagemagick libimage-exiftool-perl
    fonts-noto-core fonts-symbola poppler-utils zbar-tools python3-icalendar cmark)
fi
if [ "$mode" = package ]; then
  # The installed package is started and checked like in the tests; lintian
  # reviews the .deb.
  mode=test
  packages+=(lintian)
fi
if [ "$mode" = test ]; then
  # The real window under a virtual display, the WebDriver for it, and PDF tools.
  packages+=(webkit2gtk-driver xvfb xauth poppler-utils xdotool)
  # A real phone browser for the participant page, and a QR code reader.
  packages+=(chromium chromium-driver zbar-tools)
  # Test photos made and read back: sideways with an orientation tag, with a
  # GPS position, CMYK, 16-bit with alpha; and the tags a stored photo must lack.
  packages+=(imagemagick libimage-exiftool-perl)
  # /usr/bin/time measures what a command took (memory of a refused import).
  packages+=(time)
  # An independent iCalendar reader checks the calendar file of the challenges;
  # the CommonMark reference parser reads the Markdown protocol back.
  packages+=(python3-icalendar cmark)
  # A session bus, as a desktop has, for the start benchmark: without one
  # GTK looks for a bus to launch and some starts wait on it.
  packages+=(dbus-daemon dbus-bin)
  # A real WebDAV server (mod_dav) as the team folder's stand-in for a Nextcloud.
  packages+=(apache2)
  # The team folder's password in a real credential store (Secret Service).
  packages+=(gnome-keyring)
fi

if [ "$mode" = windows ]; then
  packages+=(locales)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node.js 20.19 or newer builds the UI (Vite 8).
if ! command -v node >/dev/null 2>&1; then
  echo "setup: Node.js is missing; installing Debian's nodejs and npm"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20 || (a===20 && b<19)) { console.error("setup: Node.js " + process.versions.node + " is too old; 20.19 or newer is needed"); process.exit(1) }'

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo is missing; install Rust with rustup (https://rustup.rs) first" >&2
  exit 1
fi

# The Windows tests run Wine in German (the installer's and the message
# box's language, umlauts in paths): Wine takes both from the Linux locale.
if [ "$mode" = windows ] && ! locale -a 2>/dev/null | grep -qix 'de_DE.utf8'; then
  echo "setup: generating the de_DE.UTF-8 locale"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo localedef -i de_DE -f UTF-8 de_DE.UTF-8
fi

if [ "$mode" = test ]; then
  want="2.1.0"
  if ! command -v tauri-driver >/dev/null 2>&1 || ! cargo install --list | grep -q "^tauri-driver v$want:"; then
    echo "setup: installing tauri-driver $want"
    cargo install tauri-driver --version "$want" --locked --quiet
  fi
fi
