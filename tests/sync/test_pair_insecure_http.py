"""Pairing never sends the device credential over plain http:// to another computer unasked."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.sync import pairing


@pytest.mark.parametrize(
    ("url", "in_clear"),
    [
        ("https://loyalty.example", False),
        ("http://127.0.0.1:8000", False),
        ("http://127.8.9.10", False),
        ("http://localhost:8000/", False),
        ("http://[::1]:8000", False),
        ("http://192.168.1.10:8000", True),
        ("http://loyalty.example", True),
        ("HTTP://Loyalty.Example", True),
    ],
)
def test_which_addresses_send_the_credential_in_clear(url, in_clear):
    assert pairing.sends_credential_in_clear(url) is in_clear


def test_pairing_over_plain_http_is_refused_unless_the_owner_allows_it(cloud, make_kiosk):
    kiosk = make_kiosk()
    code = cloud.owner.pairing_code(cloud.location_id)
    with pytest.raises(pairing.PairingRefused, match="unencrypted"):
        pairing.pair(
            kiosk.store,
            kiosk.credentials,
            "http://testserver",
            code,
            device_name="Till",
            now=kiosk.clock,
            http=cloud.http,
        )
    assert pairing.cloud_url_of(kiosk.store) is None
    assert kiosk.credentials.get() is None
    # the code was not spent: the owner, warned, pairs with it
    result = pairing.pair(
        kiosk.store,
        kiosk.credentials,
        "http://testserver",
        code,
        device_name="Till",
        now=kiosk.clock,
        allow_insecure_http=True,
        http=cloud.http,
    )
    assert result.paired.device_id


def test_the_pair_command_warns_and_asks_for_the_flag(tmp_path):
    # 192.0.2.1 is a documentation address: the command must stop before any connection
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "pair",
            "http://192.0.2.1:9",
            "ABCD-EFGH",
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode != 0
    assert "unencrypted" in r.stderr
    assert "--allow-insecure-http" in r.stderr
