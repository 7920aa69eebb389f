"""Push (idempotent, per-event answers, never a 5xx for a bad event) and pull (paginated by seq)."""

from __future__ import annotations

import base64
import uuid

import pytest

import cardtoken


@pytest.fixture
def shop(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    return owner, offer, kiosk


def _card(cloud, owner, card_id):
    r = cloud.client.get(f"/api/v1/cards/{card_id}", headers=owner.headers)
    assert r.status_code == 200, r.text
    return r.json()


def test_enroll_earn_redeem_and_balances(cloud, shop):
    owner, offer, kiosk = shop
    card = cloud.enroll(kiosk, offer)
    events = [cloud.event("earn", card, offer, 1) for _ in range(9)]
    events.append(cloud.event("redeem", card, offer, -9))
    results = cloud.push(kiosk, *events)
    assert [r["status"] for r in results] == ["accepted"] * 10
    seqs = [r["seq"] for r in results]
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == 10
    balance = _card(cloud, owner, card)["balance"]
    assert balance == {"units": 0, "lifetime": 9, "redemptions": 1, "visits": 9}


def test_push_is_idempotent(cloud, shop):
    owner, offer, kiosk = shop
    card = cloud.enroll(kiosk, offer)
    batch = [cloud.event("earn", card, offer, 1), cloud.event("earn", card, offer, 2)]
    first = cloud.push(kiosk, *batch)
    again = cloud.push(kiosk, *batch)
    assert [r["status"] for r in first] == ["accepted", "accepted"]
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert [r["seq"] for r in again] == [r["seq"] for r in first]
    # the same id twice inside one batch
    dup = cloud.event("earn", card, offer, 1)
    assert [r["status"] for r in cloud.push(kiosk, dup, dup)] == ["accepted", "duplicate"]
    assert _card(cloud, owner, card)["balance"]["units"] == 4


def test_bad_events_are_rejected_one_by_one(cloud, shop):
    owner, offer, kiosk = shop
    card = cloud.enroll(kiosk, offer)
    good = cloud.event("earn", card, offer, 1)
    bad = [
        ({"id": "not-a-uuid", "kind": "earn"}, "malformed"),
        ({**cloud.event("earn", card, offer, 1), "units": "ten"}, "malformed"),
        ({**cloud.event("earn", card, offer, 1), "surprise": True}, "malformed"),
        ({**cloud.event("earn", card, offer, 1), "occurred_at": "2026-11-29T10:00:00"}, "malformed"),
        (cloud.event("teleport", card, offer, 1), "malformed"),
        (cloud.event("earn", 12345678901, offer, 1), "unknown_card"),
        (cloud.event("earn", card, str(uuid.uuid4()), 1), "unknown_program"),
        (cloud.event("earn", card, offer, 0), "bad_units"),
        (cloud.event("redeem", card, offer, 1), "bad_units"),
        (cloud.event("adjust", card, offer, 3), "reason_required"),
        (cloud.event("void", card, offer, -1), "ref_required"),
        (cloud.event("void", card, offer, -1, ref_event_id=str(uuid.uuid4())), "unknown_ref"),
        (cloud.event("earn", card, offer, 1, location_id=str(uuid.uuid4())), "unknown_location"),
        (cloud.event("enroll", card, offer, 0), "card_exists"),
        (cloud.event("enroll", cardtoken.new_card_id(), offer, 0, key_id=9999), "unknown_key"),
        (cloud.event("earn", card, offer, 2_000_000), "malformed"),
    ]
    results = cloud.push(kiosk, good, *(b for b, _ in bad), good)
    assert results[0]["status"] == "accepted"
    assert results[-1]["status"] == "duplicate"
    for (_, reason), result in zip(bad, results[1:-1], strict=True):
        assert result["status"] == "rejected", result
        assert result["reason"].split(":")[0] == reason, result
    assert results[1]["id"] == "not-a-uuid"
    assert _card(cloud, owner, card)["balance"]["units"] == 1


def test_void_rules(cloud, shop):
    owner, offer, kiosk = shop
    card = cloud.enroll(kiosk, offer)
    other = cloud.enroll(kiosk, offer, name="Bob")
    earn = cloud.event("earn", card, offer, 2)
    cloud.push(kiosk, earn)
    results = cloud.push(
        kiosk,
        cloud.event("void", card, offer, -1, ref_event_id=earn["id"]),  # does not negate exactly
        cloud.event("void", other, offer, -2, ref_event_id=earn["id"]),  # another card
        cloud.event("void", card, offer, -2, ref_event_id=earn["id"]),  # right
        cloud.event("void", card, offer, -2, ref_event_id=earn["id"]),  # twice
    )
    assert [r.get("reason") or r["status"] for r in results] == [
        "void_mismatch",
        "ref_other_card",
        "accepted",
        "already_voided",
    ]
    assert _card(cloud, owner, card)["balance"] == {"units": 0, "lifetime": 0, "redemptions": 0, "visits": 0}
    # voiding an event pushed in the same batch works too
    e2 = cloud.event("earn", card, offer, 1)
    results = cloud.push(kiosk, e2, cloud.event("void", card, offer, -1, ref_event_id=e2["id"]))
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    assert _card(cloud, owner, card)["balance"]["units"] == 0


def test_double_redemption_is_kept_flagged_and_listed(cloud, shop):
    owner, offer, kiosk_a = shop
    kiosk_b = cloud.kiosk(owner, cloud.location(owner, "Harbour"), name="Back till")
    card = cloud.enroll(kiosk_a, offer)
    cloud.push(kiosk_a, *[cloud.event("earn", card, offer, 1) for _ in range(9)])
    redeem_a = cloud.event("redeem", card, offer, -9, staff_name="Ana")
    redeem_b = cloud.event("redeem", card, offer, -9, staff_name="Ben")
    assert cloud.push(kiosk_a, redeem_a)[0]["status"] == "accepted"
    assert cloud.push(kiosk_b, redeem_b)[0]["status"] == "accepted"
    state = _card(cloud, owner, card)
    assert state["balance"]["units"] == -9
    assert state["balance"]["redemptions"] == 2
    assert state["flagged"] is True
    conflicts = cloud.client.get("/api/v1/conflicts", headers=owner.headers).json()
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict["card_id"] == card
    assert conflict["kind"] == "double_redemption"
    assert [e["id"] for e in conflict["events"]] == [redeem_a["id"], redeem_b["id"]]
    assert {e["device_id"] for e in conflict["events"]} == {kiosk_a.device_id, kiosk_b.device_id}
    # names, so a kiosk can say where the other redemption happened
    assert [(e["device_name"], e["location_name"]) for e in conflict["events"]] == [
        ("Till 1", "Main street"),
        ("Back till", "Harbour"),
    ]
    pulled = cloud.pull(kiosk_a)
    assert [c["id"] for c in pulled["conflicts"]] == [conflict["id"]]
    assert cloud.client.get("/api/v1/analytics", headers=owner.headers).json()["open_conflicts"] == 1
    r = cloud.client.post(f"/api/v1/conflicts/{conflict['id']}/resolve", headers=owner.headers)
    assert r.json()["resolved"] is True


def test_pull_pages_by_sequence_and_resumes_from_the_cursor(cloud, shop):
    _owner, offer, kiosk = shop
    cards = [cloud.enroll(kiosk, offer, name=f"C{i}") for i in range(7)]
    seen_cards, seen_customers, cursor, pages = set(), set(), 0, 0
    while True:
        page = cloud.pull(kiosk, cursor=cursor, limit=3)
        pages += 1
        total = sum(len(page[k]) for k in ("offers", "customers", "cards", "keys", "conflicts"))
        assert total <= 3
        assert page["cursor"] >= cursor
        seen_cards |= {c["id"] for c in page["cards"]}
        seen_customers |= {c["id"] for c in page["customers"]}
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert seen_cards == set(cards)
    assert len(seen_customers) == 7
    assert pages >= 6
    # nothing new: an empty page with the same cursor
    again = cloud.pull(kiosk, cursor=cursor)
    assert again["cards"] == []
    assert again["cursor"] == cursor
    assert again["has_more"] is False
    # a change shows up after the cursor, with the authoritative balance
    cloud.push(kiosk, cloud.event("earn", cards[0], offer, 3))
    after = cloud.pull(kiosk, cursor=cursor)
    assert [(c["id"], c["balance"]["units"]) for c in after["cards"]] == [(cards[0], 3)]
    assert after["cards"][0]["last_seq"] == after["cursor"]


def test_pull_full_sync_has_offers_keys_and_revocations(cloud, shop):
    owner, offer, kiosk = shop
    card = cloud.enroll(kiosk, offer)
    cloud.client.delete(f"/api/v1/cards/{card}", headers=owner.headers)
    page = cloud.pull(kiosk)
    assert [o["id"] for o in page["offers"]] == [offer]
    assert {k["key_id"] for k in page["keys"]} == {0, kiosk.key_id}
    assert page["revoked_cards"] == [card]
    r = cloud.push(kiosk, cloud.event("earn", card, offer, 1))
    assert r[0]["reason"] == "card_revoked"
    assert page["server_time"].startswith(cloud.clock().strftime("%Y-%m-%dT%H:%M:%S"))


def test_server_issued_card_token_verifies_with_the_pulled_key(cloud, shop):
    owner, offer, kiosk = shop
    r = cloud.client.post("/api/v1/customers", json={"name": "Zoe"}, headers=owner.headers)
    customer = r.json()["id"]
    r = cloud.client.post(
        f"/api/v1/customers/{customer}/cards", json={"program_id": offer}, headers=owner.headers
    )
    assert r.status_code == 201, r.text
    issued = r.json()
    token = cardtoken.decode(issued["token"])
    assert token.business_id == owner.business_id
    assert token.card_id == issued["card"]["id"]
    assert cardtoken.parse_card_number(issued["card_number"]) == token.card_id
    keys = {k["key_id"]: k["public_key"] for k in cloud.pull(kiosk)["keys"]}
    raw = base64.urlsafe_b64decode(keys[token.key_id] + "=" * (-len(keys[token.key_id]) % 4))
    assert cardtoken.verify(token, raw)
    # the kiosk can then earn on the server-issued card
    assert cloud.push(kiosk, cloud.event("earn", token.card_id, offer, 1))[0]["status"] == "accepted"


def test_push_batch_limits(cloud, shop):
    owner, offer, kiosk = shop
    r = cloud.client.post("/api/v1/sync/push", json={"events": []}, headers=kiosk.headers)
    assert r.status_code == 422
    card = cloud.enroll(kiosk, offer)
    events = [cloud.event("earn", card, offer, 1) for _ in range(1001)]
    r = cloud.client.post("/api/v1/sync/push", json={"events": events}, headers=kiosk.headers)
    assert r.status_code == 422
    results = cloud.push(kiosk, *events[:1000])
    assert len(results) == 1000
    assert {r["status"] for r in results} == {"accepted"}
    assert _card(cloud, owner, card)["balance"]["visits"] == 1000


def test_a_card_is_found_by_its_printed_number_as_well_as_its_id(cloud, shop):
    owner, offer, kiosk = shop
    card_id = cloud.enroll(kiosk, offer)
    cloud.push(kiosk, cloud.event("earn", card_id, offer, 2))
    number = cardtoken.format_card_number(card_id)  # "4821 0937 5516"
    by_id = cloud.client.get(f"/api/v1/cards/{card_id}", headers=owner.headers).json()
    for ref in (number, number.replace(" ", ""), number.replace(" ", "-")):
        r = cloud.client.get(f"/api/v1/cards/{ref}", headers=owner.headers)
        assert r.status_code == 200, (ref, r.text)
        assert r.json() == by_id
        events = cloud.client.get(f"/api/v1/cards/{ref}/events", headers=owner.headers)
        assert [e["kind"] for e in events.json()] == ["enroll", "earn"]
    typo = number[:-1] + str((int(number[-1]) + 1) % 10)
    r = cloud.client.get(f"/api/v1/cards/{typo}", headers=owner.headers)
    assert r.status_code == 404  # schema-valid (a check digit is beyond a pattern), so not a 422
    assert "check digit" in r.json()["detail"]
    other = cardtoken.format_card_number(cardtoken.new_card_id())
    assert cloud.client.get(f"/api/v1/cards/{other}", headers=owner.headers).status_code == 404
