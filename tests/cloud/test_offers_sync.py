"""PUT /api/v1/sync/offers: kiosks upload offers made at the counter, checked like POST /offers,
upserted within the device's business only, idempotent, pulled by every kiosk, audited."""

from __future__ import annotations

import json
import uuid

import pytest

PATH = "/api/v1/sync/offers"


def _offer(**fields) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "name": "Tea card",
        "kind": "stamps",
        "stamps_required": 8,
        "reward_text": "A free tea",
        "per_visit_limit": 2,
        "cooldown_seconds": 60,
        "starts_at": None,
        "ends_at": None,
        "status": "active",
        "colour": "#6d4c41",
        "icon": "cup",
        **fields,
    }


def _upload(cloud, kiosk, *offers: dict, expect: int = 200):
    r = cloud.client.put(PATH, json={"offers": list(offers)}, headers=kiosk.headers)
    assert r.status_code == expect, r.text
    return r.json()["results"] if expect == 200 else r


def _seq(cloud, kiosk) -> int:
    return cloud.pull(kiosk, cursor=0)["cursor"]


def _audit(cloud, owner) -> list[dict]:
    r = cloud.client.get("/api/v1/audit", headers=owner.headers)
    assert r.status_code == 200, r.text
    return [e for e in r.json() if e["entity"] == "offer"]


@pytest.fixture
def shop(cloud):
    owner = cloud.owner()
    return owner, cloud.kiosk(owner), cloud.kiosk(owner)


def test_a_new_offer_is_created_pulled_by_every_kiosk_and_audited(cloud, shop):
    owner, a, b = shop
    cursor_b = _seq(cloud, b)
    offer = _offer(starts_at="2026-12-01T08:00:00+01:00", ends_at="2027-01-01T00:00:00Z")
    (result,) = _upload(cloud, a, offer)
    assert result == {"id": offer["id"], "status": "accepted", "reason": None}
    pulled = cloud.pull(b, cursor=cursor_b)
    (got,) = pulled["offers"]
    assert got["id"] == offer["id"]
    assert got["starts_at"].startswith("2026-12-01T07:00:00")
    assert {k: got[k] for k in ("name", "stamps_required", "per_visit_limit", "icon", "status")} == {
        "name": "Tea card",
        "stamps_required": 8,
        "per_visit_limit": 2,
        "icon": "cup",
        "status": "active",
    }
    owners_view = cloud.client.get(f"/api/v1/offers/{offer['id']}", headers=owner.headers)
    assert owners_view.status_code == 200
    (entry,) = _audit(cloud, owner)
    assert entry["action"] == "offer.create"
    assert entry["entity_id"] == offer["id"]
    assert entry["actor_device_id"] == a.device_id
    assert entry["actor_user_id"] is None
    assert json.loads(entry["detail"])["via"] == "kiosk"


def test_a_change_is_pulled_and_the_same_content_again_changes_nothing(cloud, shop):
    owner, a, b = shop
    offer = _offer()
    _upload(cloud, a, offer)
    before = _seq(cloud, b)
    paused = {**offer, "status": "paused"}
    assert _upload(cloud, a, paused)[0]["status"] == "accepted"
    (got,) = cloud.pull(b, cursor=before)["offers"]
    assert got["status"] == "paused"
    after = _seq(cloud, b)
    assert after > before
    # a retry after a lost answer: accepted, no new sequence number, no audit entry
    assert _upload(cloud, a, paused) == [{"id": offer["id"], "status": "accepted", "reason": None}]
    assert _upload(cloud, b, paused)[0]["status"] == "accepted"
    assert _seq(cloud, b) == after
    assert [e["action"] for e in _audit(cloud, owner)] in (
        ["offer.update", "offer.create"],
        ["offer.create", "offer.update"],
    )
    assert json.loads(next(e for e in _audit(cloud, owner) if e["action"] == "offer.update")["detail"]) == {
        "status": "paused",
        "via": "kiosk",
    }


def test_an_offer_of_another_business_is_rejected_and_left_alone(cloud, shop):
    _, a, _ = shop
    other = cloud.owner(business="Other")
    theirs = cloud.offer(other, name="Secret menu")
    mine = _offer()
    before = cloud.client.get(f"/api/v1/offers/{theirs}", headers=other.headers).json()
    results = _upload(cloud, a, _offer(id=theirs, name="hijacked"), mine)
    assert results[0] == {"id": theirs, "status": "rejected", "reason": "offer_id_unavailable"}
    assert results[1]["status"] == "accepted"  # one rejection never fails the others
    assert "Secret" not in json.dumps(results)
    assert cloud.client.get(f"/api/v1/offers/{theirs}", headers=other.headers).json() == before
    assert [o["id"] for o in cloud.pull(a)["offers"]] == [mine["id"]]
    assert _audit(cloud, other) == [e for e in _audit(cloud, other) if e["action"] == "offer.create"]


