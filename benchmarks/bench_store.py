"""The ledger's speed: a durable stamp through the service, and lookups at 10k/100k/1M customers.

Side by side with the same stamp transaction in raw sqlite3 (FULL and NORMAL), so the
cost of the service layer and of the durability setting are both visible.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cardtoken
from benchmarks._table import Row, median_p95_ms
from kiosk.domain.model import Card, Customer, Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor, Context, Services
from kiosk.services.cards import resolve
from kiosk.services.demo import create_demo_shop
from kiosk.services.identity import issuing_private_key
from kiosk.store import bulk, meta, open_store

STAMPS = 400
LOOKUPS = 400


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=61)  # past every cooldown: each scan is a real stamp
        return self.now


def _raw_connection(path: Path, synchronous: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("CREATE TABLE IF NOT EXISTS ev (id TEXT PRIMARY KEY, card INTEGER, units INTEGER)")
    conn.execute("CREATE TABLE IF NOT EXISTS card (id INTEGER PRIMARY KEY, units INTEGER)")
    conn.execute("INSERT OR IGNORE INTO card VALUES (1, 0)")
    return conn


def _raw_stamp(conn: sqlite3.Connection) -> float:
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("INSERT INTO ev VALUES (?, 1, 1)", (str(uuid.uuid4()),))
    conn.execute("UPDATE card SET units = units + 1 WHERE id = 1")
    conn.execute("COMMIT")
    return time.perf_counter() - t


def _stamp_rows(tmp: Path) -> list[Row]:
    normal = _raw_connection(tmp / "raw-NORMAL.sqlite", "NORMAL")
    normal_s = [_raw_stamp(normal) for _ in range(STAMPS)]
    normal.close()
    clock = _Clock()
    store = open_store(tmp / "svc", now=clock())
    services = Services(Context(store, clock=clock))
    shop = create_demo_shop(services.ctx, customers_count=4)
    token = next(iter(shop.tokens.values()))
    program = services.inspect(token).card.program
    owner = Actor(None, "bench", Role.OWNER)
    services.save_offer(
        OfferDraft(program.name, 10, program.reward_text, per_visit_limit=5, cooldown_seconds=1),
        actor=owner,
        program_id=program.id,
    )
    # the raw commit and the service's stamp take turns, so a busy neighbour on the machine slows
    # both alike and their ratio holds; the ratio is the figure the issue asks for
    full = _raw_connection(tmp / "raw-FULL.sqlite", "FULL")
    full_s, scan_s = [], []
    for _ in range(STAMPS):
        full_s.append(_raw_stamp(full))
        t = time.perf_counter()
        outcome = services.record_scan(token)
        scan_s.append(time.perf_counter() - t)
        assert outcome.ok, outcome.message
    full.close()
    store.close()
    rows = []
    for sync, samples in (("FULL", full_s), ("NORMAL", normal_s)):
        med, p95 = median_p95_ms(samples)
        rows.append(
            Row(
                "stamp",
                f"raw sqlite3, WAL + synchronous={sync}",
                f"median {med:.2f} ms, p95 {p95:.2f} ms",
                notes="baseline: two statements, no rules",
            )
        )
    raw_med, _ = median_p95_ms(full_s)
    med, p95 = median_p95_ms(scan_s)
    rows.append(
        Row(
            "stamp",
            "record_scan service (verify token, rules, event+outbox+card, WAL+FULL)",
            f"median {med:.2f} ms, p95 {p95:.2f} ms",
            "p95 < 3 ms",
            p95 < 3.0,
        )
    )
    rows.append(
        Row(
            "stamp",
            "record_scan against the raw FULL commit, medians, taking turns in this run",
            f"{med / raw_med:.1f}x",
            "at most 3x",
            med <= 3 * raw_med,
            notes="what the service adds to the fsync",
        )
    )
    return rows


def _bulk_customers(store, n: int, program_id: str, key_id: int, now: datetime) -> list[tuple[int, str]]:
    """Fill the store through the store's bulk loader (enrolling one by one would take an hour
    at 1M); returns a sample of (card id, name) to look up."""
    rng = random.Random(n)
    first = ["anna", "ben", "carla", "dev", "emil", "fatima", "georg", "hana", "ivo", "jana", "kai", "lena"]
    last = ["meyer", "okafor", "rossi", "nguyen", "silva", "kowalski", "tanaka", "garcia", "smith", "dubois"]
    sample: list[tuple[int, str]] = []
    used: set[int] = set()

    def people():
        for i in range(n):
            name = f"{rng.choice(first)} {rng.choice(last)} {i}".title()
            customer = Customer(str(uuid.UUID(int=rng.getrandbits(128))), name, created_at=now)
            card_id = cardtoken.new_card_id(rng.randrange)
            while card_id in used:
                card_id = cardtoken.new_card_id(rng.randrange)
            used.add(card_id)
            if i % 1000 == 0:
                sample.append((card_id, name))
            yield customer, Card(card_id, customer.id, program_id, key_id, created_at=now)

    batch: list[tuple[Customer, Card]] = []
    for pair in people():
        batch.append(pair)
        if len(batch) == 20_000:
            _load(store, batch, now)
            batch = []
    _load(store, batch, now)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return sample


def _load(store, batch, now) -> None:
    with store.transaction() as conn:
        bulk.load_customers(conn, (c for c, _ in batch), now)
        bulk.load_cards(conn, (k for _, k in batch), now)


def _lookup_rows(tmp: Path, n: int) -> list[Row]:
    clock = _Clock()
    store = open_store(tmp / f"lookup-{n}", now=clock())
    services = Services(Context(store, clock=clock))
    create_demo_shop(services.ctx, customers_count=1)
    program = services.list_offers()[0]
    with store.reading() as conn:
        business_id = int(meta.get_setting(conn, "business_id"))
        key_id, raw = meta.issuing_key(conn, business_id)
    private = issuing_private_key(raw)
    sample = _bulk_customers(store, n, program.id, key_id, clock.now)
    rng = random.Random(1)
    tokens = [cardtoken.encode(cardtoken.sign(private, business_id, cid, key_id)) for cid, _ in sample]
    resolve_s, inspect_s, prefix_s, word_s = [], [], [], []
    with store.reading() as conn:
        for _ in range(LOOKUPS):
            token = rng.choice(tokens)
            t = time.perf_counter()
            found = resolve(conn, token)
            resolve_s.append(time.perf_counter() - t)
            assert not hasattr(found, "reason"), found
    for _ in range(LOOKUPS // 2):
        token = rng.choice(tokens)
        t = time.perf_counter()
        outcome = services.inspect(token)
        inspect_s.append(time.perf_counter() - t)
        assert outcome.ok
    for _ in range(LOOKUPS // 2):
        prefix = rng.choice(sample)[1][: rng.randint(2, 6)]
        t = time.perf_counter()
        outcome = services.lookup(prefix)
        prefix_s.append(time.perf_counter() - t)
        assert outcome.matches
    for _ in range(LOOKUPS // 2):
        # a customer who forgot the card gives a last name ("Okafor") or "Okafor Kai": any word
        words = rng.choice(sample)[1].split()
        query = words[1] if rng.random() < 0.5 else f"{words[1]} {words[0][:3]}"
        t = time.perf_counter()
        outcome = services.lookup(query)
        word_s.append(time.perf_counter() - t)
        assert outcome.matches, query
    store.close()
    size = f"{n // 1000}k" if n < 1_000_000 else f"{n // 1_000_000}M"
    med, p95 = median_p95_ms(resolve_s)
    rows = [
        Row(
            "lookup",
            f"token -> card (verify signature + index) at {size} customers",
            f"median {med:.3f} ms, p95 {p95:.3f} ms",
            "p95 < 0.5 ms",
            p95 < 0.5,
        )
    ]
    med, p95 = median_p95_ms(inspect_s)
    rows.append(
        Row(
            "lookup",
            f"token -> card with customer and all cards (inspect) at {size}",
            f"median {med:.3f} ms, p95 {p95:.3f} ms",
            notes="what the result panel needs",
        )
    )
    med, p95 = median_p95_ms(prefix_s)
    rows.append(
        Row(
            "lookup",
            f"name prefix search (20 matches with cards) at {size}",
            f"median {med:.2f} ms, p95 {p95:.2f} ms",
            "p95 < 10 ms",
            p95 < 10.0,
        )
    )
    med, p95 = median_p95_ms(word_s)
    rows.append(
        Row(
            "lookup",
            f"any-word name search ('Okafor', 'Okafor Kai') at {size}",
            f"median {med:.2f} ms, p95 {p95:.2f} ms",
            "p95 < 10 ms",
            p95 < 10.0,
        )
    )
    return rows


def run(quick: bool = False) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        rows = _stamp_rows(Path(tmp))
        for n in (10_000, 100_000) if quick else (10_000, 100_000, 1_000_000):
            rows.extend(_lookup_rows(Path(tmp), n))
    return rows
