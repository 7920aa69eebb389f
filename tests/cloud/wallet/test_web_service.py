"""The PassKit web service, driven by a client playing the Wallet app: register, list what changed
since a tag, fetch the latest pass (Last-Modified, 304), a kiosk's stamp showing up in the pass,
unregister; and every call about a pass refused with 401 without its token, changing nothing."""

from __future__ import annotations

import logging
import shutil

import pytest

from tests.cloud.wallet.conftest import setup_body
from tests.cloud.wallet.passfiles import manifest_mismatches, openssl_verify, pass_verifier, unpack
from tests.cloud.wallet.pki import PASS_TYPE_ID
from tests.cloud.wallet.wallet_app import WalletApp

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl command line missing")


@pytest.fixture
def shop(cloud, pki):
    """An owner with Apple Wallet set up, a paired kiosk, and a card enrolled at that kiosk."""
    owner = cloud.owner("Cafe Zoe")
    assert (
        cloud.client.put("/api/v1/wallet/apple", json=setup_body(pki), headers=owner.headers).status_code
        == 200
    )
    kiosk = cloud.kiosk(owner)
    offer = cloud.offer(owner, stamps_required=10)
    card_id = cloud.enroll(kiosk, offer, name="Zoe")
    r = cloud.client.get(f"/api/v1/cards/{card_id}/apple-pass", headers=owner.headers)
    assert r.status_code == 200, r.text
    return owner, kiosk, offer, card_id, r.content


@pytest.fixture
def verify(pki_files, tmp_path):
    return pass_verifier(tmp_path / "received", pki_files["root"])


def _stamp(cloud, kiosk, card_id, offer, units: int = 1) -> None:
    results = cloud.push(kiosk, cloud.event("earn", card_id, offer, units))
    assert results[0]["status"] == "accepted", results


def test_the_wallet_app_follows_a_stamp_from_the_kiosk_into_the_pass(
    cloud, shop, pki_files, tmp_path, verify
):
    _owner, kiosk, offer, card_id, pkpass = shop
    app = WalletApp(cloud.client, verify=verify)
    assert app.add(pkpass).status_code == 201
    serial = next(iter(app.passes))
    assert app.register(serial).status_code == 200  # already registered
    assert app.balance(serial) == "0 of 10"

    assert app.check_for_updates(PASS_TYPE_ID) == [serial]  # no tag yet: every registered pass
    first_tag = app.tag
    assert app.changed_serials(PASS_TYPE_ID, first_tag).status_code == 204
    assert app.fetch(serial).status_code == 304  # unchanged since Last-Modified

    cloud.clock.advance(30)
    _stamp(cloud, kiosk, card_id, offer)
    listed = app.changed_serials(PASS_TYPE_ID, first_tag)
    assert listed.status_code == 200
    assert listed.json()["serialNumbers"] == [serial]
    assert int(listed.json()["lastUpdated"]) > int(first_tag)
    before = app.passes[serial].last_modified
    assert app.check_for_updates(PASS_TYPE_ID) == [serial]
    assert app.balance(serial) == "1 of 10"
    assert app.passes[serial].last_modified != before
    files = unpack(app.passes[serial].data, tmp_path / "updated")
    assert manifest_mismatches(files) == []
    assert openssl_verify(tmp_path / "updated", pki_files["root"]).returncode == 0
    assert app.check_for_updates(PASS_TYPE_ID) == []  # nothing new since the new tag
    assert app.fetch(serial).status_code == 304

    assert app.unregister(serial).status_code == 200
    assert app.changed_serials(PASS_TYPE_ID).status_code == 204  # no longer registered


def test_two_changes_in_one_second_are_both_seen(cloud, shop, verify):
    _owner, kiosk, offer, card_id, pkpass = shop
    app = WalletApp(cloud.client, verify=verify)
    app.add(pkpass)
    serial = next(iter(app.passes))
    assert app.fetch(serial).status_code == 200
    _stamp(cloud, kiosk, card_id, offer)  # the clock does not move between these
    assert app.fetch(serial).status_code == 200
    assert app.balance(serial) == "1 of 10"
    _stamp(cloud, kiosk, card_id, offer)
    assert app.fetch(serial).status_code == 200  # Last-Modified moved on by a second
    assert app.balance(serial) == "2 of 10"
    assert app.fetch(serial).status_code == 304


