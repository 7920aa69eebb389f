#!/bin/sh
# Build the kiosk as a one-folder bundle: dist/loyalty-kiosk/loyalty-kiosk
#
#     build/build_bundle.sh [DIST_DIR]
#
# PyInstaller's work files go to $LOYALTY_KIOSK_WORKPATH (default: a folder under the system
# temp dir, kept between runs so a rebuild reuses the analysis), never into build/.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIST=${1:-"$ROOT/dist"}
WORK=${LOYALTY_KIOSK_WORKPATH:-"${TMPDIR:-/tmp}/loyalty-kiosk-pyinstaller"}
PYTHON=${PYTHON:-"$ROOT/.venv/bin/python"}
# the build's own tools (PyInstaller, patchelf, binutils, reference LAPACK): set up when missing
if [ "$PYTHON" = "$ROOT/.venv/bin/python" ] && ! { [ -x "$PYTHON" ] && "$PYTHON" -c 'import PyInstaller' 2>/dev/null \
        && [ -x "$ROOT/.venv/bin/patchelf" ] && command -v ld >/dev/null; }; then
    bash "$ROOT/scripts/setup.sh" --build
fi

# the UI compiles its .ts translations to .qm (git-ignored); bundle fresh ones when it can
if [ -f "$ROOT/kiosk/ui/i18n_build.py" ]; then
    (cd "$ROOT" && "$PYTHON" -m kiosk.ui.i18n_build) || echo "build_bundle: translations not compiled; bundling without them" >&2
fi

cd "$ROOT"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$ROOT/build/loyalty-kiosk.spec"
# the spec itself strips the libraries that still carry symbols (see its last section)
echo "built $DIST/loyalty-kiosk ($(du -sh "$DIST/loyalty-kiosk" | cut -f1))"
