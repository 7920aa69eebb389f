"""Tiers from stored state (issue 15): a member's tier read from the month buckets the ledger
keeps, against a replay of her events, for a member with 10,000 events; and the durable points
earn that now also writes its bucket, against a stamp, taking turns.

    python -m benchmarks tiers
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from decimal import Decimal
from pathlib import Path

from benchmarks._table import Row, median_p95_ms
from kiosk.domain.ledger import void_of
from kiosk.domain.model import Card, EventKind, Program, ProgramKind, Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor, Context, Services
from kiosk.services.demo import create_demo_shop
from kiosk.services.events import new_event
from kiosk.services.happy_hours import HappyHourDraft, save_happy_hour
from kiosk.services.tiers import tier_of
from kiosk.store import directory, ledger, meta, open_store
from loyalty_rules.happy_hours import Boost, Weekday, Window
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding
from loyalty_rules.tier_buckets import Replayed, replayed_totals
from loyalty_rules.tiers import Measure, Tier, TierScheme, standing

ZONE = "Europe/Berlin"
SETTINGS = PointsSettings(Decimal("1"), Rounding.HALF_UP, 100, (Reward("coffee", "Coffee", 50),))
SCHEME = TierScheme(
    Measure.POINTS,
    12,
    (Tier("Bronze", 0), Tier("Silver", 500, Decimal("1.5")), Tier("Gold", 2000, Decimal(2))),
)
POINTS_CARD = 900_000_001
READS = 300
EARNS = 300


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=61)  # past every cooldown: each scan is a real stamp
        return self.now


def _shop(folder: Path) -> tuple[Services, str, str]:
    """A demo shop with its first member holding a points card beside her stamp card."""
    clock = _Clock()
    store = open_store(folder, now=clock())
    services = Services(Context(store, clock=clock))
    shop = create_demo_shop(services.ctx, customers_count=4)
    token = next(iter(shop.tokens.values()))
    stamps = services.inspect(token).card.program
    services.save_offer(  # as bench_store: a short cooldown, so every scan is a real stamp
        OfferDraft(stamps.name, 10, stamps.reward_text, per_visit_limit=5, cooldown_seconds=1),
        actor=Actor(None, "bench", Role.OWNER),
        program_id=stamps.id,
    )
    program = Program("p-points", "Points", 50, "Catalogue", kind=ProgramKind.STAMPS, points=SETTINGS)
    now = clock()
    with store.transaction() as conn:
        meta.put_setting(conn, "time_zone", ZONE)
        directory.upsert_program(conn, program, now)
        member, key_id = conn.exec_driver_sql(
            "SELECT customer_id, key_id FROM cards WHERE id = ?", (services.inspect(token).card.card.id,)
        ).one()
        ledger.insert_card(conn, Card(POINTS_CARD, member, program.id, key_id, created_at=now))
    # a happy hour over both offers all week (each day from 00:01 to the next midnight), so the
    # earn reads the happy hours and boosts, as a shop's counter does inside one
    every_day = tuple(Window(day, wall_time(0, 1), wall_time(0)) for day in Weekday)
    draft = HappyHourDraft("All week", every_day, Boost.MULTIPLY, 2, frozenset({program.id, stamps.id}))
    saved = save_happy_hour(services.ctx, draft, actor=Actor(None, "bench", Role.OWNER))
    assert saved.ok, saved.message
    return services, member, token


def _fill(services: Services, events: int) -> None:
    """`events` earns on her points card over the last 30 months (one in 20 voided), through the
    ledger's own append, so the buckets are the ones it keeps."""
    ctx = services.ctx
    start = ctx.clock.now - timedelta(days=900)
    step = timedelta(days=900) / events
    actor = Actor.command_line()
    with ctx.store.transaction() as conn:
        card = ledger.get_card(conn, POINTS_CARD)
        for i in range(events):
            at = start + step * i
            earn = new_event(
                ctx, conn, actor, EventKind.EARN, card, 1 + i % 40, at, amount_minor=100 * (1 + i % 40)
            )
            card = ledger.append_event(conn, card, earn, to_outbox=False)
            if i % 20 == 19:
                void = void_of(earn, event_id=ctx.new_id(), now=at + timedelta(seconds=30))
                card = ledger.append_event(conn, card, void, to_outbox=False)


def _replay(services: Services, member: str, now: datetime):
    """The tier without stored state: read all her events, replay them."""
    with services.ctx.store.reading() as conn:
        cards = ledger.cards_of_customer(conn, member)
        history = [Replayed(e, c.id == POINTS_CARD) for c in cards for e in ledger.events_of_card(conn, c.id)]
    return standing(SCHEME, replayed_totals(history, ZONE, SCHEME.measure), now, ZONE)


def _read_rows(tmp: Path, events: int) -> list[Row]:
    services, member, _ = _shop(tmp / "tier-read")
    _fill(services, events)
    now = services.ctx.clock.now
    stored_s, replay_s = [], []
    for i in range(READS):
        t = time.perf_counter()
        stored = tier_of(services.ctx, member, now, scheme=SCHEME)
        stored_s.append(time.perf_counter() - t)
        if i % 10 == 0:  # the replay is slow: a tenth as many samples
            t = time.perf_counter()
            replayed = _replay(services, member, now)
            replay_s.append(time.perf_counter() - t)
            assert replayed == stored, (replayed, stored)
    services.ctx.store.close()
    med, p95 = median_p95_ms(stored_s)
    r_med, r_p95 = median_p95_ms(replay_s)
    return [
        Row(
            "tiers",
            f"tier_of, member with {events:,} events (stored month buckets)",
            f"median {med:.3f} ms, p95 {p95:.3f} ms",
            "p95 < 1 ms",
            p95 < 1.0,
            notes=f"{stored.tier.name}, {stored.total} points in 12 months",
        ),
        Row(
            "tiers",
            f"the same tier by a replay of her {events:,} events (read + replay)",
            f"median {r_med:.1f} ms, p95 {r_p95:.1f} ms",
            notes=f"{r_med / med:.0f}x the stored read (medians); same standing asserted",
        ),
    ]


def _earn_rows(tmp: Path) -> list[Row]:
    services, _, token = _shop(tmp / "earn")
    points_s, stamp_s = [], []
    boosted = 0
    for i in range(EARNS):  # taking turns: a busy neighbour slows both alike
        t = time.perf_counter()
        earned = services.earn_points(POINTS_CARD, 1000 + i)
        points_s.append(time.perf_counter() - t)
        assert earned.ok, earned.message
        boosted += earned.happy_hour is not None
        t = time.perf_counter()
        stamped = services.record_scan(token)
        stamp_s.append(time.perf_counter() - t)
        assert stamped.ok, stamped.message
    services.ctx.store.close()
    med, p95 = median_p95_ms(points_s)
    s_med, s_p95 = median_p95_ms(stamp_s)
    return [
        Row(
            "tiers",
            "earn_points, durable, with its tier bucket write and a happy hour (WAL+FULL)",
            f"median {med:.2f} ms, p95 {p95:.2f} ms",
            "p95 < 3 ms",
            p95 < 3.0,
            notes=f"{boosted} of {EARNS} boosted by the happy hour; no tier multiplier in the earn yet",
        ),
        Row(
            "tiers",
            "record_scan on a stamp card, taking turns with it",
            f"median {s_med:.2f} ms, p95 {s_p95:.2f} ms",
            notes=f"points earn / stamp, medians: {med / s_med:.2f}x",
        ),
    ]


def run(quick: bool = False) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        return _read_rows(folder, 2_000 if quick else 10_000) + _earn_rows(folder)
