"""The month buckets a member's tier is read from (issue 15): per card and month of the shop's
clock, the points granted and the visits counted, net of voids (loyalty_rules.tier_buckets).

`record` runs inside ledger.append_event, in the event's own transaction, so a bucket can never
disagree with the ledger; `rebuild` recomputes cards' buckets from their events (the migration
that adds the table, a restore that carries events in). A tier read (`month_totals`) sums at most
a window's months over the member's few cards: no replay of her events.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, and_, bindparam, delete, func, select
from sqlalchemy.dialects.sqlite import insert as upsert

from kiosk.domain.model import Event, EventKind
from kiosk.store.prepared import Prepared
from kiosk.store.schema import cards, events, programs, settings, tier_buckets
from loyalty_rules.tier_buckets import bucket_month, delta_of
from loyalty_rules.tiers import Measure

# the shop's zone as the first run saved it (kiosk.services.first_run.TIME_ZONE names this key)
_ZONE_SETTING = "time_zone"
_ZONE = Prepared(select(settings.c.value).where(settings.c.key == bindparam("key")))
_CANCELLED_AT = Prepared(select(events.c.occurred_at).where(events.c.id == bindparam("event_id")))
_ADD = upsert(tier_buckets).values(
    card_id=bindparam("card_id"),
    month=bindparam("month"),
    points=bindparam("points"),
    visits=bindparam("visits"),
)
_ADD = _ADD.on_conflict_do_update(
    index_elements=[tier_buckets.c.card_id, tier_buckets.c.month],
    set_={
        "points": tier_buckets.c.points + _ADD.excluded.points,
        "visits": tier_buckets.c.visits + _ADD.excluded.visits,
    },
)
_ADD_BUCKET = Prepared(_ADD)


def bucket_zone(conn: Connection) -> str:
    """The zone whose months the buckets count: the shop's, else this machine's (as reports do,
    kiosk.services.reports.local_zone), else UTC. Writes and reads both ask this, so they agree;
    a zone changed later shifts only events near a month's edge (noted in the report)."""
    chosen = _ZONE.scalar(conn, key=_ZONE_SETTING)
    for name in (chosen, _machine_zone()):
        if name:
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
            return str(name)
    return "UTC"


def _machine_zone() -> str | None:
    from tzlocal import get_localzone_name

    try:
        return get_localzone_name()
    except Exception:  # an odd machine setup: tzlocal raises its own several kinds
        return None


def record(conn: Connection, event: Event) -> None:
    """Add one event's part to its card's month, in the caller's transaction."""
    delta = delta_of(event)
    if not delta:  # redemptions, adjustments, merges: no write on their path
        return
    cancelled_at = None
    if event.kind is EventKind.VOID and event.ref_event_id is not None:
        cancelled_at = _CANCELLED_AT.scalar(conn, event_id=event.ref_event_id)
    month = bucket_month(event, cancelled_at, bucket_zone(conn))
    _ADD_BUCKET.write(conn, card_id=event.card_id, month=month, points=delta.points, visits=delta.visits)


