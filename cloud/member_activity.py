"""Per-member and per-month aggregates of a business's ledger, computed by the database.

The owner's analytics (RFM, cohorts, churn) need a handful of numbers per member: her last and
first visit day, how many days she visited, what she spent. Whole months of a range are read from
the member-month rollups (cloud/member_months.py: 12 rows a year per member instead of her every
event); the edge months a range cuts are GROUP BYs over their events by the indexed day (the
cohorts read the month a range starts in from its rows too: cloud/cohort_table.py). The answers
are those of the event scan of before (kept as tests/cloud/activity_oracle.py).

A visit is a day on which a member has at least one live (not voided) visit event: two stamps in
one morning are one visit, as the BG/NBD and RFM literature counts purchases per day. Days are the
shop's local days (`events.day`, `customers.day`), so months are their first seven characters on
SQLite and PostgreSQL alike.

Spend: `SPEND` is the one column a sale amount comes from: a points earn's `amount_minor` (issue
15), summed in minor units by the database and turned into the currency's units here. The cloud
holds no currency of its own: the business's minor units are its points offers' `minor_per_unit`
(the kiosk's editor takes it from the shop's currency), so a yen shop's 1250 is 1250, not 12.50.
A stamp's event carries none, so a member who only collects stamps has a NULL spend, and the
endpoints say "null" rather than 0.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select, text, union_all
from sqlalchemy.orm import Session, aliased

from cloud.member_months import EVERY, VISIT_KIND_VALUES, live_visits, month_of
from cloud.models import Card, Customer, Event, MemberMonth, MemberTotal, Offer
from cloud.schemas import FIRST_DAY, LAST_DAY

SPEND_MINOR = func.sum(Event.amount_minor)  # a sale's amount in minor units, summed exactly; NULL: none
MEMBER = Card.customer_id  # a merge moves every card of a group to its survivor (cloud/merges.py)


@dataclass(frozen=True)
class Filters:
    """What the owner narrowed the numbers to: the business (always), a location, a program."""

    business_id: int
    location_id: str | None = None
    program_id: str | None = None


@dataclass(frozen=True)
class MemberActivity:
    member: str
    first_visit: date
    last_visit: date
    visit_days: int
    spend: float | None  # total over the range; None when her events carry no amount (stamps)
    spend_minor: int | None = None  # the same, exactly, in minor units (what a CSV writes out)


def minor_per_unit(session: Session, business_id: int) -> int:
    """Minor units in one unit of the business's currency: its points offers' (the most common,
    should a shop have changed currency); 100 when it has none (then no event has a spend)."""
    rows = session.scalars(
        select(Offer.points_settings).where(
            Offer.business_id == business_id, Offer.points_settings.is_not(None)
        )
    )
    seen: Counter[int] = Counter()
    for settings in rows:
        value = json.loads(settings).get("minor_per_unit")
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            seen[value] += 1
    return seen.most_common(1)[0][0] if seen else 100


def in_units(spend_minor: int | None, per_unit: int) -> float | None:
    return None if spend_minor is None else int(spend_minor) / per_unit


def room_to_group(session: Session) -> None:
    """On PostgreSQL, give this transaction's sorts and hash tables 32 MB (the default is 4 MB).

    A range's per-member sums hash some 50,000 members (about 8 MB): at 4 MB the hash spills to
    disk in batches, and the planner, which cannot estimate a union's groups, sorts instead of
    hashing the cohorts' cells. Measured at 50,000 members: RFM and cohorts a quarter faster.
    SET LOCAL ends with the request's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL work_mem = '32MB'"))


def rollup_scope(f: Filters):
    """The rollup rows of the filter's scope ("": every location / program)."""
    return and_(
        MemberMonth.business_id == f.business_id,
        MemberMonth.location_id == (f.location_id or EVERY),
        MemberMonth.program_id == (f.program_id or EVERY),
    )


def month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _visits_between(session: Session, f: Filters, lo: date, hi: date) -> bool:
    """Whether any live visit of the filter's scope falls on [lo, hi] (an index probe)."""
    if lo > hi:
        return False
    where = [
        Event.business_id == f.business_id,
        Event.kind.in_(VISIT_KIND_VALUES),
        Event.voided.is_(False),
        Event.day >= lo.isoformat(),
        Event.day <= hi.isoformat(),
    ]
    if f.location_id is not None:
        where.append(Event.location_id == f.location_id)
    if f.program_id is not None:
        where.append(Event.program_id == f.program_id)
    return session.scalar(select(select(Event.id).where(*where).exists())) or False