@pytest.mark.parametrize(
    "bad",
    [
        {"stamps_required": 0},
        {"stamps_required": 1001},
        {"name": ""},
        {"name": "x" * 201},
        {"name": "nul\x00"},
        {"reward_text": ""},
        {"per_visit_limit": 0},
        {"cooldown_seconds": -1},
        {"colour": "red"},
        {"icon": ""},
        {"status": "deleted"},
        {"kind": "points"},
        {"starts_at": "2026-12-01T00:00:00"},  # no UTC offset
        {"id": "not-a-uuid"},
        {"surprise": 1},
    ],
    ids=lambda bad: ",".join(bad),
)
def test_a_bad_offer_is_a_422_problem_and_nothing_is_written(cloud, shop, bad):
    _, a, _ = shop
    before = _seq(cloud, a)
    r = _upload(cloud, a, _offer(), _offer(**bad), expect=422)
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 422
    assert _seq(cloud, a) == before
    assert cloud.pull(a)["offers"] == []


def test_an_offer_that_ends_before_it_starts_is_rejected_alone(cloud, shop):
    """Schema-valid (each date is fine), against the rules: rejected with a reason, the rest taken."""
    _, a, _ = shop
    good = _offer()
    inverted = _offer(starts_at="2027-01-01T00:00:00Z", ends_at="2026-01-01T00:00:00Z")
    results = _upload(cloud, a, good, inverted)
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("accepted", None),
        ("rejected", "ends_before_start"),
    ]
    assert [o["id"] for o in cloud.pull(a)["offers"]] == [good["id"]]


@pytest.mark.parametrize(
    "body",
    [
        {"offers": []},
        {"offers": [_offer() for _ in range(101)]},
        {},
        {"offers": [{k: v for k, v in _offer().items() if k != "status"}]},  # every field present
    ],
    ids=["empty", "too-many", "no-offers", "missing-field"],
)
def test_the_envelope_is_checked(cloud, shop, body):
    _, a, _ = shop
    r = cloud.client.put(PATH, json=body, headers=a.headers)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"


def test_the_same_id_twice_in_one_request_takes_the_first_and_rejects_the_repeat(cloud, shop):
    """Schema-valid (a schema cannot ask for unique ids), so answered per offer, not with a 422."""
    _, a, _ = shop
    offer = _offer()
    results = _upload(cloud, a, offer, {**offer, "status": "paused"})
    assert [(r["status"], r["reason"]) for r in results] == [
        ("accepted", None),
        ("rejected", "repeated_in_request"),
    ]
    assert [o["status"] for o in cloud.pull(a)["offers"]] == [offer["status"]]


def test_devices_only(cloud, shop):
    owner, _, _ = shop
    assert cloud.client.put(PATH, json={"offers": [_offer()]}).status_code == 401
    assert cloud.client.put(PATH, json={"offers": [_offer()]}, headers=owner.headers).status_code == 401
    r = cloud.client.put(PATH, json={"offers": [_offer()]}, headers={"Authorization": "Device nope"})
    assert r.status_code == 401


def test_a_revoked_kiosk_cannot_upload(cloud, shop):
    owner, a, _ = shop
    assert cloud.client.delete(f"/api/v1/devices/{a.device_id}", headers=owner.headers).status_code == 204
    r = cloud.client.put(PATH, json={"offers": [_offer()]}, headers=a.headers)
    assert r.status_code == 401
    assert r.json()["type"].endswith("/device-revoked")


def test_uploads_share_the_devices_sync_quota(make_cloud, settings):
    cloud = make_cloud(settings, rate_device_per_minute=3)
    owner = cloud.owner()
    k1, k2 = cloud.kiosk(owner), cloud.kiosk(owner)
    cloud.pull(k1)
    _upload(cloud, k1, _offer())
    cloud.pull(k1)
    r = cloud.client.put(PATH, json={"offers": [_offer()]}, headers=k1.headers)
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) <= 60
    _upload(cloud, k2, _offer())  # the other kiosk still syncs


def test_the_dashboard_checks_an_offers_numbers_by_its_kind_and_lets_old_ones_be(cloud):
    owner = cloud.owner()
    body = {"name": "Tea card", "stamps_required": 8, "reward_text": "A free tea"}
    made = cloud.client.post("/api/v1/offers", json=body, headers=owner.headers)
    assert made.status_code == 201, made.text
    path = f"/api/v1/offers/{made.json()['id']}"
    too_many = cloud.client.post(
        "/api/v1/offers", json={**body, "stamps_required": 51}, headers=owner.headers
    )
    assert too_many.status_code == 422
    assert "stamps_required" in too_many.text
    edit = cloud.client.patch(path, json={"per_visit_limit": 21}, headers=owner.headers)
    assert edit.status_code == 422
    assert "per_visit_limit" in edit.text
    assert cloud.client.get(path, headers=owner.headers).json()["per_visit_limit"] == 1  # nothing changed
    renamed = cloud.client.patch(path, json={"name": "Tea club"}, headers=owner.headers)
    assert renamed.status_code == 200, renamed.text
