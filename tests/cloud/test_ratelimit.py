"""Rate limits: 429 with Retry-After, per business / IP / device, reset by the clock."""

from __future__ import annotations

import pytest


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'cloud.sqlite3'}"


def test_dashboard_limit_is_per_business(make_cloud, settings):
    cloud = make_cloud(settings, rate_dashboard_per_hour=5)
    a, b = cloud.owner(), cloud.owner()
    for _ in range(5):
        assert cloud.client.get("/api/v1/offers", headers=a.headers).status_code == 200
    r = cloud.client.get("/api/v1/offers", headers=a.headers)
    assert r.status_code == 429
    assert r.headers["content-type"] == "application/problem+json"
    assert 1 <= int(r.headers["Retry-After"]) <= 3600
    assert cloud.client.get("/api/v1/offers", headers=b.headers).status_code == 200
    cloud.clock.advance(int(r.headers["Retry-After"]))
    fresh = cloud.login(a.email, a.password)
    assert (
        cloud.client.get(
            "/api/v1/offers", headers={"Authorization": f"Bearer {fresh['access_token']}"}
        ).status_code
        == 200
    )


def test_public_endpoints_limited_per_ip(make_cloud, settings):
    cloud = make_cloud(settings, rate_public_per_minute=3)
    owner = cloud.owner()  # one login used
    for _ in range(2):
        assert (
            cloud.client.post("/api/v1/auth/login", json={"email": "x@y.z", "password": "wrong"}).status_code
            == 401
        )
    r = cloud.client.post("/api/v1/auth/login", json={"email": owner.email, "password": owner.password})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) <= 60
    r = cloud.client.post(
        "/api/v1/devices/pair", json={"code": "x", "device_name": "x", "public_key": "x", "key_id": 1}
    )
    assert r.status_code == 429
    cloud.clock.advance(60)
    assert (
        cloud.client.post(
            "/api/v1/auth/login", json={"email": owner.email, "password": owner.password}
        ).status_code
        == 200
    )


def test_signup_limit_per_ip(make_cloud, settings):
    cloud = make_cloud(settings, rate_signup_per_hour=2)
    owner = cloud.owner()
    offer = cloud.offer(owner)
    body = {"business_id": owner.business_id, "program_id": offer, "name": "Walk-in"}
    for _ in range(2):
        r = cloud.client.post("/api/v1/public/signup", json=body)
        assert r.status_code == 201, r.text
    r = cloud.client.post("/api/v1/public/signup", json=body)
    assert r.status_code == 429
    assert "Retry-After" in r.headers
    assert len(cloud.client.get("/api/v1/customers", headers=owner.headers).json()) == 2


def test_device_quota_is_per_device_and_separate_from_the_dashboard(make_cloud, settings):
    cloud = make_cloud(settings, rate_device_per_minute=3, rate_dashboard_per_hour=100)
    owner = cloud.owner()
    k1, k2 = cloud.kiosk(owner), cloud.kiosk(owner)
    for _ in range(3):
        cloud.pull(k1)
    r = cloud.client.get("/api/v1/sync/pull", headers=k1.headers)
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) <= 60
    cloud.pull(k2)  # the other kiosk of the same shop (same IP) still syncs
    assert cloud.client.get("/api/v1/offers", headers=owner.headers).status_code == 200
