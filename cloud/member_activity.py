"""Per-member and per-month aggregates of a business's ledger, computed by the database.

The owner's analytics (RFM, cohorts, churn) need a handful of numbers per member: her last and
first visit day, how many days she visited, what she spent. Those are GROUP BYs over the events
joined to their card's member; Python only scores the aggregates (cloud/insights).

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
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from cloud.models import Card, Customer, Event, Offer
from loyalty_rules.reports import VISIT_KINDS

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
    for text in rows:
        value = json.loads(text).get("minor_per_unit")
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            seen[value] += 1
    return seen.most_common(1)[0][0] if seen else 100


def _in_units(spend_minor: int | None, per_unit: int) -> float | None:
    return None if spend_minor is None else int(spend_minor) / per_unit


def _visits(f: Filters, lo: str, hi: str):
    """Live visit events of the business in [lo, hi] (the shop's days), narrowed as asked."""
    where = [
        Event.business_id == f.business_id,
        Event.kind.in_(sorted(k.value for k in VISIT_KINDS)),
        Event.voided.is_(False),
        Event.day >= lo,
        Event.day <= hi,
    ]
    if f.location_id is not None:
        where.append(Event.location_id == f.location_id)
    if f.program_id is not None:
        where.append(Event.program_id == f.program_id)
    return and_(*where)


def _with_members(stmt):
    return stmt.join(Card, and_(Card.business_id == Event.business_id, Card.id == Event.card_id)).where(
        MEMBER.is_not(None)
    )


def member_activity(session: Session, f: Filters, lo: str, hi: str) -> list[MemberActivity]:
    """One row per member with a visit in [lo, hi]."""
    stmt = _with_members(
        select(
            MEMBER,
            func.min(Event.day),
            func.max(Event.day),
            func.count(Event.day.distinct()),
            SPEND_MINOR,
        ).select_from(Event)
    ).where(_visits(f, lo, hi))
    rows = session.execute(stmt.group_by(MEMBER).order_by(MEMBER))
    per_unit = minor_per_unit(session, f.business_id)
    return [
        MemberActivity(
            m,
            date.fromisoformat(first),
            date.fromisoformat(last),
            int(n),
            _in_units(s, per_unit),
            None if s is None else int(s),
        )
        for m, first, last, n, s in rows
    ]


def _joined(f: Filters, lo: str, hi: str):
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
        select(Customer.day, func.count()).where(_joined(f, lo, hi)).group_by(Customer.day)
    )
    return {date.fromisoformat(d): int(n) for d, n in rows}


def _month(column):
    return func.substr(column, 1, 7)


def cohort_sizes(session: Session, f: Filters, lo: str, hi: str) -> dict[str, int]:
    """Members per join month ("YYYY-MM")."""
    month = _month(Customer.day)
    rows = session.execute(select(month, func.count()).where(_joined(f, lo, hi)).group_by(month))
    return {m: int(n) for m, n in rows}


@dataclass(frozen=True)
class CohortCell:
    cohort: str  # join month, "YYYY-MM"
    month: str  # visit month
    active: int  # members of the cohort with a visit in that month
    spend: float | None


def cohort_cells(session: Session, f: Filters, lo: str, hi: str) -> list[CohortCell]:
    """Per join month × visit month: members active and their spend, for members joined in
    [lo, hi] and visits up to hi."""
    cohort, month = _month(Customer.day), _month(Event.day)
    stmt = (
        _with_members(select(cohort, month, func.count(MEMBER.distinct()), SPEND_MINOR).select_from(Event))
        .join(Customer, and_(Customer.business_id == Card.business_id, Customer.id == MEMBER))
        .where(_visits(f, lo, hi), _joined(f, lo, hi))
        .group_by(cohort, month)
    )
    per_unit = minor_per_unit(session, f.business_id)
    return [CohortCell(c, m, int(n), _in_units(s, per_unit)) for c, m, n, s in session.execute(stmt)]


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
