"""The day cells (`day_cells`, issue 17): per business, shop day, location and offer, the figures
the summary, revenue and the other day views sum (visits, units earned, redemptions, units given
for rewards, the sales' spend, earns), net of undos, kept with the ledger in the same transaction.

A void counts on its own day as the negative of the event it cancels (loyalty_rules.reports: a
day already read keeps its figures), so a cell depends only on the events recorded on its day;
a merge moves cards between members, which a cell does not know. A push therefore touches only
the days of its own events, and those days' cells are deleted and counted again from the events
(never adjusted by a delta): the rows always equal the event scan (`scanned`, which
tests/cloud/test_day_cells.py compares them with after random pushes, voids and merges).
A location or offer the event lacks is stored as "" (a key column cannot be null).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, and_, case, delete, func, insert, literal, select, union_all
from sqlalchemy.orm import aliased

from cloud.models import DayCell, Event
from loyalty_rules.model import EventKind
from loyalty_rules.reports import REWARD_KINDS, STAMP_KINDS, VISIT_KINDS

if TYPE_CHECKING:
    from cloud.ledger import _Batch

NONE = ""  # location_id / program_id of a cell whose events have none
_t = DayCell.__table__
_COLUMNS = [
    *("business_id", "day", "location_id", "program_id"),
    *("visits", "stamps", "redemptions", "redeemed_units", "spend_minor", "earns"),
]
# The range's events are read in two parts: the rows that count as themselves, and the voids
# joined one by one (by primary key) to the event each takes back. Joining every row of the range
# to a possible target made PostgreSQL hash the business's whole ledger for the few voids there are.
_Target = aliased(Event)


def _kinds(kinds: frozenset[EventKind]) -> list[str]:
    return sorted(k.value for k in kinds)


def _counted_rows(where):
    """One row per event `where` picks: its day, offer and location, the kind it counts as, +1 or
    -1, its units (a void's are already negative) and the sale it carries (a void's: its earn's,
    negated)."""
    plain = select(
        Event.business_id.label("business_id"),
        Event.day.label("day"),
        Event.program_id.label("program_id"),
        Event.location_id.label("location_id"),
        Event.kind.label("kind"),
        literal(1).label("sign"),
        Event.units.label("units"),
        case((Event.kind == EventKind.EARN.value, Event.amount_minor), else_=0).label("spend"),
    ).where(where, Event.kind != EventKind.VOID.value)
    voids = (
        select(
            Event.business_id,
            Event.day,
            Event.program_id,
            Event.location_id,
            _Target.kind,
            literal(-1),
            Event.units,
            case((_Target.kind == EventKind.EARN.value, -_Target.amount_minor), else_=0),
        )
        .select_from(Event)
        .join(_Target, and_(_Target.business_id == Event.business_id, _Target.id == Event.ref_event_id))
        .where(where, Event.kind == EventKind.VOID.value)
    )
    return union_all(plain, voids).subquery("counted")


def scanned(where):
    """The cells of the events `where` picks, counted from the events themselves: one row per
    business, day, location and offer, in `_COLUMNS` order."""
    c = _counted_rows(where)

    def counted(kinds: frozenset[EventKind], value):
        return func.coalesce(func.sum(case((c.c.kind.in_(_kinds(kinds)), value), else_=0)), 0)

    location, program = func.coalesce(c.c.location_id, NONE), func.coalesce(c.c.program_id, NONE)
    return select(
        c.c.business_id,
        c.c.day,
        location,
        program,
        counted(VISIT_KINDS, c.c.sign),
        counted(STAMP_KINDS, c.c.units),
        counted(REWARD_KINDS, c.c.sign),
        counted(REWARD_KINDS, -c.c.units),
        func.coalesce(func.sum(c.c.spend), 0),
        counted(frozenset({EventKind.EARN}), c.c.sign),
    ).group_by(c.c.business_id, c.c.day, location, program)


def recount(conn: Connection, business_id: int, days: list[str]) -> None:
    """Count these days' cells of the business again from their events."""
    if not days:
        return
    days = sorted(set(days))
    conn.execute(delete(_t).where(_t.c.business_id == business_id, _t.c.day.in_(days)))
    where = and_(Event.business_id == business_id, Event.day.in_(days))
    conn.execute(insert(_t).from_select(_COLUMNS, scanned(where)))


def rebuild(conn: Connection, business_id: int) -> None:
    """All of a business's cells from its events (after a bulk load that bypassed the push path)."""
    conn.execute(delete(_t).where(_t.c.business_id == business_id))
    conn.execute(insert(_t).from_select(_COLUMNS, scanned(Event.business_id == business_id)))


def follow(conn: Connection, b: _Batch) -> None:
    """After a push batch is stored: recount the days its events were recorded on (a void's own
    day; the day of the event it cancels keeps its figures)."""
    recount(conn, b.business_id, [row["day"] for row in b.events])
