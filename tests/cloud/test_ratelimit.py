"""Rate limits: 429 problems with Retry-After, per user / IP / device / account, in memory for one
process and in a real Redis (see test_ratelimit_workers.py for two uvicorn workers sharing it).

The windows are moving windows of the `limits` library on the real clock, not the app's FakeClock:
a test cannot wait out an hour, so the tests check what the window says (Retry-After within the
window) and that counts are kept apart; how a window ages is the library's, tested there.
"""

from __future__ import annotations

import time

import pytest

from cloud.settings import Settings

SEED_DASHBOARD_PER_HOUR = Settings.__dataclass_fields__["rate_dashboard_per_hour"].default


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'cloud.sqlite3'}"


@pytest.fixture(params=["memory", "redis"])
def limit_store(request) -> dict:
    """Settings for where the counters live: this process's memory, or the private Redis."""
    if request.param == "memory":
        return {}  # the default
    return {"redis_url": request.getfixturevalue("redis_url")}


def _manager(cloud, owner, email: str = "manager@shop.example") -> tuple[str, dict]:
    r = cloud.client.post(
        "/api/v1/users",
        json={"email": email, "name": "Manager", "password": "password-2"},
        headers=owner.headers,
    )
    assert r.status_code == 201, r.text
    tokens = cloud.login(email, "password-2")
    return r.json()["id"], {"Authorization": f"Bearer {tokens['access_token']}"}


def _assert_retry_after(r, window: int, first_hit: float) -> None:
    """The moving window runs from the first counted request; a busy machine takes seconds to get here."""
    waited = time.time() - first_hit
    assert window - waited - 1 <= int(r.headers["Retry-After"]) <= window, (r.headers["Retry-After"], waited)


def test_dashboard_limit_is_per_user(make_cloud, settings, limit_store):
    cloud = make_cloud(settings, rate_dashboard_per_hour=5, **limit_store)
    owner, other_business = cloud.owner(), cloud.owner()
    first_hit = time.time()
    _manager_id, manager = _manager(cloud, owner)  # the owner's 1 call
    for _ in range(5):
        assert cloud.client.get("/api/v1/offers", headers=manager).status_code == 200
    r = cloud.client.get("/api/v1/offers", headers=manager)
    assert r.status_code == 429
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"].endswith("/rate-limited")
    _assert_retry_after(r, 3600, first_hit)  # the hour's moving window
    # the owner of the same business has her own quota, and so has another business
    assert cloud.client.get("/api/v1/offers", headers=owner.headers).status_code == 200
    assert cloud.client.get("/api/v1/offers", headers=other_business.headers).status_code == 200


def test_a_managers_traffic_never_blocks_the_owners_security_actions(make_cloud, settings):
    """The seed's dashboard limit (1000/h); a manager's 1,005 GET /auth/me used to use up the
    business's one bucket, so the owner could not revoke him or a device for an hour."""
    assert SEED_DASHBOARD_PER_HOUR == 1000
    cloud = make_cloud(settings, rate_dashboard_per_hour=SEED_DASHBOARD_PER_HOUR)
    owner = cloud.owner()
    kiosk = cloud.kiosk(owner)
    manager_id, manager = _manager(cloud, owner)
    answers = [cloud.client.get("/api/v1/auth/me", headers=manager).status_code for _ in range(1005)]
    assert answers.count(200) == 1000
    assert answers.count(429) == 5
    assert cloud.client.delete(f"/api/v1/users/{manager_id}", headers=owner.headers).status_code == 204
    assert cloud.client.delete(f"/api/v1/devices/{kiosk.device_id}", headers=owner.headers).status_code == 204
    assert cloud.client.get("/api/v1/auth/me", headers=manager).status_code == 401
    assert cloud.client.get("/api/v1/sync/pull", headers=kiosk.headers).status_code == 401


def test_owner_security_actions_are_not_limited_even_by_her_own_traffic(make_cloud, settings):
    cloud = make_cloud(settings, rate_dashboard_per_hour=3, rate_public_per_minute=3)
    owner = cloud.owner()  # one public call (login)
    kiosk = cloud.kiosk(owner)  # a location, a pairing code, the pairing itself
    manager_id, _manager_headers = _manager(cloud, owner)  # the owner's 3rd dashboard call
    assert cloud.client.get("/api/v1/offers", headers=owner.headers).status_code == 429
    assert cloud.client.delete(f"/api/v1/users/{manager_id}", headers=owner.headers).status_code == 204
    assert cloud.client.delete(f"/api/v1/devices/{kiosk.device_id}", headers=owner.headers).status_code == 204
    # logging out: others on the shop's IP have used up its public quota (pairing, logins)
    assert (
        cloud.client.post("/api/v1/auth/login", json={"email": "x@y.z", "password": "wrong-pw"}).status_code
        == 429
    )
    r = cloud.client.post("/api/v1/auth/logout", json={"refresh_token": owner.tokens["refresh_token"]})
    assert r.status_code == 204
    r = cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": owner.tokens["refresh_token"]})
    assert r.status_code == 429  # the refresh itself is public and limited ...
    # ... and a made-up token still counts against the IP's quota
    r = cloud.client.post("/api/v1/auth/logout", json={"refresh_token": "made.up"})
    assert r.status_code == 429