def rollup_span(session: Session, f: Filters, lo: str, hi: str) -> tuple[date, date] | None:
    """The months of [lo, hi] the rollups can answer, as (first day, last day): its whole months,
    and also a month it cuts when no visit falls on the month's days outside the range. A range
    ending today usually cuts a month with nothing after today in it, so its rollup row is exactly
    the range's part of it; each edge is an index probe where its events would be a scan."""
    first, last = date.fromisoformat(lo), date.fromisoformat(hi)
    if first > last:
        return None
    start = first.replace(day=1)
    if first != start and _visits_between(session, f, start, first - timedelta(days=1)):
        start = month_end(first) + timedelta(days=1)
    end = month_end(last)
    if last != end and _visits_between(session, f, last + timedelta(days=1), end):
        end = last.replace(day=1) - timedelta(days=1)
    return (start, end) if start <= end else None


def starts_from_rows(lo: date, whole: tuple[date, date] | None) -> bool:
    """Whether the rollup span `whole` of a range from lo leaves out only lo's own month, cut by lo
    (a trailing year from the 6th): `months_in_range` can then read that month's rollup rows."""
    return whole is not None and whole[0] == month_end(lo) + timedelta(days=1)


def _start_month(f: Filters, lo: date):
    """(member, month, spend_minor) of the members with a visit in [lo, the end of lo's month],
    from that month's rollup rows: a row whose last visit is on or after lo has one. Its spend is
    the range's unless the row also holds visits before lo (cloud/cohort_table.py `spend_before`
    says how much more). Measured at 50,000 members, a trailing year from the 6th: the cut month's
    32,000 events read and grouped cost some 65 ms of the cohorts' 150; its 9,000 rows a few."""
    first = lo.isoformat()
    return select(
        MemberMonth.member_id.label("member"),
        MemberMonth.month.label("month"),
        MemberMonth.spend_minor.label("spend_minor"),
    ).where(rollup_scope(f), MemberMonth.month == first[:7], MemberMonth.last_day >= first)


def months_in_range(
    f: Filters, lo: str, hi: str, whole: tuple[date, date] | None, days: bool = True, start_rows: bool = False
):
    """One row per member and month with a visit in [lo, hi]: (member, month, visit_days,
    first_day, last_day, spend_minor); with `days` False only (member, month, spend_minor), which
    spares the edge months' events a sort for their distinct days (the cohorts count members). The
    months of `whole` (rollup_span) come from the rollups (cloud/member_months.py); the days of
    [lo, hi] outside them are counted from their events, by the indexed day. With `start_rows`
    (without `days`) the month the range starts in, when it cuts only that month
    (`starts_from_rows`), comes from its rollup rows: its spend then holds the spend of
    cloud/cohort_table.py's `spend_before` too."""
    edges = [(lo, hi)]
    parts = []
    start = date.fromisoformat(lo)
    from_rows = start_rows and not days and starts_from_rows(start, whole)
    if from_rows:
        parts.append(_start_month(f, start))
    if whole is not None:
        edges = [
            (lo, (whole[0] - timedelta(days=1)).isoformat()),
            ((whole[1] + timedelta(days=1)).isoformat(), hi),
        ]
        edges = [(a, b) for a, b in edges[from_rows:] if a <= b]
        counts = (
            [
                MemberMonth.visit_days.label("visit_days"),
                MemberMonth.first_day.label("first_day"),
                MemberMonth.last_day.label("last_day"),
            ]
            if days
            else []
        )
        parts.append(
            select(
                MemberMonth.member_id.label("member"),
                MemberMonth.month.label("month"),
                *counts,
                MemberMonth.spend_minor.label("spend_minor"),
            ).where(
                rollup_scope(f),
                MemberMonth.month >= whole[0].isoformat()[:7],
                MemberMonth.month <= whole[1].isoformat()[:7],
            )
        )
    if edges:
        where = [live_visits(f.business_id), or_(*(and_(Event.day >= a, Event.day <= b) for a, b in edges))]
        if f.location_id is not None:
            where.append(Event.location_id == f.location_id)
        if f.program_id is not None:
            where.append(Event.program_id == f.program_id)
        month = month_of(Event.day)
        counted = (
            [
                func.count(Event.day.distinct()).label("visit_days"),
                func.min(Event.day).label("first_day"),
                func.max(Event.day).label("last_day"),
            ]
            if days
            else []
        )
        parts.append(
            select(
                MEMBER.label("member"),
                month.label("month"),
                *counted,
                SPEND_MINOR.label("spend_minor"),
            )
            .select_from(Event)
            .join(Card, and_(Card.business_id == Event.business_id, Card.id == Event.card_id))
            .where(*where)
            .group_by(MEMBER, month)
        )
    return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery("member_months_in_range")


