"""Login, rotating refresh tokens (reuse revokes the family), logout, expiry, forged tokens."""

from __future__ import annotations

import jwt


def test_login_and_me(cloud):
    owner = cloud.owner()
    r = cloud.client.get("/api/v1/auth/me", headers=owner.headers)
    assert r.status_code == 200
    assert r.json()["business_id"] == owner.business_id
    assert r.json()["role"] == "owner"
    assert owner.tokens["token_type"] == "bearer"
    assert owner.tokens["expires_in"] == cloud.settings.access_token_ttl


def test_wrong_password_is_a_401_problem(cloud):
    owner = cloud.owner()
    r = cloud.client.post("/api/v1/auth/login", json={"email": owner.email, "password": "nope-nope"})
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"].endswith("/invalid-credentials")
    r = cloud.client.post("/api/v1/auth/login", json={"email": "ghost@x.example", "password": "nope-nope"})
    assert r.status_code == 401


def test_refresh_rotates_and_reuse_revokes_the_family(cloud):
    owner = cloud.owner()
    first = owner.tokens["refresh_token"]
    r = cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert r.status_code == 200, r.text
    second = r.json()["refresh_token"]
    assert second != first
    # the rotated token comes back (stolen copy): the whole family is revoked
    r = cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert r.status_code == 401
    assert r.json()["type"].endswith("/token-reused")
    r = cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": second})
    assert r.status_code == 401
    assert r.json()["type"].endswith("/token-revoked")


def test_other_sessions_survive_a_family_revocation(cloud):
    owner = cloud.owner()
    other = cloud.login(owner.email, owner.password)
    first = owner.tokens["refresh_token"]
    cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    r = cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": other["refresh_token"]})
    assert r.status_code == 200


def test_logout_revokes_the_refresh_token(cloud):
    owner = cloud.owner()
    r = cloud.client.post("/api/v1/auth/logout", json={"refresh_token": owner.tokens["refresh_token"]})
    assert r.status_code == 204
    r = cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": owner.tokens["refresh_token"]})
    assert r.status_code == 401


def test_access_token_expires_by_the_clock(cloud):
    owner = cloud.owner()
    cloud.clock.advance(cloud.settings.access_token_ttl - 1)
    assert cloud.client.get("/api/v1/auth/me", headers=owner.headers).status_code == 200
    cloud.clock.advance(2)
    r = cloud.client.get("/api/v1/auth/me", headers=owner.headers)
    assert r.status_code == 401
    assert r.json()["type"].endswith("/token-expired")


def test_refresh_token_expires(cloud):
    owner = cloud.owner()
    cloud.clock.advance(cloud.settings.refresh_token_ttl + 1)
    r = cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": owner.tokens["refresh_token"]})
    assert r.status_code == 401


def test_forged_tokens_are_refused_and_change_nothing(cloud):
    owner = cloud.owner()
    claims = jwt.decode(owner.tokens["access_token"], options={"verify_signature": False})
    forged = jwt.encode({**claims, "role": "owner"}, "not-the-secret", algorithm="HS256")
    none_alg = jwt.encode(claims, None, algorithm="none")
    for token in (forged, none_alg, "garbage", owner.tokens["refresh_token"]):
        r = cloud.client.post(
            "/api/v1/offers",
            headers={"Authorization": f"Bearer {token}"},
            json={"name": "X", "stamps_required": 3, "reward_text": "x"},
        )
        assert r.status_code == 401, token
        assert r.headers["content-type"] == "application/problem+json"
    assert cloud.client.get("/api/v1/offers", headers=owner.headers).json() == []
    for bad in ("garbage", "a.b", "00000000-0000-0000-0000-000000000000.x"):
        r = cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": bad})
        assert r.status_code == 401


def test_missing_auth_is_401(cloud):
    r = cloud.client.get("/api/v1/offers")
    assert r.status_code == 401
    assert r.json()["status"] == 401


def test_manager_cannot_do_owner_things(cloud):
    owner = cloud.owner()
    r = cloud.client.post(
        "/api/v1/users", json={"email": "m@shop.example", "password": "manager-pw"}, headers=owner.headers
    )
    assert r.status_code == 201, r.text
    manager = cloud.login("m@shop.example", "manager-pw")
    headers = {"Authorization": f"Bearer {manager['access_token']}"}
    assert cloud.client.get("/api/v1/offers", headers=headers).status_code == 200
    assert cloud.client.get("/api/v1/audit", headers=headers).status_code == 403
    location = cloud.location(owner)
    r = cloud.client.post(
        "/api/v1/devices/pairing-codes", json={"location_id": location, "name": "x"}, headers=headers
    )
    assert r.status_code == 403
    # the owner disables the manager: logging in fails from then on
    users = cloud.client.get("/api/v1/users", headers=owner.headers).json()
    manager_id = next(u["id"] for u in users if u["role"] == "manager")
    assert cloud.client.delete(f"/api/v1/users/{manager_id}", headers=owner.headers).status_code == 204
    r = cloud.client.post("/api/v1/auth/login", json={"email": "m@shop.example", "password": "manager-pw"})
    assert r.status_code == 401
