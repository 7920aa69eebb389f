"""A points offer's events at the cloud's push (TestClient, real database): an earn carries its
sale amount and exactly the offer's points for it, a redemption its catalogue reward at exactly
its cost, by the kiosk's own rule (loyalty_rules.kinds.points); each refusal names its reason,
the accepted ones are stored with their amount and reward, and other offers' events are as before."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

from sqlalchemy import text

from kiosk.domain.model import Event, EventKind
from kiosk.store.sync_repo import PendingEvent
from kiosk.sync.wire import event_json
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, settings_to_plain

SETTINGS = PointsSettings(
    rate=Decimal("1"),
    rounding=Rounding.HALF_UP,
    minimum_spend_minor=500,
    catalogue=(Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120)),
)


def _points_offer(cloud, owner) -> str:
    offer = cloud.offer(owner)
    with cloud.db.writing() as session:  # the offers API takes points settings in a later step
        session.execute(
            text("UPDATE offers SET points_settings = :s WHERE id = :id"),
            {"s": json.dumps(settings_to_plain(SETTINGS)), "id": offer},
        )
    return offer


def _balance(cloud, owner, card_id) -> dict:
    r = cloud.client.get(f"/api/v1/cards/{card_id}", headers=owner.headers)
    assert r.status_code == 200, r.text
    return r.json()["balance"]


def test_points_earns_and_redemptions_are_checked_by_the_shared_rule_and_stored(cloud):
    owner = cloud.owner()
    offer = _points_offer(cloud, owner)
    kiosk = cloud.kiosk(owner)
    card = cloud.enroll(kiosk, offer)
    earn_1250 = cloud.event("earn", card, offer, 13, amount_minor=1250)  # 12.50 half-up -> 13
    earn_20000 = cloud.event("earn", card, offer, 200, amount_minor=20000)
    lunch = cloud.event("redeem", card, offer, -120, reward_id="lunch")
    refused = [
        (cloud.event("earn", card, offer, 12, amount_minor=1250), "points_mismatch"),
        (cloud.event("earn", card, offer, 1), "amount_required"),
        (cloud.event("earn", card, offer, 4, amount_minor=499), "amount_refused"),  # below the minimum
        (cloud.event("earn", card, offer, 1, amount_minor=-100), "amount_refused"),
        (cloud.event("redeem", card, offer, -50, reward_id="lunch"), "cost_mismatch"),
        (cloud.event("redeem", card, offer, -50, reward_id="pizza"), "no_such_reward"),
        (cloud.event("redeem", card, offer, -50), "reward_required"),
        (cloud.event("adjust", card, offer, 5, reason="x", amount_minor=500), "points_fields_on_other_kind"),
    ]
    results = cloud.push(kiosk, earn_1250, earn_20000, lunch, *(e for e, _ in refused))
    assert [r["status"] for r in results[:3]] == ["accepted"] * 3
    assert [(r["status"], r["reason"]) for r in results[3:]] == [("rejected", why) for _, why in refused]
    assert _balance(cloud, owner, card) == {
        "units": 13 + 200 - 120,
        "lifetime": 213,
        "redemptions": 1,
        "visits": 2,
    }
    with cloud.db.writing() as session:
        stored = session.execute(
            text("SELECT id, amount_minor, reward_id FROM events WHERE card_id = :c AND kind != 'enroll'"),
            {"c": card},
        ).all()
    assert {tuple(r) for r in stored} == {
        (earn_1250["id"], 1250, None),
        (earn_20000["id"], 20000, None),
        (lunch["id"], None, "lunch"),
    }
    assert [r["status"] for r in cloud.push(kiosk, earn_1250, lunch)] == ["duplicate", "duplicate"]


def test_a_stamp_offer_s_events_carry_no_amount_or_reward(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    card = cloud.enroll(kiosk, offer)
    results = cloud.push(
        kiosk,
        cloud.event("earn", card, offer, 1, amount_minor=1250),
        cloud.event("redeem", card, offer, -1, reward_id="coffee"),
        cloud.event("earn", card, offer, 1),
    )
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("rejected", "not_a_points_offer"),
        ("rejected", "not_a_points_offer"),
        ("accepted", None),
    ]


def test_the_kiosk_sends_the_amount_and_reward_only_on_points_events(cloud):
    owner = cloud.owner()
    offer = _points_offer(cloud, owner)
    kiosk = cloud.kiosk(owner)
    card = cloud.enroll(kiosk, offer)
    now = cloud.clock()
    earn = Event(str(uuid.uuid4()), EventKind.EARN, card, offer, 25, now, amount_minor=2499)
    redeem = Event(str(uuid.uuid4()), EventKind.REDEEM, card, offer, -50, now, reward_id="coffee")
    stamp = Event(str(uuid.uuid4()), EventKind.EARN, card, offer, 1, now)
    bodies = [event_json(PendingEvent(n, e)) for n, e in enumerate((earn, redeem, stamp))]
    assert (bodies[0]["amount_minor"], "reward_id" in bodies[0]) == (2499, False)
    assert (bodies[1]["reward_id"], "amount_minor" in bodies[1]) == ("coffee", False)
    assert not {"amount_minor", "reward_id"} & set(bodies[2])  # a stamp's body is as before
    results = cloud.push(kiosk, *bodies)
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("accepted", None),
        ("accepted", None),
        ("rejected", "amount_required"),  # a points offer's earn without its sale
    ]
