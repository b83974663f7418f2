#!/usr/bin/env bash
# Builds the release app and `wz` and bundles them with Tauri's own bundler
# into a .deb (and an .rpm) under target/release/bundle/. Usage: make package
#
# The Tauri CLI wants its config beside the shell's Cargo.toml, so a copy of
# the root tauri.conf.json with paths relative to src-tauri/ is written
# there for the bundler (and removed again); the root file stays the one
# truth. The version comes from Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-$PWD/target}
case "$target_dir" in /*) ;; *) target_dir="$PWD/$target_dir" ;; esac
tauri=(ui/node_modules/.bin/tauri)

started=$(date +%s)
# One cargo run for both: the core is then compiled once, with the features
# both need, not twice.
cargo build --release -p wandzeitung-app -p wandzeitung --bin wandzeitung-app --bin wz

# Every icon size the bundlers need, from the one source icon.
"${tauri[@]}" icon assets/icons/icon.png -o src-tauri/icons >/dev/null 2>&1

version=$(cargo metadata --format-version 1 --no-deps |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages.find(p=>p.name==="wandzeitung-app");console.log(p.version)})')

# Debian wants a changelog and a copyright file in the package's doc folder.
doc="$target_dir/package-doc"
mkdir -p "$doc"
{
  echo "wandzeitung ($version) unstable; urgency=low"
  echo
  echo "  * Release $version, built from the source repository."
  echo
  echo " -- Wandzeitung developers <maintainers@wandzeitung.invalid>  $(date -R -d @"$(git log -1 --format=%ct 2>/dev/null || date +%s)")"
} | gzip -n -9 > "$doc/changelog.gz"

# Manual pages: `wz`'s from its own command-line definitions, the app's
# short one from assets/; and `wz`'s bash completion.
man="$target_dir/package-doc/man"
rm -rf "$man" && mkdir -p "$man"
"$target_dir/release/wz" man "$man" >/dev/null
cp assets/package/wandzeitung-app.1 "$man/"
gzip -n -9 "$man"/*.1
"$target_dir/release/wz" completions bash > "$doc/wz.bash"

node - "$version" "$target_dir" <<'JS'
const fs = require('fs');
const [version, targetDir] = process.argv.slice(2);
const conf = JSON.parse(fs.readFileSync('tauri.conf.json', 'utf8'));
conf.version = version;
conf.build.frontendDist = '../' + conf.build.frontendDist;
conf.bundle.icon = ['icons/32x32.png', 'icons/64x64.png', 'icons/128x128.png', 'icons/icon.png', 'icons/icon.ico', 'icons/icon.icns'];
const files = {
  '/usr/bin/wz': `${targetDir}/release/wz`,
  '/usr/share/doc/wandzeitung/copyright': '../assets/package/copyright',
  '/usr/share/bash-completion/completions/wz': `${targetDir}/package-doc/wz.bash`,
};
for (const page of fs.readdirSync(`${targetDir}/package-doc/man`)) {
  files[`/usr/share/man/man1/${page}`] = `${targetDir}/package-doc/man/${page}`;
}
const desktopTemplate = '../assets/package/wandzeitung.desktop';
conf.bundle.linux.rpm = { ...conf.bundle.linux.rpm, files, desktopTemplate };
conf.bundle.linux.deb = {
  ...conf.bundle.linux.deb,
  files: { ...files, '/usr/share/doc/wandzeitung/changelog.gz': `${targetDir}/package-doc/changelog.gz` },
  desktopTemplate,
};
fs.writeFileSync('src-tauri/tauri.conf.json', JSON.stringify(conf, null, 2));
JS
trap 'rm -f src-tauri/tauri.conf.json' EXIT

(cd src-tauri && CARGO_TARGET_DIR="$target_dir" "../${tauri[@]}" bundle --bundles deb,rpm)

echo "package: built in $(( $(date +%s) - started )) s"
ls -l "$target_dir"/release/bundle/deb/*.deb "$target_dir"/release/bundle/rpm/*.rpm
