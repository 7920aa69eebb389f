"""RFM quintile scores of a range's members, the same numbers as loyalty_rules.rfm.score.

The database sums each member's activity in the range (cloud/member_activity.py, from the
member-month rollups); the scores are then vector math over those at most a few ten thousand rows
in numpy. Ranking them in SQL (a running count per distinct value joined back to every member,
three times over) cost the database more than summing the rollups did; here it is three sorts.

The shared rule gives a member 1 + ⌊5·(members strictly worse)/n⌋. For visits and spend (higher
is better) the members strictly worse are those with a strictly smaller value; for recency (fewer
days since the last visit is better) those whose last visit is strictly earlier (a day's yyyymmdd
number). Spend is ranked in minor units (what the rule ranks in currency units orders the same) and
a member with no amount counts 0, as the route gave the rule.

The named segment stays the shared rule (loyalty_rules.rfm.segment) applied in Python to at most
25 (recency, frequency) pairs, never once per member and never written a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import numpy as np
from sqlalchemy import Integer, any_, cast, func, literal, select
from sqlalchemy.orm import Session

from cloud.member_activity import Filters, activity_query, members_by_id, rollup_span, room_to_group
from cloud.models import Customer
from loyalty_rules.rfm import QUINTILES, Segment, segment


@dataclass(frozen=True)
class _Scored:
    """The range's members (in no particular order) with their activity and scores, as columns."""

    members: list[str]
    last_visit: list[int]  # yyyymmdd
    visit_days: list[int]
    spend_minor: list[int | None]
    recency: np.ndarray
    frequency: np.ndarray
    monetary: np.ndarray


def _columns(session: Session, f: Filters, lo: str, hi: str, who: bool) -> tuple[list, list, list, list]:
    """member (when `who`; else empty), last_visit, visit_days, spend_minor of each member with a
    visit in [lo, hi].

    PostgreSQL hands them over as arrays: one row to decode instead of ten thousands of tuples
    (array_agg's aggregates of one query see the rows in the same order)."""
    room_to_group(session)
    a = activity_query(f, lo, hi, rollup_span(session, f, lo, hi)).subquery("activity")
    # the last visit as the number yyyymmdd: ints sort and decode faster than texts, in the same order
    last = cast(func.replace(a.c.last_visit, "-", ""), Integer)
    cols = (a.c.member if who else literal(""), last, a.c.visit_days, a.c.spend_minor)
    if session.get_bind().dialect.name == "postgresql":
        row = session.execute(select(*(func.array_agg(c) for c in cols))).one()
        if row[0] is None:  # no member: array_agg of no rows is NULL
            return [], [], [], []
        return row[0], row[1], row[2], row[3]
    rows = session.execute(select(*cols)).all()
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows]


def _int_array(values: list[int]) -> np.ndarray:
    """Exact integers: int64 while they fit (always, short of sums past 2**63), else Python ints."""
    try:
        return np.array(values, dtype=np.int64)
    except OverflowError:
        return np.array(values, dtype=object)


def _quintiles(values: np.ndarray) -> np.ndarray:
    """1 + ⌊5·(values strictly smaller)/n⌋ per value (the shared rule, higher is better)."""
    smaller = np.searchsorted(np.sort(values), values, side="left")
    return 1 + (QUINTILES * smaller) // len(values)


def _scored(session: Session, f: Filters, lo: str, hi: str, who: bool = False) -> _Scored:
    members, last, days, spend = _columns(session, f, lo, hi, who)  # yyyymmdd, ints
    spend = [None if s is None else int(s) for s in spend]  # PostgreSQL's sum is a Decimal
    if not days:
        empty = np.zeros(0, dtype=np.int64)
        return _Scored([], [], [], [], empty, empty, empty)
    return _Scored(
        members,
        last,
        days,
        spend,
        _quintiles(np.array(last, dtype=np.int64)),
        _quintiles(np.array(days, dtype=np.int64)),
        _quintiles(_int_array([0 if s is None else s for s in spend])),
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
    s = _scored(session, f, lo, hi)
    if not s.visit_days:
        return []
    key = (s.recency * 10 + s.frequency) * 10 + s.monetary  # scores are 1-5: one digit each
    spent = np.array([v is not None for v in s.spend_minor])
    cells, counts = np.unique(key, return_counts=True)
    with_spend = np.bincount(np.searchsorted(cells, key), weights=spent, minlength=len(cells))
    return [
        ScoreCell(int(k) // 100, int(k) // 10 % 10, int(k) % 10, int(n), int(w))
        for k, n, w in zip(cells, counts, with_spend, strict=True)
    ]


def _people(session: Session, business_id: int, ids: list[str]) -> dict:
    """id -> (id, name, email, phone, marketing_consent): on PostgreSQL one query with the ids as
    one text parameter (thousands of IN parameters, or an array's, cost more to send than the rows)."""
    if session.get_bind().dialect.name != "postgresql":
        return members_by_id(session, business_id, ids)
    # a member id is a UUID's text: a comma never occurs in one
    wanted = func.string_to_array(",".join(ids), ",")
    cols = (Customer.id, Customer.name, Customer.email, Customer.phone, Customer.marketing_consent)
    arrays = session.execute(
        select(*(func.array_agg(c) for c in cols)).where(
            Customer.business_id == business_id, Customer.id == any_(wanted)
        )
    ).one()
    if arrays[0] is None:
        return {}
    return {row[0]: _Person(*row) for row in zip(*arrays, strict=True)}


class _Person(NamedTuple):
    id: str
    name: str | None
    email: str | None
    phone: str | None
    marketing_consent: bool


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
    whether any member listed has a spend (the monetary column is blank otherwise)."""
    s = _scored(session, f, lo, hi, who=True)
    r, fr, m = s.recency.tolist(), s.frequency.tolist(), s.monetary.tolist()
    picked = np.arange(len(s.members))
    if only is not None:
        pairs = [a * 10 + b for a in range(1, 6) for b in range(1, 6) if segment(a, b) is only]
        picked = picked[np.isin(s.recency * 10 + s.frequency, pairs)]
    ids = np.array([s.members[i] for i in picked.tolist()], dtype=str)  # ties: by member id
    order = picked[np.lexsort((ids, -s.monetary[picked], -s.frequency[picked], -s.recency[picked]))].tolist()
    people = _people(session, f.business_id, [s.members[i] for i in order])
    out = []
    for i in order:
        p = people.get(s.members[i])
        out.append(
            ScoredMember(
                s.members[i],
                p.name if p else None,
                p.email if p else None,
                p.phone if p else None,
                bool(p.marketing_consent) if p else False,
                date(s.last_visit[i] // 10000, s.last_visit[i] // 100 % 100, s.last_visit[i] % 100),
                s.visit_days[i],
                s.spend_minor[i],
                r[i],
                fr[i],
                m[i],
            )
        )
    return out, any(x.spend_minor is not None for x in out)
