"""A paired kiosk reads its own business's analytics with its device token, and only those:
GET /api/v1/devices/me/analytics (on SQLite and PostgreSQL, as every `cloud` test)."""

from __future__ import annotations

from datetime import timedelta

from tests.cloud.test_insights_api import LEDGER, _rfm_ledger


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
