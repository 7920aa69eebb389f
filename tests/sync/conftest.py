"""The real cloud app in this process (FastAPI TestClient, an httpx.Client) and kiosks paired with it."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from cloud.app import create_app
from cloud.security import Passwords
from cloud.services import create_business
from cloud.settings import Settings
from loyalty_rules.plans import Plan
from tests.sync.harness import PASSWORD, Clock, Kiosk, OwnerApi


class InProcessCloud:
    def __init__(self, tmp_path, clock: Clock) -> None:
        self.settings = Settings(
            database_url=f"sqlite:///{tmp_path / 'cloud.sqlite3'}",
            jwt_secret="sync-tests-" + "x" * 32,
            data_dir=tmp_path,
            argon2_time_cost=1,
            argon2_memory_kib=1024,
            rate_dashboard_per_hour=1_000_000,
            rate_public_per_minute=1_000_000,
            rate_device_per_minute=1_000_000,
        )
        self.clock = clock
        self.app = create_app(self.settings, clock=clock)
        self.http = TestClient(self.app, raise_server_exceptions=False)
        self.http.__enter__()
        email = f"owner-{uuid.uuid4().hex[:8]}@shop.example"
        with self.app.state.ctx.db.writing() as session:
            business, _ = create_business(
                session,
                Passwords(self.settings),
                business_name="Cafe",
                email=email,
                password=PASSWORD,
                now=clock(),
                sealer=self.app.state.ctx.sealer,
                plan=Plan.ENTERPRISE,
            )
            self.business_id = business.id
        self.owner_email = email
        self.owner = OwnerApi(self.http, email)
        self.location_id = self.owner.location("Main street")
        self.offer_id = self.owner.offer()

    def close(self) -> None:
        self.http.__exit__(None, None, None)


@pytest.fixture
def cloud_clock() -> Clock:
    return Clock()


@pytest.fixture
def cloud(tmp_path, cloud_clock):
    (tmp_path / "cloud").mkdir()
    c = InProcessCloud(tmp_path / "cloud", cloud_clock)
    yield c
    c.close()


@pytest.fixture
def make_kiosk(tmp_path, cloud_clock):
    made: list[Kiosk] = []

    def make(paired_with: InProcessCloud | None = None, clock: Clock | None = None) -> Kiosk:
        kiosk = Kiosk(tmp_path / f"kiosk{len(made)}", clock or cloud_clock)
        made.append(kiosk)
        if paired_with is not None:
            code = paired_with.owner.pairing_code(paired_with.location_id)
            kiosk.pair("http://testserver", code, http=paired_with.http)
            status = kiosk.engine(paired_with.http).run_round()
            assert status.online, status
        return kiosk

    yield make
    for k in made:
        k.close()
