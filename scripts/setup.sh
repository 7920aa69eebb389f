#!/usr/bin/env bash
# Everything a fresh Debian 12 machine needs to run the kiosk (and, with --test, its tests).
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# no option: run the kiosk; --build: also build the bundle (build/build_bundle.sh);
# --test: also run every test (which builds the bundle too)
mode=${1:-run}
case "$mode" in run | --build | --test) ;; *) echo "usage: scripts/setup.sh [--build|--test]" >&2; exit 2 ;; esac
want_tests=0
[ "$mode" = "--test" ] && want_tests=1

# System libraries: Qt offscreen/xcb, QtMultimedia, zbar; for the bundle binutils, the reference
# BLAS/LAPACK the bundled OpenCV links and gcc (the bundle's libaom stub, build/aom_stub.c); for tests also Xvfb, xdotool, PostgreSQL, Redis, libfaketime,
# poppler-utils (pdftotext, pdfinfo: the Analytics PDF export is read back).
apt_pkgs=(python3 python3-venv python3-dev libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
          libpulse0 libxrandr2 libzbar0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
          libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1)
if [ "$mode" != run ]; then
  apt_pkgs+=(binutils gcc libblas3 liblapack3)
fi
if [ "$want_tests" = 1 ]; then
  apt_pkgs+=(xvfb xauth xdotool postgresql redis-server faketime chromium chromium-driver poppler-utils)
fi
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these system packages are missing; install them as root, then run this again:"
    echo "  sudo apt-get install -y ${missing[*]}"
    [ "$mode" != run ] && exit 1
  fi
fi

# The Python environment: a virtualenv in .venv with the project and its pinned parts.
py="${PYTHON:-python3}"
if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11 or newer is needed ($py is $("$py" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$py" -m venv .venv
fi
stamp=.venv/.installed-$( (cat pyproject.toml; echo "$mode") | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages (first run takes a few minutes)"
  # setuptools' notes about editable installs are for package authors, not for whoever runs this
  pip_install() { PYTHONWARNINGS=ignore .venv/bin/python -m pip install -q "$@"; }
  pip_install --upgrade pip wheel
  if [ "$want_tests" = 1 ]; then
    pip_install -e '.[dev]'
  elif [ "$mode" = --build ]; then
    pip_install -e '.[build]'
  else
    pip_install -e .
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Translations: .ts sources are in git, the compiled .qm files are built here.
if [ -f kiosk/ui/i18n_build.py ]; then
  .venv/bin/python -m kiosk.ui.i18n_build >/dev/null
fi
