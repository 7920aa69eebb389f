"""The seed's rate limits against the real server: `loyalty-cloud serve --workers 2` sharing a
private redis-server, and X-Forwarded-For believed only from the proxies an operator names.

Every request opens its own connection, so the kernel hands them to both workers."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import cardtoken
from cloud.settings import Settings
from cloud.views import b64url
from tests.sync.harness import PASSWORD, CloudProcess, OwnerApi, create_owner

SEED = {
    name: str(Settings.__dataclass_fields__[name].default)
    for name in (
        "rate_dashboard_per_hour",
        "rate_signup_per_hour",
        "rate_public_per_minute",
        "rate_device_per_minute",
    )
}


def _seed_env() -> dict[str, str]:
    assert SEED == {
        "rate_dashboard_per_hour": "1000",
        "rate_signup_per_hour": "100",
        "rate_public_per_minute": "10",
        "rate_device_per_minute": "120",
    }
    return {f"LOYALTY_CLOUD_{k.upper()}": v for k, v in SEED.items()}


class Server:
    def __init__(self, tmp_path, args: tuple[str, ...] = (), env: dict | None = None) -> None:
        data = tmp_path / f"cloud-{uuid.uuid4().hex[:6]}"
        data.mkdir()
        self.email = f"owner-{uuid.uuid4().hex[:8]}@shop.example"
        create_owner(data, self.email)
        workers = int(args[args.index("--workers") + 1]) if "--workers" in args else 1
        self.process = CloudProcess(data, args=(*args, "--log-level", "info"), env=env)
        self.process.start()
        self.url = self.process.url
        # /healthz answers once one worker is up; the test needs them all serving
        deadline = time.monotonic() + 60
        while self.process.log.read_text().count("Application startup complete.") < workers:
            assert time.monotonic() < deadline, self.process.log.read_text()[-2000:]
            time.sleep(0.05)  # polling a subprocess's log with a deadline

    def call(self, method: str, path: str, n: int, **kwargs) -> Counter:
        """`n` requests, 4 at a time, each on a client and connection of its own; the statuses
        counted. (One client shared by threads without keep-alive lets one thread close a
        connection another has just been handed: EBADF under load.)"""

        def one(_i: int) -> int:
            with httpx.Client(base_url=self.url, timeout=30, trust_env=False) as http:
                return http.request(method, path, **kwargs).status_code

        with ThreadPoolExecutor(max_workers=4) as pool:
            return Counter(pool.map(one, range(n)))


@pytest.fixture
def servers(tmp_path):
    started: list[Server] = []

    def start(*args: str, env: dict | None = None) -> Server:
        server = Server(tmp_path, args, env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.process.stop()


def test_the_seed_limits_hold_across_two_workers_sharing_redis(servers, redis_url):
    server = servers("--workers", "2", "--redis-url", redis_url, env=_seed_env())
    with httpx.Client(base_url=server.url, timeout=30, trust_env=False) as http:
        owner = OwnerApi(http, server.email)  # public call 1
        location = owner.location()  # dashboard 1
        offer = owner.offer()  # dashboard 2
        code = owner.pairing_code(location)  # dashboard 3
        r = http.post(
            "/api/v1/users",
            json={"email": "m@shop.example", "name": "M", "password": PASSWORD},
            headers=owner.headers,
        )  # dashboard 4
        assert r.status_code == 201, r.text
        manager = OwnerApi(http, "m@shop.example")  # public call 2
        key = Ed25519PrivateKey.generate()
        pair = {
            "code": code,
            "device_name": "Till",
            "public_key": b64url(cardtoken.public_key_bytes(key)),
            "key_id": 7,
        }
        r = http.post("/api/v1/devices/pair", json=pair)  # public call 3
        assert r.status_code == 201, r.text
        device_headers = {"Authorization": f"Device {r.json()['device_token']}"}
    # public calls: 10 a minute per IP, 3 used above
    wrong = {"email": server.email, "password": "wrong-password"}
    assert server.call("POST", "/api/v1/auth/login", 12, json=wrong) == {401: 7, 429: 5}
    # the device's own quota: 120 a minute
    assert server.call("GET", "/api/v1/sync/pull", 125, headers=device_headers) == {200: 120, 429: 5}
    # the dashboard: 1000 an hour per user; the manager's are all his
    dashboard = server.call("GET", "/api/v1/auth/me", 1005, headers=manager.headers)
    assert dashboard == {200: 1000, 429: 5}
    # the owner has used 4 of hers
    assert server.call("GET", "/api/v1/auth/me", 1, headers=owner.headers) == {200: 1}
    # sign-up pages: 100 an hour per IP
    signup = {"business_id": 1, "program_id": offer, "name": "Walk-in"}
    assert server.call("POST", "/api/v1/public/signup", 105, json=signup) == {201: 100, 429: 5}


def test_without_redis_each_worker_counts_on_its_own(servers):
    """What Redis is for: in memory, two workers let through about twice the public limit."""
    env = {**_seed_env(), "LOYALTY_CLOUD_RATE_LOGIN_FAILURES_PER_HOUR": "1000"}
    server = servers("--workers", "2", env=env)
    wrong = {"email": server.email, "password": "wrong-password"}
    statuses = server.call("POST", "/api/v1/auth/login", 80, json=wrong)
    assert statuses[401] > 10, statuses
    assert statuses[401] <= 20, statuses


def _spoofed_logins(server: Server, addresses: list[str]) -> Counter:
    wrong = {"email": "x@y.example", "password": "wrong-password"}
    statuses: Counter = Counter()
    with httpx.Client(base_url=server.url, timeout=30, trust_env=False) as http:
        for address in addresses:
            r = http.post("/api/v1/auth/login", json=wrong, headers={"X-Forwarded-For": address})
            statuses[r.status_code] += 1
    return statuses


def test_a_spoofed_forwarded_for_does_not_escape_the_per_ip_limit(servers):
    """By default nobody is a trusted proxy, not even 127.0.0.1 (uvicorn's own default)."""
    server = servers(env={"LOYALTY_CLOUD_RATE_PUBLIC_PER_MINUTE": "3"})
    assert _spoofed_logins(server, [f"203.0.113.{i}" for i in range(6)]) == {401: 3, 429: 3}


def test_forwarded_for_is_honoured_from_a_configured_proxy(servers):
    server = servers("--forwarded-allow-ips", "127.0.0.1", env={"LOYALTY_CLOUD_RATE_PUBLIC_PER_MINUTE": "3"})
    # each client behind the proxy has its own quota ...
    assert _spoofed_logins(server, [f"203.0.113.{i}" for i in range(6)]) == {401: 6}
    # ... and one client is limited on its own address
    assert _spoofed_logins(server, ["198.51.100.9"] * 5) == {401: 3, 429: 2}
