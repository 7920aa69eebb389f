"""The analytics' event-scan path from before the rollups (issue 17), kept as the test oracle: every
member and cohort figure read from `member_months` must equal what these GROUP BYs over the raw
events answered."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from cloud.cohort_table import CohortCell
from cloud.member_activity import Filters, MemberActivity, in_units, joined_in, minor_per_unit
from cloud.models import Card, Customer, Event
from loyalty_rules.reports import VISIT_KINDS

SPEND_MINOR = func.sum(Event.amount_minor)
MEMBER = Card.customer_id


def _visits(f: Filters, lo: str, hi: str):
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
    stmt = _with_members(
        select(
            MEMBER, func.min(Event.day), func.max(Event.day), func.count(Event.day.distinct()), SPEND_MINOR
        ).select_from(Event)
    ).where(_visits(f, lo, hi))
    per_unit = minor_per_unit(session, f.business_id)
    return [
        MemberActivity(
            m,
            date.fromisoformat(a),
            date.fromisoformat(b),
            int(n),
            in_units(s, per_unit),
            None if s is None else int(s),
        )
        for m, a, b, n, s in session.execute(stmt.group_by(MEMBER).order_by(MEMBER))
    ]


def cohort_cells(session: Session, f: Filters, lo: str, hi: str) -> list[CohortCell]:
    cohort, month = func.substr(Customer.day, 1, 7), func.substr(Event.day, 1, 7)
    stmt = (
        _with_members(select(cohort, month, func.count(MEMBER.distinct()), SPEND_MINOR).select_from(Event))
        .join(Customer, and_(Customer.business_id == Card.business_id, Customer.id == MEMBER))
        .where(_visits(f, lo, hi), joined_in(f, lo, hi))
        .group_by(cohort, month)
    )
    per_unit = minor_per_unit(session, f.business_id)
    return [CohortCell(c, m, int(n), in_units(s, per_unit)) for c, m, n, s in session.execute(stmt)]
