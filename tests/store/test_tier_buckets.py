"""The tier's month buckets (kiosk/store/tier_buckets.py) on a real SQLite file: after random
earns, stamps, undos (voids, also across a month's edge), redemptions and adjustments over many
months, the buckets the ledger kept equal a replay of the events, a rebuild changes nothing, and
`tier_of` gives the standing the replay gives. The migration fills them from an older ledger."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.domain.model import Card, Program, ProgramKind, Role
from kiosk.services import Actor
from kiosk.services.demo import create_demo_shop
from kiosk.services.tiers import tier_of
from kiosk.store import directory, ledger, meta, migrate, open_store, tier_buckets
from kiosk.store.db import make_engine
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding
from loyalty_rules.tier_buckets import Replayed, replayed_totals
from loyalty_rules.tiers import Measure, Tier, TierScheme, standing
from tests.helpers import SetClock, open_kiosk

ZONE = "Europe/Berlin"
SETTINGS = PointsSettings(Decimal("1"), Rounding.HALF_UP, 100, (Reward("coffee", "Coffee", 5),))
POINTS_CARD = 900_000_001
MANAGER = Actor("m", "Manager", Role.MANAGER)
SCHEMES = [
    TierScheme(Measure.POINTS, 3, (Tier("Bronze", 0), Tier("Silver", 40), Tier("Gold", 150, Decimal(2)))),
    TierScheme(Measure.VISITS, 12, (Tier("Bronze", 0), Tier("Silver", 3), Tier("Gold", 10))),
    TierScheme(Measure.POINTS, 1, (Tier("Bronze", 0), Tier("Silver", 10))),
]

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("sale"), st.integers(50, 9_000)),  # some under the minimum spend: refused
        st.tuples(st.just("stamp"), st.integers(1, 3)),
        st.tuples(st.just("undo_points"), st.just(0)),
        st.tuples(st.just("undo_stamp"), st.just(0)),
        st.tuples(st.just("redeem"), st.just(0)),
        st.tuples(st.just("adjust"), st.integers(-3, 3).filter(bool)),
        st.tuples(st.just("days"), st.integers(1, 75)),
        # a sale 30 s before the shop's next month, then maybe its undo 61 s later, in that month
        st.tuples(st.sampled_from(["edge_sale", "edge_sale_undone"]), st.integers(100, 9_000)),
    ),
    min_size=1,
    max_size=40,
)


def _points_account(k) -> tuple[str, str]:
    """The first demo member's points card (added beside her stamp card): her id, her stamp code."""
    now = k.clock()
    program = Program("p-points", "Points", 50, "Catalogue", kind=ProgramKind.STAMPS, points=SETTINGS)
    with k.ctx.store.transaction() as conn:
        meta.put_setting(conn, "time_zone", ZONE)
        directory.upsert_program(conn, program, now)
        member, key_id, stamp_card = conn.exec_driver_sql(
            "SELECT customer_id, key_id, id FROM cards ORDER BY id LIMIT 1"
        ).one()
        ledger.insert_card(conn, Card(POINTS_CARD, member, program.id, key_id, created_at=now))
    return member, stamp_card


def _next_month_edge(now: datetime) -> datetime:
    local = now.astimezone(ZoneInfo(ZONE))
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return datetime(year, month, 1, tzinfo=ZoneInfo(ZONE)) - timedelta(seconds=30)


