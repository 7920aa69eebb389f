"""Issue 12, items 2 and 4 at the API: an event id that returns with another body, and two
installations behind one device credential."""

from __future__ import annotations

import json
import uuid

import pytest


@pytest.fixture
def shop(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    return owner, offer, kiosk


def test_an_id_back_with_another_body_is_rejected_id_conflict_and_a_retry_stays_duplicate(cloud, shop):
    owner, offer, kiosk = shop
    card = cloud.enroll(kiosk, offer)
    stamp = cloud.event("earn", card, offer, 1)
    assert cloud.push(kiosk, stamp)[0]["status"] == "accepted"
    retry = dict(stamp, occurred_at=stamp["occurred_at"].replace("+00:00", "Z"))  # same instant
    other = dict(stamp, units=3)  # same id, another body
    fine = cloud.event("earn", card, offer, 2)
    results = cloud.push(kiosk, retry, other, fine)
    assert [r["status"] for r in results] == ["duplicate", "rejected", "accepted"]  # the batch goes on
    assert results[1]["reason"] == "id_conflict"
    # within one batch too: the first body counts, the second is refused
    twin = cloud.event("earn", card, offer, 1)
    results = cloud.push(kiosk, twin, dict(twin, staff_name="Somebody else"), twin)
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("accepted", None),
        ("rejected", "id_conflict"),
        ("duplicate", None),
    ]
    balance = cloud.client.get(f"/api/v1/cards/{card}", headers=owner.headers).json()["balance"]
    assert balance["units"] == 1 + 2 + 1  # the refused bodies counted nothing


def _push(cloud, kiosk, event, installation=None, sequence=None) -> dict:
    headers = dict(kiosk.headers)
    if installation:
        headers["Kiosk-Installation"] = installation
    if sequence is not None:
        headers["Kiosk-Push-Sequence"] = str(sequence)
    r = cloud.client.post("/api/v1/sync/push", json={"events": [event]}, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def _device(cloud, owner, kiosk) -> dict:
    r = cloud.client.get(f"/api/v1/devices/{kiosk.device_id}", headers=owner.headers)
    assert r.status_code == 200, r.text
    return r.json()


def _audit(cloud, owner, action) -> list[dict]:
    r = cloud.client.get("/api/v1/audit", params={"format": "json"}, headers=owner.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    entries = body if isinstance(body, list) else body.get("entries", body.get("items", []))
    return [e for e in entries if e["action"] == action]


def test_two_installations_behind_one_credential_are_flagged_once(cloud, shop):
    owner, offer, kiosk = shop
    card = cloud.enroll(kiosk, offer)
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    stamp = lambda: cloud.event("earn", card, offer, 1)  # noqa: E731
    assert _push(cloud, kiosk, stamp(), a, 1)["credential_shared"] is False
    assert _push(cloud, kiosk, stamp(), a, 2)["credential_shared"] is False
    # a second installation alone: a moved folder, not (yet) a clone
    assert _push(cloud, kiosk, stamp(), b, 1)["credential_shared"] is False
    assert _device(cloud, owner, kiosk)["credential_shared"] is False
    # the first one pushes again: both are in use
    assert _push(cloud, kiosk, stamp(), a, 3)["credential_shared"] is True
    device = _device(cloud, owner, kiosk)
    assert device["credential_shared"] is True
    assert device["credential_shared_at"]
    assert _push(cloud, kiosk, stamp(), b, 2)["credential_shared"] is True
    pulled = cloud.client.get("/api/v1/sync/pull", params={"cursor": 0}, headers=kiosk.headers).json()
    assert pulled["credential_shared"] is True
    (entry,) = _audit(cloud, owner, "device.credential_shared")  # said once, not per push
    assert json.loads(entry["detail"])["reason"] == "older_installation_returned"


def test_one_installation_repeating_its_sequence_is_a_clone_and_old_kiosks_are_not_checked(cloud, shop):
    owner, offer, kiosk = shop
    card = cloud.enroll(kiosk, offer)
    same = str(uuid.uuid4())
    stamp = lambda: cloud.event("earn", card, offer, 1)  # noqa: E731
    assert _push(cloud, kiosk, stamp())["credential_shared"] is False  # a v1 kiosk: no headers
    assert _push(cloud, kiosk, stamp(), same, 7)["credential_shared"] is False
    assert _push(cloud, kiosk, stamp(), same, 8)["credential_shared"] is False
    assert _push(cloud, kiosk, stamp())["credential_shared"] is False
    # a disk image cloned with its machine id: same installation, a number already used
    assert _push(cloud, kiosk, stamp(), same, 8)["credential_shared"] is True
    (entry,) = _audit(cloud, owner, "device.credential_shared")
    assert json.loads(entry["detail"])["reason"] == "sequence_repeated"
    other = cloud.kiosk(owner, name="Till 2")  # another device of the business is not affected
    assert _device(cloud, owner, other)["credential_shared"] is False


def test_pairing_with_an_expected_business_refuses_another_and_keeps_the_code(cloud, shop):
    owner, _offer, _kiosk = shop
    location = cloud.location(owner)
    code = cloud.pairing_code(owner, location)
    key = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    body = {"code": code, "device_name": "Till 9", "public_key": key}
    r = cloud.client.post(
        "/api/v1/devices/pair", json={**body, "key_id": 901, "expected_business_id": owner.business_id + 1}
    )
    assert r.status_code == 409, r.text
    assert r.json()["type"].endswith("/pairing-code-other-business")
    r = cloud.client.post(
        "/api/v1/devices/pair", json={**body, "key_id": 901, "expected_business_id": owner.business_id}
    )
    assert r.status_code == 201, r.text  # the refused try did not spend the code
