"""The owner's member analytics: acquisition, RFM segments (and their campaign list), cohorts.

The database aggregates per member and per month (cloud/member_activity.py, from the member-month
rollups); cloud/rfm_scores.py scores RFM quintiles over those sums in numpy (the shared rule's
numbers) and names the segments of at most 125 score cells by the shared rule. Every endpoint
takes the business of the caller, an optional location and program, and a range of the shop's
days.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from cloud.campaign_csv import csv_chunks
from cloud.cohort_table import cohort_table
from cloud.deps import Now, ReadDb, User
from cloud.insights import rfm
from cloud.insights.cohorts import months_between
from cloud.member_activity import Filters, joins_per_day, minor_per_unit
from cloud.rfm_scores import campaign_list, score_grid
from cloud.routes.analytics import End, Start, _day
from cloud.schemas import WireOut
from cloud.zones import shop_zone
from loyalty_rules.money import decimals_of
from loyalty_rules.reports import local_day

router = APIRouter(prefix="/api/v1/analytics", tags=["analytics"])

LocationId = Annotated[uuid.UUID | None, Query(description="only this location's events")]
ProgramId = Annotated[uuid.UUID | None, Query(description="only this offer's (program's) events")]


def filters(user, location_id: uuid.UUID | None, program_id: uuid.UUID | None) -> Filters:
    return Filters(
        user.business_id,
        str(location_id) if location_id else None,
        str(program_id) if program_id else None,
    )


def months_back(last: date, count: int) -> date:
    """The first day of the month `count - 1` months before `last`'s: `count` months to `last`."""
    month = last.replace(day=1)
    for _ in range(count - 1):
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def day_range(session, bid: int, start: str | None, end: str | None, when, days: int) -> tuple[date, date]:
    """The shop's days asked for; without a start, the `days` days ending at end (default: the
    shop's today)."""
    last = _day("end", end) if end is not None else local_day(when, shop_zone(session, bid))
    first = _day("start", start) if start is not None else last - timedelta(days=days - 1)
    return first, last


# --- acquisition ---------------------------------------------------------------------------------


class Period(Enum):
    DAY = "day"
    WEEK = "week"  # ISO weeks, Monday first; labelled by their Monday


class NewMembers(WireOut):
    period: str  # the day, or the week's Monday
    new_members: int


@router.get("/acquisition", response_model=list[NewMembers])
def acquisition(
    user: User,
    session: ReadDb,
    when: Now,
    start: Start = None,
    end: End = None,
    location_id: LocationId = None,
    program_id: ProgramId = None,
    by: Period = Period.DAY,
) -> list[NewMembers]:
    """New members per shop day or week (a member a merge absorbed is counted once, as her
    survivor). Days and weeks without a join are listed with 0, oldest first."""
    lo, hi = day_range(session, user.business_id, start, end, when, 30)
    per_day = joins_per_day(session, filters(user, location_id, program_id), lo.isoformat(), hi.isoformat())
    counts: dict[date, int] = {}
    day = lo
    while day <= hi:
        key = day if by is Period.DAY else day - timedelta(days=day.weekday())
        counts[key] = counts.get(key, 0) + per_day.get(day, 0)
        day += timedelta(days=1)
    return [NewMembers(period=k.isoformat(), new_members=n) for k, n in counts.items()]


# --- RFM -----------------------------------------------------------------------------------------


class SegmentCount(WireOut):
    segment: rfm.Segment
    members: int


class ScoreCount(WireOut):
    recency: int
    frequency: int
    monetary: int | None  # null while events carry no spend
    members: int


class RfmOut(WireOut):
    start: str
    end: str
    members: int  # members with at least one visit in the range
    segments: list[SegmentCount]
    scores: list[ScoreCount]


