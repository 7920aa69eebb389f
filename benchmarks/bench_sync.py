"""Sync against a loopback cloud (`loyalty-cloud serve` subprocess, SQLite, tmp data dir).

- 10,000 pending events pushed (target < 5 s);
- a first pull of 100k customers with their cards (target < 30 s), while another thread scans
  on the same store (target p95 < 100 ms).
The events are written straight into the ledger (the benchmark is about sync, not the counter).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx

import cardtoken
from benchmarks._table import Row, median_p95_ms
from kiosk.domain.model import Card, Customer, Event, EventKind
from kiosk.services import counter
from kiosk.services.context import Context
from kiosk.services.identity import set_up_business
from kiosk.store import directory, ledger, meta, open_store
from kiosk.sync import pairing
from kiosk.sync.credentials import FileCredentials
from kiosk.sync.engine import sync_until_idle

PASSWORD = "bench-password-1"
BIN = Path(sys.executable).parent


def _now() -> datetime:
    return datetime.now(UTC)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Cloud:
    def __init__(self, root: Path) -> None:
        self.dir = root / "cloud"
        self.env = {
            **os.environ,
            "LOYALTY_CLOUD_RATE_DEVICE_PER_MINUTE": "1000000",
            "LOYALTY_CLOUD_RATE_PUBLIC_PER_MINUTE": "1000000",
            "LOYALTY_CLOUD_RATE_DASHBOARD_PER_HOUR": "1000000",
        }
        self.email = "owner@bench.example"
        subprocess.run(
            [
                str(BIN / "loyalty-cloud"),
                "create-owner",
                "--data-dir",
                str(self.dir),
                "--email",
                self.email,
                "--password",
                PASSWORD,
                "--business-name",
                "Bench",
                "--plan",
                "enterprise",  # thousands of members: the benchmark is not about the plan's limits
            ],
            check=True,
            env=self.env,
            capture_output=True,
            timeout=120,
        )
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(root / "cloud.log", "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                str(BIN / "loyalty-cloud"),
                "serve",
                "--data-dir",
                str(self.dir),
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.http = httpx.Client(base_url=self.url, timeout=60, trust_env=False)
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.http.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise
            time.sleep(0.05)
        token = self.http.post("/api/v1/auth/login", json={"email": self.email, "password": PASSWORD})
        self.http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        self.location = self.http.post("/api/v1/locations", json={"name": "Main"}).json()["id"]
        self.offer = self.http.post(
            "/api/v1/offers", json={"name": "Coffee", "stamps_required": 10, "reward_text": "Coffee"}
        ).json()["id"]

    def code(self) -> str:
        return self.http.post(
            "/api/v1/devices/pairing-codes", json={"location_id": self.location, "name": "K"}
        ).json()["code"]

    def stop(self) -> None:
        self.http.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def _paired_kiosk(root: Path, name: str, cloud: _Cloud):
    data = root / name
    store = open_store(data, now=_now())
    ctx = Context(store)
    set_up_business(ctx, "Bench", "Till")
    creds = FileCredentials(data / "device-token")
    pairing.pair(store, creds, cloud.url, cloud.code(), device_name=name, now=_now)
    engine = pairing.engine_for(store, creds, clock=_now)
    assert sync_until_idle(engine, max_rounds=3).online
    return store, ctx, engine


def _write_customers_and_stamps(store, program_id: str, customers: int, stamps: int) -> list[int]:
    """Enrolls (customer + card + enroll event) and stamps, straight into the ledger, queued."""
    now = _now()
    card_ids: list[int] = []
    with store.transaction() as conn:
        key_id = meta.issuing_key(conn, int(meta.get_setting(conn, "business_id")))[0]
        for i in range(customers):
            customer = Customer(str(uuid.uuid4()), f"Customer {i:06d}", created_at=now)
            directory.insert_customer(conn, customer, now)
            card = Card(cardtoken.new_card_id(), customer.id, program_id, key_id, created_at=now)
            ledger.insert_card(conn, card)
            ledger.append_event(
                conn, card, Event(str(uuid.uuid4()), EventKind.ENROLL, card.id, program_id, 0, now)
            )
            card_ids.append(card.id)
        for i in range(stamps):
            card = ledger.get_card(conn, card_ids[i % len(card_ids)])
            ledger.append_event(
                conn, card, Event(str(uuid.uuid4()), EventKind.EARN, card.id, program_id, 1, now)
            )
    return card_ids


def _push_bench(root: Path, cloud: _Cloud, events: int) -> Row:
    store, _, engine = _paired_kiosk(root, "pusher", cloud)
    _write_customers_and_stamps(store, cloud.offer, 100, events - 100)
    started = time.perf_counter()
    status = sync_until_idle(engine, max_rounds=10)
    took = time.perf_counter() - started
    engine.client.close()
    store.close()
    ok = status.online and status.pending == 0 and took < 5.0
    return Row(
        "sync",
        f"push {events:,} pending events",
        f"{took:.2f} s",
        "< 5 s",
        ok,
        f"{status.pushed:,} accepted, {events / took:,.0f} events/s",
    )


def _scanner(ctx, card_id: int, stop: threading.Event, samples: list[float]) -> None:
    number = cardtoken.format_card_number(card_id)
    while not stop.is_set():
        with ctx.store.reading() as conn:
            known = ledger.get_card(conn, card_id) is not None
        if not known:
            stop.wait(0.01)  # the card arrives with an early page
            continue
        t = time.perf_counter()
        counter.record_scan(ctx, number)
        samples.append(time.perf_counter() - t)
        stop.wait(0.02)  # a busy counter: a scan every 20 ms


def _pull_bench(root: Path, cloud: _Cloud, customers: int) -> list[Row]:
    seed_store, _, seed_engine = _paired_kiosk(root, "seeder", cloud)
    card_ids = _write_customers_and_stamps(seed_store, cloud.offer, customers, 0)
    t = time.perf_counter()
    seeded = sync_until_idle(seed_engine, max_rounds=20)
    seed_took = time.perf_counter() - t
    seed_engine.client.close()
    seed_store.close()
    store, ctx, engine = _paired_kiosk(root, "fresh", cloud)
    with store.transaction() as conn:  # a fresh kiosk: the cursor starts from zero
        meta.put_setting(conn, "sync_cursor", "0")
    samples: list[float] = []
    stop = threading.Event()
    scanner = threading.Thread(target=_scanner, args=(ctx, card_ids[0], stop, samples), name="bench-scanner")
    scanner.start()
    t = time.perf_counter()
    try:
        status = engine.run_round()
    finally:
        took = time.perf_counter() - t
        stop.set()
        scanner.join()
    with store.reading() as conn:
        pulled = directory.customer_count(conn)
    engine.client.close()
    store.close()
    median, p95 = median_p95_ms(samples) if samples else (float("nan"), float("nan"))
    return [
        Row(
            "sync",
            f"seed: push {customers:,} enrolls",
            f"{seed_took:.1f} s",
            "",
            None,
            f"{seeded.pending:,} left pending" + ("" if seeded.online else f" ({seeded.state})"),
        ),
        Row(
            "sync",
            f"first pull of {customers:,} customers + cards",
            f"{took:.1f} s",
            "< 30 s",
            status.online and pulled >= customers and took < 30.0,
            f"{pulled:,} customers, {status.pulled:,} items",
        ),
        Row(
            "sync",
            "scan during the first pull (p95)",
            f"{p95:.1f} ms",
            "< 100 ms",
            bool(samples) and p95 < 100.0,
            f"median {median:.1f} ms over {len(samples)} scans",
        ),
    ]


def run(quick: bool) -> list[Row]:
    root = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    cloud = _Cloud(root)
    try:
        rows = [_push_bench(root, cloud, 2_000 if quick else 10_000)]
        rows += _pull_bench(root, cloud, 10_000 if quick else 100_000)
        return rows
    finally:
        cloud.stop()
        shutil.rmtree(root, ignore_errors=True)