def _replayed_buckets(conn) -> dict[tuple[int, int], tuple[int, int]]:
    """Every card's buckets by a replay of its events (the reference), zero months left out."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    card_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM cards").all()]
    for card_id in card_ids:
        history = [Replayed(e, True) for e in ledger.events_of_card(conn, card_id)]
        points = replayed_totals(history, ZONE, Measure.POINTS)
        visits = replayed_totals(history, ZONE, Measure.VISITS)
        for month in points.keys() | visits.keys():
            pair = (points.get(month, 0), visits.get(month, 0))
            if pair != (0, 0):
                out[(card_id, month)] = pair
    return out


def _kept(conn) -> dict[tuple[int, int], tuple[int, int]]:
    return {key: pair for key, pair in tier_buckets.all_buckets(conn).items() if pair != (0, 0)}


def _member_history(conn, member: str) -> list[Replayed]:
    points_cards = {POINTS_CARD}
    return [
        Replayed(e, e.card_id in points_cards)
        for card in ledger.cards_of_customer(conn, member)
        for e in ledger.events_of_card(conn, card.id)
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_kept_buckets_equal_a_replay_of_the_events_and_give_the_replay_s_tier(ops):
    with tempfile.TemporaryDirectory() as tmp:
        k = open_kiosk(Path(tmp))
        try:
            create_demo_shop(k.ctx, customers_count=2)
            member, stamp_card = _points_account(k)
            for op, amount in ops:
                if op == "sale":
                    k.services.earn_points(POINTS_CARD, amount)
                elif op == "stamp":
                    k.services.record_scan(stamp_card, quantity=amount)
                elif op == "undo_points":
                    k.services.undo(POINTS_CARD)
                elif op == "undo_stamp":
                    k.services.undo(stamp_card)
                elif op == "redeem":
                    k.services.redeem_reward(POINTS_CARD, "coffee")
                elif op == "adjust":
                    k.services.adjust(POINTS_CARD, amount, "test correction", actor=MANAGER)
                elif op == "days":
                    k.clock.advance(amount * 86_400 + 3_600)
                else:
                    k.clock.now = _next_month_edge(k.clock.now)
                    assert k.services.earn_points(POINTS_CARD, amount).ok
                    if op == "edge_sale_undone":
                        k.clock.advance(61)
                        assert k.services.undo(POINTS_CARD).ok
                k.clock.advance(61)  # past the cooldown; an undo still falls in its window
            with k.ctx.store.reading() as conn:
                kept = _kept(conn)
                assert kept == _replayed_buckets(conn)
                history = _member_history(conn, member)
            with k.ctx.store.transaction() as conn:
                tier_buckets.rebuild(conn)
                assert _kept(conn) == kept
            for scheme in SCHEMES:
                for later in (0, 40, 400):
                    now = k.clock.now + timedelta(days=later)
                    replay = standing(scheme, replayed_totals(history, ZONE, scheme.measure), now, ZONE)
                    assert tier_of(k.ctx, member, now, scheme=scheme) == replay
        finally:
            k.close()


def test_a_void_next_month_takes_the_sale_out_of_its_own_month(tmp_path):
    clock = SetClock(datetime(2026, 1, 31, 22, 59, 0, tzinfo=ZoneInfo("UTC")))  # 23:59 in Berlin
    k = open_kiosk(tmp_path, clock)
    try:
        create_demo_shop(k.ctx, customers_count=1)
        member, _ = _points_account(k)
        scheme = SCHEMES[0]
        assert k.services.earn_points(POINTS_CARD, 4_500).ok
        assert tier_of(k.ctx, member, clock.now, scheme=scheme).tier.name == "Silver"
        clock.advance(90)  # February in Berlin, still inside the undo window
        assert k.services.undo(POINTS_CARD).ok
        with k.ctx.store.reading() as conn:
            january = 2026 * 12
            assert tier_buckets.all_buckets(conn)[(POINTS_CARD, january)] == (0, 0)
            assert (POINTS_CARD, january + 1) not in tier_buckets.all_buckets(conn)
        after = tier_of(k.ctx, member, clock.now, scheme=scheme)
        assert (after.tier.name, after.total, after.next_tier.name, after.missing) == (
            "Bronze",
            0,
            "Silver",
            40,
        )
    finally:
        k.close()


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York"])
def test_the_migration_fills_the_buckets_from_an_older_ledger(tmp_path, zone):
    clock = SetClock()
    folder = tmp_path / "kiosk"
    k = open_kiosk(folder, clock)
    create_demo_shop(k.ctx, customers_count=3)
    _, stamp_card = _points_account(k)
    with k.ctx.store.transaction() as conn:
        meta.put_setting(conn, "time_zone", zone)
    for days in (0, 20, 45, 90):
        clock.advance(days * 86_400)
        assert k.services.earn_points(POINTS_CARD, 1_000 + days).ok
        assert k.services.record_scan(stamp_card).ok
    assert k.services.undo(stamp_card).ok
    with k.ctx.store.reading() as conn:
        kept = _kept(conn)
    assert len(kept) >= 4
    k.close()
    engine = make_engine(folder / "kiosk.sqlite")
    migrate.downgrade(engine, "0011_offer_revision")  # the file as the code before this change left it
    engine.dispose()
    store = open_store(folder, now=clock())  # backs up, then brings the file to head
    try:
        with store.reading() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD
            assert _kept(conn) == kept
    finally:
        store.close()


def test_a_merged_member_s_tier_counts_the_cards_she_took_over(tmp_path):
    k = open_kiosk(tmp_path)
    try:
        create_demo_shop(k.ctx, customers_count=2)
        absorbed, _ = _points_account(k)  # the points card's member is merged away
        with k.ctx.store.reading() as conn:
            kept = conn.exec_driver_sql(
                "SELECT customer_id FROM cards WHERE customer_id != ? LIMIT 1", (absorbed,)
            ).scalar_one()
        assert k.services.earn_points(POINTS_CARD, 4_500).ok
        scheme = SCHEMES[0]
        assert tier_of(k.ctx, kept, k.clock.now, scheme=scheme).total == 0
        merged = k.services.merge_members(kept, absorbed, actor=Actor("o", "Owner", Role.OWNER))
        assert merged.ok, merged.message
        after = tier_of(k.ctx, kept, k.clock.now, scheme=scheme)
        assert (after.tier.name, after.total) == ("Silver", 45)
    finally:
        k.close()
