#!/usr/bin/env bash
# Checks a built bundle: its version, its self-test, a real import and export through its worker
# processes, its PostgreSQL driver, and its size. Run after packaging/build.sh.
# Usage: packaging/check_bundle.sh [DIST_DIR]     (default: dist/caption-desk)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist/caption-desk}"
APP="$DIST/caption-desk"
MAX_MB=200

[ -x "$APP" ] || { echo "check_bundle: no executable at $APP (run packaging/build.sh)" >&2; exit 1; }

# A private home: the checks must not read or write the user's library, settings or cache.
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
export HOME="$SCRATCH/home" XDG_DATA_HOME="$SCRATCH/data" XDG_CACHE_HOME="$SCRATCH/cache" \
       XDG_CONFIG_HOME="$SCRATCH/config" QT_QPA_PLATFORM=offscreen
unset CAPTION_DESK_LIBRARY CAPTION_DESK_CACHE
mkdir -p "$HOME"

echo "== $APP --version"
got="$("$APP" --version)"
echo "$got"
want="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -1)"
[ "$got" = "caption-desk $want" ] || { echo "check_bundle: expected 'caption-desk $want'" >&2; exit 1; }

echo "== QT_QPA_PLATFORM=offscreen $APP --self-test"
"$APP" --self-test

# The self-test exports one photo, which runs in-process; a folder of photos also exercises the
# export's worker pool (spawned from the frozen executable).
if [ -d "$ROOT/tests/data/images" ]; then
    echo "== import-images and export of tests/data/images"
    lib="$SCRATCH/check.sqlite"
    status=0
    "$APP" --library "$lib" import-images "$ROOT/tests/data/images" --json >/dev/null 2>"$SCRATCH/import.log" || status=$?
    # 3 = finished, with the deliberately broken test files rejected
    [ "$status" = 0 ] || [ "$status" = 3 ] || { cat "$SCRATCH/import.log" >&2; exit 1; }
    "$APP" --library "$lib" export "$SCRATCH/gallery" --size 200 --thumb-size 80 2>&1 | tail -1
    [ -f "$SCRATCH/gallery/index.html" ] || { echo "check_bundle: export made no index.html" >&2; exit 1; }
fi

echo "== PostgreSQL driver (a refused connection is the expected answer)"
out="$("$APP" --library 'postgresql+psycopg://nobody@127.0.0.1:9/none' list 2>&1 || true)"
echo "$out"
case "$out" in
    *"connection"*|*"Connection"*) ;;
    *) echo "check_bundle: the PostgreSQL driver did not load" >&2; exit 1 ;;
esac

echo "== bundle size"
du -sh "$DIST"
mb="$(du -sm "$DIST" | cut -f1)"
[ "$mb" -le "$MAX_MB" ] || { echo "check_bundle: $mb MB is over the $MAX_MB MB budget" >&2; exit 1; }
echo "check_bundle: all checks passed"