@router.get("/rfm", response_model=RfmOut)
def rfm_segments(
    user: User,
    session: ReadDb,
    when: Now,
    start: Start = None,
    end: End = None,
    location_id: LocationId = None,
    program_id: ProgramId = None,
) -> RfmOut:
    """Recency (days from the last visit to `end`), frequency (visit days) and monetary (spend)
    quintile scores 1-5 of the members who visited in the range (default: the last 365 days), and
    the named segments. Monetary is null until events carry a sale amount."""
    lo, hi = day_range(session, user.business_id, start, end, when, 365)
    cells = score_grid(session, filters(user, location_id, program_id), lo.isoformat(), hi.isoformat())
    spend = any(c.with_spend for c in cells)
    grid: dict[tuple[int, int, int | None], int] = {}
    segments = dict.fromkeys(rfm.Segment, 0)
    for c in cells:
        key = (c.recency, c.frequency, c.monetary if spend else None)
        grid[key] = grid.get(key, 0) + c.members
        segments[c.segment] += c.members
    return RfmOut(
        start=lo.isoformat(),
        end=hi.isoformat(),
        members=sum(c.members for c in cells),
        segments=[SegmentCount(segment=seg, members=n) for seg, n in segments.items()],
        scores=[
            ScoreCount(recency=r, frequency=f, monetary=m, members=n)
            for (r, f, m), n in sorted(grid.items(), key=lambda kv: (-kv[0][0], -kv[0][1], -(kv[0][2] or 0)))
        ],
    )


@router.get(
    "/rfm/members.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def rfm_members_csv(
    user: User,
    session: ReadDb,
    when: Now,
    segment: Annotated[rfm.Segment | None, Query(description="only this segment's members")] = None,
    start: Start = None,
    end: End = None,
    location_id: LocationId = None,
    program_id: ProgramId = None,
) -> StreamingResponse:
    """A campaign list: each scored member (of one segment if asked), best first, with her email and
    phone only when she consented to marketing."""
    lo, hi = day_range(session, user.business_id, start, end, when, 365)
    f = filters(user, location_id, program_id)
    listed = campaign_list(session, f, lo.isoformat(), hi.isoformat(), segment)
    per_unit = minor_per_unit(session, user.business_id)  # yen has no cents, the dinar 3 decimals

    name = f"rfm-{segment.value if segment else 'all'}-{hi.isoformat()}.csv"
    return StreamingResponse(
        csv_chunks(listed, per_unit),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# --- cohorts -------------------------------------------------------------------------------------


class CohortOut(WireOut):
    month: str  # the join month, YYYY-MM
    size: int
    active: list[int | None]  # per month since joining (0 = the join month); null = not yet
    retention: list[float | None]  # active / size
    spend: list[float | None]  # null while events carry no spend, and for months not yet


@router.get("/cohorts", response_model=list[CohortOut])
def cohorts(
    user: User,
    session: ReadDb,
    when: Now,
    start: Start = None,
    end: End = None,
    location_id: LocationId = None,
    program_id: ProgramId = None,
) -> list[CohortOut]:
    """Members who joined in the range (default: this month and the eleven before it, so every
    cohort is a whole join month) by join month × months since joining: how many visited in that
    month, the share of the cohort, and their spend."""
    lo, hi = day_range(session, user.business_id, start, end, when, 365)
    if start is None:
        lo = months_back(hi, 12)
    f = filters(user, location_id, program_id)
    sizes, cells = cohort_table(session, f, lo.isoformat(), hi.isoformat())
    last = hi.replace(day=1)
    decimals = decimals_of(minor_per_unit(session, user.business_id))  # 0 for yen, 3 for dinars

    def first_of(month: str) -> date:
        return date.fromisoformat(month + "-01")

    width = months_between(first_of(min(sizes)), last) + 1 if sizes else 0
    active: dict[tuple[str, int], int] = {}
    spend: dict[tuple[str, int], float] = {}
    for c in cells:
        k = months_between(first_of(c.cohort), first_of(c.month))
        if k < 0:  # a card's visits from before its member was created: not part of her cohort
            continue
        active[c.cohort, k] = c.active
        if c.spend is not None:
            spend[c.cohort, k] = round(c.spend, decimals)
    out = []
    for month in sorted(sizes):
        span = months_between(first_of(month), last) + 1
        acts = [active.get((month, k), 0) if k < span else None for k in range(width)]
        out.append(
            CohortOut(
                month=month,
                size=sizes[month],
                active=acts,
                retention=[None if a is None else round(a / sizes[month], 4) for a in acts],
                spend=[spend.get((month, k)) if k < span else None for k in range(width)],
            )
        )
    return out
