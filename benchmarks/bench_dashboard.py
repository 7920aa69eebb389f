"""Dashboard open to painted at the kiosk (issue 17): the Analytics screen opened on the demo data
generator's shop (cloud/demo_shop.py: two years of visits with weekly seasonality, regulars,
churners and a Friday happy hour, plus an A/B test of 10 against 8 stamps running for the last
120 days), from the moment it is asked for until its visits chart has painted the new figures
(offscreen Qt, waiting on the chart's `painted` signal after the screen's `drawn`), p50 and p95
over repeated opens; beside it the alternative, the Reports screen (tiles and tables), opened
until its figures are drawn and painted; and the time to make the PDF report of the figures drawn
(on the UI thread, A/B tests page included). The ledger is the kiosk's own SQLite file, written in
bulk with the generator's members and visits (a durable scan each would take hours)."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks._qt import run_until, sign_in_manager, wait
from benchmarks._table import Row, median_p95_ms

AB_DAYS = 120  # the A/B test started this many days ago


def _fill(store, members_count: int, now: datetime) -> tuple[int, int]:
    """The generator's members and visits as the kiosk's customers, cards and events: an enrol
    at the first visit and an earn per visit (a redeem when the card is full), in the Coffee card;
    members in the A/B test's second arm earn in the 8-stamp offer from the test's start. Returns
    (members, events)."""
    from sqlalchemy import insert, select

    from cloud.demo_shop import members
    from kiosk.store import experiments
    from kiosk.store.schema import cards, customers, events, programs
    from loyalty_rules.experiments import Arm, Experiment, Metric, variant_for

    zone = ZoneInfo("Europe/Berlin")
    with store.transaction() as conn:
        ids = {r.name: r.id for r in conn.execute(select(programs.c.id, programs.c.name))}
        key_id = conn.execute(select(cards.c.key_id).limit(1)).scalar_one()
        coffee = ids["Coffee card"]
        other = next(pid for name, pid in ids.items() if name != "Coffee card")
        start = now - timedelta(days=AB_DAYS)
        test = Experiment(
            "bench-ab", "10 or 8", (Arm(coffee), Arm(other)), Metric.RETURN_WITHIN_DAYS, 14, 200, start
        )
        experiments.save_here(conn, test)
        people, owned, rows = [], [], []
        for n, m in enumerate(members(members_count, 2.0, 1, now.astimezone(zone).date(), zone)):
            joined = m.visits[0].at
            people.append(
                {
                    "id": m.id,
                    "name": m.name,
                    "name_key": m.name.lower(),
                    "created_at": joined,
                    "updated_at": joined,
                }
            )
            card = 20_000_000 + n
            owned.append(
                {
                    "id": card,
                    "customer_id": m.id,
                    "program_id": coffee,
                    "key_id": key_id,
                    "status": "active",
                    "created_at": joined,
                }
            )
            second = variant_for(test, m.id).offer_id == other
            rows.append(
                {
                    "id": f"b-{n}-e",
                    "card_id": card,
                    "program_id": coffee,
                    "kind": "enroll",
                    "units": 0,
                    "occurred_at": joined,
                }
            )
            units = 0
            for k, v in enumerate(m.visits):
                program = other if second and v.at >= start else coffee
                rows.append(
                    {
                        "id": f"b-{n}-{k}",
                        "card_id": card,
                        "program_id": program,
                        "kind": "earn",
                        "units": 1,
                        "occurred_at": v.at,
                    }
                )
                units += 1
                if units == 10:
                    rows.append(
                        {
                            "id": f"b-{n}-{k}-r",
                            "card_id": card,
                            "program_id": program,
                            "kind": "redeem",
                            "units": -10,
                            "occurred_at": v.at,
                        }
                    )
                    units = 0
        conn.execute(insert(customers), people)
        conn.execute(insert(cards), owned)
        for at in range(0, len(rows), 5000):
            conn.execute(insert(events), rows[at : at + 5000])
    return len(people), len(rows)


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
    members_count, rounds = (300, 5) if quick else (2000, 20)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        now = datetime.now(UTC)
        store = open_store(Path(tmp), now=now)
        ctx = Context(store)
        create_demo_shop(ctx, customers_count=1)  # its staff, offers and a signing key
        people, written = _fill(store, members_count, now)
        kiosk = build_main_window(Services(ctx), KioskSettings(sound=False), data_dir=Path(tmp), app=app)
        window = kiosk.window
        window.resize(1024, 768)
        window.show()

        sign_in_manager(kiosk, DEMO_MANAGER_PIN)
        analytics, reports = kiosk.screens["analytics"], kiosk.screens["reports"]
        view = analytics.charts["visits"]

        def open_analytics() -> float:
            drawn: list[object] = []
            analytics.drawn.connect(drawn.append)
            loop = QEventLoop()
            view.painted.connect(lambda: drawn and loop.quit())  # the frame after the new figures
            started = time.perf_counter()
            window.show_screen("analytics")
            run_until(loop, 120_000)
            took = time.perf_counter() - started
            view.painted.disconnect()
            analytics.drawn.disconnect(drawn.append)
            assert drawn, "the Analytics screen drew nothing"
            assert drawn[0].ok, drawn
            return took

        def open_reports() -> float:
            loop = QEventLoop()
            # drawn, then painted: a synchronous repaint of the screen with its new figures
            reports.drawn.connect(lambda _outcome: (reports.repaint(), loop.quit()))
            started = time.perf_counter()
            window.show_screen("reports")
            run_until(loop, 120_000)
            took = time.perf_counter() - started
            reports.drawn.disconnect()
            return took

        for name, opener, away in (
            ("Analytics (charts)", open_analytics, "scan"),
            ("Reports (tables)", open_reports, "scan"),
        ):
            samples = []
            for _ in range(rounds + 1):  # the first open warms the caches; it is not counted
                window.show_screen(away)
                wait(kiosk.worker.settled)
                samples.append(opener())
            median, p95 = median_p95_ms(samples[1:])
            rows.append(
                Row(
                    "dashboard",
                    f"{name} open -> painted",
                    f"p50 {median:.0f} ms, p95 {p95:.0f} ms",
                    "",
                    None,
                    f"demo generator's shop: 2 years, {people:,} members, {written:,} events, an A/B test; "
                    f"offscreen 1024x768, {rounds} opens",
                )
            )
        rows.append(_pdf_row(analytics, rounds, people, written))
        window.close()
        kiosk.shutdown()
        store.close()
    return rows


def _pdf_row(analytics, rounds: int, people: int, written: int) -> Row:
    """The Analytics PDF report of the figures last drawn, A/B tests page included: made on the UI
    thread (painting belongs there), so the counter waits this long when a manager exports."""
    samples, size = [], 0
    for _ in range(rounds + 1):  # the first warms the fonts; it is not counted
        started = time.perf_counter()
        size = len(analytics.report_bytes())
        samples.append(time.perf_counter() - started)
    median, p95 = median_p95_ms(samples[1:])
    tests = analytics.insights.experiments
    state = "past its horizon" if tests and tests[0].results.ready else "before its horizon"
    return Row(
        "dashboard",
        "Analytics PDF report made (UI thread)",
        f"p50 {median:.0f} ms, p95 {p95:.0f} ms",
        "",
        None,
        f"the same shop, {people:,} members, {written:,} events; A/B test {state}; {size / 1024:.0f} KiB; "
        f"{rounds} reports",
    )


def run(quick: bool) -> list[Row]:
    return _open_to_painted(quick)
