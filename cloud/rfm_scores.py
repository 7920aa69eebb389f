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
from sqlalchemy import String, and_, any_, bindparam, func, select
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
    """1 + ⌊5·(values strictly smaller)/n⌋ per value (the shared rule, higher is better).

    Values within a span of a few times their count (days as yyyymmdd over a year, visit days)
    are counted, not sorted: how many fall on each value, summed up to the one before (measured
    at 40,000 members: under a millisecond instead of some 5). Amounts may spread over millions
    of minor units, so they are sorted and searched."""
    low = int(values.min())
    span = int(values.max()) - low + 1
    if span <= 4 * len(values):
        shifted = values - low
        counts = np.bincount(shifted, minlength=span)
        smaller = (np.cumsum(counts) - counts)[shifted]
    else:
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


def _contacts(session: Session, business_id: int, ids: list[str]) -> tuple[list, list, list, list]:
    """The name, email, phone and marketing consent of each of these members, in their order (None,
    None, None, False for an id with no customer row: none, short of a bug). On PostgreSQL one query
    with the ids as one text parameter, joined in their order (thousands of IN parameters, or an
    array's, cost more to send than the rows, and matching them up here cost some 7 ms for 10,000
    members)."""
    if session.get_bind().dialect.name != "postgresql":
        found = members_by_id(session, business_id, ids)
        rows = [found.get(i) for i in ids]
        return (
            [None if r is None else r.name for r in rows],
            [None if r is None else r.email for r in rows],
            [None if r is None else r.phone for r in rows],
            [r is not None and bool(r.marketing_consent) for r in rows],
        )
    # a member id is a UUID's text: a comma never occurs in one
    ids_text = bindparam("ids", ",".join(ids), type_=String)
    wanted = func.unnest(func.string_to_array(ids_text, ","))
    wanted = wanted.table_valued("id", with_ordinality="n").render_derived(name="wanted")
    cols = (Customer.name, Customer.email, Customer.phone, func.coalesce(Customer.marketing_consent, False))
    # the ids' array besides the join: PostgreSQL then scans the customers once through a hash of
    # the ids instead of hashing every customer of the business (measured: 12 ms instead of 18-27)
    on = and_(
        Customer.business_id == business_id,
        Customer.id == wanted.c.id,
        Customer.id == any_(func.string_to_array(ids_text, ",")),
    )
    in_order = select(*cols).select_from(wanted).outerjoin(Customer, on).order_by(wanted.c.n)
    return column_lists(session, in_order)


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
    name, email, phone, consent = _contacts(session, f.business_id, listed)
    last = s.sums.last_visit[order].tolist()
    iso = {n: f"{n // 10000:04d}-{n // 100 % 100:02d}-{n % 100:02d}" for n in set(last)}  # yyyymmdd
    has = s.sums.has_spend[order]
    recency, frequency = s.recency[order].tolist(), s.frequency[order].tolist()
    return CampaignList(
        member=listed,
        name=name,
        email=email,
        phone=phone,
        marketing_consent=consent,
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
