"""A paired kiosk reads its own business's analytics with its device token, and only those:
GET /api/v1/devices/me/analytics (on SQLite and PostgreSQL, as every `cloud` test)."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest

from kiosk.sync.insights import parse_insights
from loyalty_rules.experiments import Arm
from tests.cloud.test_experiments_api import _create, _earn, _enroll, _members_of, _signed_in
from tests.cloud.test_insights_api import LEDGER, _rfm_ledger


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _read(cloud, headers, **params):
    return cloud.client.get("/api/v1/devices/me/analytics", params=params, headers=headers)


def test_a_kiosk_reads_the_same_segments_cohorts_and_offers_as_its_owner(cloud):
    owner, _program, kiosk, end = _rfm_ledger(cloud)
    r = _read(cloud, kiosk.headers, days=90)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["start"], body["end"]) == (str(end - timedelta(days=89)), str(end))
    owners = cloud.client.get("/api/v1/analytics/rfm", params={"end": str(end)}, headers=owner.headers).json()
    assert body["rfm"] == owners
    assert {s["segment"]: s["members"] for s in body["rfm"]["segments"]}["hibernating"] == 2
    assert [o["name"] for o in body["offers"]] == ["Coffee"]
    # stamped visits in the last 90 days: Ann 5, Ben 3, Cid 2 (her undone stamp counts -1 on its day)
    assert sum(d["visits"] for d in body["days"]) == 5 + 3 + 2
    assert (
        sum(c["size"] for c in body["cohorts"]) == sum(1 for days in LEDGER.values() if max(days) < 330) + 1
    )  # joined within this month and the 11 before; Gus joined today
    assert body["churn"]["status"] in {"fitting", "not_enough_data", "ready", "failed"}


def test_another_business_device_sees_only_its_own_and_device_tokens_stay_out_of_owner_routes(cloud):
    _owner, _program, kiosk_a, _end = _rfm_ledger(cloud)
    other = cloud.owner(business="Bakery", email="baker@shop.example")
    kiosk_b = cloud.kiosk(other)
    body = _read(cloud, kiosk_b.headers).json()
    assert body["rfm"]["members"] == 0
    assert body["cohorts"] == []
    assert body["offers"] == []
    assert all(d["visits"] == 0 for d in body["days"])
    assert not {m["name"] for m in body["churn"]["outlook"]} & set(LEDGER)
    # the owner's routes (with the campaign list's contacts) take no device token
    for path in ("/api/v1/analytics/rfm", "/api/v1/analytics/rfm/members.csv", "/api/v1/analytics/churn"):
        assert cloud.client.get(path, headers=kiosk_a.headers).status_code == 401, path
    # nor does this route take a person's token: it is the device's own
    assert _read(cloud, _owner.headers).status_code == 401
    assert _read(cloud, {"Authorization": "Device not-a-token"}).status_code == 401


def test_a_revoked_kiosk_reads_nothing(cloud):
    owner, _program, kiosk, _end = _rfm_ledger(cloud)
    r = cloud.client.delete(f"/api/v1/devices/{kiosk.device_id}", headers=owner.headers)
    assert r.status_code == 204, r.text
    r = _read(cloud, kiosk.headers)
    assert r.status_code == 401
    assert r.json()["type"].endswith("device-revoked")


def test_a_period_outside_1_to_366_days_is_refused(cloud):
    _owner, _program, kiosk, _end = _rfm_ledger(cloud)
    for days in ("0", "367", "x"):
        r = _read(cloud, kiosk.headers, days=days)
        assert r.status_code == 422, (days, r.text)


def test_a_kiosk_reads_its_ab_tests_results_as_the_owner_does_and_no_winner_before_the_horizon(cloud):
    owner = cloud.owner()
    coffee, eight = cloud.offer(owner), cloud.offer(owner, name="Eight", stamps_required=8)
    kiosk = cloud.kiosk(owner)
    made = _create(cloud, owner, [{"offer_id": None}, {"offer_id": eight}], horizon=30)
    control, treated = _members_of(made["id"], (Arm(None), Arm(eight)), 30)
    cards = {m: _enroll(cloud, kiosk, coffee, m) for m in control + treated}
    for member in control[:20] + treated[:10]:  # day 0: 20 and 10 members enter
        _earn(cloud, kiosk, coffee, cards[member])
    early_body = _read(cloud, kiosk.headers).json()
    early = early_body["experiments"]
    assert [(e["id"], e["name"], e["running"], e["status"]) for e in early] == [
        (made["id"], "8 stamps?", True, "not_enough_data")
    ]
    assert early[0]["winner"] is None
    assert (early[0]["days"], early[0]["arm_names"]) == (7, [None, "Eight"])
    assert [(a["entered"], a["complete"], a["value"], a["value_low"]) for a in early[0]["arms"]] == [
        (20, 0, None, None),
        (10, 0, None, None),
    ]
    # the slower arm took 1 day for 10 members: 20 more in 2 days, then their 7-day window + 1
    today = _day(early[0]["start"])
    assert _day(early[0]["expected"]) == today + timedelta(days=2 + 7 + 1)
    # the kiosk reads it as its own screen's value: counts, the horizon's day, nothing to compare
    [read] = parse_insights(early_body, UTC).experiments
    assert (read.name, read.running, read.arm_names, read.days, read.horizon) == (
        "8 stamps?",
        True,
        (None, "Eight"),
        7,
        30,
    )
    assert (read.results.ready, read.results.winner, read.results.expected) == (
        False,
        None,
        _day(early[0]["expected"]),
    )
    assert [(a.entered, a.value, a.comparison, a.estimate) for a in read.results.arms] == [
        (20, None, None, None),
        (10, None, None, None),
    ]
    for member in control[20:] + treated[10:]:
        _earn(cloud, kiosk, coffee, cards[member])
    cloud.clock.advance(days=2)
    for member in treated[:27] + control[:3]:  # 90 % against 10 % came back
        _earn(cloud, kiosk, coffee, cards[member])
    cloud.clock.advance(days=8)
    ready_body = _read(cloud, kiosk.headers).json()
    [ready] = ready_body["experiments"]
    owners = cloud.client.get(f"/api/v1/experiments/{made['id']}/results", headers=_signed_in(cloud, owner))
    assert {k: ready[k] for k in owners.json()} == owners.json()
    assert (ready["status"], ready["winner"], ready["expected"]) == ("ready", 1, None)
    base, arm = ready["arms"]
    assert (base["value"], arm["value"]) == (pytest.approx(0.1), pytest.approx(0.9))
    # each arm's own Wilson interval holds its value; the effect's interval lies above 0
    assert base["value_low"] < 0.1 < base["value_high"] < arm["value_low"] < 0.9 < arm["value_high"]
    assert arm["ci_low"] > 0
    [read] = parse_insights(ready_body, UTC).experiments
    assert (read.results.ready, read.results.winner, read.results.expected, read.baseline) == (
        True,
        1,
        None,
        0,
    )
    kiosk_arm = read.results.arms[1]
    assert (kiosk_arm.value, kiosk_arm.estimate.low, kiosk_arm.comparison.p_value) == (
        arm["value"],
        arm["value_low"],
        arm["p_value"],
    )
    assert (kiosk_arm.comparison.low, kiosk_arm.comparison.high) == (arm["ci_low"], arm["ci_high"])
