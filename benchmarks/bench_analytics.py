"""The Analytics screen as a manager feels it: from opening it (Reports -> Charts) until its visits
chart has painted, counted on the store thread over a ledger of 100k events (a year of a busy
shop: 3,000 members joining through the year, their visits spread over it)."""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks._qt import run_until, sign_in_manager, wait
from benchmarks._table import Row, median_p95_ms


def _bulk_ledger(store, members: int, events_count: int, seed: int = 5) -> int:
    """Members with one card each, an enrolment a day somewhere in the last year, and earn events
    after it, by plain SQL (a durable scan each would take an hour). Returns the events written."""
    from sqlalchemy import insert, select

    from kiosk.store.schema import cards, customers, events, programs

    rng = random.Random(seed)
    now = datetime.now(UTC)
    year = timedelta(days=365)
    written = 0
    with store.transaction() as conn:
        program_ids = [r.id for r in conn.execute(select(programs.c.id))]
        key_id = conn.execute(select(cards.c.key_id).limit(1)).scalar_one()
        joined = []
        for i in range(members):
            at = now - year * rng.random()
            joined.append(at)
            conn.execute(
                insert(customers).values(
                    id=f"b-{i}", name=f"Bulk {i}", name_key=f"bulk {i}", created_at=at, updated_at=at
                )
            )
        conn.execute(
            insert(cards),
            [
                {
                    "id": 10_000_000 + i,
                    "customer_id": f"b-{i}",
                    "program_id": program_ids[i % len(program_ids)],
                    "key_id": key_id,
                    "status": "active",
                    "created_at": at,
                }
                for i, at in enumerate(joined)
            ],
        )
        rows = [
            {
                "id": f"e-enroll-{i}",
                "card_id": 10_000_000 + i,
                "program_id": program_ids[i % len(program_ids)],
                "kind": "enroll",
                "units": 0,
                "occurred_at": at,
            }
            for i, at in enumerate(joined)
        ]
        for n in range(events_count - members):
            i = rng.randrange(members)
            at = joined[i] + (now - joined[i]) * rng.random()
            kind = "earn" if n % 25 else "redeem"
            rows.append(
                {
                    "id": f"e-{n}",
                    "card_id": 10_000_000 + i,
                    "program_id": program_ids[i % len(program_ids)],
                    "kind": kind,
                    "units": 1 if kind == "earn" else -10,
                    "occurred_at": at,
                }
            )
        for start in range(0, len(rows), 5000):
            conn.execute(insert(events), rows[start : start + 5000])
        written = len(rows)
    return written


def _open_to_painted(quick: bool) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from kiosk.services.context import Context
    from kiosk.services.demo import DEMO_MANAGER_PIN, create_demo_shop
    from kiosk.services.facade import Services
    from kiosk.settings import KioskSettings
    from kiosk.store import open_store
    from kiosk.ui.app import build_main_window

    app = QApplication.instance() or QApplication([])
    count = 10_000 if quick else 100_000
    rounds = 3 if quick else 8
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp), now=datetime.now(UTC))
        ctx = Context(store)
        create_demo_shop(ctx, customers_count=36)
        written = _bulk_ledger(store, 3000 if not quick else 300, count)
        kiosk = build_main_window(Services(ctx), KioskSettings(sound=False), data_dir=Path(tmp), app=app)
        window = kiosk.window
        window.resize(1024, 768)
        window.show()

        sign_in_manager(kiosk, DEMO_MANAGER_PIN)
        screen = kiosk.screens["analytics"]
        view = screen.charts["visits"]
        for days in (30, 90, 365):
            screen.days = days
            screen.period_buttons.button(days).setChecked(True)
            samples = []
            for _ in range(rounds + 1):  # the first round warms the caches; it is not counted
                window.show_screen("reports")
                wait(kiosk.worker.settled)
                drawn: list[object] = []
                screen.drawn.connect(drawn.append)
                loop = QEventLoop()
                # the frame after the new figures (bound now: the loop variables change each round)
                view.painted.connect(lambda d=drawn, q=loop: d and q.quit())
                started = time.perf_counter()
                window.show_screen("analytics")
                run_until(loop)
                samples.append(time.perf_counter() - started)
                view.painted.disconnect()
                screen.drawn.disconnect(drawn.append)
            median, p95 = median_p95_ms(samples[1:])
            rows.append(
                Row(
                    "analytics",
                    f"analytics open -> painted, {days} days",
                    f"median {median:.0f} ms, p95 {p95:.0f} ms",
                    "",
                    None,
                    f"{written:,} events, offscreen 1024x768, {rounds} opens",
                )
            )
        window.close()
        kiosk.shutdown()
        store.close()
    return rows


def run(quick: bool) -> list[Row]:
    return _open_to_painted(quick)
