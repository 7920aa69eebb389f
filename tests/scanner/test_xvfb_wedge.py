"""One real X keystroke test: xdotool types into a Qt window on Xvfb through the wedge filter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scanner.xvfb_wedge_app import SCAN

pytestmark = pytest.mark.xvfb


def test_real_keystrokes_scan_once_and_typing_lands_in_the_field(xvfb_display):
    app = Path(__file__).with_name("xvfb_wedge_app.py")
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb"}
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(app)], env=env, cwd=root, capture_output=True, text=True, timeout=60
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no result from the X app; stderr:\n{result.stderr}"
    outcome = json.loads(lines[-1])
    # counted once, though X delivers each key to the window and then to every widget in the chain
    assert outcome["scans"] == [SCAN]
    assert outcome["typed"] == "ABCDEFGHJK234567YZ"  # not a card code: the field's, as typed
    assert outcome["field"] == "hi"
