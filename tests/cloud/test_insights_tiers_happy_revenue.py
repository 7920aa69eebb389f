"""The tier distribution and happy-hour uplift analytics (issue 17) on small ledgers whose
answers were worked out by hand (on SQLite and on PostgreSQL: the `cloud` fixture runs each test on
both); bad input is a clear 4xx, and another business's data never shows. The revenue analytics,
with these helpers, are in test_insights_revenue.py."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import text

import cardtoken
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, settings_to_plain
from loyalty_rules.tiers import Measure, Tier, TierScheme

SCHEME = TierScheme(
    Measure.POINTS,
    12,
    (Tier("Bronze", 0), Tier("Silver", 100, Decimal("1.5")), Tier("Gold", 300, Decimal(2))),
)
CATALOGUE = (Reward("coffee", "Coffee", 50),)
POINTS = PointsSettings(Decimal(1), Rounding.HALF_UP, 500, CATALOGUE)
TIERED = PointsSettings(Decimal(1), Rounding.HALF_UP, 500, CATALOGUE, tiers=SCHEME)


def _points_offer(cloud, owner, settings: PointsSettings, name: str = "Points") -> str:
    offer = cloud.offer(owner, name=name)
    with cloud.db.writing() as session:
        session.execute(
            text("UPDATE offers SET kind = 'points', points_settings = :s WHERE id = :id"),
            {"s": json.dumps(settings_to_plain(settings)), "id": offer},
        )
    return offer


def _member(cloud, kiosk, offer: str, at, member_id: str | None = None) -> int:
    card = cardtoken.new_card_id()
    customer = {"id": member_id or str(uuid.uuid4()), "name": "M", "email": None, "phone": None}
    customer["marketing_consent"] = False
    enroll = cloud.event("enroll", card, offer, 0, customer=customer, key_id=kiosk.key_id, occurred_at=at)
    assert cloud.push(kiosk, enroll)[0]["status"] == "accepted"
    return card


def _accepted(cloud, kiosk, *events: dict) -> None:
    assert [r["status"] for r in cloud.push(kiosk, *events)] == ["accepted"] * len(events)


def _get(cloud, owner, path: str, **params):
    return cloud.client.get(f"/api/v1/analytics/{path}", params=params, headers=owner.headers)


def _ok(cloud, owner, path: str, **params) -> dict:
    r = _get(cloud, owner, path, **params)
    assert r.status_code == 200, r.text
    return r.json()


def _void(cloud, event: dict, at: str) -> dict:
    units = -event["units"]
    return cloud.event(
        "void", event["card_id"], event["program_id"], units, ref_event_id=event["id"], occurred_at=at
    )


# --- tiers -----------------------------------------------------------------------------------------


def _tier_shop(cloud):
    """Five members of a tiered points offer (Bronze 0, Silver 100, Gold 300 points in 12 months):
    Ann 120 points 40 days ago (Silver), Ben 350 today (Gold), Cid none (Bronze), Dora 200 today
    but voided (Bronze), Emil 150 420 days ago (out of the window: Bronze)."""
    owner = cloud.owner()
    offer = _points_offer(cloud, owner, TIERED)
    kiosk = cloud.kiosk(owner)
    now = cloud.clock()
    ago = {d: (now - timedelta(days=d)).isoformat() for d in (0, 40, 420)}

    def earn(card: int, points: int, at: str) -> dict:
        return cloud.event(
            "earn", card, offer, points, amount_minor=points * 100, tier="Bronze", occurred_at=at
        )

    ann, ben = _member(cloud, kiosk, offer, ago[40]), _member(cloud, kiosk, offer, ago[40])
    _cid, dora = _member(cloud, kiosk, offer, ago[0]), _member(cloud, kiosk, offer, ago[0])
    emil = _member(cloud, kiosk, offer, ago[420])
    dropped = earn(dora, 200, ago[0])
    _accepted(
        cloud, kiosk, earn(ann, 120, ago[40]), earn(ben, 350, ago[0]), earn(emil, 150, ago[420]), dropped
    )
    _accepted(cloud, kiosk, _void(cloud, dropped, ago[0]))
    # Emil fell from Silver to Bronze 5 days ago; Ben's rise is recorded at another till
    fell = cloud.event("tier_change", emil, offer, 0, tier="Bronze", reason="Silver")
    rose = cloud.event("tier_change", ben, offer, 0, tier="Gold", reason="Bronze")
    fell["occurred_at"] = (now - timedelta(days=5)).isoformat()
    _accepted(cloud, kiosk, fell)
    elsewhere = cloud.kiosk(owner, name="Till 2")
    _accepted(cloud, elsewhere, rose)
    return owner, offer, kiosk, elsewhere


def test_members_per_tier_and_the_changes_up_and_down_match_the_hand_count(cloud):
    owner, offer, _kiosk, elsewhere = _tier_shop(cloud)
    stamps = cloud.offer(owner, name="Stamps")  # no tiers: not listed
    today = cloud.clock().date()
    body = _ok(cloud, owner, "tiers")
    assert (body["start"], body["end"]) == (str(today - timedelta(days=29)), str(today))
    [tiers] = body["offers"]
    assert (tiers["program_id"], tiers["measure"], tiers["window_months"]) == (offer, "points", 12)
    assert [(t["tier"], t["threshold"], t["members"]) for t in tiers["tiers"]] == [
        ("Bronze", 0, 3),
        ("Silver", 100, 1),
        ("Gold", 300, 1),
    ]
    assert (tiers["members"], tiers["ups"], tiers["downs"]) == (5, 1, 1)
    # as of yesterday: Cid and Dora had not joined, Ben's 350 points were still to come
    before = _ok(cloud, owner, "tiers", end=str(today - timedelta(days=1)))["offers"][0]
    assert [t["members"] for t in before["tiers"]] == [2, 1, 0]
    assert (before["ups"], before["downs"]) == (0, 1)
    # a location narrows the changes (Ben's rise was recorded at the second till's), not the standing
    there = _ok(cloud, owner, "tiers", location_id=elsewhere.location_id)["offers"][0]
    assert ([t["members"] for t in there["tiers"]], there["ups"], there["downs"]) == ([3, 1, 1], 1, 0)
    assert _ok(cloud, owner, "tiers", program_id=stamps)["offers"] == []
    assert _ok(cloud, owner, "tiers", program_id=offer)["offers"] == [tiers]


def _bad_input_is_refused(cloud, path: str, other_offer: str) -> None:
    owner = cloud.owner("Another shop")
    today = cloud.clock().date()
    cases = [
        ({"end": "2026-02-30"}, 422),
        ({"start": "yesterday"}, 422),
        ({"start": str(today), "end": str(today - timedelta(days=1))}, 422),
        ({"program_id": str(uuid.uuid4())}, 404),
        ({"program_id": other_offer}, 404),  # another business's offer is as unknown
        ({"location_id": str(uuid.uuid4())}, 404),
        ({"program_id": "not-a-uuid"}, 422),
    ]
    for params, status in cases:
        r = _get(cloud, owner, path, **params)
        assert r.status_code == status, (params, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["detail"]


def test_tiers_refuse_bad_input_and_never_show_another_business(cloud):
    _owner, offer, _kiosk, _till = _tier_shop(cloud)
    _bad_input_is_refused(cloud, "tiers", offer)
    stranger = cloud.owner("Bakery")
    assert _ok(cloud, stranger, "tiers")["offers"] == []
    _points_offer(cloud, stranger, TIERED)
    [theirs] = _ok(cloud, stranger, "tiers")["offers"]
    assert (theirs["members"], theirs["ups"], theirs["downs"]) == (0, 0, 0)


# --- happy hours -----------------------------------------------------------------------------------


def test_happy_hour_uplift_counts_its_boosts_and_visits_per_window_hour_against_the_weeks_before(cloud):
    """A "double stamps" 10:00-12:00 on today's weekday (the shop's clock, UTC), created at 09:00
    today; now is 12:00. The range (20 days) holds three of its windows: today's while it ran, and
    those 7 and 14 days ago, before it existed: the baseline."""
    owner = cloud.owner()
    coffee, tea = cloud.offer(owner), cloud.offer(owner, name="Tea")
    kiosk = cloud.kiosk(owner)
    noon = cloud.clock()
    today = noon.date()

    def at(days_ago: int, hour: int, minute: int = 0) -> str:
        return (noon - timedelta(days=days_ago)).replace(hour=hour, minute=minute).isoformat()

    def visit(offer: str, when: str, units: int = 1, **extra) -> dict:
        card = _member(cloud, kiosk, offer, at(30, 8))  # one member each: no per-visit limit in the way
        event = cloud.event("earn", card, offer, units, occurred_at=when, **extra)
        _accepted(cloud, kiosk, event)
        return event

    # the baseline: 3 visits in the window 7 days ago, 1 in the one 14 days ago (4 in 4 hours);
    # 12:00 is past the window's end, 09:59 before its start, 21 days ago out of the range
    for when in (
        at(7, 10, 15),
        at(7, 10, 30),
        at(7, 11, 59),
        at(14, 11),
        at(7, 12),
        at(7, 9, 59),
        at(21, 11),
    ):
        visit(coffee, when)
    cloud.clock.now = noon.replace(hour=9)
    window = {"weekday": today.weekday(), "starts": "10:00", "ends": "12:00"}
    body = {"name": "Double", "windows": [window], "boost": "multiply", "amount": 2, "programs": [coffee]}
    r = cloud.client.post("/api/v1/happy-hours", json=body, headers=owner.headers)
    assert r.status_code == 201, r.text
    hour_id = r.json()["id"]
    cloud.clock.now = noon
    # while it ran: two boosted earns (2 units each, 1 extra), a plain one, a boosted one voided;
    # a visit of tea (not boosted by it) is not its visit
    visit(coffee, at(0, 10), 2, happy_hour_id=hour_id)
    visit(coffee, at(0, 10, 30), 2, happy_hour_id=hour_id)
    visit(coffee, at(0, 11))
    undone = visit(coffee, at(0, 11, 30), 2, happy_hour_id=hour_id)
    _accepted(cloud, kiosk, _void(cloud, undone, at(0, 11, 45)))
    visit(tea, at(0, 10, 45))

    body = _ok(cloud, owner, "happy-hours", start=str(today - timedelta(days=20)))
    [found] = body["happy_hours"]
    assert (found["happy_hour_id"], found["boost"], found["amount"], found["active"]) == (
        hour_id,
        "multiply",
        2,
        True,
    )
    assert (found["boosted_earns"], found["extra_units"]) == (2, 2)
    assert (found["running_hours"], found["running_visits"]) == (2.0, 3)
    assert (found["baseline_hours"], found["baseline_visits"]) == (4.0, 4)
    assert (found["visits_per_running_hour"], found["visits_per_baseline_hour"]) == (1.5, 1.0)
    assert found["uplift"] == 0.5
    # only tea: it does not boost tea, so it is not listed; a range without its windows has no rate
    assert _ok(cloud, owner, "happy-hours", program_id=tea)["happy_hours"] == []
    [bare] = _ok(cloud, owner, "happy-hours", start=str(today - timedelta(days=6)))["happy_hours"]
    assert (bare["baseline_hours"], bare["visits_per_baseline_hour"], bare["uplift"]) == (0.0, None, None)
    assert bare["visits_per_running_hour"] == 1.5
    # at 11:00 today's window had run an hour and seen 2 visits (10:00 and 10:30)
    cloud.clock.now = noon.replace(hour=11)
    [early] = _ok(cloud, owner, "happy-hours", start=str(today - timedelta(days=6)))["happy_hours"]
    assert (early["running_hours"], early["running_visits"]) == (1.0, 2)

    _bad_input_is_refused(cloud, "happy-hours", coffee)
    assert _ok(cloud, cloud.owner("Bakery"), "happy-hours")["happy_hours"] == []


def test_happy_hour_windows_are_the_shop_s_wall_clock_in_its_zone(cloud):
    """A Berlin shop's 10:00-12:00 (its clock, whatever the season): a visit at 12:15 in Berlin
    (10:15 or 11:15 UTC, inside 10:00-12:00 read as UTC) is not in the window; 10:30 is."""
    owner = cloud.owner()
    r = cloud.client.patch(
        "/api/v1/businesses/me", json={"time_zone": "Europe/Berlin"}, headers=owner.headers
    )
    assert r.status_code == 200, r.text
    coffee = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    berlin = ZoneInfo("Europe/Berlin")
    noon = cloud.clock()
    today = noon.astimezone(berlin).date()

    def local(days_ago: int, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(today - timedelta(days=days_ago), time(hour, minute), tzinfo=berlin)

    def visit(when: datetime) -> None:
        card = _member(cloud, kiosk, coffee, local(30, 8).isoformat())
        _accepted(cloud, kiosk, cloud.event("earn", card, coffee, 1, occurred_at=when.isoformat()))

    for when in (local(7, 10, 30), local(7, 12, 15), local(0, 10, 30), local(0, 12, 15), local(0, 9, 50)):
        visit(when)
    cloud.clock.now = local(0, 9).astimezone(UTC)
    window = {"weekday": today.weekday(), "starts": "10:00", "ends": "12:00"}
    body = {"name": "Double", "windows": [window], "boost": "bonus", "amount": 1, "programs": [coffee]}
    assert cloud.client.post("/api/v1/happy-hours", json=body, headers=owner.headers).status_code == 201
    cloud.clock.now = noon
    [found] = _ok(cloud, owner, "happy-hours", start=str(today - timedelta(days=10)))["happy_hours"]
    assert (found["running_hours"], found["running_visits"]) == (2.0, 1)
    assert (found["baseline_hours"], found["baseline_visits"]) == (2.0, 1)
    assert found["uplift"] == 0.0
