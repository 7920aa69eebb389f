"""Pairing codes (single use, 10 minutes), device credentials, revocation at once."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

import cardtoken
from cloud.models import Device
from cloud.views import b64url


def _pair_body(code: str, key_id: int = 7) -> dict:
    key = Ed25519PrivateKey.generate()
    return {
        "code": code,
        "device_name": "Till",
        "public_key": b64url(cardtoken.public_key_bytes(key)),
        "key_id": key_id,
    }


def test_pairing_returns_a_working_device_credential(cloud):
    owner = cloud.owner(business="Bakery")
    location = cloud.location(owner, "Harbour")
    code = cloud.pairing_code(owner, location)
    r = cloud.client.post("/api/v1/devices/pair", json=_pair_body(code))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["business_id"] == owner.business_id
    assert body["business_name"] == "Bakery"
    assert body["location_name"] == "Harbour"
    assert body["key_id"] == 7
    me = cloud.client.get("/api/v1/devices/me", headers={"Authorization": f"Device {body['device_token']}"})
    assert me.status_code == 200
    assert me.json()["id"] == body["device_id"]
    # only a hash of the token is stored
    with cloud.db.read_session() as s:
        stored = s.scalar(select(Device.token_hash).where(Device.id == body["device_id"]))
    assert stored == hashlib.sha256(body["device_token"].encode()).hexdigest()
    assert body["device_token"] not in stored


def test_pairing_code_is_single_use(cloud):
    owner = cloud.owner()
    code = cloud.pairing_code(owner, cloud.location(owner))
    assert cloud.client.post("/api/v1/devices/pair", json=_pair_body(code, 1)).status_code == 201
    r = cloud.client.post("/api/v1/devices/pair", json=_pair_body(code, 2))
    assert r.status_code == 403
    assert r.json()["type"].endswith("/invalid-pairing-code")


def test_pairing_code_expires_after_ten_minutes(cloud):
    owner = cloud.owner()
    location = cloud.location(owner)
    late = cloud.pairing_code(owner, location)
    just_in_time = cloud.pairing_code(owner, location)
    cloud.clock.advance(599)
    assert cloud.client.post("/api/v1/devices/pair", json=_pair_body(just_in_time, 1)).status_code == 201
    cloud.clock.advance(1)
    assert cloud.client.post("/api/v1/devices/pair", json=_pair_body(late, 2)).status_code == 403


def test_pairing_code_accepts_lowercase_and_no_dash(cloud):
    owner = cloud.owner()
    code = cloud.pairing_code(owner, cloud.location(owner))
    assert (
        cloud.client.post("/api/v1/devices/pair", json=_pair_body(code.replace("-", "").lower())).status_code
        == 201
    )


def test_key_id_taken_is_409_and_code_stays_usable(cloud):
    owner = cloud.owner()
    code = cloud.pairing_code(owner, cloud.location(owner))
    r = cloud.client.post("/api/v1/devices/pair", json=_pair_body(code, 0))  # 0 is the cloud's own key
    assert r.status_code == 409
    assert cloud.client.post("/api/v1/devices/pair", json=_pair_body(code, 5)).status_code == 201


def test_bad_public_key_is_422(cloud):
    owner = cloud.owner()
    code = cloud.pairing_code(owner, cloud.location(owner))
    for bad in ("short", "!!!!", b64url(b"\x00" * 31), "A" * 60):
        body = {**_pair_body(code), "public_key": bad}
        r = cloud.client.post("/api/v1/devices/pair", json=body)
        assert r.status_code == 422, bad


def test_revoked_device_is_stopped_at_once(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    card = cloud.enroll(kiosk, offer)
    assert cloud.client.delete(f"/api/v1/devices/{kiosk.device_id}", headers=owner.headers).status_code == 204
    for call in (
        lambda: cloud.client.get("/api/v1/sync/pull", headers=kiosk.headers),
        lambda: cloud.client.post(
            "/api/v1/sync/push", headers=kiosk.headers, json={"events": [cloud.event("earn", card, offer, 1)]}
        ),
    ):
        r = call()
        assert r.status_code == 401
        assert r.json()["type"].endswith("/device-revoked")
    # nothing was recorded, and the other kiosks learn the key is revoked
    other = cloud.kiosk(owner)
    pulled = cloud.pull(other)
    assert {k["key_id"]: k["revoked"] for k in pulled["keys"]}[kiosk.key_id] is True
    assert next(c for c in pulled["cards"] if c["id"] == card)["balance"]["units"] == 0


def test_forged_device_tokens_are_401(cloud):
    owner = cloud.owner()
    kiosk = cloud.kiosk(owner)
    for header in (f"Device {kiosk.token}x", "Device ", f"Bearer {kiosk.token}", "Device dev_forged"):
        r = cloud.client.get("/api/v1/sync/pull", headers={"Authorization": header})
        assert r.status_code == 401, header
        assert r.headers["content-type"] == "application/problem+json"
    # a device token is not a person's token either
    assert (
        cloud.client.get("/api/v1/offers", headers={"Authorization": f"Bearer {kiosk.token}"}).status_code
        == 401
    )
    # and a person's token cannot sync
    r = cloud.client.get("/api/v1/sync/pull", headers=owner.headers)
    assert r.status_code == 401


def test_device_list_shows_revocation(cloud):
    owner = cloud.owner()
    kiosk = cloud.kiosk(owner)
    cloud.client.delete(f"/api/v1/devices/{kiosk.device_id}", headers=owner.headers)
    devices = cloud.client.get("/api/v1/devices", headers=owner.headers).json()
    assert [d["revoked"] for d in devices] == [True]


def test_pairing_refuses_small_order_public_keys_and_keeps_the_code(cloud):
    owner = cloud.owner()
    code = cloud.pairing_code(owner, cloud.location(owner))
    for weak in sorted(cardtoken.small_order_keys()):  # 32 zero bytes among them
        r = cloud.client.post("/api/v1/devices/pair", json={**_pair_body(code), "public_key": b64url(weak)})
        assert r.status_code == 422, (weak.hex(), r.text)
        assert r.json()["type"].endswith("/unsafe-public-key")
        assert "small order" in r.json()["detail"]
    with cloud.db.read_session() as s:
        assert s.scalar(select(Device.id)) is None  # nothing paired, no key sent to kiosks
    assert cloud.client.post("/api/v1/devices/pair", json=_pair_body(code)).status_code == 201
