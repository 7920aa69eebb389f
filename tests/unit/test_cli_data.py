"""`loyalty-kiosk export` and `erase` (kiosk/cli/data.py), run as a script would: a subprocess,
JSON out, exit status 0 done / 2 refused / 1 trouble."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest


def run(*args, data_dir) -> tuple[int, dict]:
    cmd = [sys.executable, "-m", "kiosk", *args, "--data-dir", str(data_dir)]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=120, env=os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    )
    assert proc.returncode in (0, 1, 2), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    data = tmp_path_factory.mktemp("shop")
    status, out = run("demo", data_dir=data)
    assert status == 0, out
    return data


def test_export_writes_the_files_and_says_where(shop, tmp_path):
    status, out = run("export", str(tmp_path), data_dir=shop)
    assert status == 0, out
    folder = tmp_path / out["folder"].rsplit("/", 1)[-1]
    assert out["folder"] == str(folder)
    assert folder.name.startswith("loyalty-export-")
    assert out["rows"]["customers.csv"] == 36
    with open(folder / "customers.csv", encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) == 1 + 36
    status, out = run("export", str(tmp_path / "missing"), data_dir=shop)
    assert status == 1
    assert out["refused"]["reason"] == "storage_failed"
    assert "missing" in out["refused"]["message"]


def test_erase_needs_yes_then_erases_and_an_unknown_id_is_refused(shop):
    _, found = run("lookup", "ana0@example.com", data_dir=shop)
    (match,) = found["matches"]
    customer_id = match["customer"]["id"]
    numbers = sorted(card["card_number"] for card in match["cards"])

    status, out = run("erase", customer_id, data_dir=shop)
    assert status == 2
    assert out["refused"]["reason"] == "not_confirmed"
    assert run("lookup", "ana0@example.com", data_dir=shop)[1]["matches"] != []

    status, out = run("erase", customer_id, "--yes", data_dir=shop)
    assert status == 0, out
    assert out["customer_id"] == customer_id
    assert sorted(out["cards_revoked"]) == numbers
    assert run("lookup", "ana0@example.com", data_dir=shop)[1]["matches"] == []
    _, card = run("card", numbers[0], data_dir=shop)
    assert card["card"]["status"] == "revoked"
    assert card["card"]["customer"]["name"] == "(erased)"

    status, out = run("erase", "no-such-customer", "--yes", data_dir=shop)
    assert status == 2
    assert out["refused"] == {"reason": "invalid_input", "message": "Customer: no such customer"}
