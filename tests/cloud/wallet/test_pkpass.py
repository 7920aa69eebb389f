"""A .pkpass is built and signed as Apple requires: every file's SHA-1 in the manifest, a detached
PKCS#7 signature over the manifest by the pass certificate with the WWDR intermediate inside,
verified here by the openssl command line; a changed file or manifest fails verification."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

import pytest

from cloud.wallet.credentials import load_credentials
from cloud.wallet.holder import BalanceUnit, PassHolder, ProgramBalance
from cloud.wallet.passjson import PassContentError, PassIdentity, pass_json
from cloud.wallet.pkpass import build_pass
from tests.cloud.wallet.passfiles import manifest_mismatches, openssl_verify, signer_certificates, unpack
from tests.cloud.wallet.pki import PASS_TYPE_ID, TEAM_ID, key_pem, pem
from tests.helpers import real_now

TOKEN = "A" * 60 + "234567" * 11 + "Q"  # the token's alphabet (A-Z, 2-7), 127 characters

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl command line missing")


def _holder(balance: int = 7) -> PassHolder:
    return PassHolder(
        code=TOKEN,
        display_name="Zoe",
        programs=(ProgramBalance("Coffee", balance, 10, "A free coffee"),),
        version=5,
        number="4821 0937 5519",
        colour="#1E88E5",
    )


def _identity() -> PassIdentity:
    return PassIdentity(
        pass_type_id=PASS_TYPE_ID,
        team_id=TEAM_ID,
        serial="3f1c1c6e-5a0e-4f7e-9a43-0b9d7f3f6a11",
        organization="Cafe Zoe",
        authentication_token="t" * 32,
        web_service_url="https://cloud.example/wallet",
    )


@pytest.fixture
def credentials(pki):
    return load_credentials(
        certificate=pem(pki.cert), private_key=key_pem(pki.key), wwdr=pem(pki.wwdr), now=real_now()
    )


def test_a_pass_unpacks_with_every_hash_right_and_openssl_verifies_it(credentials, pki_files, tmp_path):
    files = unpack(build_pass(_holder(), _identity(), credentials), tmp_path / "pass")
    assert {"pass.json", "manifest.json", "signature", "icon.png", "icon@2x.png", "logo.png"} <= set(files)
    assert manifest_mismatches(files) == []
    assert files["icon.png"].startswith(b"\x89PNG\r\n\x1a\n")
    result = openssl_verify(tmp_path / "pass", pki_files["root"])
    assert result.returncode == 0, result.stderr
    assert "Verification successful" in result.stderr
    certs = signer_certificates(tmp_path / "pass")  # the WWDR intermediate travels with the signature
    assert "Test Worldwide Developer Relations CA" in certs
    assert PASS_TYPE_ID in certs


@pytest.mark.parametrize("victim", ["pass.json", "manifest.json"])
def test_a_changed_file_fails_verification(credentials, pki_files, tmp_path, victim):
    folder = tmp_path / "pass"
    files = unpack(build_pass(_holder(), _identity(), credentials), folder)
    if victim == "pass.json":  # a balance raised by hand: the manifest's hash no longer matches
        changed = files["pass.json"].replace(b"7 of 10", b"9 of 10")
        assert changed != files["pass.json"]
        files["pass.json"] = changed
        assert manifest_mismatches(files) == ["pass.json"]
    else:  # the manifest rewritten to match: the signature no longer covers it
        listing = json.loads(files["manifest.json"])
        listing["pass.json"] = "0" * 40
        (folder / "manifest.json").write_bytes(json.dumps(listing).encode())
        result = openssl_verify(folder, pki_files["root"])
        assert result.returncode != 0
        assert "Verification successful" not in result.stderr


def test_a_pass_signed_by_another_ca_fails_verification(credentials, tmp_path):
    from tests.cloud.wallet.pki import make_pki

    stranger = make_pki()  # a root the pass certificate does not chain to
    (tmp_path / "other-root.pem").write_bytes(pem(stranger.root))
    unpack(build_pass(_holder(), _identity(), credentials), tmp_path / "pass")
    result = openssl_verify(tmp_path / "pass", tmp_path / "other-root.pem")
    assert result.returncode != 0


def test_pass_json_is_a_store_card_with_the_code_balances_and_colours():
    content = pass_json(_holder(), _identity())
    assert content["formatVersion"] == 1
    assert content["passTypeIdentifier"] == PASS_TYPE_ID
    assert content["teamIdentifier"] == TEAM_ID
    assert content["serialNumber"] == _identity().serial
    assert content["webServiceURL"] == "https://cloud.example/wallet"
    assert len(content["authenticationToken"]) >= 16
    assert content["barcodes"] == [
        {
            "format": "PKBarcodeFormatQR",
            "message": TOKEN,
            "messageEncoding": "iso-8859-1",
            "altText": "4821 0937 5519",
        }
    ]
    primary = content["storeCard"]["primaryFields"]
    assert primary == [
        {"key": "program0", "label": "Coffee", "value": "7 of 10", "changeMessage": "Coffee: %@ stamps"}
    ]
    assert content["backgroundColor"] == "rgb(30, 136, 229)"
    assert content["foregroundColor"] in ("rgb(0, 0, 0)", "rgb(255, 255, 255)")
    back = {f["key"]: f["value"] for f in content["storeCard"]["backFields"]}
    assert back["reward0"] == "A free coffee for 10 stamps"


def test_several_programs_fill_the_front_then_the_back():
    programs = tuple(ProgramBalance(f"P{i}", i, None, unit=BalanceUnit.POINTS) for i in range(6))
    holder = PassHolder(code=TOKEN, display_name="Zoe", programs=programs, version=1)
    card = pass_json(holder, _identity())["storeCard"]
    assert [f["label"] for f in card["primaryFields"]] == ["P0"]
    assert [f["label"] for f in card["secondaryFields"]] == ["P1", "P2", "P3"]
    assert card["auxiliaryFields"][0]["value"] == "Zoe"
    assert [f["label"] for f in card["backFields"]] == ["P4", "P5"]
    assert card["secondaryFields"][0]["changeMessage"] == "P1: %@ points"


def test_a_code_outside_the_barcode_encoding_is_refused():
    holder = PassHolder(code="Zoë €", display_name="Zoe", programs=(), version=1)
    with pytest.raises(PassContentError, match="iso-8859-1"):
        pass_json(holder, _identity())


def test_light_colours_get_dark_text_and_dark_colours_light_text():
    light = pass_json(PassHolder(TOKEN, "Z", (), 1, colour="#FFEB3B"), _identity())
    dark = pass_json(PassHolder(TOKEN, "Z", (), 1, colour="#1A237E"), _identity())
    assert light["foregroundColor"] == "rgb(0, 0, 0)"
    assert dark["foregroundColor"] == "rgb(255, 255, 255)"


def test_an_expired_pass_certificate_would_not_be_used(pki):
    from cloud.wallet.credentials import WalletSetupError

    now = real_now()
    old = pki.pass_certificate(start=now - timedelta(days=400), end=now - timedelta(days=1))
    with pytest.raises(WalletSetupError, match="expired"):
        load_credentials(certificate=pem(old), private_key=key_pem(pki.key), wwdr=pem(pki.wwdr), now=now)