def test_a_second_phone_registers_the_same_pass(cloud, shop, verify):
    _owner, kiosk, offer, card_id, pkpass = shop
    phone, tablet = WalletApp(cloud.client, verify=verify), WalletApp(cloud.client, verify=verify)
    assert phone.add(pkpass).status_code == 201
    assert tablet.add(pkpass).status_code == 201
    phone.check_for_updates(PASS_TYPE_ID)
    tablet.check_for_updates(PASS_TYPE_ID)
    _stamp(cloud, kiosk, card_id, offer, 3)
    assert phone.check_for_updates(PASS_TYPE_ID) == tablet.check_for_updates(PASS_TYPE_ID) != []
    assert phone.balance(next(iter(phone.passes))) == "3 of 10"
    assert phone.unregister(next(iter(phone.passes))).status_code == 200
    assert tablet.changed_serials(PASS_TYPE_ID).status_code == 200  # the tablet's stays


@pytest.mark.parametrize("token", ["wrong-token-0123456789", "", None])
def test_calls_without_the_passs_token_get_401_and_change_nothing(cloud, shop, token, verify):
    _owner, _kiosk, _offer, _card_id, pkpass = shop
    owner_app = WalletApp(cloud.client, verify=verify)
    assert owner_app.add(pkpass).status_code == 201
    serial = next(iter(owner_app.passes))
    thief = WalletApp(cloud.client, verify=verify)
    thief.passes = {serial: owner_app.passes[serial]}
    held = owner_app.passes[serial]
    base = f"/wallet/v1/devices/{thief.device_id}/registrations/{PASS_TYPE_ID}/{serial}"
    headers = {} if token is None else {"Authorization": f"ApplePass {token}"}
    for r in (
        cloud.client.post(base, json={"pushToken": "abc123"}, headers=headers),
        cloud.client.delete(
            f"/wallet/v1/devices/{owner_app.device_id}/registrations/{PASS_TYPE_ID}/{serial}", headers=headers
        ),
        cloud.client.get(f"/wallet/v1/passes/{PASS_TYPE_ID}/{serial}", headers=headers),
    ):
        assert r.status_code == 401, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
    assert thief.changed_serials(PASS_TYPE_ID).status_code == 204  # the thief registered nothing
    assert owner_app.changed_serials(PASS_TYPE_ID).status_code == 200  # the owner's stays
    # the right token under another scheme, and for another pass type, is refused too
    bearer = {"Authorization": f"Bearer {held.token}"}
    assert cloud.client.get(f"/wallet/v1/passes/{PASS_TYPE_ID}/{serial}", headers=bearer).status_code == 401
    other = cloud.client.get(f"/wallet/v1/passes/pass.example.other/{serial}", headers=owner_app._auth(held))
    assert other.status_code == 401


def test_an_unknown_serial_gets_401_like_a_wrong_token(cloud, shop):
    r = cloud.client.get(
        f"/wallet/v1/passes/{PASS_TYPE_ID}/00000000-0000-4000-8000-000000000000",
        headers={"Authorization": "ApplePass " + "x" * 32},
    )
    assert r.status_code == 401


def test_a_tag_the_service_never_gave_is_refused(cloud, shop):
    r = cloud.client.get(
        f"/wallet/v1/devices/abc/registrations/{PASS_TYPE_ID}", params={"passesUpdatedSince": "yesterday"}
    )
    assert r.status_code == 422
    assert ["query", "passesUpdatedSince"] in [e["loc"] for e in r.json()["errors"]]


def test_wallets_log_lines_reach_the_clouds_log(cloud, caplog):
    with caplog.at_level(logging.WARNING, logger="cloud.wallet"):
        r = cloud.client.post(
            "/wallet/v1/log", json={"logs": ["Web service error for pass.x: 500", "one\r\nERROR forged line"]}
        )
    assert r.status_code == 200
    assert "Web service error for pass.x: 500" in caplog.text
    assert "Apple Wallet: one ERROR forged line" in caplog.text  # a line cannot start a record of its own
    assert not any(line.startswith("ERROR forged") for line in caplog.text.splitlines())
    assert cloud.client.post("/wallet/v1/log", json={"logs": "not a list"}).status_code == 422
