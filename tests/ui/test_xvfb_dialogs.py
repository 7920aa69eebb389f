"""Every dialog of the kiosk opens and closes on a real X server without crashing the app.

The walk (tests/ui/xvfb_dialog_walk.py) runs in a child process on Xvfb: a segfault there — the
print preview used to paint on a printer that was already freed — shows here as the child's
exit status, with its output, instead of taking the whole test run down."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb

ROOT = Path(__file__).resolve().parents[2]


def test_every_dialog_opens_and_closes_without_crashing(xvfb_display, tmp_path):
    env = {
        **os.environ,
        "DISPLAY": xvfb_display,
        "QT_QPA_PLATFORM": "xcb",
        "HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(tmp_path),
        # glibc fills freed memory with this byte: a use after free reads garbage and fails at once
        "MALLOC_PERTURB_": "165",
    }
    walk = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/ui/xvfb_dialog_walk.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    report = f"exit status {walk.returncode}\n{walk.stdout[-4000:]}\n{walk.stderr[-4000:]}"
    assert walk.returncode == 0, report  # a crash is a negative status (-11: segfault)
    assert "1 passed" in walk.stdout, report
