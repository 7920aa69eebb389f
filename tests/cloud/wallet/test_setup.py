"""The owner sets up Apple Wallet (API and `loyalty-cloud wallet-setup`): good credentials are
stored with the key sealed; every kind of bad input is refused with a message and changes
nothing; without credentials the cloud runs and says passes are not set up."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

import cardtoken
from cloud.__main__ import main as cloud_main
from cloud.models import SigningKey, WalletAppleConfig
from cloud.services import CLOUD_KEY_ID
from tests.cloud.wallet.conftest import issue_card, setup_body
from tests.cloud.wallet.passfiles import manifest_mismatches, openssl_verify, unpack
from tests.cloud.wallet.pki import PASS_TYPE_ID, TEAM_ID, key_pem, pem, rsa_key
from tests.helpers import real_now

URL = "/api/v1/wallet/apple"


def _stored(cloud, business_id: int) -> WalletAppleConfig | None:
    with cloud.db.writing() as session:
        row = session.get(WalletAppleConfig, business_id)
        if row is not None:
            session.expunge(row)
        return row


def test_without_credentials_the_cloud_runs_and_says_passes_are_not_set_up(cloud):
    owner = cloud.owner()
    _offer, card = issue_card(cloud, owner)
    r = cloud.client.get(f"/api/v1/cards/{card['card']['id']}/apple-pass", headers=owner.headers)
    assert r.status_code == 409
    assert r.json()["type"].endswith("/wallet-not-set-up")
    assert "not set up" in r.json()["detail"]
    assert cloud.client.get(URL, headers=owner.headers).status_code == 404
    assert cloud.client.get("/healthz").status_code == 200


def test_the_owner_sets_up_passes_and_the_key_is_sealed(cloud, pki, settings):
    owner = cloud.owner()
    r = cloud.client.put(URL, json=setup_body(pki), headers=owner.headers)
    assert r.status_code == 200, r.text
    assert r.json()["pass_type_id"] == PASS_TYPE_ID  # read from the certificate's UID
    assert r.json()["team_id"] == TEAM_ID  # and its OU
    assert cloud.client.get(URL, headers=owner.headers).json()["pass_type_id"] == PASS_TYPE_ID
    row = _stored(cloud, owner.business_id)
    raw = pki.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert raw not in row.private_key
    assert row.private_key[:1] == b"\x01"
    if settings.database_url.startswith("sqlite"):
        with open(settings.database_url.removeprefix("sqlite:///"), "rb") as f:
            content = f.read()
        assert raw not in content
        assert key_pem(pki.key) not in content


def _expired(pki):
    now = real_now()
    return pem(pki.pass_certificate(start=now - timedelta(days=400), end=now - timedelta(days=1))).decode()


def _other_ca_cert(pki):
    from tests.cloud.wallet.pki import make_pki

    now = real_now()  # the same key, certified by a WWDR other than the one uploaded
    stranger = make_pki().pass_certificate(
        start=now - timedelta(days=1), end=now + timedelta(days=30), key=pki.key
    )
    return pem(stranger).decode()


BAD_INPUTS = {
    "not a PEM": (lambda pki: {"certificate": "hello"}, "not a certificate"),
    "a key given as the certificate": (
        lambda pki: {"certificate": key_pem(pki.key).decode()},
        "that is a private key",
    ),
    "a certificate given as the key": (
        lambda pki: {"private_key": pem(pki.cert).decode()},
        "that is a certificate",
    ),
    "a key that is not the certificate's": (
        lambda pki: {"private_key": key_pem(rsa_key()).decode()},
        "does not belong to the pass certificate",
    ),
    "an expired certificate": (lambda pki: {"certificate": _expired(pki)}, "expired"),
    "a certificate from another WWDR": (lambda pki: {"certificate": _other_ca_cert(pki)}, "not issued by"),
    "a WWDR that is not a certificate": (lambda pki: {"wwdr_certificate": "-----BEGIN X"}, "WWDR"),
    "another pass type id than the certificate's": (
        lambda pki: {"pass_type_id": "pass.example.other"},
        "not 'pass.example.other'",
    ),
    "an encrypted key without its password": (
        lambda pki: {"private_key": key_pem(pki.key, b"pw-123456").decode()},
        "give its password",
    ),
    "an encrypted key with a wrong password": (
        lambda pki: {"private_key": key_pem(pki.key, b"pw-123456").decode(), "key_password": "nope"},
        "password is wrong",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_credentials_are_refused_with_a_message_and_change_nothing(cloud, pki, case):
    owner = cloud.owner()
    first = cloud.client.put(URL, json=setup_body(pki), headers=owner.headers)
    assert first.status_code == 200
    before = _stored(cloud, owner.business_id)
    changes, message = BAD_INPUTS[case]
    r = cloud.client.put(URL, json=setup_body(pki, **changes(pki)), headers=owner.headers)
    assert r.status_code == 409, r.text  # the schema's shape was right; what it holds cannot sign
    assert r.json()["type"].endswith("/wallet-credentials-invalid")
    assert message in r.json()["detail"]
    after = _stored(cloud, owner.business_id)
    assert (after.certificate_pem, after.private_key, after.updated_at) == (
        before.certificate_pem,
        before.private_key,
        before.updated_at,
    )


def test_an_encrypted_key_with_its_password_is_accepted(cloud, pki):
    owner = cloud.owner()
    body = setup_body(pki, private_key=key_pem(pki.key, b"pw-123456").decode(), key_password="pw-123456")
    assert cloud.client.put(URL, json=body, headers=owner.headers).status_code == 200


def test_another_business_cannot_take_the_same_pass_type_id(cloud, pki):
    first, second = cloud.owner("One"), cloud.owner("Two")
    assert cloud.client.put(URL, json=setup_body(pki), headers=first.headers).status_code == 200
    r = cloud.client.put(URL, json=setup_body(pki), headers=second.headers)
    assert r.status_code == 409
    assert "another business" in r.json()["detail"]
    assert _stored(cloud, second.business_id) is None


def test_a_downloaded_card_pass_verifies_and_carries_the_cards_code(cloud, pki, pki_files, tmp_path):
    owner = cloud.owner("Cafe Zoe")
    assert cloud.client.put(URL, json=setup_body(pki), headers=owner.headers).status_code == 200
    _offer, card = issue_card(cloud, owner, colour="#1E88E5")
    r = cloud.client.get(f"/api/v1/cards/{card['card_number']}/apple-pass", headers=owner.headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/vnd.apple.pkpass"
    files = unpack(r.content, tmp_path / "pass")
    assert manifest_mismatches(files) == []
    assert openssl_verify(tmp_path / "pass", pki_files["root"]).returncode == 0
    content = json.loads(files["pass.json"])
    assert content["barcodes"][0]["message"] == card["token"]  # the very code the kiosk verifies
    with cloud.db.writing() as session:
        public = session.scalar(
            select(SigningKey.public_key).where(
                SigningKey.business_id == owner.business_id, SigningKey.key_id == CLOUD_KEY_ID
            )
        )
    assert cardtoken.verify(cardtoken.decode(content["barcodes"][0]["message"]), public)
    assert content["organizationName"] == "Cafe Zoe"
    assert content["storeCard"]["primaryFields"][0]["value"] == "0 of 9"
    assert content["storeCard"]["auxiliaryFields"][0]["value"] == "Zoe"
    assert content["backgroundColor"] == "rgb(30, 136, 229)"
    assert content["webServiceURL"] == "http://testserver/wallet"
    assert len(content["authenticationToken"]) >= 16
    again = json.loads(
        unpack(
            cloud.client.get(f"/api/v1/cards/{card['card']['id']}/apple-pass", headers=owner.headers).content,
            tmp_path / "again",
        )["pass.json"]
    )  # a second phone gets the same pass: same serial and token, so both stay up to date
    assert (again["serialNumber"], again["authenticationToken"]) == (
        content["serialNumber"],
        content["authenticationToken"],
    )


def test_the_cli_sets_up_passes_and_refuses_a_wrong_key(cloud, pki, pki_files, settings, tmp_path, capsys):
    owner = cloud.owner()
    common = ["--database-url", settings.database_url, "--data-dir", str(settings.data_dir)]
    wrong = tmp_path / "wrong.key"
    wrong.write_bytes(key_pem(rsa_key()))
    args = ["wallet-setup", *common, "--business", str(owner.business_id), "--wwdr", str(pki_files["wwdr"])]
    code = cloud_main([*args, "--cert", str(pki_files["cert"]), "--key", str(wrong)])
    assert code == 2
    assert "does not belong to the pass certificate" in capsys.readouterr().err
    assert _stored(cloud, owner.business_id) is None
    code = cloud_main([*args, "--cert", str(pki_files["cert"]), "--key", str(pki_files["key"])])
    assert code == 0
    assert PASS_TYPE_ID in capsys.readouterr().out
    _offer, card = issue_card(cloud, owner)
    r = cloud.client.get(f"/api/v1/cards/{card['card']['id']}/apple-pass", headers=owner.headers)
    assert r.status_code == 200  # the running cloud signs with what the command stored
    assert cloud_main([*args, "--cert", str(tmp_path / "missing.pem"), "--key", str(pki_files["key"])]) == 2
    assert "cannot read the certificate" in capsys.readouterr().err


pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl command line missing")