def activity_query(f: Filters, lo: str, hi: str, whole: tuple[date, date] | None):
    """Per member with a visit in [lo, hi]: member, first_visit, last_visit, visit_days, spend_minor.
    Days of different months never coincide, so summing months' visit days counts distinct days."""
    m = months_in_range(f, lo, hi, whole)
    return select(
        m.c.member.label("member"),
        func.min(m.c.first_day).label("first_visit"),
        func.max(m.c.last_day).label("last_visit"),
        func.sum(m.c.visit_days).label("visit_days"),
        func.sum(m.c.spend_minor).label("spend_minor"),
    ).group_by(m.c.member)


def history_query(session: Session, f: Filters, as_of: date):
    """Per member with a visit up to `as_of`, over her whole history: member, first_visit,
    last_visit, visit_days, spend_minor. Her totals row is exactly that when no visit falls after
    `as_of` (an index probe); otherwise her months are summed as for any range."""
    if _visits_between(session, f, as_of + timedelta(days=1), LAST_DAY):
        lo, hi = FIRST_DAY.isoformat(), as_of.isoformat()
        return activity_query(f, lo, hi, rollup_span(session, f, lo, hi))
    return select(
        MemberTotal.member_id.label("member"),
        MemberTotal.first_day.label("first_visit"),
        MemberTotal.last_day.label("last_visit"),
        MemberTotal.visit_days.label("visit_days"),
        MemberTotal.spend_minor.label("spend_minor"),
    ).where(
        MemberTotal.business_id == f.business_id,
        MemberTotal.location_id == (f.location_id or EVERY),
        MemberTotal.program_id == (f.program_id or EVERY),
    )


def member_activity(session: Session, f: Filters, lo: str, hi: str) -> list[MemberActivity]:
    """One row per member with a visit in [lo, hi]."""
    q = activity_query(f, lo, hi, rollup_span(session, f, lo, hi)).subquery()
    rows = session.execute(select(q).order_by(q.c.member))
    per_unit = minor_per_unit(session, f.business_id)
    return [
        MemberActivity(
            m,
            date.fromisoformat(first),
            date.fromisoformat(last),
            int(n),
            in_units(s, per_unit),
            None if s is None else int(s),
        )
        for m, first, last, n, s in rows
    ]


def joined_in(f: Filters, lo: str, hi: str):
    """Members (not absorbed by a merge) who joined in [lo, hi]; with a program or location asked
    for, those with a card in that program / whose card was enrolled there."""
    where = [
        Customer.business_id == f.business_id,
        Customer.merged_into.is_(None),
        Customer.day >= lo,
        Customer.day <= hi,
    ]
    if f.program_id is not None or f.location_id is not None:
        # their own aliases: a query that already joins cards and events (the cohort cells) must
        # not correlate them
        own = aliased(Card)
        card = select(own.id).where(own.business_id == f.business_id, own.customer_id == Customer.id)
        if f.program_id is not None:
            card = card.where(own.program_id == f.program_id)
        if f.location_id is not None:
            enroll = aliased(Event)
            enrolled_here = select(enroll.id).where(
                enroll.business_id == f.business_id,
                enroll.card_id == own.id,
                enroll.kind == "enroll",
                enroll.location_id == f.location_id,
            )
            card = card.where(enrolled_here.exists())
        where.append(card.exists())
    return and_(*where)


def joins_per_day(session: Session, f: Filters, lo: str, hi: str) -> dict[date, int]:
    rows = session.execute(
        select(Customer.day, func.count()).where(joined_in(f, lo, hi)).group_by(Customer.day)
    )
    return {date.fromisoformat(d): int(n) for d, n in rows}


def members_by_id(session: Session, business_id: int, ids: list[str]) -> dict:
    """id -> (id, name, email, phone, marketing_consent) of these members: plain rows, not ORM
    objects (a campaign list has tens of thousands)."""
    out: dict = {}
    for i in range(0, len(ids), 1000):
        rows = session.execute(
            select(
                Customer.id, Customer.name, Customer.email, Customer.phone, Customer.marketing_consent
            ).where(Customer.business_id == business_id, Customer.id.in_(ids[i : i + 1000]))
        )
        out.update({row.id: row for row in rows})
    return out
