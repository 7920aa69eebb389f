"""The owner's APNs key (.p8) is uploaded with the wallet setup (API and CLI): stored sealed, shown
by its key id; every kind of bad key is refused with a message and changes nothing."""

from __future__ import annotations

import shutil

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from cloud.__main__ import main as cloud_main
from cloud.models import WalletApnsKey, WalletAppleConfig
from tests.cloud.wallet.conftest import setup_body
from tests.cloud.wallet.pki import key_pem, pem, rsa_key

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl command line missing")
URL = "/api/v1/wallet/apple"
KEY_ID = "KEY1234567"


def p8(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def _stored(cloud, business_id: int) -> tuple[WalletAppleConfig | None, WalletApnsKey | None]:
    with cloud.db.writing() as session:
        rows = session.get(WalletAppleConfig, business_id), session.get(WalletApnsKey, business_id)
        for row in rows:
            if row is not None:
                session.expunge(row)
        return rows


def test_the_apns_key_is_stored_sealed_and_shown_by_its_id(cloud, pki):
    owner = cloud.owner()
    key = ec.generate_private_key(ec.SECP256R1())
    r = cloud.client.put(
        URL, json=setup_body(pki, apns_key=p8(key), apns_key_id=KEY_ID), headers=owner.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["apns_key_id"] == KEY_ID
    assert cloud.client.get(URL, headers=owner.headers).json()["apns_key_id"] == KEY_ID
    _config, stored = _stored(cloud, owner.business_id)
    assert stored.team_id == "TEAM123456"  # the certificate's team, as none was given
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    raw = key.private_numbers().private_value.to_bytes(32, "big")
    assert der not in stored.private_key
    assert raw not in stored.private_key  # sealed, not stored as it is

    again = cloud.client.put(URL, json=setup_body(pki), headers=owner.headers)  # certificate renewed alone
    assert again.json()["apns_key_id"] == KEY_ID  # the APNs key stays
    assert cloud.client.delete(URL, headers=owner.headers).status_code == 200
    assert _stored(cloud, owner.business_id) == (None, None)  # removing Wallet removes the key too


def test_without_an_apns_key_the_setup_says_so(cloud, pki):
    owner = cloud.owner()
    r = cloud.client.put(URL, json=setup_body(pki), headers=owner.headers)
    assert r.status_code == 200
    assert r.json()["apns_key_id"] is None


BAD_KEYS = {
    "not a key": (lambda pki: {"apns_key": "hello", "apns_key_id": KEY_ID}, "not a private key in .p8"),
    "a certificate": (
        lambda pki: {"apns_key": pem(pki.cert).decode(), "apns_key_id": KEY_ID},
        "that is a certificate",
    ),
    "an RSA key": (
        lambda pki: {"apns_key": key_pem(rsa_key()).decode(), "apns_key_id": KEY_ID},
        "must be an EC P-256 key",
    ),
    "another curve": (
        lambda pki: {"apns_key": p8(ec.generate_private_key(ec.SECP384R1())), "apns_key_id": KEY_ID},
        "must be an EC P-256 key",
    ),
    "no key id": (
        lambda pki: {"apns_key": p8(ec.generate_private_key(ec.SECP256R1()))},
        "needs its key id",
    ),
    "a wrong key id": (
        lambda pki: {"apns_key": p8(ec.generate_private_key(ec.SECP256R1())), "apns_key_id": "key-1"},
        "is not a key id",
    ),
    "a wrong team": (
        lambda pki: {
            "apns_key": p8(ec.generate_private_key(ec.SECP256R1())),
            "apns_key_id": KEY_ID,
            "apns_team_id": "team",
        },
        "is not a team identifier",
    ),
    "a key id without a key": (lambda pki: {"apns_key_id": KEY_ID}, "without the APNs key"),
}


@pytest.mark.parametrize("case", list(BAD_KEYS))
def test_a_bad_apns_key_is_refused_with_a_message_and_changes_nothing(cloud, pki, case):
    owner = cloud.owner()
    good = ec.generate_private_key(ec.SECP256R1())
    body = setup_body(pki, apns_key=p8(good), apns_key_id=KEY_ID)
    assert cloud.client.put(URL, json=body, headers=owner.headers).status_code == 200
    before = _stored(cloud, owner.business_id)
    changes, message = BAD_KEYS[case]
    r = cloud.client.put(URL, json=setup_body(pki, **changes(pki)), headers=owner.headers)
    assert r.status_code == 409, r.text
    assert message in r.json()["detail"]
    after = _stored(cloud, owner.business_id)
    assert after[1].private_key == before[1].private_key
    assert (after[0].updated_at, after[1].updated_at) == (before[0].updated_at, before[1].updated_at)


def test_the_cli_stores_the_apns_key_and_refuses_a_bad_one(cloud, pki, pki_files, settings, tmp_path, capsys):
    owner = cloud.owner()
    common = ["--database-url", settings.database_url, "--data-dir", str(settings.data_dir)]
    args = [
        "wallet-setup",
        *common,
        *("--business", str(owner.business_id), "--wwdr", str(pki_files["wwdr"])),
        *("--cert", str(pki_files["cert"]), "--key", str(pki_files["key"])),
    ]
    rsa = tmp_path / "AuthKey_RSA.p8"
    rsa.write_bytes(key_pem(rsa_key()))
    assert cloud_main([*args, "--apns-key", str(rsa), "--apns-key-id", KEY_ID]) == 2
    assert "must be an EC P-256 key" in capsys.readouterr().err
    assert _stored(cloud, owner.business_id) == (None, None)  # nothing, not even the certificate

    good = tmp_path / f"AuthKey_{KEY_ID}.p8"
    good.write_text(p8(ec.generate_private_key(ec.SECP256R1())))
    assert cloud_main([*args, "--apns-key", str(good), "--apns-key-id", KEY_ID]) == 0
    assert f"APNs key {KEY_ID}" in capsys.readouterr().out
    assert cloud.client.get(URL, headers=owner.headers).json()["apns_key_id"] == KEY_ID
    assert cloud_main([*args, "--apns-key", str(tmp_path / "missing.p8"), "--apns-key-id", KEY_ID]) == 2
    assert "cannot read the APNs key" in capsys.readouterr().err
