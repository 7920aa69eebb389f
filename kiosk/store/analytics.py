"""The Analytics screen's figures, counted by SQLite: each query joins a small table of local days,
weeks or months (their UTC bounds, kiosk/domain/analytics.py) to the events through the
occurred_at index and groups by it, so a year of a busy shop is a few hundred rows back, not every
event. Undone events count as the Reports do (loyalty_rules/reports.py): a void takes back what
it cancels, on the void's own day."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Integer, and_, case, column, distinct, func, or_, select, values

from kiosk.domain.analytics import Bucket
from kiosk.domain.model import EventKind
from kiosk.domain.reports import REWARD_KINDS, STAMP_KINDS, VISIT_KINDS
from kiosk.store.schema import UTCDateTime, cards, events

_VOID = EventKind.VOID.value


def _kinds(kinds: frozenset[EventKind]) -> list[str]:
    return sorted(k.value for k in kinds)


def visit_kind():
    """events.kind IN the visit kinds, written so SQLite cannot use it to pick an index (the
    `|| ''` idiom): given a bare `kind IN (...)` next to a range join on a table of days, its
    planner builds an automatic index on kind and reads every earn once per day (a year of a
    two-year shop: 4 s), where the occurred_at index reads each day's events only."""
    return events.c.kind.concat("").in_(_kinds(VISIT_KINDS))


def _signed(kinds: frozenset[EventKind]):
    """+1 for an event of these kinds, -1 for a void of one, else 0."""
    return case(
        (events.c.kind.in_(_kinds(kinds)), 1),
        (and_(events.c.kind == _VOID, events.c.ref_kind.in_(_kinds(kinds))), -1),
        else_=0,
    )


def _stamps():
    """Stamps given, less those undone (a void's units are already negative)."""
    counts = or_(
        events.c.kind.in_(_kinds(STAMP_KINDS)),
        and_(events.c.kind == _VOID, events.c.ref_kind.in_(_kinds(STAMP_KINDS))),
    )
    return case((counts, events.c.units), else_=0)


def _figures():
    return (
        func.sum(_signed(VISIT_KINDS)).label("visits"),
        func.sum(_stamps()).label("stamps"),
        func.sum(_signed(REWARD_KINDS)).label("rewards"),
    )


def _bucket_table(buckets: list[Bucket], name: str):
    """WITH name(i, lo, hi) AS (VALUES ...): bucket i holds lo <= occurred_at < hi."""
    return (
        values(column("i", Integer), column("lo", UTCDateTime), column("hi", UTCDateTime), name=name)
        .data([(i, b.start, b.end) for i, b in enumerate(buckets)])
        .cte(name)
    )


def figures_by_bucket(conn: Connection, buckets: list[Bucket]) -> dict[int, tuple[int, int, int]]:
    """Visits, stamps and rewards per bucket index; quiet buckets are left out."""
    if not buckets:
        return {}
    b = _bucket_table(buckets, "b")
    query = (
        select(b.c.i, *_figures())
        .select_from(b.join(events, and_(events.c.occurred_at >= b.c.lo, events.c.occurred_at < b.c.hi)))
        .group_by(b.c.i)
    )
    return {r.i: (r.visits, r.stamps, r.rewards) for r in conn.execute(query)}


def figures_by_offer(conn: Connection, start: datetime, end: datetime) -> dict[str, tuple[int, int, int]]:
    """Visits, stamps and rewards per program id between start (inclusive) and end (exclusive)."""
    query = (
        select(events.c.program_id, *_figures())
        .where(events.c.occurred_at >= start, events.c.occurred_at < end)
        .group_by(events.c.program_id)
    )
    return {r.program_id: (r.visits, r.stamps, r.rewards) for r in conn.execute(query)}


def _joined():
    """Each member's first card: the moment she joined this shop, as far as this kiosk saw it."""
    return (
        select(cards.c.customer_id.label("customer_id"), func.min(events.c.occurred_at).label("at"))
        .select_from(events.join(cards, cards.c.id == events.c.card_id))
        .where(events.c.kind == EventKind.ENROLL.value)
        .group_by(cards.c.customer_id)
        .subquery("joined")
    )


def joiners_by_bucket(conn: Connection, buckets: list[Bucket]) -> dict[int, int]:
    """How many members joined in each bucket (index -> count); empty ones are left out."""
    if not buckets:
        return {}
    b, joined = _bucket_table(buckets, "b"), _joined()
    query = (
        select(b.c.i, func.count().label("n"))
        .select_from(b.join(joined, and_(joined.c.at >= b.c.lo, joined.c.at < b.c.hi)))
        .group_by(b.c.i)
    )
    return {r.i: r.n for r in conn.execute(query)}


def cohort_returns(conn: Connection, months: list[Bucket]) -> dict[tuple[int, int], int]:
    """(joining month, visit month) -> members of that joining month with a visit in that month
    (month indexes into `months`). A visit is a scan that stamped; one undone later still shows
    the member came in."""
    if not months:
        return {}
    jm, vm, joined = _bucket_table(months, "jm"), _bucket_table(months, "vm"), _joined()
    came = (
        select(cards.c.customer_id.label("customer_id"), vm.c.i.label("month"))
        .select_from(
            vm.join(events, and_(events.c.occurred_at >= vm.c.lo, events.c.occurred_at < vm.c.hi)).join(
                cards, cards.c.id == events.c.card_id
            )
        )
        .where(visit_kind())
        .distinct()
        .subquery("came")
    )
    cohort = (
        select(joined.c.customer_id, jm.c.i.label("month"))
        .select_from(jm.join(joined, and_(joined.c.at >= jm.c.lo, joined.c.at < jm.c.hi)))
        .subquery("cohort")
    )
    query = (
        select(
            cohort.c.month.label("joined"),
            came.c.month.label("came"),
            func.count(distinct(came.c.customer_id)),
        )
        .select_from(cohort.join(came, came.c.customer_id == cohort.c.customer_id))
        .where(came.c.month >= cohort.c.month)
        .group_by(cohort.c.month, came.c.month)
    )
    return {(r[0], r[1]): r[2] for r in conn.execute(query)}


def visit_days_by_member(conn: Connection, days: list[Bucket]) -> dict[str, tuple[int, int]]:
    """Each member with a visit on one of `days` (local days, oldest first): how many of them she
    came in on, and the index of the last. An undone stamp is no visit (as the cloud's RFM)."""
    if not days:
        return {}
    b, undo = _bucket_table(days, "b"), events.alias("undo")
    undone = select(undo.c.id).where(undo.c.kind == _VOID, undo.c.ref_event_id == events.c.id).exists()
    came = (
        select(cards.c.customer_id.label("customer_id"), b.c.i.label("i"))
        .select_from(
            b.join(events, and_(events.c.occurred_at >= b.c.lo, events.c.occurred_at < b.c.hi)).join(
                cards, cards.c.id == events.c.card_id
            )
        )
        .where(visit_kind(), ~undone)
        .distinct()
        .subquery("came")
    )
    query = select(came.c.customer_id, func.count(), func.max(came.c.i)).group_by(came.c.customer_id)
    return {r[0]: (r[1], r[2]) for r in conn.execute(query)}
