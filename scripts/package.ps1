# Builds the release app and wz.exe on Windows and bundles them with Tauri's
# own bundler into an NSIS installer under target\release\bundle\nsis\.
# The Windows counterpart of scripts/package.sh; see the README's Windows
# section for what the machine needs first. Usage, from the checkout:
#
#   powershell -ExecutionPolicy Bypass -File scripts\package.ps1
#
# Offline: the bundler downloads NSIS and the WebView2 installer unless they
# are in its cache (%LOCALAPPDATA%\tauri\NSIS, and the WebView2 offline
# installer next to it); set WANDZEITUNG_OFFLINE=1 to stop with a clear
# message instead of trying the network when they are missing.
#
# This script has not been run on this project's own machines (they have no
# Windows); the first Windows build checks it.

$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..')

$targetDir = if ($env:CARGO_TARGET_DIR) { $env:CARGO_TARGET_DIR } else { Join-Path (Get-Location) 'target' }
$targetDir = [System.IO.Path]::GetFullPath($targetDir)
$tauri = Join-Path (Get-Location) 'ui\node_modules\.bin\tauri.cmd'

if (-not (Test-Path 'ui\node_modules')) {
    Push-Location ui; npm ci --no-audit --no-fund; Pop-Location
}
Push-Location ui; npm run build; Pop-Location

$started = Get-Date
# One cargo run for both binaries: the core is compiled once.
cargo build --release -p wandzeitung-app -p wandzeitung --bin wandzeitung-app --bin wz
if ($LASTEXITCODE -ne 0) { throw 'cargo build failed' }

# Every icon size the bundler needs, from the one source icon.
& $tauri icon assets\icons\icon.png -o src-tauri\icons | Out-Null

if ($env:WANDZEITUNG_OFFLINE -eq '1') {
    $nsis = Join-Path $env:LOCALAPPDATA 'tauri\NSIS'
    if (-not (Test-Path $nsis)) {
        throw "No NSIS in $nsis and no network allowed: copy the folder from a machine that bundled once."
    }
}

$version = (cargo metadata --format-version 1 --no-deps | ConvertFrom-Json).packages |
    Where-Object { $_.name -eq 'wandzeitung-app' } | Select-Object -ExpandProperty version

# The bundler reads its config beside the shell's Cargo.toml: a copy of the
# root tauri.conf.json with paths relative to src-tauri\, removed again after.
$conf = Get-Content tauri.conf.json -Raw | ConvertFrom-Json
$conf | Add-Member -NotePropertyName version -NotePropertyValue $version -Force
$conf.build.frontendDist = '../' + $conf.build.frontendDist
$conf.bundle.icon = @('icons/32x32.png', 'icons/128x128.png', 'icons/icon.png', 'icons/icon.ico')
# wz.exe is installed beside the app.
$resources = @{ (Join-Path $targetDir 'release\wz.exe') = 'wz.exe' }
$conf.bundle | Add-Member -NotePropertyName resources -NotePropertyValue $resources -Force
$conf.bundle.windows.nsis.installerHooks = '../' + $conf.bundle.windows.nsis.installerHooks
$conf | ConvertTo-Json -Depth 20 | Set-Content -Encoding utf8 src-tauri\tauri.conf.json

try {
    Push-Location src-tauri
    $env:CARGO_TARGET_DIR = $targetDir
    & $tauri bundle --bundles nsis
    if ($LASTEXITCODE -ne 0) { throw 'tauri bundle failed' }
} finally {
    Pop-Location
    Remove-Item -Force src-tauri\tauri.conf.json -ErrorAction SilentlyContinue
}

$seconds = [int]((Get-Date) - $started).TotalSeconds
Write-Host "package: built in $seconds s"
Get-ChildItem (Join-Path $targetDir 'release\bundle\nsis\*.exe') | Format-Table Name, Length
