"""The demo kiosk as a person meets it: the real app process on a real X server (Xvfb),
driven by real keystrokes (xdotool) — sign in, scan a demo card, scan it again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb


def _card(data: Path, token: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "kiosk", "card", token, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout)["card"]


def _wait_for(predicate, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)  # polling another process's database; there is no signal to wait on
    raise AssertionError(f"timed out waiting for {what}")


def _xdotool(display: str, *args: str) -> str:
    env = {**os.environ, "DISPLAY": display}
    return subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=60, check=True
    ).stdout


def test_demo_kiosk_stamps_a_typed_card_and_refuses_the_repeat(xvfb_display, tmp_path):
    data = tmp_path / "kiosk"
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)}
    app = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--demo", "--data-dir", str(data), "--report-ready"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = app.stdout.readline()
        assert line.startswith("ready"), (
            f"the kiosk did not start: {line!r} {app.stderr.read() if app.poll() else ''}"
        )
        qr_texts = sorted((data / "demo-qr").glob("*.txt"))
        first, second = (p.read_text().splitlines()[3] for p in qr_texts[:2])
        window = _xdotool(
            xvfb_display, "search", "--sync", "--onlyvisible", "--name", "Loyalty Kiosk"
        ).split()[0]
        _xdotool(xvfb_display, "windowfocus", "--sync", window)
        # xdotool maps its keys on first use, which slows its first burst below scanner speed;
        # a burst while nobody is signed in warms it up and must record nothing
        _xdotool(xvfb_display, "type", "--delay", "3", first)
        _xdotool(xvfb_display, "key", "Return")
        _xdotool(xvfb_display, "type", "--delay", "150", "1111")  # the cashier's PIN, typed by a person
        _xdotool(xvfb_display, "key", "Return")
        assert _card(data, first)["stamps"] == 0

        _xdotool(xvfb_display, "type", "--delay", "3", first)  # a scanner: a few ms a key, then Enter
        _xdotool(xvfb_display, "key", "Return")
        stamped = _wait_for(lambda: _card(data, first)["stamps"] == 1, "the first stamp")
        assert stamped

        _xdotool(xvfb_display, "type", "--delay", "3", first)  # the same card again, inside the cooldown
        _xdotool(xvfb_display, "key", "Return")
        _xdotool(xvfb_display, "type", "--delay", "3", second)  # the next customer
        _xdotool(xvfb_display, "key", "Return")
        # scans are handled in order by one store worker: once the next customer's stamp is on
        # disk, the repeat has been decided — and it recorded nothing
        _wait_for(lambda: _card(data, second)["stamps"] == 1, "the next customer's stamp")
        assert _card(data, first)["stamps"] == 1
    finally:
        app.terminate()
        try:
            app.wait(20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait(10)
        app.stdout.close()
        app.stderr.close()
