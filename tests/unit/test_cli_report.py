"""`loyalty-kiosk report`: the manager's figures as JSON for a script or a POS, and what a pipe
closed early (`| head`) does to it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.unit.test_cli import kiosk


def test_report_counts_what_the_counter_recorded(tmp_path):
    data = tmp_path / "shop"
    assert kiosk("demo", data_dir=data).returncode == 0
    cards = json.loads(kiosk("lookup", "Ana", data_dir=data).stdout)["matches"][0]["cards"]
    number = next(c["card_number"] for c in cards if c["offer"]["name"] == "Coffee card")
    assert kiosk("scan", number, "-n", "3", data_dir=data).returncode == 0
    done = kiosk("report", "--days", "7", data_dir=data)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["ok"]
    assert (out["totals"]["visits"], out["totals"]["stamps"]) == (1, 3)
    assert out["totals"]["new_customers"] == 36
    assert len(out["by_day"]) == 7
    assert out["by_staff"][0]["staff"] == "command line"
    assert {o["offer"] for o in out["by_offer"]} == {"Coffee card", "Lunch club"}
    refused = kiosk("report", "--days", "400", data_dir=data)
    assert refused.returncode == 2
    assert "1 to 366 days" in json.loads(refused.stdout)["refused"]["message"]
    # a reader that stops early gets no traceback thrown at it
    piped = subprocess.run(
        f"{sys.executable} -m kiosk report --days 30 --data-dir {data} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.stdout.strip() == "{"
    assert "Traceback" not in piped.stderr
