"""The headless commands, run as a script or POS would: a subprocess, JSON out, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def kiosk(*args, data_dir=None, check=True):
    cmd = [sys.executable, "-m", "kiosk", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=120, env=os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    )
    if check and proc.returncode not in (0, 2):
        raise AssertionError(f"{cmd} failed ({proc.returncode}): {proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    data = tmp_path_factory.mktemp("shop")
    proc = kiosk("demo", data_dir=data)
    out = json.loads(proc.stdout)
    assert out["ok"]
    assert out["qr_files"] >= 36
    token = (data / "demo-qr").glob("*.txt").__next__().read_text().splitlines()[3]
    return data, token


def test_help_lists_the_commands():
    out = kiosk("--help").stdout
    for command in ("scan", "redeem", "undo", "card", "enroll", "lookup", "demo", "decode", "self-check"):
        assert command in out


def test_scan_then_card_then_cooldown(shop):
    data, token = shop
    first = kiosk("scan", token, "--quantity", "2", data_dir=data)
    assert first.returncode == 0, first.stdout
    payload = json.loads(first.stdout)
    assert payload["ok"]
    assert payload["stamps_added"] == 2
    card = json.loads(kiosk("card", token, data_dir=data).stdout)
    assert card["card"]["stamps"] == payload["card"]["stamps"]
    again = kiosk("scan", token, data_dir=data)
    assert again.returncode == 2
    assert json.loads(again.stdout)["refused"]["reason"] == "cooldown"


def test_bad_codes_exit_2_and_record_nothing(shop):
    data, token = shop
    before = json.loads(kiosk("card", token, data_dir=data).stdout)["card"]
    for bad in ["", "hello", "'; DROP TABLE cards;--", "1234 5678 9012"]:
        proc = kiosk("scan", bad, data_dir=data)
        assert proc.returncode == 2
        assert json.loads(proc.stdout)["refused"]["message"]
    assert json.loads(kiosk("card", token, data_dir=data).stdout)["card"] == before


def test_enroll_and_lookup(shop):
    data, _ = shop
    out = json.loads(kiosk("enroll", "Pat Script", "--email", "pat@example.com", data_dir=data).stdout)
    assert out["ok"]
    # a card in each of the demo's running offers: its two stamp cards and its points offer
    assert sorted(c["offer"]["name"] for c in out["cards"]) == ["Bakery points", "Coffee card", "Lunch club"]
    assert all(len(c["qr"]) == 127 for c in out["cards"])
    found = json.loads(kiosk("lookup", "pat scr", data_dir=data).stdout)
    assert [m["customer"]["name"] for m in found["matches"]] == ["Pat Script"]
    bad = kiosk("enroll", "", data_dir=data)
    assert bad.returncode == 2


def test_quantity_must_be_a_positive_number(shop):
    data, token = shop
    proc = kiosk("scan", token, "--quantity", "zero", data_dir=data, check=False)
    assert proc.returncode == 2
    assert "whole number" in proc.stderr


def test_demo_refuses_a_folder_that_has_a_shop(shop):
    data, _ = shop
    proc = kiosk("demo", data_dir=data)
    assert proc.returncode == 2
    assert "already" in json.loads(proc.stdout)["refused"]["message"]


def test_bad_settings_file_is_reported_and_ignored(shop, tmp_path):
    data, token = shop
    (data / "settings.json").write_text('{"theme": "purple", "bogus": 1}')
    try:
        proc = kiosk("card", token, data_dir=data)
        assert proc.returncode == 0
        assert "settings ignored" in proc.stderr
        assert "bogus" in proc.stderr
    finally:
        (data / "settings.json").unlink()


def test_card_takes_the_card_id_as_well_as_its_number(shop):
    data, token = shop
    by_token = json.loads(kiosk("card", token, data_dir=data).stdout)
    card_id = by_token["card"]["card_id"]
    for ref in (str(card_id), by_token["card"]["card_number"]):
        proc = kiosk("card", ref, data_dir=data)
        assert proc.returncode == 0, proc.stdout
        assert json.loads(proc.stdout)["card"] == by_token["card"]
    missing = kiosk("card", str(card_id + 1 if card_id + 1 < 10**11 else card_id - 1), data_dir=data)
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["refused"]["reason"] == "unknown_card"


def test_scan_with_program_earns_in_that_offer_and_an_unknown_one_records_nothing(tmp_path):
    data = tmp_path / "shop"
    assert json.loads(kiosk("demo", data_dir=data).stdout)["ok"]
    token = (data / "demo-qr").glob("*.txt").__next__().read_text().splitlines()[3]
    card = json.loads(kiosk("card", token, data_dir=data).stdout)["card"]
    unknown = kiosk("scan", token, "--program", "no-such-offer", data_dir=data)
    assert unknown.returncode == 2
    assert json.loads(unknown.stdout)["refused"]["reason"] == "invalid_input"
    assert json.loads(kiosk("card", token, data_dir=data).stdout)["card"] == card
    stamped = json.loads(kiosk("scan", token, "--program", card["offer"]["id"], data_dir=data).stdout)
    assert stamped["ok"], stamped
    assert (stamped["card"]["offer"]["id"], stamped["stamps_added"], stamped["joined"]) == (
        card["offer"]["id"],
        1,
        False,
    )
