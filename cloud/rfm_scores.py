"""RFM quintile scores computed by the database, the same numbers as loyalty_rules.rfm.score.

The shared rule gives a member 1 + ⌊5·(members strictly worse)/n⌋. For visits and spend (higher
is better) the members strictly worse are those with a strictly smaller value; for recency (fewer
days since the last visit is better) those whose last visit is strictly earlier. The database
counts them per distinct value (a running sum over a GROUP BY) and joins the counts back.
Integer division of non-negative integers truncates: ⌊⌋ on SQLite and
PostgreSQL alike. Spend is ranked in minor units (what the rule ranks in currency units orders
the same) and a member with no amount counts 0, as the route gave the rule.

The named segment stays the shared rule (loyalty_rules.rfm.segment) applied in Python to at most
25 (recency, frequency) pairs, never once per member and never written a second time in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import BigInteger, cast, func, literal, select, tuple_
from sqlalchemy.orm import Session

from cloud.member_activity import Filters, activity_query, rollup_span
from cloud.models import Customer
from loyalty_rules.rfm import QUINTILES, Segment, segment


def _below(activity, value, name: str):
    """Per distinct value of a column: how many members have a strictly smaller one (the sum of
    the counts of the smaller values). Ranking the few hundred distinct values (days, visit counts)
    is what a rank() over every member cost, without sorting the members three times."""
    column = value.label("value")
    per_value = func.count()
    smaller = func.sum(per_value).over(order_by=column) - per_value
    return (
        select(column, cast(smaller, BigInteger).label("smaller"))
        .select_from(activity)
        .group_by(column)
        .cte(name)
    )


def scored_query(session: Session, f: Filters, lo: str, hi: str):
    """Each member with a visit in [lo, hi], her activity and her three scores."""
    a = activity_query(f, lo, hi, rollup_span(session, f, lo, hi)).cte("activity")
    n = select(func.count().label("n")).select_from(a).cte("scored_members")
    spend = func.coalesce(a.c.spend_minor, 0)
    by_last, by_days, by_spend = (
        _below(a, a.c.last_visit, "by_last_visit"),
        _below(a, a.c.visit_days, "by_visit_days"),
        _below(a, spend, "by_spend"),
    )
    return (
        select(
            a,
            (1 + (QUINTILES * by_last.c.smaller) // n.c.n).label("recency"),
            (1 + (QUINTILES * by_days.c.smaller) // n.c.n).label("frequency"),
            (1 + (QUINTILES * by_spend.c.smaller) // n.c.n).label("monetary"),
        )
        .select_from(a)
        .join(by_last, by_last.c.value == a.c.last_visit)
        .join(by_days, by_days.c.value == a.c.visit_days)
        .join(by_spend, by_spend.c.value == spend)
        .join(n, literal(True))
        .subquery("scored")
    )


@dataclass(frozen=True)
class ScoreCell:
    recency: int
    frequency: int
    monetary: int
    members: int
    with_spend: int  # of them, members whose events carry an amount

    @property
    def segment(self) -> Segment:
        return segment(self.recency, self.frequency)


def score_grid(session: Session, f: Filters, lo: str, hi: str) -> list[ScoreCell]:
    """Members per (recency, frequency, monetary) score: at most 125 rows, whatever the shop."""
    s = scored_query(session, f, lo, hi)
    rows = session.execute(
        select(s.c.recency, s.c.frequency, s.c.monetary, func.count(), func.count(s.c.spend_minor)).group_by(
            s.c.recency, s.c.frequency, s.c.monetary
        )
    )
    return [ScoreCell(int(r), int(fr), int(m), int(n), int(w)) for r, fr, m, n, w in rows]


@dataclass(frozen=True)
class ScoredMember:
    member: str
    name: str | None
    email: str | None
    phone: str | None
    marketing_consent: bool
    last_visit: date
    visit_days: int
    spend_minor: int | None
    recency: int
    frequency: int
    monetary: int

    @property
    def segment(self) -> Segment:
        return segment(self.recency, self.frequency)


def campaign_list(
    session: Session, f: Filters, lo: str, hi: str, only: Segment | None
) -> tuple[list[ScoredMember], bool]:
    """The scored members (of one segment if asked), best first, with their contact details; and
    whether any member of the whole range has a spend (the monetary column is blank otherwise)."""
    s = scored_query(session, f, lo, hi)
    anyone_spent = func.count(s.c.spend_minor).over()
    stmt = (
        select(
            s.c.member,
            Customer.name,
            Customer.email,
            Customer.phone,
            Customer.marketing_consent,
            s.c.last_visit,
            s.c.visit_days,
            s.c.spend_minor,
            s.c.recency,
            s.c.frequency,
            s.c.monetary,
            anyone_spent,
        )
        .select_from(s)
        .outerjoin(Customer, (Customer.business_id == f.business_id) & (Customer.id == s.c.member))
    )
    if only is not None:
        pairs = [(r, fr) for r in range(1, 6) for fr in range(1, 6) if segment(r, fr) is only]
        stmt = stmt.where(tuple_(s.c.recency, s.c.frequency).in_(pairs))
    stmt = stmt.order_by(s.c.recency.desc(), s.c.frequency.desc(), s.c.monetary.desc(), s.c.member)
    out, spent = [], False
    for row in session.execute(stmt):
        spent = spent or row[-1] > 0
        out.append(
            ScoredMember(
                row.member,
                row.name,
                row.email,
                row.phone,
                bool(row.marketing_consent),
                date.fromisoformat(row.last_visit),
                int(row.visit_days),
                None if row.spend_minor is None else int(row.spend_minor),
                int(row.recency),
                int(row.frequency),
                int(row.monetary),
            )
        )
    if only is not None and not out:
        return out, False  # no row to write a monetary score in
    return out, spent
