"""The owner sets up Google Wallet (PUT /api/v1/wallet/google and `loyalty-cloud wallet-setup
google`): a good key file is stored with its private key sealed; every kind of bad key file or
issuer id is a clear 409, as for Apple's credentials (or exit 2), and stores nothing."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from cloud.__main__ import main as cloud_main
from cloud.models import WalletGoogleConfig
from tests.cloud.wallet.conftest import GOOGLE_CLIENT, GOOGLE_ISSUER, google_key_file

URL = "/api/v1/wallet/google"
TOKEN_URI = "https://oauth2.googleapis.com/token"


def _stored(cloud, business_id: int) -> WalletGoogleConfig | None:
    with cloud.db.writing() as session:
        row = session.get(WalletGoogleConfig, business_id)
        if row is not None:
            session.expunge(row)
        return row


def test_the_owner_sets_up_google_wallet_and_the_key_is_sealed(cloud, google_key, settings):
    owner = cloud.owner()
    assert cloud.client.get(URL, headers=owner.headers).status_code == 404  # not set up yet
    body = {"service_account_key": google_key_file(google_key, TOKEN_URI), "issuer_id": GOOGLE_ISSUER}
    r = cloud.client.put(URL, json=body, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["issuer_id"], r.json()["client_email"]) == (GOOGLE_ISSUER, GOOGLE_CLIENT)
    assert cloud.client.get(URL, headers=owner.headers).json()["issuer_id"] == GOOGLE_ISSUER
    row = _stored(cloud, owner.business_id)
    raw = google_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert raw not in row.private_key  # sealed
    assert row.private_key[:1] == b"\x01"
    assert row.token_uri == TOKEN_URI
    if settings.database_url.startswith("sqlite"):
        with open(settings.database_url.removeprefix("sqlite:///"), "rb") as f:
            assert raw[40:80] not in f.read()


def _ec_pem() -> str:
    return (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        .decode()
    )


BAD = {
    "not json": (lambda key: "{not json", GOOGLE_ISSUER, "not JSON"),
    "a list": (lambda key: "[1, 2]", GOOGLE_ISSUER, "not a JSON object"),
    "no email": (
        lambda key: google_key_file(key, TOKEN_URI, client_email=None),
        GOOGLE_ISSUER,
        "client_email",
    ),
    "no key": (lambda key: google_key_file(key, TOKEN_URI, private_key=None), GOOGLE_ISSUER, "private_key"),
    "garbled key": (
        lambda key: google_key_file(key, TOKEN_URI, private_key="-----BEGIN PRIVATE KEY-----\nxx\n"),
        GOOGLE_ISSUER,
        "not an unencrypted PEM",
    ),
    "ec key": (lambda key: google_key_file(key, TOKEN_URI, private_key=_ec_pem()), GOOGLE_ISSUER, "RSA"),
    "plain http": (lambda key: google_key_file(key, "http://evil.example/token"), GOOGLE_ISSUER, "https"),
    "user key": (lambda key: google_key_file(key, TOKEN_URI, type="authorized_user"), GOOGLE_ISSUER, "type"),
    "issuer letters": (lambda key: google_key_file(key, TOKEN_URI), "cafe", "issuer id"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_key_files_and_issuers_are_a_clear_409_and_store_nothing(cloud, google_key, case):
    owner = cloud.owner()
    make, issuer, message = BAD[case]
    body = {"service_account_key": make(google_key), "issuer_id": issuer}
    r = cloud.client.put(URL, json=body, headers=owner.headers)
    assert r.status_code == 409, r.text
    assert r.json()["type"].endswith("/wallet-google-key-invalid")
    assert message in r.json()["detail"]
    assert _stored(cloud, owner.business_id) is None


def test_a_bad_key_does_not_replace_a_good_one_and_staff_cannot_set_up(cloud, google_key):
    owner = cloud.owner()
    good = {"service_account_key": google_key_file(google_key, TOKEN_URI), "issuer_id": GOOGLE_ISSUER}
    assert cloud.client.put(URL, json=good, headers=owner.headers).status_code == 200
    before = _stored(cloud, owner.business_id).private_key
    bad = {"service_account_key": "{}", "issuer_id": "1"}
    assert cloud.client.put(URL, json=bad, headers=owner.headers).status_code == 409
    assert _stored(cloud, owner.business_id).private_key == before
    assert cloud.client.put(URL, json=good).status_code == 401  # nobody signed in


def test_removing_google_wallet_says_how_many_passes_stop_updating(cloud, google_key):
    owner = cloud.owner()
    good = {"service_account_key": google_key_file(google_key, TOKEN_URI), "issuer_id": GOOGLE_ISSUER}
    assert cloud.client.put(URL, json=good, headers=owner.headers).status_code == 200
    r = cloud.client.delete(URL, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert r.json() == {"issuer_id": GOOGLE_ISSUER, "passes_no_longer_updated": 0}
    assert _stored(cloud, owner.business_id) is None


def test_the_cli_sets_up_google_wallet_and_refuses_a_bad_key_file(
    cloud, google_key, settings, tmp_path, capsys
):
    owner = cloud.owner()
    common = ["--database-url", settings.database_url, "--data-dir", str(settings.data_dir)]
    args = ["wallet-setup", "google", *common, "--business", str(owner.business_id), "--issuer-id"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"type": "service_account", "client_email": GOOGLE_CLIENT}))
    assert cloud_main([*args, GOOGLE_ISSUER, "--key-file", str(bad)]) == 2
    assert "nothing was stored" in capsys.readouterr().err
    assert _stored(cloud, owner.business_id) is None
    assert cloud_main([*args, GOOGLE_ISSUER, "--key-file", str(tmp_path / "missing.json")]) == 2
    assert "cannot read the key file" in capsys.readouterr().err
    good = tmp_path / "key.json"
    good.write_text(google_key_file(google_key, TOKEN_URI))
    assert cloud_main([*args, GOOGLE_ISSUER, "--key-file", str(good)]) == 0
    assert GOOGLE_CLIENT in capsys.readouterr().out
    assert cloud.client.get(URL, headers=owner.headers).json()["issuer_id"] == GOOGLE_ISSUER
