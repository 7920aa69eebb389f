"""The Analytics figures counted by SQLite over a small real ledger, checked against sums done by
hand, in Europe/Berlin across the spring clock change (2027-03-28 02:00 CET -> 03:00 CEST).

The ledger (local Berlin times in brackets):
  cara joins 2027-02-10, stamps 2 on 03-15 (10:00 CET); her February visit is before the period
  dan  joins 2027-02-20, stamps 1 of tea 2027-03-31 22:30 UTC (00:30 CEST on April 1st)
  ana  joins 2027-03-28 21:30 UTC (23:30 CEST, Sunday: the week of March 22nd), stamps 03-29,
       redeems 04-02
  ben  joins 2027-03-28 22:30 UTC (00:30 CEST, Monday: the week of March 29th), stamps 3 on 04-01,
       undone a minute later
The kiosk's clock reads 2027-04-02 10:00 UTC: the 30 days are 2027-03-04 .. 2027-04-02."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert

from kiosk.domain.model import Role
from kiosk.domain.refusals import Reason
from kiosk.services import Actor
from kiosk.services.analytics import analytics
from kiosk.store.schema import cards, customers, events, programs
from tests.helpers import SetClock, open_kiosk

BERLIN = ZoneInfo("Europe/Berlin")
MANAGER = Actor("s2", "Max", Role.MANAGER)
NOW = datetime(2027, 4, 2, 10, 0, tzinfo=UTC)  # a set clock: it meets no real one


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _program(conn, pid: str, name: str) -> None:
    at = utc(2027, 1, 1)
    conn.execute(
        insert(programs).values(
            id=pid, name=name, kind="stamps", units_required=10, reward_text="free", per_visit_limit=5,
            cooldown_seconds=60, undo_window_seconds=120, status="active", colour="#6d4c41", icon="coffee",
            created_at=at, updated_at=at,
        )
    )  # fmt: skip


def _event(conn, card: int, program: str, kind: str, units: int, at: datetime, ref_kind=None) -> None:
    conn.execute(
        insert(events).values(
            id=str(uuid.uuid4()), card_id=card, program_id=program, kind=kind, units=units, occurred_at=at,
            ref_kind=ref_kind,
        )
    )  # fmt: skip


def _member(conn, card: int, name: str, program: str, joined: datetime) -> None:
    conn.execute(
        insert(customers).values(id=name, name=name, name_key=name, created_at=joined, updated_at=joined)
    )
    conn.execute(
        insert(cards).values(
            id=card, customer_id=name, program_id=program, key_id=1, status="active", created_at=joined
        )
    )
    _event(conn, card, program, "enroll", 0, joined)


@pytest.fixture
def ledger(tmp_path):
    k = open_kiosk(tmp_path / "kiosk", SetClock(NOW))
    with k.ctx.store.transaction() as conn:
        _program(conn, "coffee", "Coffee card")
        _program(conn, "tea", "Tea card")
        _member(conn, 1, "cara", "coffee", utc(2027, 2, 10, 9))
        _member(conn, 2, "dan", "tea", utc(2027, 2, 20, 9))
        _member(conn, 3, "ana", "coffee", utc(2027, 3, 28, 21, 30))
        _member(conn, 4, "ben", "coffee", utc(2027, 3, 28, 22, 30))
        _event(conn, 1, "coffee", "earn", 1, utc(2027, 2, 11, 9))
        _event(conn, 1, "coffee", "earn", 2, utc(2027, 3, 15, 9))
        _event(conn, 2, "tea", "earn", 1, utc(2027, 3, 31, 22, 30))
        _event(conn, 3, "coffee", "earn", 1, utc(2027, 3, 29, 8))
        _event(conn, 4, "coffee", "earn", 3, utc(2027, 4, 1, 9))
        _event(conn, 4, "coffee", "void", -3, utc(2027, 4, 1, 9, 1), ref_kind="earn")
        _event(conn, 3, "coffee", "redeem", -10, utc(2027, 4, 2, 8))
    yield k
    k.close()


def test_each_shop_day_counts_its_visits_stamps_and_rewards_less_the_undone(ledger):
    outcome = analytics(ledger.ctx, 30, actor=MANAGER, tz=BERLIN)
    assert outcome.ok
    assert not outcome.paired
    made = outcome.analytics
    assert made.start == datetime(2027, 3, 4, tzinfo=BERLIN)
    assert len(made.days) == 30
    assert made.days[0].day == date(2027, 3, 4)
    assert made.days[-1].day == date(2027, 4, 2)
    busy = {
        d.day: (d.visits, d.stamps, d.rewards)
        for d in made.days
        if (d.visits, d.stamps, d.rewards) != (0, 0, 0)
    }
    assert busy == {
        date(2027, 3, 15): (1, 2, 0),
        date(2027, 3, 29): (1, 1, 0),
        # dan's 00:30 CEST tea, and ben's scan and its undo: the visit and 3 stamps taken back
        date(2027, 4, 1): (1, 1, 0),
        date(2027, 4, 2): (0, 0, 1),
    }
    assert made.visits == 3
    assert not made.empty


def test_offers_are_totalled_busiest_first(ledger):
    offers = analytics(ledger.ctx, 30, actor=MANAGER, tz=BERLIN).analytics.offers
    assert [(o.name, o.visits, o.stamps, o.rewards) for o in offers] == [
        ("Coffee card", 2, 3, 1),
        ("Tea card", 1, 1, 0),
    ]


def test_new_members_fall_in_their_local_week_across_the_spring_change(ledger):
    weeks = analytics(ledger.ctx, 30, actor=MANAGER, tz=BERLIN).analytics.weeks
    assert [(w.monday, w.new_members) for w in weeks] == [
        (date(2027, 3, 1), 0),
        (date(2027, 3, 8), 0),
        (date(2027, 3, 15), 0),
        (date(2027, 3, 22), 1),  # ana, 23:30 CEST on Sunday the 28th (a 23-hour day)
        (date(2027, 3, 29), 1),  # ben, 00:30 CEST on Monday (22:30 UTC on Sunday)
    ]


def test_a_join_cohort_counts_who_came_back_in_each_later_month(ledger):
    rows = analytics(ledger.ctx, 30, actor=MANAGER, tz=BERLIN).analytics.cohorts
    assert len(rows) == 12
    assert rows[0].month == date(2026, 5, 1)
    assert rows[-1].month == date(2027, 4, 1)
    by_month = {r.month: r for r in rows}
    february, march = by_month[date(2027, 2, 1)], by_month[date(2027, 3, 1)]
    # cara came in February and March; dan's tea at 00:30 CEST on April 1st is in April (m+2)
    assert (february.size, february.returned) == (2, (1, 1, 1))
    assert february.share(2) == 0.5
    # ana came in March; ben in April, his scan undone later: he still came
    assert (march.size, march.returned) == (2, (1, 1))
    assert march.share(2) is None  # May has not come yet
    assert by_month[date(2027, 4, 1)].size == 0
    assert by_month[date(2027, 4, 1)].share(0) is None


def test_a_cashier_and_an_unknown_period_are_refused_and_an_empty_shop_is_empty(ledger, tmp_path):
    cashier = Actor("s1", "Cara", Role.CASHIER)
    assert analytics(ledger.ctx, 30, actor=cashier).refusal.reason is Reason.NOT_ALLOWED
    for days in (0, 7, 366, True, "30"):
        refused = analytics(ledger.ctx, days, actor=MANAGER)
        assert not refused.ok
        assert refused.analytics is None
    empty = open_kiosk(tmp_path / "empty", SetClock(NOW))
    try:
        made = analytics(empty.ctx, 365, actor=MANAGER, tz=BERLIN).analytics
        assert made.empty
        assert len(made.days) == 365
        assert made.offers == ()
    finally:
        empty.close()
