"""Fixtures for the cloud API: real SQLite files in tmp_path, a private PostgreSQL for the
session (skipped with a printed reason when its binaries are absent), and a small harness
that drives the real app through FastAPI's TestClient with a clock the test sets."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

import cardtoken
from cloud.app import create_app
from cloud.clock import FakeClock
from cloud.db import Database
from cloud.security import Passwords
from cloud.services import create_business
from cloud.settings import Settings
from cloud.views import b64url
from loyalty_rules.plans import Plan

FAST_HASH = {"argon2_time_cost": 1, "argon2_memory_kib": 1024}
HIGH_LIMITS = {
    "rate_dashboard_per_hour": 1_000_000,
    "rate_signup_per_hour": 1_000_000,
    "rate_public_per_minute": 1_000_000,
    "rate_device_per_minute": 1_000_000,
    "rate_login_failures_per_hour": 1_000_000,
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cloud.sqlite3'}"
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    return Settings(
        database_url=database_url,
        jwt_secret="test-secret-" + "x" * 32,
        data_dir=tmp_path,
        **FAST_HASH,
        **HIGH_LIMITS,
    )


@dataclass
class Owner:
    business_id: int
    email: str
    password: str
    tokens: dict
    headers: dict = field(default_factory=dict)


@dataclass
class Kiosk:
    device_id: str
    token: str
    key: Ed25519PrivateKey
    key_id: int
    location_id: str
    headers: dict = field(default_factory=dict)


class Cloud:
    """The real app behind a TestClient, with helpers to set up businesses, offers and kiosks."""

    def __init__(self, app, client: TestClient, clock: FakeClock, settings: Settings) -> None:
        self.app, self.client, self.clock, self.settings = app, client, clock, settings
        self._key_ids = itertools.count(100)

    @property
    def db(self) -> Database:
        return self.app.state.ctx.db

    def owner(
        self,
        business: str = "Cafe",
        email: str | None = None,
        password: str = "password-1",
        plan: Plan = Plan.ENTERPRISE,  # tests of other things are not about the plan's limits
    ) -> Owner:
        email = email or f"owner-{uuid.uuid4().hex[:8]}@shop.example"
        with self.db.writing() as session:
            biz, _ = create_business(
                session,
                Passwords(self.settings),
                business_name=business,
                email=email,
                password=password,
                now=self.clock(),
                sealer=self.app.state.ctx.sealer,
                plan=plan,
            )
            business_id = biz.id
        tokens = self.login(email, password)
        return Owner(
            business_id, email, password, tokens, {"Authorization": f"Bearer {tokens['access_token']}"}
        )

    def login(self, email: str, password: str, business_id: int | None = None) -> dict:
        body = {"email": email, "password": password}
        if business_id is not None:
            body["business_id"] = business_id
        r = self.client.post("/api/v1/auth/login", json=body)
        assert r.status_code == 200, r.text
        return r.json()

    def location(self, owner: Owner, name: str = "Main street") -> str:
        r = self.client.post("/api/v1/locations", json={"name": name}, headers=owner.headers)
        assert r.status_code == 201, r.text
        return r.json()["id"]

    def offer(self, owner: Owner, **fields) -> str:
        body = {"name": "Coffee", "stamps_required": 9, "reward_text": "Free coffee", **fields}
        r = self.client.post("/api/v1/offers", json=body, headers=owner.headers)
        assert r.status_code == 201, r.text
        return r.json()["id"]

    def pairing_code(self, owner: Owner, location_id: str) -> str:
        r = self.client.post(
            "/api/v1/devices/pairing-codes",
            json={"location_id": location_id, "name": "Till"},
            headers=owner.headers,
        )
        assert r.status_code == 201, r.text
        return r.json()["code"]

    def kiosk(self, owner: Owner, location_id: str | None = None, name: str = "Till 1") -> Kiosk:
        location_id = location_id or self.location(owner)
        code = self.pairing_code(owner, location_id)
        key = Ed25519PrivateKey.generate()
        key_id = next(self._key_ids)
        r = self.client.post(
            "/api/v1/devices/pair",
            json={
                "code": code,
                "device_name": name,
                "public_key": b64url(cardtoken.public_key_bytes(key)),
                "key_id": key_id,
            },
        )
        assert r.status_code == 201, r.text
        body = r.json()
        return Kiosk(
            body["device_id"],
            body["device_token"],
            key,
            key_id,
            location_id,
            {"Authorization": f"Device {body['device_token']}"},
        )

    def push(self, kiosk: Kiosk, *events: dict, expect: int = 200) -> list[dict]:
        r = self.client.post("/api/v1/sync/push", json={"events": list(events)}, headers=kiosk.headers)
        assert r.status_code == expect, r.text
        return r.json()["results"] if expect == 200 else r.json()

    def pull(self, kiosk: Kiosk, cursor: int = 0, limit: int = 500) -> dict:
        r = self.client.get(
            "/api/v1/sync/pull", params={"cursor": cursor, "limit": limit}, headers=kiosk.headers
        )
        assert r.status_code == 200, r.text
        return r.json()

    def event(self, kind: str, card_id: int, program_id: str, units: int, **extra) -> dict:
        return {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "card_id": card_id,
            "program_id": program_id,
            "units": units,
            "occurred_at": self.clock().isoformat(),
            **extra,
        }

    def enroll(self, kiosk: Kiosk, program_id: str, name: str = "Alice", card_id: int | None = None) -> int:
        card_id = card_id or cardtoken.new_card_id()
        customer = {
            "id": str(uuid.uuid4()),
            "name": name,
            "email": None,
            "phone": None,
            "marketing_consent": False,
        }
        results = self.push(
            kiosk, self.event("enroll", card_id, program_id, 0, customer=customer, key_id=kiosk.key_id)
        )
        assert results[0]["status"] == "accepted", results
        return card_id


@pytest.fixture
def make_cloud(tmp_path):
    """Builds a Cloud from settings (overrides allowed); closed at the end of the test."""
    opened: list[tuple[TestClient, object]] = []

    def build(settings: Settings, **overrides) -> Cloud:
        s = settings.replace(**overrides)
        clock = FakeClock()
        app = create_app(s, clock=clock)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        opened.append((client, app))
        return Cloud(app, client, clock, s)

    yield build
    for client, _app in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def cloud(make_cloud, settings) -> Cloud:
    return make_cloud(settings)