def rebuild(conn: Connection, card_ids: Iterable[int] | None = None) -> int:
    """Recompute the buckets of these cards (None: every card) from their events; the rows written."""
    zone = bucket_zone(conn)
    chosen = None if card_ids is None else sorted(set(card_ids))
    # only the columns a bucket reads, which every revision since 0001 has: the migration runs this
    e = events.c
    query = select(e.id, e.kind, e.card_id, e.program_id, e.units, e.occurred_at, e.ref_event_id, e.ref_kind)
    query = query.order_by(e.n)
    if chosen is not None:
        query = query.where(events.c.card_id.in_(chosen))
        conn.execute(delete(tier_buckets).where(tier_buckets.c.card_id.in_(chosen)))
    else:
        conn.execute(delete(tier_buckets))
    when: dict[str, datetime] = {}
    totals: dict[tuple[int, int], list[int]] = {}
    for row in conn.execute(query):
        event = Event(
            id=row.id,
            kind=EventKind(row.kind),
            card_id=row.card_id,
            program_id=row.program_id,
            units=row.units,
            occurred_at=row.occurred_at,
            ref_event_id=row.ref_event_id,
            ref_kind=EventKind(row.ref_kind) if row.ref_kind else None,
        )
        when[event.id] = event.occurred_at
        delta = delta_of(event)
        if not delta:
            continue
        cancelled_at = when.get(event.ref_event_id) if event.kind is EventKind.VOID else None
        if event.kind is EventKind.VOID and cancelled_at is None and event.ref_event_id is not None:
            cancelled_at = _CANCELLED_AT.scalar(conn, event_id=event.ref_event_id)
        key = (event.card_id, bucket_month(event, cancelled_at, zone))
        pair = totals.setdefault(key, [0, 0])
        pair[0] += delta.points
        pair[1] += delta.visits
    rows = [
        {"card_id": c, "month": m, "points": p, "visits": v}
        for (c, m), (p, v) in sorted(totals.items())
        if p or v
    ]
    if rows:
        conn.execute(tier_buckets.insert(), rows)
    return len(rows)


def replace(
    conn: Connection, card_id: int, months: Iterable[tuple[int, int, int]], on_top: Iterable[Event]
) -> None:
    """A pulled card's buckets: the cloud's months (month, points, visits), as of the balance it
    sent, and this kiosk's events the cloud had not counted on top, as the balance is kept
    (sync_repo: server base + pending). So a till learns the tier its sister tills' sales gave her."""
    conn.execute(delete(tier_buckets).where(tier_buckets.c.card_id == card_id))
    rows = [{"card_id": card_id, "month": m, "points": p, "visits": v} for m, p, v in months if p or v]
    if rows:
        conn.execute(tier_buckets.insert(), rows)
    for event in on_top:
        record(conn, event)


def _totals_statement(measure: Measure) -> Prepared:
    amount = tier_buckets.c.visits if measure is Measure.VISITS else tier_buckets.c.points
    joined = tier_buckets.join(cards, cards.c.id == tier_buckets.c.card_id)
    where = [
        cards.c.customer_id == bindparam("customer_id"),
        tier_buckets.c.month.between(bindparam("first"), bindparam("last")),
    ]
    if measure is Measure.POINTS:  # a stamp is not a point: points cards only
        joined = joined.join(programs, programs.c.id == cards.c.program_id)
        where.append(programs.c.points_settings.is_not(None))
    return Prepared(
        select(tier_buckets.c.month, func.sum(amount).label("total"))
        .select_from(joined)
        .where(and_(*where))
        .group_by(tier_buckets.c.month)
    )


_TOTALS = {measure: _totals_statement(measure) for measure in Measure}


def month_totals(
    conn: Connection, customer_id: str, measure: Measure, first: int, last: int
) -> dict[int, int]:
    """The member's totals in `measure` for the months first..last (month_of counts), over all her
    cards; points count on points cards only (a program with points settings)."""
    rows = _TOTALS[measure].all(conn, customer_id=customer_id, first=first, last=last)
    return {r.month: int(r.total) for r in rows if r.total}


_LAST_SEEN = Prepared(
    select(func.max(events.c.occurred_at).label("seen"))
    .select_from(events.join(cards, cards.c.id == events.c.card_id))
    .where(cards.c.customer_id == bindparam("customer_id"))
)


def last_seen(conn: Connection, customer_id: str) -> datetime | None:
    """The moment of her newest event on any card: the tier she had then is the one she was
    last shown, which a demotion is measured from."""
    return _LAST_SEEN.scalar(conn, customer_id=customer_id)


def all_buckets(conn: Connection) -> dict[tuple[int, int], tuple[int, int]]:
    """Every kept bucket, (card, month) -> (points, visits): what tests compare with a replay."""
    return {(r.card_id, r.month): (r.points, r.visits) for r in conn.execute(select(tier_buckets))}