def test_public_endpoints_limited_per_ip(make_cloud, settings, limit_store):
    cloud = make_cloud(settings, rate_public_per_minute=3, **limit_store)
    first_hit = time.time()
    owner = cloud.owner()  # one login used
    for _ in range(2):
        assert (
            cloud.client.post("/api/v1/auth/login", json={"email": "x@y.z", "password": "wrong"}).status_code
            == 401
        )
    r = cloud.client.post("/api/v1/auth/login", json={"email": owner.email, "password": owner.password})
    assert r.status_code == 429
    _assert_retry_after(r, 60, first_hit)
    r = cloud.client.post(
        "/api/v1/devices/pair", json={"code": "x", "device_name": "x", "public_key": "x", "key_id": 1}
    )
    assert r.status_code == 429


def test_signup_limit_per_ip(make_cloud, settings, limit_store):
    cloud = make_cloud(settings, rate_signup_per_hour=2, **limit_store)
    owner = cloud.owner()
    offer = cloud.offer(owner)
    body = {"business_id": owner.business_id, "program_id": offer, "name": "Walk-in"}
    first_hit = time.time()
    for _ in range(2):
        r = cloud.client.post("/api/v1/public/signup", json=body)
        assert r.status_code == 201, r.text
    r = cloud.client.post("/api/v1/public/signup", json=body)
    assert r.status_code == 429
    _assert_retry_after(r, 3600, first_hit)
    assert len(cloud.client.get("/api/v1/customers", headers=owner.headers).json()) == 2


def test_device_quota_is_per_device_and_separate_from_the_dashboard(make_cloud, settings, limit_store):
    cloud = make_cloud(settings, rate_device_per_minute=3, rate_dashboard_per_hour=100, **limit_store)
    owner = cloud.owner()
    k1, k2 = cloud.kiosk(owner), cloud.kiosk(owner)
    for _ in range(3):
        cloud.pull(k1)
    r = cloud.client.get("/api/v1/sync/pull", headers=k1.headers)
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) <= 60
    cloud.pull(k2)  # the other kiosk of the same shop (same IP) still syncs
    assert cloud.client.get("/api/v1/offers", headers=owner.headers).status_code == 200


def test_many_client_addresses_do_not_reset_the_hourly_limits(make_cloud, settings):
    """The old limiter pruned its table past 200,000 counters by comparing window numbers of
    different lengths, so one per-minute hit wiped every hourly count (reproduced live with 202,000
    logins from distinct addresses). A manager at his hourly limit must stay there."""
    cloud = make_cloud(settings, rate_dashboard_per_hour=2, rate_signup_per_hour=1)
    owner = cloud.owner()
    offer = cloud.offer(owner)
    cloud.client.get("/api/v1/offers", headers=owner.headers)
    assert cloud.client.get("/api/v1/offers", headers=owner.headers).status_code == 429
    body = {"business_id": owner.business_id, "program_id": offer, "name": "Walk-in"}
    assert cloud.client.post("/api/v1/public/signup", json=body).status_code == 201
    assert cloud.client.post("/api/v1/public/signup", json=body).status_code == 429
    limiter = cloud.app.state.ctx.limiter
    for i in range(200_050):  # the public (per-minute) bucket, each from its own address
        limiter.hit("public", f"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}")
    assert cloud.client.get("/api/v1/offers", headers=owner.headers).status_code == 429
    assert cloud.client.post("/api/v1/public/signup", json=body).status_code == 429


@pytest.fixture
def seed_login_settings(settings) -> Settings:
    """The test settings (other limits raised) with the seed's limit on failed sign-ins."""
    return Settings(
        **{
            f: getattr(settings, f)
            for f in Settings.__dataclass_fields__
            if f != "rate_login_failures_per_hour"
        }
    )


def test_failed_sign_ins_are_limited_per_account(make_cloud, seed_login_settings, limit_store):
    """ASVS: per account as well as per IP (the seed: 20 failures an hour per account)."""
    cloud = make_cloud(seed_login_settings, **limit_store)
    owner, other = cloud.owner(), cloud.owner()
    first_hit = time.time()
    for _ in range(20):
        r = cloud.client.post("/api/v1/auth/login", json={"email": owner.email, "password": "guess-1234"})
        assert r.status_code == 401
    # the right password no longer helps for this account for a while, from any address ...
    right = {"email": owner.email.upper(), "password": owner.password}
    r = cloud.client.post("/api/v1/auth/login", json=right)
    assert r.status_code == 429
    assert r.headers["content-type"] == "application/problem+json"
    assert "failed sign-ins for this account" in r.json()["detail"]
    _assert_retry_after(r, 3600, first_hit)
    # ... while other accounts sign in as usual, and an unknown email is answered the same way
    cloud.login(other.email, other.password)
    for _ in range(20):
        r = cloud.client.post("/api/v1/auth/login", json={"email": "nobody@x.example", "password": "guess-1"})
        assert r.status_code == 401
    r = cloud.client.post("/api/v1/auth/login", json={"email": "nobody@x.example", "password": "guess-1"})
    assert r.status_code == 429
