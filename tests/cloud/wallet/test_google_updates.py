"""A card's balance change reaches its Google Wallet object: a job on the pass update queue PATCHes
loyaltyPoints through the (stand-in) REST API; it asks Google to notify the phone only while
fewer than 3 notifications went to that object in 24 hours (the cloud's clock); 429s are tried
again, an object Google lost is inserted again, and cloud edits are sent too."""

from __future__ import annotations

import cardtoken
from tests.cloud.qr_svg import decode_svg
from tests.cloud.wallet.conftest import google_shop, join
from tests.cloud.wallet.google_standin import Patch
from tests.cloud.wallet.test_google_pass import add_to_google

WAIT = 10.0  # seconds: a bound, never a pause


def card_in_google_wallet(cloud, google, google_key, name: str = "Ada Lovelace"):
    """She joined and added her card to Google Wallet: (shop, kiosk, card id, object id)."""
    shop = google_shop(cloud, google_key, google.token_uri)
    card_url = join(cloud, shop, name)
    add_to_google(cloud, card_url)
    [code] = decode_svg(cloud.client.get(card_url).text)
    [object_id] = google.resources["loyaltyObject"]
    return shop, cloud.kiosk(shop.owner), cardtoken.decode(code).card_id, object_id


def stamp(cloud, kiosk, shop, card_id: int, units: int = 1) -> None:
    results = cloud.push(kiosk, cloud.event("earn", card_id, shop.offer, units))
    assert results[0]["status"] == "accepted", results
    assert cloud.app.state.pass_updates.wait_idle(WAIT), "the update jobs did not finish"


def balance(google, object_id: str) -> str:
    return google.object(object_id)["loyaltyPoints"]["balance"]["string"]


def object_patches(google, object_id: str) -> list[Patch]:
    return [p for p in google.patches if p.kind == "loyaltyObject" and p.id == object_id]


def test_a_stamp_at_the_kiosk_patches_the_objects_balance(google_cloud, google, google_key):
    cloud = google_cloud
    shop, kiosk, card_id, object_id = card_in_google_wallet(cloud, google, google_key)
    assert balance(google, object_id) == "0 of 8"
    assert object_patches(google, object_id) == []

    stamp(cloud, kiosk, shop, card_id, 3)
    assert balance(google, object_id) == "3 of 8"
    [patch] = object_patches(google, object_id)
    assert patch.body["loyaltyPoints"]["balance"] == {"string": "3 of 8"}
    assert patch.body["notifyPreference"] == "notifyOnUpdate"

    other = cloud.enroll(kiosk, shop.offer, name="Max")  # a card not in Google Wallet: nothing sent
    stamp(cloud, kiosk, shop, other)
    assert len(google.patches) == 1


def test_a_fourth_change_in_a_day_patches_without_notifying_and_the_next_day_notifies_again(
    google_cloud, google, google_key
):
    cloud = google_cloud
    shop, kiosk, card_id, object_id = card_in_google_wallet(cloud, google, google_key)
    for hour in range(4):
        cloud.clock.advance(hours=1 if hour else 0)
        stamp(cloud, kiosk, shop, card_id)
    patches = object_patches(google, object_id)
    assert [p.body["loyaltyPoints"]["balance"]["string"] for p in patches] == [
        "1 of 8",
        "2 of 8",
        "3 of 8",
        "4 of 8",
    ]
    assert [p.body.get("notifyPreference") for p in patches] == ["notifyOnUpdate"] * 3 + [None]
    assert balance(google, object_id) == "4 of 8"  # the balance went out all the same

    cloud.clock.advance(hours=20, minutes=30)  # 23.5 h after the first notification: still 3 in 24 h
    stamp(cloud, kiosk, shop, card_id)
    assert "notifyPreference" not in object_patches(google, object_id)[-1].body
    cloud.clock.advance(hours=1)  # the first one is more than a day old now
    stamp(cloud, kiosk, shop, card_id)
    last = object_patches(google, object_id)[-1]
    assert last.body == {
        "loyaltyPoints": {"label": "Coffee card", "balance": {"string": "6 of 8"}},
        "notifyPreference": "notifyOnUpdate",
    }
    assert cloud.app.state.pass_updates.sent.google_notified == 4


def test_429s_are_tried_again_until_google_takes_the_balance(google_cloud, google, google_key):
    cloud = google_cloud
    shop, kiosk, card_id, object_id = card_in_google_wallet(cloud, google, google_key)
    google.faults.extend([429, 429])
    stamp(cloud, kiosk, shop, card_id, 2)
    assert google.refused.count(429) == 2
    assert balance(google, object_id) == "2 of 8"
    assert len(object_patches(google, object_id)) == 1


def test_a_google_that_keeps_failing_is_given_up_after_the_last_try(google_cloud, google, google_key):
    cloud = google_cloud
    shop, kiosk, card_id, object_id = card_in_google_wallet(cloud, google, google_key)
    google.faults.extend([503] * 10)
    stamp(cloud, kiosk, shop, card_id)
    attempts = cloud.app.state.pass_updates.ctx.google.backoff.attempts
    assert google.refused.count(503) == attempts  # bounded: it stops by itself
    assert balance(google, object_id) == "0 of 8"
    google.faults.clear()
    stamp(cloud, kiosk, shop, card_id)  # the next change sends the whole balance
    assert balance(google, object_id) == "2 of 8"


def test_an_object_google_lost_is_inserted_again_with_the_new_balance(google_cloud, google, google_key):
    cloud = google_cloud
    shop, kiosk, card_id, object_id = card_in_google_wallet(cloud, google, google_key)
    google.forget(object_id)
    stamp(cloud, kiosk, shop, card_id)
    assert 404 in google.refused
    assert balance(google, object_id) == "1 of 8"
    assert google.object(object_id)["barcode"]["type"] == "QR_CODE"


def test_a_change_made_in_the_cloud_is_sent_too(google_cloud, google, google_key):
    cloud = google_cloud
    shop, _kiosk, _card_id, object_id = card_in_google_wallet(cloud, google, google_key)
    r = cloud.client.patch(
        f"/api/v1/offers/{shop.offer}",
        json={"stamps_required": 10, "name": "Tea card", "colour": "#C62828"},
        headers=shop.owner.headers,
    )
    assert r.status_code == 200, r.text
    assert cloud.app.state.pass_updates.wait_idle(WAIT)
    assert balance(google, object_id) == "0 of 10"
    klass = google.resources["loyaltyClass"][google.object(object_id)["classId"]]
    assert (klass["programName"], klass["hexBackgroundColor"].upper()) == ("Tea card", "#C62828")
