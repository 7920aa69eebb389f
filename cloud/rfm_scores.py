"""RFM quintile scores of a range's members, the same numbers as loyalty_rules.rfm.score.

The database sums each member's activity in the range (cloud/member_sums.py, from the member
quarter and month rollups); the scores are then vector math over those at most a few ten thousand rows
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

import numpy as np
from sqlalchemy import any_, func, select
from sqlalchemy.orm import Session

from cloud.column_lists import column_lists
from cloud.member_activity import Filters, members_by_id
from cloud.member_sums import MemberSums, member_sums
from cloud.models import Customer
from loyalty_rules.rfm import QUINTILES, Segment, segment


@dataclass(frozen=True)
class _Scored:
    """The range's members (in no particular order) with their activity and scores, as columns."""

    sums: MemberSums
    recency: np.ndarray
    frequency: np.ndarray
    monetary: np.ndarray


def _quintiles(values: np.ndarray) -> np.ndarray:
    """1 + ⌊5·(values strictly smaller)/n⌋ per value (the shared rule, higher is better)."""
    smaller = np.searchsorted(np.sort(values), values, side="left")
    return 1 + (QUINTILES * smaller) // len(values)


def _scored(session: Session, f: Filters, lo: str, hi: str) -> _Scored:
    s = member_sums(session, f, lo, hi)
    if not s.members:
        empty = np.zeros(0, dtype=np.int64)
        return _Scored(s, empty, empty, empty)
    # a member with no amount has spend 0 in the sums, as the route gave the rule
    return _Scored(s, _quintiles(s.last_visit), _quintiles(s.visit_days), _quintiles(s.spend_minor))


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
    if not s.sums.members:
        return []
    key = (s.recency * 10 + s.frequency) * 10 + s.monetary  # scores are 1-5: one digit each
    spent = s.sums.has_spend
    cells, counts = np.unique(key, return_counts=True)
    with_spend = np.bincount(np.searchsorted(cells, key), weights=spent, minlength=len(cells))
    return [
        ScoreCell(int(k) // 100, int(k) // 10 % 10, int(k) % 10, int(n), int(w))
        for k, n, w in zip(cells, counts, with_spend, strict=True)
    ]


@dataclass(frozen=True)
class _People:
    index: dict[str, int]  # member id -> position in the columns
    name: list[str | None]
    email: list[str | None]
    phone: list[str | None]
    consent: list[bool]


def _people(session: Session, business_id: int, ids: list[str]) -> _People:
    """The contact details of these members. On PostgreSQL one query with the ids as one text
    parameter (thousands of IN parameters, or an array's, cost more to send than the rows)."""
    if session.get_bind().dialect.name != "postgresql":
        rows = list(members_by_id(session, business_id, ids).values())
        found = tuple(list(c) for c in zip(*rows, strict=True)) if rows else ([], [], [], [], [])
    else:
        # a member id is a UUID's text: a comma never occurs in one
        wanted = func.string_to_array(",".join(ids), ",")
        cols = (Customer.id, Customer.name, Customer.email, Customer.phone, Customer.marketing_consent)
        where = (Customer.business_id == business_id, Customer.id == any_(wanted))
        found = column_lists(session, select(*cols).where(*where))
    return _People(dict(zip(found[0], range(len(found[0])), strict=True)), *found[1:])


@dataclass(frozen=True)
class CampaignList:
    """The scored members, best first, as one list per column: a list has tens of thousands of
    members, and an object each kept alive until the CSV is written set off Python's cycle
    collector over them a dozen times (measured: a third of the endpoint's time, and most of its
    spread)."""

    member: list[str]
    name: list[str | None]
    email: list[str | None]
    phone: list[str | None]
    marketing_consent: list[bool]
    last_visit: list[str]  # the day, ISO
    visit_days: list[int]
    spend_minor: list[int | None]  # None: none of her visits carries an amount
    recency: list[int]
    frequency: list[int]
    monetary: list[int]
    segment: list[Segment]
    any_spend: bool  # whether any member listed has a spend (the monetary column is blank if not)


_SEGMENTS = {(a, b): segment(a, b) for a in range(1, QUINTILES + 1) for b in range(1, QUINTILES + 1)}


def campaign_list(session: Session, f: Filters, lo: str, hi: str, only: Segment | None) -> CampaignList:
    """The scored members (of one segment if asked), best first, with their contact details."""
    s = _scored(session, f, lo, hi)
    members = s.sums.members
    picked = np.arange(len(members))
    if only is not None:
        pairs = [a * 10 + b for (a, b), named in _SEGMENTS.items() if named is only]
        picked = picked[np.isin(s.recency * 10 + s.frequency, pairs)]
    ids = np.array([members[i] for i in picked.tolist()], dtype=str)  # ties: by member id
    order = picked[np.lexsort((ids, -s.monetary[picked], -s.frequency[picked], -s.recency[picked]))]
    listed = [members[i] for i in order.tolist()]
    people = _people(session, f.business_id, listed)
    at = [people.index.get(m) for m in listed]  # None: no customer row (none, short of a bug)

    def contact(column: list) -> list:
        return [None if i is None else column[i] for i in at]

    last = s.sums.last_visit[order].tolist()
    iso = {n: f"{n // 10000:04d}-{n // 100 % 100:02d}-{n % 100:02d}" for n in set(last)}  # yyyymmdd
    has = s.sums.has_spend[order]
    recency, frequency = s.recency[order].tolist(), s.frequency[order].tolist()
    return CampaignList(
        member=listed,
        name=contact(people.name),
        email=contact(people.email),
        phone=contact(people.phone),
        marketing_consent=[i is not None and bool(people.consent[i]) for i in at],
        last_visit=[iso[n] for n in last],
        visit_days=s.sums.visit_days[order].tolist(),
        spend_minor=[
            v if h else None for v, h in zip(s.sums.spend_minor[order].tolist(), has.tolist(), strict=True)
        ],
        recency=recency,
        frequency=frequency,
        monetary=s.monetary[order].tolist(),
        segment=[_SEGMENTS[r, fr] for r, fr in zip(recency, frequency, strict=True)],
        any_spend=bool(has.any()),
    )
