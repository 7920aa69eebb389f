"""Access ends at once when the owner says so, and answers carry the headers browsers need."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import cardtoken
from cloud.views import b64url


def test_a_disabled_user_loses_access_at_once_with_a_still_valid_token(cloud):
    owner = cloud.owner()
    r = cloud.client.post(
        "/api/v1/users",
        json={"email": "leaving@shop.example", "name": "Leaving", "password": "password-2"},
        headers=owner.headers,
    )
    assert r.status_code == 201, r.text
    manager_id = r.json()["id"]
    tokens = cloud.login("leaving@shop.example", "password-2")
    manager = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert cloud.client.get("/api/v1/customers", headers=manager).status_code == 200
    assert cloud.client.delete(f"/api/v1/users/{manager_id}", headers=owner.headers).status_code == 204
    # the access token has not expired (15 minutes), yet nothing answers it any more
    for method, path, body in [
        ("GET", "/api/v1/customers", None),
        ("GET", "/api/v1/auth/me", None),
        ("POST", "/api/v1/customers", {"name": "Someone"}),
    ]:
        r = cloud.client.request(method, path, json=body, headers=manager)
        assert r.status_code == 401, (path, r.text)
        assert r.json()["type"].endswith("/account-disabled")
    r = cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 401
    assert len(cloud.client.get("/api/v1/customers", headers=owner.headers).json()) == 0


def test_a_revoked_device_loses_access_at_once(cloud):
    owner = cloud.owner()
    kiosk = cloud.kiosk(owner)
    cloud.pull(kiosk)
    assert cloud.client.delete(f"/api/v1/devices/{kiosk.device_id}", headers=owner.headers).status_code == 204
    r = cloud.client.get("/api/v1/sync/pull", headers=kiosk.headers)
    assert r.status_code == 401
    assert r.json()["type"].endswith("/device-revoked")


def test_token_answers_are_never_cached(cloud):
    owner = cloud.owner()
    login = cloud.client.post("/api/v1/auth/login", json={"email": owner.email, "password": owner.password})
    refreshed = cloud.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": login.json()["refresh_token"]}
    )
    location = cloud.location(owner)
    code = cloud.client.post(
        "/api/v1/devices/pairing-codes", json={"location_id": location, "name": "Till"}, headers=owner.headers
    )
    key = Ed25519PrivateKey.generate()
    paired = cloud.client.post(
        "/api/v1/devices/pair",
        json={
            "code": code.json()["code"],
            "device_name": "Till",
            "public_key": b64url(cardtoken.public_key_bytes(key)),
            "key_id": 9,
        },
    )
    assert [r.status_code for r in (login, refreshed, code, paired)] == [200, 200, 201, 201]
    assert "device_token" in paired.json()
    for r in (login, refreshed, code, paired):
        assert r.headers["cache-control"] == "no-store", r.request.url


def test_every_answer_says_nosniff(make_cloud, settings):
    cloud = make_cloud(settings, max_body_bytes=100, rate_public_per_minute=1)
    owner = cloud.owner()  # the one public call
    answers = [
        cloud.client.get("/healthz"),
        cloud.client.get("/api/v1/offers", headers=owner.headers),
        cloud.client.get("/api/v1/no-such-thing"),
        cloud.client.get("/api/v1/offers"),  # 401
        cloud.client.post("/api/v1/offers", json={"name": "x" * 200}, headers=owner.headers),  # 413
        cloud.client.post("/api/v1/offers", json={}, headers=owner.headers),  # 422
        cloud.client.post("/api/v1/auth/login", json={"email": "a@b.c", "password": "x"}),  # 429
    ]
    assert [r.status_code for r in answers] == [200, 200, 404, 401, 413, 422, 429]
    for r in answers:
        assert r.headers["x-content-type-options"] == "nosniff", r.request.url
