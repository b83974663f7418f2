# Builds Wandzeitung's installer and portable ZIP on a Windows machine, from
# the same NSIS script as the Debian cross-build (assets\package\windows\
# installer.nsi; scripts/windows-package.sh is its Linux twin). The usual
# way is the cross-build on Debian: `make package-windows`. Usage, from the
# checkout, with Rust, Node.js and NSIS (makensis) installed:
#
#   powershell -ExecutionPolicy Bypass -File scripts\package.ps1
#
# Nothing is downloaded but the crates and npm packages of the lock files.

$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..')
$root = Get-Location

$targetDir = if ($env:CARGO_TARGET_DIR) { $env:CARGO_TARGET_DIR } else { Join-Path $root 'target' }
$targetDir = [System.IO.Path]::GetFullPath($targetDir)

if (-not (Test-Path 'ui\node_modules')) {
    Push-Location ui; npm ci --no-audit --no-fund; Pop-Location
}
Push-Location ui; npm run build; Pop-Location

$started = Get-Date
# One cargo run for both binaries: the core is compiled once.
cargo build --release -p wandzeitung-app -p wandzeitung --bin wandzeitung-app --bin wz
if ($LASTEXITCODE -ne 0) { throw 'cargo build failed' }

$version = (cargo metadata --format-version 1 --no-deps | ConvertFrom-Json).packages |
    Where-Object { $_.name -eq 'wandzeitung-app' } | Select-Object -ExpandProperty version
$meta = cargo metadata --format-version 1 | ConvertFrom-Json
$loaderCrate = $meta.packages | Where-Object { $_.name -eq 'webview2-com-sys' } | Select-Object -First 1
$loader = Join-Path (Split-Path $loaderCrate.manifest_path) 'x64\WebView2Loader.dll'

$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = Join-Path ${env:ProgramFiles(x86)} 'NSIS\makensis.exe' }
if (-not (Test-Path $makensis)) { throw 'makensis not found: install NSIS (3.08 or newer)' }

$out = Join-Path $targetDir 'windows\dist'
$stage = Join-Path $out 'stage\Wandzeitung'
Remove-Item -Recurse -Force (Join-Path $out 'stage') -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force $stage | Out-Null
Copy-Item (Join-Path $targetDir 'release\wandzeitung-app.exe') (Join-Path $stage 'Wandzeitung.exe')
Copy-Item (Join-Path $targetDir 'release\wz.exe') $stage
Copy-Item $loader $stage
$readme = (Get-Content -Raw -Encoding utf8 'assets\package\windows\Lies mich.txt') -replace '@VERSION@', $version
[System.IO.File]::WriteAllText((Join-Path $stage 'Lies mich.txt'), ($readme -replace "`r?`n", "`r`n"))
$licence = Get-Content -Raw -Encoding utf8 'assets\package\copyright'
[System.IO.File]::WriteAllText((Join-Path $stage 'LICENSE.txt'), ($licence -replace "`r?`n", "`r`n"))

$setup = Join-Path $out "Wandzeitung-$version-setup.exe"
Push-Location $stage
& $makensis -V2 -NOCD "-DVERSION=$version" "-DOUTFILE=$setup" "-DICON=$root\assets\icons\icon.ico" "$root\assets\package\windows\installer.nsi"
$code = $LASTEXITCODE
Pop-Location
if ($code -ne 0) { throw 'makensis failed' }

$zip = Join-Path $out "Wandzeitung-portable-$version.zip"
Remove-Item -Force $zip -ErrorAction SilentlyContinue
Compress-Archive -Path $stage -DestinationPath $zip

$seconds = [int]((Get-Date) - $started).TotalSeconds
Write-Host "package: built in $seconds s"
Get-ChildItem $setup, $zip | Format-Table Name, Length
