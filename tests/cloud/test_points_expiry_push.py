"""A points expiry pushed by a kiosk (TestClient, SQLite and PostgreSQL): the cloud accepts it
when its own view of her visits says it is due, refuses it when she visited at another till since
(or the offer's points never expire), and takes the same lapse from two tills as one event."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import text

from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, settings_to_plain
from loyalty_rules.kinds.points_expiry import EXPIRY_REASON, add_months, expiry_event_id

SETTINGS = PointsSettings(
    Decimal("1"), Rounding.DOWN, 0, (Reward("coffee", "Coffee", 50),), 100, expiry_months=12
)


def _points_offer(cloud, owner, settings=SETTINGS) -> str:
    offer = cloud.offer(owner)
    with cloud.db.writing() as session:
        session.execute(
            text("UPDATE offers SET points_settings = :s WHERE id = :id"),
            {"s": json.dumps(settings_to_plain(settings)), "id": offer},
        )
    return offer


def _zone(cloud, owner) -> ZoneInfo:
    """The shop's zone, one with clock changes: the months are counted on its wall clock."""
    with cloud.db.writing() as session:
        session.execute(
            text("UPDATE businesses SET time_zone = 'Europe/Berlin' WHERE id = :b"), {"b": owner.business_id}
        )
    return ZoneInfo("Europe/Berlin")


def _expiry(cloud, card: int, offer: str, visit: datetime, points: int, zone: ZoneInfo) -> dict:
    """The expiry exactly as any kiosk computes it: its id and body depend on nothing else."""
    return {
        "id": expiry_event_id(card, visit),
        "kind": "adjust",
        "card_id": card,
        "program_id": offer,
        "units": -points,
        "occurred_at": add_months(visit, 12, zone).isoformat(),
        "reason": EXPIRY_REASON,
    }


def _units(cloud, owner, card) -> int:
    # from the table: the owner's access token has expired by the months the clock moved
    with cloud.db.writing() as session:
        return session.execute(
            text("SELECT units FROM cards WHERE business_id = :b AND id = :c"),
            {"b": owner.business_id, "c": card},
        ).scalar_one()


def test_an_expiry_due_by_the_clouds_view_is_accepted_once_from_two_tills(cloud):
    owner = cloud.owner()
    offer, zone = _points_offer(cloud, owner), _zone(cloud, owner)
    till_a, till_b = cloud.kiosk(owner), cloud.kiosk(owner, name="Till 2")
    card = cloud.enroll(till_a, offer)
    visit = cloud.clock()
    assert (
        cloud.push(till_a, cloud.event("earn", card, offer, 120, amount_minor=12000))[0]["status"]
        == "accepted"
    )
    expiry = _expiry(cloud, card, offer, visit, 120, zone)
    cloud.clock.now = add_months(visit, 12, zone) - timedelta(seconds=1)
    assert [(r["status"], r["reason"]) for r in cloud.push(till_a, expiry)] == [
        ("rejected", "visit_within_expiry")  # not due yet by the cloud's clock
    ]
    cloud.clock.now = add_months(visit, 12, zone) + timedelta(days=2)
    assert cloud.push(till_a, expiry)[0]["status"] == "accepted"
    assert cloud.push(till_b, dict(expiry))[0]["status"] == "duplicate"  # the other till's, the same
    assert _units(cloud, owner, card) == 0
    with cloud.db.writing() as session:
        stored = session.execute(
            text("SELECT kind, units, reason FROM events WHERE card_id = :c AND kind = 'adjust'"), {"c": card}
        ).all()
    assert [tuple(r) for r in stored] == [("adjust", -120, EXPIRY_REASON)]


def test_an_expiry_is_refused_when_she_visited_at_another_till(cloud):
    owner = cloud.owner()
    offer, zone = _points_offer(cloud, owner), _zone(cloud, owner)
    till_a, till_b = cloud.kiosk(owner), cloud.kiosk(owner, name="Till 2")
    card = cloud.enroll(till_a, offer)
    first = cloud.clock()
    cloud.push(till_a, cloud.event("earn", card, offer, 80, amount_minor=8000))
    cloud.clock.advance(days=200)
    cloud.push(till_b, cloud.event("earn", card, offer, 10, amount_minor=1000))  # a visit at till B
    cloud.clock.now = add_months(first, 12, zone) + timedelta(days=1)
    # till A never heard of it and counts from her first visit
    stale = _expiry(cloud, card, offer, first, 80, zone)
    wrong_points = _expiry(cloud, card, offer, cloud.clock() - timedelta(days=200), 1, zone)
    results = cloud.push(till_a, stale)
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "visit_within_expiry")]
    assert _units(cloud, owner, card) == 90
    assert cloud.push(till_a, wrong_points)[0]["reason"] == "visit_within_expiry"


def test_an_expiry_of_a_wrong_amount_or_in_an_offer_without_expiry_is_refused(cloud):
    owner = cloud.owner()
    offer, zone = _points_offer(cloud, owner), _zone(cloud, owner)
    never = _points_offer(cloud, owner, PointsSettings(Decimal("1"), Rounding.DOWN, 0, SETTINGS.catalogue))
    kiosk = cloud.kiosk(owner)
    card, other = cloud.enroll(kiosk, offer), cloud.enroll(kiosk, never, name="Bo")
    visit = cloud.clock()
    cloud.push(kiosk, cloud.event("earn", card, offer, 50, amount_minor=5000))
    cloud.push(kiosk, cloud.event("earn", other, never, 50, amount_minor=5000))
    cloud.clock.now = add_months(visit, 13, zone)
    results = cloud.push(
        kiosk,
        _expiry(cloud, card, offer, visit, 49, zone),  # not her whole balance
        _expiry(cloud, other, never, visit, 50, zone),
    )
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "expiry_mismatch"),
        ("rejected", "expiry_not_set"),
    ]
    assert (_units(cloud, owner, card), _units(cloud, owner, other)) == (50, 50)
