#!/usr/bin/env bash
# Builds the one-folder app with PyInstaller: dist/caption-desk/ (and dist/Caption Desk.app on macOS).
# Usage: packaging/build.sh            (from anywhere; uses .venv/bin/python unless $PYTHON is set)
# Needs: the project and PyInstaller installed in that Python: pip install -e '.[package]'
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: PyInstaller is not installed in $PYTHON; run: $PYTHON -m pip install -e '.[package]'" >&2
    exit 1
fi

# --clean: no stale analysis from another checkout or Python; build/ and dist/ are ignored by git.
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    "$ROOT/packaging/caption-desk.spec"

echo "built $ROOT/dist/caption-desk ($(du -sh "$ROOT/dist/caption-desk" | cut -f1))"
