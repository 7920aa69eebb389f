"""Managers' reports on a busy kiosk's ledger: a year of history, 500 scans a day (182,500 events
on 10,000 cards), counted for today, 7 and 30 days.

Side by side: the same report on a copy of the ledger without the index on when events happened
(migration 0005), which is what reading a period costs when SQLite has to scan the whole table.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks._table import Row, median_p95_ms
from kiosk.domain.model import Card, Customer, Event, EventKind, Role
from kiosk.services import Actor, Context, Services
from kiosk.services.demo import create_demo_shop
from kiosk.store import bulk, open_store
from kiosk.store.db import DB_FILENAME

NOW = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)
MANAGER = Actor(None, "Max", Role.MANAGER)
RUNS = 7


def _fill(store, services: Services, cards_n: int, days: int, per_day: int) -> int:
    program = services.list_offers()[0]
    rng = random.Random(7)
    now = NOW - timedelta(days=days)
    people = [
        Customer(str(uuid.UUID(int=rng.getrandbits(128))), f"Guest {i}", created_at=now)
        for i in range(cards_n)
    ]
    held = [Card(10**10 + i, p.id, program.id, 1, created_at=now) for i, p in enumerate(people)]

    def history():
        for day in range(days):
            start = NOW - timedelta(days=days - day)
            for n in range(per_day):
                card = held[rng.randrange(cards_n)]
                at = start + timedelta(hours=8, seconds=n * 36000 // per_day)
                yield Event(
                    str(uuid.UUID(int=rng.getrandbits(128))),
                    EventKind.EARN,
                    card.id,
                    program.id,
                    1,
                    at,
                    staff_name=rng.choice(("Cara", "Max", "Olivia")),
                )

    with store.transaction() as conn:
        bulk.load_customers(conn, people, now)
        bulk.load_cards(conn, held, now)
        count = bulk.load_events(conn, history())
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return count


def _time_reports(data_dir: Path, days: int) -> list[float]:
    store = open_store(data_dir, now=NOW)
    services = Services(Context(store, clock=lambda: NOW))
    try:
        samples = []
        for _ in range(RUNS):
            started = time.perf_counter()
            made = services.report(days, actor=MANAGER)
            samples.append(time.perf_counter() - started)
            assert made.ok, made.message
        return samples
    finally:
        store.close()


def run(quick: bool = False) -> list[Row]:
    cards_n, days, per_day = (2_000, 90, 200) if quick else (10_000, 365, 500)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        indexed = Path(tmp) / "indexed"
        store = open_store(indexed, now=NOW)
        services = Services(Context(store, clock=lambda: NOW))
        create_demo_shop(services.ctx, customers_count=0)
        events = _fill(store, services, cards_n, days, per_day)
        store.close()
        unindexed = Path(tmp) / "unindexed"
        shutil.copytree(indexed, unindexed)
        with sqlite3.connect(unindexed / DB_FILENAME) as conn:
            conn.execute("DROP INDEX ix_events_occurred")
        note = f"{events:,} events on {cards_n:,} cards over {days} days"
        for period in (1, 7, 30):
            for label, folder in (("", indexed), (" (no index on time: full scan)", unindexed)):
                median, p95 = median_p95_ms(_time_reports(folder, period))
                rows.append(
                    Row(
                        "reports",
                        f"report for {period} day(s){label}",
                        f"median {median:.1f} ms, p95 {p95:.1f} ms",
                        notes=note,
                    )
                )
    return rows
