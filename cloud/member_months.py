"""The member-month rollups (`member_months`) and their sums per quarter (`member_quarters`) and per
member (`member_totals`), kept with the ledger in the same transaction.

Each row counts one member's live visit events in one of the shop's months, for one scope: every
location and program (""), one location, one program, or both. The numbers are never adjusted by
a delta: whatever a push changed (new visits, voids, a merge moving cards to a survivor) the rows
of the members and months it touched are deleted and counted again from the events, so a rollup
always equals a recompute (tests/cloud/test_member_months.py checks that after random pushes,
voids and merges). A member's month is a few dozen events found by the card index: cheap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Integer, and_, case, cast, delete, func, insert, literal, select, union_all

from cloud.models import Card, Event, MemberMonth, MemberQuarter, MemberTotal
from loyalty_rules.model import EventKind
from loyalty_rules.reports import VISIT_KINDS

if TYPE_CHECKING:
    from cloud.ledger import _Batch

EVERY = ""  # location_id / program_id of the rows that count every location / program
_t = MemberMonth.__table__
_totals = MemberTotal.__table__
_quarters = MemberQuarter.__table__
_COLUMNS = [
    *("business_id", "member_id", "month", "location_id", "program_id"),
    *("visit_days", "first_day", "last_day", "spend_minor", "earns"),
]
VISIT_KIND_VALUES = sorted(k.value for k in VISIT_KINDS)


def month_of(day_column):
    return func.substr(day_column, 1, 7)


def quarter_of(month: str) -> str:
    """The quarter of a month "YYYY-MM", as its first month: "2026-05" is in "2026-04"."""
    return month[:5] + ("01", "04", "07", "10")[(int(month[5:7]) - 1) // 3]


def months_of(quarter: str) -> list[str]:
    start = int(quarter[5:7])
    return [f"{quarter[:4]}-{m:02d}" for m in range(start, start + 3)]


def _quarter_column(month):
    """quarter_of in SQL (the migration that made the table has the same expression)."""
    part = func.substr(month, 6, 2)
    first = case((part <= "03", "01"), (part <= "06", "04"), (part <= "09", "07"), else_="10")
    return func.substr(month, 1, 5) + first


def live_visits(business_id: int):
    """The live (not voided) visit events of the business whose card belongs to a member."""
    return and_(
        Event.business_id == business_id,
        Event.kind.in_(VISIT_KIND_VALUES),
        Event.voided.is_(False),
        Card.customer_id.is_not(None),
    )


def counted(business_id: int, where) -> list:
    """One SELECT per scope of the rollup rows of the events `where` picks (besides live visits)."""
    month = month_of(Event.day)
    out = []
    for by_location in (False, True):
        for by_program in (False, True):
            location = Event.location_id if by_location else literal(EVERY)
            program = Event.program_id if by_program else literal(EVERY)
            keys = [Card.customer_id, month]
            keys += [Event.location_id] if by_location else []
            keys += [Event.program_id] if by_program else []
            stmt = (
                select(
                    literal(business_id),
                    Card.customer_id,
                    month,
                    location,
                    program,
                    func.count(Event.day.distinct()),
                    func.min(Event.day),
                    func.max(Event.day),
                    func.sum(Event.amount_minor),
                    # the tiers' visits measure counts earns, not visit days (cloud/tier_check.py)
                    func.sum(case((Event.kind == EventKind.EARN.value, 1), else_=0)),
                )
                .select_from(Event)
                .join(Card, and_(Card.business_id == Event.business_id, Card.id == Event.card_id))
                .where(live_visits(business_id), where)
                .group_by(*keys)
            )
            if by_location:
                stmt = stmt.where(Event.location_id.is_not(None))
            out.append(stmt)
    return out


def recount(conn: Connection, business_id: int, members: Iterable[str], months: Iterable[str] | None) -> None:
    """Count these members' rows again from the events: in these months, or all (months None)."""
    members = sorted(set(members))
    if not members:
        return
    gone = delete(_t).where(_t.c.business_id == business_id, _t.c.member_id.in_(members))
    # their cards first: the events' card index then finds their few events (a day range over the
    # whole shop's month would read tens of thousands)
    cards = conn.execute(
        select(Card.id).where(Card.business_id == business_id, Card.customer_id.in_(members))
    ).scalars()
    where = and_(Card.customer_id.in_(members), Event.card_id.in_(sorted(cards) or [-1]))
    if months is not None:
        months = sorted(set(months))
        if not months:
            return
        gone = gone.where(_t.c.month.in_(months))
        where = and_(where, month_of(Event.day).in_(months))
    conn.execute(gone)
    conn.execute(insert(_t).from_select(_COLUMNS, union_all(*counted(business_id, where))))
    requarter(conn, business_id, members, None if months is None else {quarter_of(m) for m in months})
    retotal(conn, business_id, members)


