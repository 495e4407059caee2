# Builds the one-folder app with PyInstaller on Windows: dist\caption-desk\ holds caption-desk.exe
# (the command line) and caption-desk-gui.exe (the app, without a console window).
# Usage, from a PowerShell prompt:  .\packaging\build.ps1   (uses .venv\Scripts\python.exe unless $env:PYTHON is set)
# Needs: py -3.11 -m venv .venv; .venv\Scripts\python -m pip install -e ".[package]"
$ErrorActionPreference = "Stop"

$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $Root
$Python = if ($env:PYTHON) { $env:PYTHON } else { Join-Path $Root ".venv\Scripts\python.exe" }

& $Python -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) {
    Write-Error "PyInstaller is not installed in $Python; run: $Python -m pip install -e '.[package]'"
    exit 1
}

& $Python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath (Join-Path $Root "dist") --workpath (Join-Path $Root "build\pyinstaller") `
    (Join-Path $Root "packaging\caption-desk.spec")
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

$Dist = Join-Path $Root "dist\caption-desk"
& (Join-Path $Dist "caption-desk.exe") --version
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

# The self-test runs Qt on the offscreen platform itself; no window opens.
& (Join-Path $Dist "caption-desk.exe") --self-test
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

$Bytes = (Get-ChildItem $Dist -Recurse -File | Measure-Object -Property Length -Sum).Sum
"built {0} ({1:N0} MB)" -f $Dist, ($Bytes / 1MB)
