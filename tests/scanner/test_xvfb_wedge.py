"""One real X keystroke test: xdotool types into a Qt window on Xvfb through the wedge filter."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb


@pytest.fixture
def xvfb_display():
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        reason = f"needs {' and '.join(missing)} (apt-get install xvfb xdotool)"
        print(f"skipping: {reason}")
        pytest.skip(reason)
    read_fd, write_fd = os.pipe()
    # -displayfd: Xvfb picks a free display number itself and writes it to us when ready
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as ready:
            number = ready.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


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
    assert outcome["scans"] == ["ABCDEFGHJK234567YZ"]
    assert outcome["field"] == "hi"
