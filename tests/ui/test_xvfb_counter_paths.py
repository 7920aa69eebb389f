"""How many inputs the counter's common paths take, measured on the real window (issue 13).

tests/ui/xvfb_counter_paths_walk.py drives a kiosk on a private X server with xdotool and counts
every key, click and scanner pass; this test runs it in a child process and holds the counts to
the targets. Measured on the code before issue 13 (same walk): sign in 6, stamp 1, 3 stamps 3,
undo 1, redeem a full card 3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb

ROOT = Path(__file__).resolve().parents[2]

TARGETS = {
    "sign in": 4,  # the returning person's 4-digit PIN, nothing else: tile preselected, no Enter
    "stamp": 1,  # one scan
    "3 stamps": 3,  # + twice, one scan
    "undo": 1,
    "redeem a full card": 2,  # the scan, then Enter (or one tap on Yes)
}


def test_the_common_paths_take_no_more_inputs_than_their_targets(xvfb_display, tmp_path):
    counts_file = tmp_path / "counts.json"
    env = {
        **os.environ,
        "DISPLAY": xvfb_display,
        "QT_QPA_PLATFORM": "xcb",
        "HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "KIOSK_COUNTS_OUT": str(counts_file),
    }
    walk = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/ui/xvfb_counter_paths_walk.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    counts = json.loads(counts_file.read_text()) if counts_file.exists() else {}
    table = "\n".join(
        f"{path:<20} {counts.get(path, '—'):>3}  (target {target})" for path, target in TARGETS.items()
    )
    print("\ninputs per path, measured on the real window:\n" + table)
    assert walk.returncode == 0, f"{table}\n{walk.stdout[-4000:]}\n{walk.stderr[-3000:]}"
    assert set(counts) == set(TARGETS), table
    over = {path: n for path, n in counts.items() if n > TARGETS[path]}
    assert not over, f"paths over their target:\n{table}"