def day_number(day):
    """A day "YYYY-MM-DD" in SQL as the number yyyymmdd (the quarters keep their days so)."""
    return cast(func.replace(day, "-", ""), Integer)


def _resum(conn: Connection, table, period: tuple | None, members: list[str] | None, where: list) -> None:
    """Insert into `table` the month rows `where` picks (of these members; None: every member's)
    summed per member, scope and `period` (its column's name and the month's period in SQL; None:
    the whole history), its days as texts or numbers as its columns are. The caller deleted the
    rows they replace."""
    names = ["business_id", "member_id", *([period[0]] if period else []), "location_id", "program_id"]
    keys = [_t.c.business_id, _t.c.member_id, *([period[1]] if period else []), _t.c.location_id]
    keys.append(_t.c.program_id)
    if members is not None:
        where = [*where, _t.c.member_id.in_(members)]
    first, last = func.min(_t.c.first_day), func.max(_t.c.last_day)
    if isinstance(table.c.last_day.type, Integer):
        first, last = day_number(first), day_number(last)
    sums = (func.sum(_t.c.visit_days), first, last, func.sum(_t.c.spend_minor))
    columns = [*names, "visit_days", "first_day", "last_day", "spend_minor"]
    conn.execute(insert(table).from_select(columns, select(*keys, *sums).where(*where).group_by(*keys)))


def requarter(
    conn: Connection, business_id: int, members: list[str] | None, quarters: set[str] | None
) -> None:
    """Sum these members' month rows (None: every member's) into their quarters: these (None: all)."""
    gone = delete(_quarters).where(_quarters.c.business_id == business_id)
    where = [_t.c.business_id == business_id]
    if members is not None:
        gone = gone.where(_quarters.c.member_id.in_(members))
    if quarters is not None:
        gone = gone.where(_quarters.c.quarter.in_(sorted(quarters)))
        where.append(_t.c.month.in_(sorted(m for q in quarters for m in months_of(q))))
    conn.execute(gone)
    _resum(conn, _quarters, ("quarter", _quarter_column(_t.c.month)), members, where)


def retotal(conn: Connection, business_id: int, members: list[str] | None) -> None:
    """Sum these members' month rows (None: every member's) into their totals, scope by scope."""
    gone = delete(_totals).where(_totals.c.business_id == business_id)
    if members is not None:
        gone = gone.where(_totals.c.member_id.in_(members))
    conn.execute(gone)
    _resum(conn, _totals, None, members, [_t.c.business_id == business_id])


def rebuild(conn: Connection, business_id: int) -> None:
    """All of a business's rows from its events (after a bulk load that bypassed the push path)."""
    conn.execute(delete(_t).where(_t.c.business_id == business_id))
    conn.execute(insert(_t).from_select(_COLUMNS, union_all(*counted(business_id, literal(True)))))
    requarter(conn, business_id, None, None)
    retotal(conn, business_id, None)


_TARGET_DAYS = select(Event.id, Event.card_id, Event.day)


def follow(conn: Connection, b: _Batch) -> None:
    """After a push batch is stored: recount the members and months its events touched.

    A visit counts in its card's member's month; a void changes its target's month (the target's
    day, not the void's); a merge moves cards between members, so every member of a merged group
    is recounted in full (the absorbed ones lose their rows, the survivor gains them)."""
    months: dict[str, set[str]] = defaultdict(set)
    day_of: dict[str, str] = {}
    card_of: dict[str, int] = {}
    for row in b.events:
        day_of[row["id"]], card_of[row["id"]] = row["day"], row["card_id"]
    if b.voided_in_db:
        stored = conn.execute(
            _TARGET_DAYS.where(Event.business_id == b.business_id, Event.id.in_(b.voided_in_db))
        )
        for event_id, card_id, day in stored:
            day_of[event_id], card_of[event_id] = day, card_id
    touched = [r["id"] for r in b.events if r["kind"] in VISIT_KIND_VALUES]
    touched += [r["ref_event_id"] for r in b.events if r["kind"] == "void" and r["ref_event_id"] in day_of]
    for event_id in touched:
        card = b.cards.get(card_of[event_id]) or {}
        member = card.get("customer_id")
        if member is not None:
            months[member].add(day_of[event_id][:7])
    whole: set[str] = set()
    if any(r["kind"] == "member_merge" for r in b.events):
        whole = set(b.merged) | set(b.merged.values())
    for member in whole:
        months.pop(member, None)
    recount(conn, b.business_id, whole, None)
    by_months: dict[frozenset[str], list[str]] = defaultdict(list)
    for member, its in months.items():
        by_months[frozenset(its)].append(member)
    for its, members in by_months.items():
        recount(conn, b.business_id, members, its)
