"""The real cloud app (FastAPI TestClient) on SQLite or PostgreSQL: a fresh business per
generated history, a kiosk paired with it, and what the owner's dashboard reads back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from cloud.app import create_app
from cloud.clock import FakeClock
from cloud.models import Event
from cloud.security import Passwords
from cloud.services import create_business
from cloud.settings import Settings
from kiosk.domain.model import Balance
from loyalty_rules.plans import Plan
from tests.sync.harness import PASSWORD, OwnerApi


@dataclass
class CloudRun:
    balances: dict[int, Balance]
    event_days: dict[str, date]  # event id -> the day the cloud counts it on
    by_day: dict[date, tuple[int, ...]]
    by_offer: dict[str, tuple[int, ...]]


class Cloud:
    def __init__(self, database_url: str, data_dir: Path) -> None:
        settings = Settings(
            database_url=database_url,
            jwt_secret="property-tests-" + "x" * 32,
            data_dir=data_dir,
            argon2_time_cost=1,
            argon2_memory_kib=1024,
            rate_dashboard_per_hour=1_000_000,
            rate_public_per_minute=1_000_000,
            rate_device_per_minute=1_000_000,
            rate_login_failures_per_hour=1_000_000,
        )
        self.settings = settings
        self.clock = FakeClock()  # today, by the machine's clock: the histories lie before it
        self.app = create_app(settings, clock=self.clock)
        self.http = TestClient(self.app, raise_server_exceptions=False)
        self.http.__enter__()

    def close(self) -> None:
        self.http.__exit__(None, None, None)

    def new_business(self) -> tuple[OwnerApi, int]:
        email = f"owner-{uuid.uuid4().hex[:8]}@shop.example"
        with self.app.state.ctx.db.writing() as session:
            business, _ = create_business(
                session,
                Passwords(self.settings),
                business_name="Cafe",
                email=email,
                password=PASSWORD,
                now=self.clock(),
                sealer=self.app.state.ctx.sealer,
                plan=Plan.ENTERPRISE,
            )
            business_id = business.id
        return OwnerApi(self.http, email), business_id

    def set_shop_zone(self, owner: OwnerApi, zone: str) -> str:
        """The owner tells the cloud the shop's time zone (its analytics count the shop's days).
        Returns the answer's status and text: a cloud that cannot take it shows in the day checks."""
        r = self.http.patch("/api/v1/businesses/me", json={"time_zone": zone}, headers=owner.headers)
        return f"PATCH /businesses/me time_zone={zone}: {r.status_code} {r.text[:200]}"

    def read(self, owner: OwnerApi, bid: int, first: date, last: date) -> CloudRun:
        """Every card's balance, the day each event is counted on, and the analytics of the days
        from `first` to `last` (the dashboard's own endpoints)."""
        cards = owner._ok(self.http.get("/api/v1/cards", params={"limit": 1000}, headers=owner.headers))
        balances = {c["id"]: Balance(**c["balance"]) for c in cards}
        # the day column the analytics group by: no endpoint shows it per event
        with self.app.state.ctx.db.read_session() as session:
            rows = session.execute(select(Event.id, Event.day).where(Event.business_id == bid)).all()
        event_days = {i: date.fromisoformat(d) for i, d in rows}
        span = {"start": first.isoformat(), "end": last.isoformat()}
        daily = owner._ok(self.http.get("/api/v1/analytics/daily", params=span, headers=owner.headers))
        offers = owner._ok(self.http.get("/api/v1/analytics/offers", params=span, headers=owner.headers))
        by_day = {
            date.fromisoformat(d["day"]): counts
            for d in daily
            if any(counts := (d["visits"], d["stamps"], d["redemptions"], d["new_customers"]))
        }
        by_offer = {
            o["id"]: counts for o in offers if any(counts := (o["visits"], o["stamps"], o["redemptions"]))
        }
        return CloudRun(balances, event_days, by_day, by_offer)
