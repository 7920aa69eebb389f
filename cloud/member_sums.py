"""Each member's last visit, visit days and spend over a range, as numpy columns: what RFM scores.

The numbers are cloud/member_activity.py's `activity_query` (the same tests hold them to the event
scan of tests/cloud/activity_oracle.py), read in parts the database sums cheaply and added up by
member here:

- the range's whole quarters, from the member-quarter rollups (half the rows of their months);
- the whole months left at either end, from the member-month rollups;
- the days of a month the range cuts, from their events by the indexed day;
- except the month the range starts in when the range runs past that month's end and most of the
  month is in it (a trailing year starting on the 6th): that month's rollup row is read with the
  others and the days *before* the range are taken off it, a fraction of the events to read.

Taking days off a month is exact for what RFM needs. Visit days are distinct days, so the days
before the range come off one for one. The last visit stays right: a member left with a visit in
the range visited on or after its first day, which is later than every day taken off. Spend comes
off exactly, and whether she has one at all stays exact because a live visit's amount is never 0
or negative (an earn's sale earns at least one point: loyalty_rules.kinds.points.points_for), so
what is left is 0 only when no sale is left. First visits cannot be taken off: RFM needs none.
The parts are read in one snapshot (cloud/column_lists.py): a push between them would otherwise
take a late visit off a month row read before it came. On PostgreSQL the quarters are read on one
connection while the other parts are read on another, in that same snapshot.

Measured at 50,000 members and 1,000,000 events on PostgreSQL (a trailing year starting on the
6th): summing the month rollups and the cut month's 32,000 events as one union took 200 ms; the
parts take some 90 one after the other (the quarters' 81,000 rows 51 ms, the cut month's rollup
rows 12, the 6,000 events of the days taken off 28) and some 55 side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from sqlalchemy import BigInteger, Double, Integer, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from cloud.column_lists import columns_together
from cloud.member_activity import Filters, month_end, rollup_span, room_to_group
from cloud.member_months import EVERY, day_number, live_visits
from cloud.models import Card, Event, MemberMonth, MemberQuarter


@dataclass(frozen=True)
class MemberSums:
    """One entry per member with a visit in the range, in no particular order."""

    members: list[str]
    last_visit: np.ndarray  # yyyymmdd, int64
    visit_days: np.ndarray  # int64
    spend_minor: np.ndarray  # int64; 0 where none
    has_spend: np.ndarray  # bool: whether any of her visits carries an amount


@dataclass(frozen=True)
class _Parts:
    months: tuple[str, str] | None  # first and last "YYYY-MM" read from the rollups (_split)
    days: list[tuple[str, str]]  # day ranges read from their events
    taken_off: tuple[str, str] | None  # days of the first rollup month before the range


def _parts(session: Session, f: Filters, lo: date, hi: date) -> _Parts:
    whole = rollup_span(session, f, lo.isoformat(), hi.isoformat())
    first, last = (whole[0], whole[1]) if whole else (None, None)
    head_end = min(hi, month_end(lo) if first is None else first - timedelta(days=1))
    head = (lo, head_end) if (first is None or lo < first) else None
    tail = None
    if last is not None and hi > last:
        tail = (last + timedelta(days=1), hi)
    elif last is None and head_end < hi:
        tail = (hi.replace(day=1), hi)
    taken_off = None
    if head is not None and head[1] == month_end(lo) and (lo.day - 1) * 2 < month_end(lo).day:
        # most of the month is in the range: its rollup row minus the days before the range
        first = lo.replace(day=1)
        last = last or month_end(lo)
        taken_off = (first, lo - timedelta(days=1))
        head = None
    days = [(p[0].isoformat(), p[1].isoformat()) for p in (head, tail) if p is not None]
    months = (first.isoformat()[:7], last.isoformat()[:7]) if first and last else None
    off = (taken_off[0].isoformat(), taken_off[1].isoformat()) if taken_off else None
    return _Parts(months, days, off)


def _spend(column):
    """A member's summed amounts as a 64-bit integer, -1 when none of her visits carries one (a sum
    of live amounts is never below 1: see the module), so every column is a number numpy reads
    whole. Summed as doubles: PostgreSQL sums a BIGINT in a numeric state allocated per member and
    a double in place (measured: 6 ms less over a year's 80,000 quarter rows). Exact while a
    member's spend in the range stays under 2^53 minor units (90 trillion euros): every partial sum
    of integers is then a double exactly."""
    return func.coalesce(cast(func.sum(cast(column, Double)), BigInteger), -1)


def _split(months: tuple[str, str]) -> tuple[tuple[str, str] | None, list[tuple[str, str]]]:
    """Months [first, last] as the quarters they hold whole (first and last quarter, each named by
    its first month) and the months left at either end."""
    a, b = _number(months[0]), _number(months[1])
    q0, q1 = -(-a // 3) * 3, (b + 1) // 3 * 3 - 3  # first months of the first and last whole quarter
    if q0 > q1:
        return None, [months]
    ends = [(a, q0 - 1), (q1 + 3, b)]
    return (_month(q0), _month(q1)), [(_month(x), _month(y)) for x, y in ends if x <= y]


def _number(month: str) -> int:
    """Months since year 0: "YYYY-MM" as 12 * YYYY + MM - 1, so a quarter starts on a multiple of 3."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _month(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def _scope(table, f: Filters) -> list:
    return [
        table.business_id == f.business_id,
        table.location_id == (f.location_id or EVERY),
        table.program_id == (f.program_id or EVERY),
    ]


def _from_rollup(f: Filters, table, period, spans: list[tuple[str, str]]):
    """member, last day, visit days, spend summed over the rollup rows of these periods."""
    last = func.max(table.last_day)  # the quarters keep days as numbers
    return (
        select(
            table.member_id,
            last if isinstance(table.last_day.type, Integer) else day_number(last),
            func.sum(table.visit_days),
            _spend(table.spend_minor),
        )
        .where(*_scope(table, f), or_(*(and_(period >= a, period <= b) for a, b in spans)))
        .group_by(table.member_id)
    )


def _from_events(f: Filters, days: list[tuple[str, str]]):
    """member, last day, visit days, spend over these day ranges, from the live visits."""
    where = [live_visits(f.business_id), or_(*(and_(Event.day >= a, Event.day <= b) for a, b in days))]
    if f.location_id is not None:
        where.append(Event.location_id == f.location_id)
    if f.program_id is not None:
        where.append(Event.program_id == f.program_id)
    member = Card.customer_id
    return (
        select(
            member,
            day_number(func.max(Event.day)),
            func.count(Event.day.distinct()),
            _spend(Event.amount_minor),
        )
        .select_from(Event)
        .join(Card, and_(Card.business_id == Event.business_id, Card.id == Event.card_id))
        .where(*where)
        .group_by(member)
    )


def member_sums(session: Session, f: Filters, lo: str, hi: str) -> MemberSums:
    """Per member with a live visit in [lo, hi]: last visit, visit days, spend (see the module)."""
    room_to_group(session)
    parts = _parts(session, f, date.fromisoformat(lo), date.fromisoformat(hi))
    stmts, signs = [], []
    if parts.months is not None:
        quarters, months = _split(parts.months)
        if quarters is not None:
            stmts.append(_from_rollup(f, MemberQuarter, MemberQuarter.quarter, [quarters]))
            signs.append(1)
        if months:
            stmts.append(_from_rollup(f, MemberMonth, MemberMonth.month, months))
            signs.append(1)
    if parts.days:
        stmts.append(_from_events(f, parts.days))
        signs.append(1)
    if parts.taken_off is not None:  # read with the rollups it is taken off, in one snapshot
        stmts.append(_from_events(f, [parts.taken_off]))
        signs.append(-1)
    pieces = list(zip(signs, columns_together(session, stmts, numbers=3), strict=True))
    # each piece holds a member once: the first numbers its members in order, the others (a few
    # thousand) look theirs up
    first = pieces[0][1][0] if pieces else []
    index: dict[str, int] = dict(zip(first, range(len(first)), strict=True))
    at = [np.arange(len(first), dtype=np.int64)] if pieces else []
    for _sign, (members, *_rest) in pieces[1:]:
        at.append(np.array([index.setdefault(m, len(index)) for m in members], dtype=np.int64))
    n = len(index)
    last = np.zeros(n, dtype=np.int64)
    days = np.zeros(n, dtype=np.int64)
    spend = np.zeros(n, dtype=np.int64)
    has = np.zeros(n, dtype=bool)
    for (sign, (_m, lasts, counts, sums)), i in zip(pieces, at, strict=True):
        if not len(i):
            continue
        if sign > 0:
            last[i] = np.maximum(last[i], lasts)
            has[i] |= sums >= 0
        days[i] += sign * counts
        spend[i] += sign * np.maximum(sums, 0)
    if parts.taken_off is not None:  # what is left is a sale's amount only if a sale is left
        off = at[-1]
        has[off] &= spend[off] != 0
    kept = days > 0  # a member whose visits were all taken off is not in the range
    members = np.array(list(index), dtype=object)[kept].tolist() if n else []
    return MemberSums(members, last[kept], days[kept], spend[kept], has[kept])
