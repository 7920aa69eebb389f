"""The revenue analytics (issue 17) on a small ledger worked out by hand, and the lift of an A/B
test with a control arm as the experiment results state it (SQLite and PostgreSQL: the `cloud`
fixture runs each test on both)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from loyalty_rules.experiments import Arm
from tests.cloud.test_experiments_api import _members_of
from tests.cloud.test_insights_tiers_happy_revenue import (
    POINTS,
    _accepted,
    _bad_input_is_refused,
    _member,
    _ok,
    _points_offer,
    _void,
)


def test_revenue_spend_per_visit_and_visits_per_member_match_the_hand_count(cloud):
    """Ann spends 10.00 two days ago and 5.00 yesterday; Ben 20.00 and 7.00 yesterday, the 7.00
    undone today (taken back today); Cid collects a stamp yesterday (no sale)."""
    owner = cloud.owner()
    points, stamps = _points_offer(cloud, owner, POINTS), cloud.offer(owner, name="Stamps")
    kiosk = cloud.kiosk(owner)
    now = cloud.clock()
    today = now.date()
    ago = {d: (now - timedelta(days=d)).isoformat() for d in (0, 1, 2, 30)}
    ann, ben = _member(cloud, kiosk, points, ago[30]), _member(cloud, kiosk, points, ago[30])
    cid = _member(cloud, kiosk, stamps, ago[30])

    def sale(card: int, minor: int, when: str) -> dict:
        return cloud.event("earn", card, points, minor // 100, amount_minor=minor, occurred_at=when)

    undone = sale(ben, 700, ago[1])
    _accepted(cloud, kiosk, sale(ann, 1000, ago[2]), sale(ann, 500, ago[1]), sale(ben, 2000, ago[1]), undone)
    _accepted(cloud, kiosk, cloud.event("earn", cid, stamps, 1, occurred_at=ago[1]))
    _accepted(cloud, kiosk, _void(cloud, undone, ago[0]))

    body = _ok(cloud, owner, "revenue", start=str(today - timedelta(days=6)))
    assert (body["start"], body["end"], body["minor_per_unit"]) == (
        str(today - timedelta(days=6)),
        str(today),
        100,
    )
    # spend 1000 + 500 + 2000 + 700 - 700; sales 4 - 1 (the void); 3500 / 3 / 100
    assert (body["spend_minor"], body["sales"], body["spend_per_visit"]) == (3500, 3, 11.6667)
    # visit events 5 - 1; members Ann (2 days), Ben (1: his undone sale was on the same day), Cid (1)
    assert (body["visits"], body["members"], body["visit_days"], body["visits_per_member"]) == (
        4,
        3,
        4,
        1.3333,
    )
    assert body["non_member_sales"] is None
    assert "no sales of non-members" in body["non_member_sales_reason"]
    assert body["periods"] == []
    assert body["experiments"] == []

    days = _ok(cloud, owner, "revenue", start=str(today - timedelta(days=6)), by="day")["periods"]
    assert [(p["period"], p["spend_minor"], p["sales"], p["visits"]) for p in days] == [
        (str(today - timedelta(days=2)), 1000, 1, 1),
        (str(today - timedelta(days=1)), 3200, 3, 4),
        (str(today), -700, -1, -1),  # the undo counts on its own day
    ]
    weeks = _ok(cloud, owner, "revenue", start=str(today - timedelta(days=6)), by="week")["periods"]
    assert sum(p["spend_minor"] for p in weeks) == 3500
    assert all(date_is_monday(p["period"]) for p in weeks)

    only = _ok(cloud, owner, "revenue", start=str(today - timedelta(days=6)), program_id=points)
    assert (only["spend_minor"], only["visits"], only["members"], only["visit_days"]) == (3500, 3, 2, 3)
    assert (
        _ok(cloud, owner, "revenue", start=str(today - timedelta(days=6)), program_id=stamps)["spend_minor"]
        == 0
    )

    _bad_input_is_refused(cloud, "revenue", points)
    stranger = _ok(cloud, cloud.owner("Bakery"), "revenue")
    assert (stranger["spend_minor"], stranger["visits"], stranger["members"]) == (0, 0, 0)


def date_is_monday(text_day: str) -> bool:
    return date.fromisoformat(text_day).weekday() == 0


def test_revenue_reports_the_lift_of_an_ab_test_against_its_control_as_the_experiment_results_do(cloud):
    """Visits per member in 7 days: control 1 and 2 (mean 1.5), the tested offer 2 and 4 (mean 3):
    the program added 1.5 visit days per member."""
    owner = cloud.owner()
    coffee, eight = cloud.offer(owner), cloud.offer(owner, name="Eight", stamps_required=8)
    kiosk = cloud.kiosk(owner)
    body = {
        "name": "8 stamps?",
        "arms": [{"offer_id": None}, {"offer_id": eight}],
        "metric": "visits_per_member",
        "days": 7,
        "horizon": 2,
    }
    r = cloud.client.post("/api/v1/experiments", json=body, headers=owner.headers)
    assert r.status_code == 201, r.text
    made = r.json()
    control, treated = _members_of(made["id"], (Arm(None), Arm(eight)), 2)
    start = cloud.clock()
    cards = {m: _member(cloud, kiosk, coffee, start.isoformat(), m) for m in control + treated}
    visit_days = {control[0]: [0], control[1]: [0, 3], treated[0]: [0, 2], treated[1]: [0, 1, 2, 5]}
    for member, days in visit_days.items():
        for d in days:
            event = cloud.event(
                "earn", cards[member], coffee, 1, occurred_at=(start + timedelta(days=d)).isoformat()
            )
            _accepted(cloud, kiosk, event)
    early = _ok(cloud, owner, "revenue")["experiments"]
    assert [(a["offer_id"], a["ready"], a["effect"], a["members"], a["control_members"]) for a in early] == [
        (eight, False, None, 2, 2)
    ]
    cloud.clock.advance(days=9)
    headers = {"Authorization": f"Bearer {cloud.login(owner.email, owner.password)['access_token']}"}
    r = cloud.client.get("/api/v1/analytics/revenue", headers=headers)
    [lift] = r.json()["experiments"]
    assert (lift["experiment_id"], lift["metric"], lift["status"], lift["ready"]) == (
        made["id"],
        "visits_per_member",
        "running",
        True,
    )
    assert lift["effect"] == pytest.approx(1.5)
    judged = cloud.client.get(f"/api/v1/experiments/{made['id']}/results", headers=headers).json()
    arm = judged["arms"][1]
    assert (lift["low"], lift["high"]) == pytest.approx((arm["ci_low"], arm["ci_high"]), abs=1e-4)
    assert lift["low"] < 1.5 < lift["high"]
    # an offer outside the test narrows the tests away
    assert (
        cloud.client.get("/api/v1/analytics/revenue", params={"program_id": coffee}, headers=headers).json()[
            "experiments"
        ]
        == []
    )
