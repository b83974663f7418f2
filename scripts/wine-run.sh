#!/usr/bin/env bash
# Runs a Windows program under Wine: cargo's runner for the Windows target
# (see scripts/windows.sh), and what the Windows tests spawn.
#
# The prefix is made once (WZ_WINEPREFIX) with a stand-in for
# bcryptprimitives.dll, which Rust's standard library needs and Wine 8.0
# lacks (tests/windows/bcryptprimitives.c). It is for tests only and is
# never shipped: every Windows 10 and 11 has the real one. Its font folder
# gets Debian's fonts, as a Windows machine has fonts of its own there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${WZ_WINEPREFIX:-$root/target/windows/wine-prefix}
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine=$(command -v wine64 || command -v wine)

export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=${WINEDEBUG:--all}
# No Mono or Gecko download prompts; the stand-in DLL before any built-in one.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"

standin=$prefix/drive_c/windows/system32/bcryptprimitives.dll
fonts=$prefix/drive_c/windows/Fonts
if [ ! -f "$standin" ] || [ ! -e "$fonts/Symbola_hint.ttf" ]; then
  # Two test binaries may start at once: one makes the prefix.
  mkdir -p "$(dirname "$prefix")"
  exec 9>"$prefix.lock"
  flock 9
  if [ ! -f "$standin" ] || [ ! -e "$fonts/Symbola_hint.ttf" ]; then
    "$wine" wineboot --init >/dev/null 2>&1 || true
    "$(dirname "$wine")/wineserver" -w 2>/dev/null || wineserver -w || true
    x86_64-w64-mingw32-gcc -O2 -shared -o "$prefix.standin.dll" \
      "$root/tests/windows/bcryptprimitives.c" "$root/tests/windows/bcryptprimitives.def" -ladvapi32
    mv "$prefix.standin.dll" "$standin"
    # Windows keeps its fonts in %WINDIR%\Fonts (Segoe UI Emoji, Arial, …),
    # where the protocol looks for fallback fonts; Wine keeps its own
    # elsewhere. The test Windows gets Debian's Noto and Symbola there.
    mkdir -p "$fonts"
    for f in /usr/share/fonts/truetype/noto/*.ttf /usr/share/fonts/truetype/ancient-scripts/Symbola*.ttf; do
      if [ -e "$f" ]; then ln -sf "$f" "$fonts/"; fi
    done
  fi
  flock -u 9
fi

# One wineserver for a run of many programs, kept 30 s after the last one
# ends: a test binary starting while the last one's server shuts down got
# "recvmsg: Connection reset by peer" and died. A server already running
# makes this a no-op.
wineserver=$(dirname "$wine")/wineserver
[ -x "$wineserver" ] || wineserver=$(command -v wineserver)
"$wineserver" -p30 >/dev/null 2>&1 || true

exec "$wine" "$@"
