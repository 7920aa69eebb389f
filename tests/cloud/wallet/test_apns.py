"""Pass update pushes through a local APNs stand-in (HTTP/2 over TLS on 127.0.0.1): a kiosk's stamp
reaches the phone's Wallet, gone tokens are forgotten, 503s are retried, no APNs key means no
push (and sync goes on), and a wrong key never shows up in the log."""

from __future__ import annotations

import logging
import shutil

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from cloud.wallet.apns import Backoff
from tests.cloud.wallet.conftest import KEY_ID, setup_body
from tests.cloud.wallet.pki import PASS_TYPE_ID
from tests.cloud.wallet.wallet_app import WalletApp

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl command line missing")
WAIT = 8.0  # seconds: a bound, never a pause


def p8(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture
def pushing_cloud(standin, make_cloud, settings):  # the cloud (its APNs client) closes first
    cloud = make_cloud(settings, apns_host=standin.host, apns_ca_file=str(standin.ca_file))
    # retries in milliseconds, not the seconds APNs is given
    cloud.app.state.pass_updates.ctx.apns.backoff = Backoff(attempts=4, first=0.01, most=0.05)
    return cloud


def open_shop(cloud, pki, verify, **apns):
    """Wallet set up (with the APNs fields given), a kiosk, a card, and a phone holding its pass."""
    owner = cloud.owner("Cafe Zoe")
    r = cloud.client.put("/api/v1/wallet/apple", json=setup_body(pki, **apns), headers=owner.headers)
    assert r.status_code == 200, r.text
    kiosk = cloud.kiosk(owner)
    offer = cloud.offer(owner, stamps_required=10)
    card_id = cloud.enroll(kiosk, offer, name="Zoe")
    pkpass = cloud.client.get(f"/api/v1/cards/{card_id}/apple-pass", headers=owner.headers)
    assert pkpass.status_code == 200, pkpass.text
    phone = WalletApp(cloud.client, verify=verify)
    assert phone.add(pkpass.content).status_code == 201
    phone.check_for_updates(PASS_TYPE_ID)
    return owner, kiosk, offer, card_id, phone


def stamp(cloud, kiosk, card_id, offer, units: int = 1) -> None:
    results = cloud.push(kiosk, cloud.event("earn", card_id, offer, units))
    assert results[0]["status"] == "accepted", results


def settle(cloud) -> None:
    assert cloud.app.state.pass_updates.wait_idle(WAIT), "the pass update jobs did not finish"


def test_a_stamp_at_the_kiosk_pushes_to_the_phone_which_fetches_the_new_balance(
    pushing_cloud, standin, apns_key, pki, verify
):
    cloud = pushing_cloud
    _owner, kiosk, offer, card_id, phone = open_shop(
        cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
    )
    serial = next(iter(phone.passes))
    assert phone.balance(serial) == "0 of 10"
    assert standin.received == []  # registering pushes nothing

    cloud.clock.advance(30)
    stamp(cloud, kiosk, card_id, offer)
    assert standin.wait_for(lambda s: s.pushes_to(phone.push_token), WAIT), standin.refused
    (push,) = standin.pushes_to(phone.push_token)
    assert (push.topic, push.payload, push.http_version) == (PASS_TYPE_ID, b"{}", "2")

    assert phone.check_for_updates(PASS_TYPE_ID) == [serial]  # what Wallet does on the push
    assert phone.balance(serial) == "1 of 10"
    settle(cloud)
    assert cloud.app.state.pass_updates.sent.delivered == 1


def test_every_phone_of_the_pass_gets_a_push_and_other_cards_send_none(
    pushing_cloud, standin, apns_key, pki, verify
):
    cloud = pushing_cloud
    _owner, kiosk, offer, card_id, phone = open_shop(
        cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
    )
    tablet = WalletApp(cloud.client, verify=verify)
    tablet.add(phone.passes[next(iter(phone.passes))].data)
    other_card = cloud.enroll(kiosk, offer, name="Max")  # no pass: nothing to push
    stamp(cloud, kiosk, other_card, offer)
    stamp(cloud, kiosk, card_id, offer, 2)
    settle(cloud)
    assert sorted(p.token for p in standin.received) == sorted([phone.push_token, tablet.push_token])


@pytest.mark.parametrize(("answer", "status"), [("gone", 410), ("bad", 400)])
def test_a_token_apns_calls_gone_removes_the_phones_registration(
    pushing_cloud, standin, apns_key, pki, verify, answer, status
):
    cloud = pushing_cloud
    _owner, kiosk, offer, card_id, phone = open_shop(
        cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
    )
    keeper = WalletApp(cloud.client, verify=verify)
    keeper.add(phone.passes[next(iter(phone.passes))].data)
    getattr(standin, answer).add(phone.push_token)
    assert phone.changed_serials(PASS_TYPE_ID).status_code == 200  # registered before

    stamp(cloud, kiosk, card_id, offer)
    settle(cloud)
    assert status in [code for code, _reason in standin.refused]
    assert phone.changed_serials(PASS_TYPE_ID).status_code == 204  # no longer registered
    assert keeper.changed_serials(PASS_TYPE_ID).status_code == 200  # the other phone stays
    assert [p.token for p in standin.received] == [keeper.push_token]
    assert cloud.app.state.pass_updates.sent.gone == 1

    stamp(cloud, kiosk, card_id, offer)  # the forgotten phone is not pushed to again
    settle(cloud)
    assert [p.token for p in standin.received] == [keeper.push_token] * 2
    assert len(standin.refused) == 1


def test_apns_unavailable_is_retried_until_it_takes_the_push(pushing_cloud, standin, apns_key, pki, verify):
    cloud = pushing_cloud
    _owner, kiosk, offer, card_id, phone = open_shop(
        cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
    )
    standin.unavailable[phone.push_token] = 2
    stamp(cloud, kiosk, card_id, offer)
    settle(cloud)
    assert standin.refused == [(503, "ServiceUnavailable")] * 2
    assert len(standin.pushes_to(phone.push_token)) == 1
    assert phone.changed_serials(PASS_TYPE_ID).status_code == 200  # a 503 never removes a phone


def test_without_an_apns_key_nothing_is_pushed_and_sync_goes_on(pushing_cloud, standin, pki, verify):
    cloud = pushing_cloud
    _owner, kiosk, offer, card_id, phone = open_shop(cloud, pki, verify)
    stamp(cloud, kiosk, card_id, offer)
    settle(cloud)
    assert standin.received == []
    assert standin.refused == []
    serial = next(iter(phone.passes))
    assert phone.check_for_updates(PASS_TYPE_ID) == [serial]  # Wallet still sees it when it asks
    assert phone.balance(serial) == "1 of 10"


def test_a_wrong_key_is_refused_by_apns_and_never_logged(pushing_cloud, standin, pki, verify, caplog):
    cloud = pushing_cloud
    wrong = ec.generate_private_key(ec.SECP256R1())
    secret = p8(wrong)
    with caplog.at_level(logging.DEBUG):
        _owner, kiosk, offer, card_id, phone = open_shop(
            cloud, pki, verify, apns_key=secret, apns_key_id=KEY_ID
        )
        stamp(cloud, kiosk, card_id, offer)
        settle(cloud)
    assert standin.received == []
    assert standin.refused == [(403, "InvalidProviderToken")]  # not retried: retrying cannot fix it
    assert "InvalidProviderToken" in caplog.text  # the owner learns why
    body = "".join(secret.splitlines()[1:-1])
    for line in secret.splitlines()[1:-1]:
        assert line not in caplog.text
    assert body[:40] not in caplog.text
    assert "eyJ" not in caplog.text  # no provider token (a JWT) either
    assert "bearer" not in caplog.text.lower()
    assert phone.changed_serials(PASS_TYPE_ID).status_code == 200


# --- changes made in the cloud itself push too -----------------------------------------------------


def _label(phone, serial: str) -> str:
    return phone.passes[serial].content["storeCard"]["primaryFields"][0]["label"]


def _pushed_once_and_fetched(cloud, standin, phone) -> str:
    """The phone got one push; Wallet's fetch on it finds its pass changed."""
    settle(cloud)
    assert [p.token for p in standin.received] == [phone.push_token]
    serial = next(iter(phone.passes))
    assert phone.check_for_updates(PASS_TYPE_ID) == [serial]
    return serial


def test_a_manager_renaming_the_offer_pushes_its_passes_and_a_hidden_change_does_not(
    pushing_cloud, standin, apns_key, pki, verify
):
    cloud = pushing_cloud
    owner, _kiosk, offer, _card_id, phone = open_shop(
        cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
    )
    r = cloud.client.patch(f"/api/v1/offers/{offer}", json={"cooldown_seconds": 90}, headers=owner.headers)
    assert r.status_code == 200, r.text
    settle(cloud)
    assert standin.received == []  # the pass does not show the cooldown: no push

    r = cloud.client.patch(f"/api/v1/offers/{offer}", json={"name": "Coffee club"}, headers=owner.headers)
    assert r.status_code == 200, r.text
    serial = _pushed_once_and_fetched(cloud, standin, phone)
    assert _label(phone, serial) == "Coffee club"


def test_a_kiosk_renaming_the_offer_pushes_its_passes(pushing_cloud, standin, apns_key, pki, verify):
    cloud = pushing_cloud
    owner, kiosk, offer, _card_id, phone = open_shop(
        cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
    )
    current = cloud.client.get(f"/api/v1/offers/{offer}", headers=owner.headers).json()
    fields = [
        "name",
        "kind",
        "stamps_required",
        "reward_text",
        "per_visit_limit",
        "cooldown_seconds",
        "starts_at",
        "ends_at",
        "status",
        "colour",
        "icon",
    ]
    upload = {"id": offer, **{k: current[k] for k in fields}, "name": "Tea & coffee"}
    r = cloud.client.put("/api/v1/sync/offers", json={"offers": [upload]}, headers=kiosk.headers)
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["status"] == "accepted"
    serial = _pushed_once_and_fetched(cloud, standin, phone)
    assert _label(phone, serial) == "Tea & coffee"


def test_deleting_the_card_in_the_cloud_pushes_its_pass(pushing_cloud, standin, apns_key, pki, verify):
    cloud = pushing_cloud
    owner, _kiosk, _offer, card_id, phone = open_shop(
        cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
    )
    r = cloud.client.delete(f"/api/v1/cards/{card_id}", headers=owner.headers)
    assert r.status_code == 204, r.text
    _pushed_once_and_fetched(cloud, standin, phone)


def test_renaming_and_erasing_the_customer_push_her_cards_passes(
    pushing_cloud, standin, apns_key, pki, verify
):
    cloud = pushing_cloud
    owner, _kiosk, _offer, card_id, phone = open_shop(
        cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
    )
    customer_id = cloud.client.get(f"/api/v1/cards/{card_id}", headers=owner.headers).json()["customer_id"]
    url = f"/api/v1/customers/{customer_id}"
    assert cloud.client.patch(url, json={"marketing_consent": True}, headers=owner.headers).status_code == 200
    settle(cloud)
    assert standin.received == []  # consent is not on the pass

    assert cloud.client.patch(url, json={"name": "Zoe B."}, headers=owner.headers).status_code == 200
    _pushed_once_and_fetched(cloud, standin, phone)

    assert cloud.client.delete(url, headers=owner.headers).status_code == 204
    settle(cloud)
    assert [p.token for p in standin.received] == [phone.push_token] * 2
    assert phone.check_for_updates(PASS_TYPE_ID) == [next(iter(phone.passes))]
