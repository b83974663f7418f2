#!/usr/bin/env bash
# Adds up what `make test` ran (cargo on Linux, cargo's Windows tests under
# Wine, vitest) into one closing line.
set -euo pipefail
logs=${1:-.test-logs}
strip() { sed 's/\x1b\[[0-9;]*m//g' "$1"; }
read -r rust_passed rust_failed < <(strip "$logs/cargo.log" |
  awk '/^test result:/ {p += $4; f += $6} END {print p + 0, f + 0}')
read -r ui_passed ui_failed < <(strip "$logs/vitest.log" |
  awk '/^ *Tests / {for (i = 1; i <= NF; i++) {if ($(i+1) == "passed") p = $i; if ($(i+1) == "failed") f = $i}} END {print p + 0, f + 0}')
read -r win_passed win_failed win_ignored < <(strip "$logs/windows.log" | tr -d '\r' |
  awk '/^test result:/ {p += $4; f += $6; i += $8} END {print p + 0, f + 0, i + 0}')
echo "rust: $rust_passed passed, $rust_failed failed"
echo "windows (under Wine): $win_passed passed, $win_failed failed, $win_ignored ignored"
echo "ui: $ui_passed passed, $ui_failed failed"
echo "total: $((rust_passed + win_passed + ui_passed)) passed, $((rust_failed + win_failed + ui_failed)) failed"
