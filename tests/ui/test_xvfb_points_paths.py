"""How many inputs the counter's points paths take, measured on the real window (issue 15):
a points sale = scan + amount + Enter; a catalogue reward in at most 3. The walk
(tests/ui/xvfb_points_walk.py) runs in a child pytest on Xvfb with real X input, as the counter
paths' walk does."""

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
    "points sale": 3,  # the scan, the amount, Enter
    "redeem a catalogue reward": 3,  # the scan, the reward, Yes
}


def test_the_points_paths_take_no_more_inputs_than_their_targets(xvfb_display, tmp_path):
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
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/ui/xvfb_points_walk.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    counts = json.loads(counts_file.read_text()) if counts_file.exists() else {}
    table = "\n".join(f"{path:<34} {n:>3}  (target {TARGETS.get(path, '—')})" for path, n in counts.items())
    print("\ninputs per points path, measured on the real window:\n" + table)
    assert walk.returncode == 0, f"{table}\n{walk.stdout[-4000:]}\n{walk.stderr[-3000:]}"
    assert set(TARGETS) <= set(counts), table
    assert counts["points sale: keys of the amount"] == len("12.50")  # the keys typed were the amount's
    over = {path: counts[path] for path in TARGETS if counts[path] > TARGETS[path]}
    assert not over, f"paths over their target:\n{table}"
