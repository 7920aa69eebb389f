"""Analytics computed by the database (GROUP BY), never by loading events into Python."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from cloud.deps import Now, ReadDb, User
from cloud.models import Conflict, Customer, DayCell, Location, Offer
from cloud.problems import ApiProblem
from cloud.schemas import DAY_PATTERN, FIRST_DAY, LAST_DAY
from cloud.schemas_admin import AnalyticsSummary, DayStats, GroupStats, PointsStats
from cloud.zones import shop_zone
from loyalty_rules.model import ProgramKind
from loyalty_rules.reports import local_day

router = APIRouter(prefix="/api/v1/analytics", tags=["analytics"])


# Strings with the ISO pattern, not `date`: pydantic would also take "0" or a number as a date
# (a Unix time) and days far from now overflow date arithmetic; the schema says exactly what works.
_DAY = {"format": "date", "pattern": DAY_PATTERN}
Start = Annotated[
    str,
    Query(
        description=f"first day (the shop's, {FIRST_DAY} to {LAST_DAY}), default 29 days before end",
        json_schema_extra=_DAY,
    ),
]
End = Annotated[
    str,
    Query(
        description=f"last day (the shop's, {FIRST_DAY} to {LAST_DAY}), default the shop's today",
        json_schema_extra=_DAY,
    ),
]


def _day(name: str, text: str) -> date:
    try:
        day = date.fromisoformat(text) if re.fullmatch(DAY_PATTERN, text) else None
    except ValueError:
        day = None
    if day is None:
        raise ApiProblem(
            422, "validation-error", f"{name} must be a day from {FIRST_DAY} to {LAST_DAY} (YYYY-MM-DD)."
        )
    return day


def _range(session, bid: int, start: str | None, end: str | None, when) -> tuple[str, str]:
    """The days asked for, in the shop's time zone; start after end is an empty range (no days),
    not an error."""
    last = _day("end", end) if end is not None else local_day(when, shop_zone(session, bid))
    first = _day("start", start) if start is not None else last - timedelta(days=29)
    return first.isoformat(), last.isoformat()


def _rate(redemptions: int, visits: int) -> float:
    return round(redemptions / visits, 4) if visits else 0.0


# The shared report rules (loyalty_rules.reports) say which kinds count as what, here as in the
# kiosk's reports, and that a void counts on its own day as the negative of the event it cancels:
# a day already read (a stamp at 23:58) keeps its figures when the stamp is undone after midnight.
# The day cells (cloud/day_cells.py) hold those figures per day, location and offer, kept with the
# ledger: a range reads a few rows per day instead of every event.


@dataclass(frozen=True)
class Cell:
    """The figures of one day, offer and location, net of undos."""

    day: str
    program_id: str | None
    location_id: str | None
    visits: int
    stamps: int  # units earned (points, on a points offer)
    redemptions: int
    redeemed_units: int  # units given for rewards (points spent, on a points offer)
    spend_minor: int  # the sales its earns carry
    earns: int  # earn events (a points offer's: its sales)


def cells(
    session, bid: int, lo: str, hi: str, location: str | None = None, program: str | None = None
) -> list[Cell]:
    """The range's figures per day × offer × location (of one location and one offer, if given):
    its day cells, a few hundred rows (30 days of a shop with 5 offers at 3 locations) that every
    view sums."""
    where = [DayCell.business_id == bid, DayCell.day >= lo, DayCell.day <= hi]
    if location is not None:
        where.append(DayCell.location_id == location)
    if program is not None:
        where.append(DayCell.program_id == program)
    rows = session.execute(
        select(
            DayCell.day,
            DayCell.program_id,
            DayCell.location_id,
            DayCell.visits,
            DayCell.stamps,
            DayCell.redemptions,
            DayCell.redeemed_units,
            DayCell.spend_minor,
            DayCell.earns,
        ).where(*where)
    )
    return [
        Cell(d, p or None, loc or None, int(v), int(s), int(r), int(ru), int(sp), int(e))
        for d, p, loc, v, s, r, ru, sp, e in rows
    ]


def _sum(parts: list[Cell]) -> tuple[int, int, int]:
    return (sum(x.visits for x in parts), sum(x.stamps for x in parts), sum(x.redemptions for x in parts))


def daily(session, bid: int, lo: str, hi: str, counted: list[Cell] | None = None) -> list[DayStats]:
    counted = cells(session, bid, lo, hi) if counted is None else counted
    new = dict(
        session.execute(
            select(Customer.day, func.count())
            # a member absorbed by a merge was the same person: she is counted once, as her survivor
            .where(
                Customer.business_id == bid,
                Customer.day >= lo,
                Customer.day <= hi,
                Customer.merged_into.is_(None),
            )
            .group_by(Customer.day)
        ).all()
    )
    by_day: dict[str, list[Cell]] = {}
    for x in counted:
        by_day.setdefault(x.day, []).append(x)
    out = []
    for day in sorted(set(by_day) | set(new)):
        v, s, r = _sum(by_day.get(day, []))
        out.append(
            DayStats(
                day=day,
                new_customers=int(new.get(day, 0)),
                visits=v,
                stamps=s,
                redemptions=r,
                redemption_rate=_rate(r, v),
            )
        )
    return out


class By(Enum):
    OFFER = "program_id"
    LOCATION = "location_id"


def _grouped(
    session, bid: int, lo: str, hi: str, by: By, limit: int | None = None, counted: list[Cell] | None = None
) -> list[GroupStats]:
    """Per offer or per location, the busiest first (ties by id), with its name."""
    counted = cells(session, bid, lo, hi) if counted is None else counted
    model = Offer if by is By.OFFER else Location
    groups: dict[str | None, list[Cell]] = {}
    for x in counted:
        groups.setdefault(getattr(x, by.value), []).append(x)
    ids = [i for i in groups if i is not None]
    names = dict(
        session.execute(select(model.id, model.name).where(model.business_id == bid, model.id.in_(ids))).all()
        if ids
        else []
    )
    stats = []
    for i, parts in groups.items():
        v, s, r = _sum(parts)
        stats.append(
            GroupStats(
                id=i, name=names.get(i), visits=v, stamps=s, redemptions=r, redemption_rate=_rate(r, v)
            )
        )
    stats.sort(key=lambda g: (-g.visits, g.id is None, str(g.id or "")))
    return stats[:limit] if limit else stats


def _points(session, bid: int, counted: list[Cell]) -> PointsStats:
    """The points offers' cells: their units are points, and their earns carry the sale."""
    ids = {x.program_id for x in counted if x.program_id is not None}
    points = (
        set(
            session.scalars(
                select(Offer.id).where(
                    Offer.business_id == bid, Offer.id.in_(ids), Offer.kind == ProgramKind.POINTS.value
                )
            )
        )
        if ids
        else set()
    )
    mine = [x for x in counted if x.program_id in points]
    return PointsStats(
        issued=sum(x.stamps for x in mine),
        redeemed=sum(x.redeemed_units for x in mine),
        spend_minor=sum(x.spend_minor for x in mine),
    )


@router.get("", response_model=AnalyticsSummary)
def summary(user: User, session: ReadDb, when: Now, start: Start = None, end: End = None) -> AnalyticsSummary:
    """Per day, per offer and per location; the most popular offers; open conflicts.

    visits = earn events, stamps = units of earns and referrals, redemptions = redeem events, each
    less those undone; an undo counts on its own day (a stamp at 23:58 undone at 00:01 stays in
    the first day and is taken back in the second), redemption_rate = redemptions / visits.
    Days are the shop's local dates of occurred_at (its time zone: PATCH /businesses/me).
    """
    bid = user.business_id
    lo, hi = _range(session, bid, start, end, when)
    counted = cells(session, bid, lo, hi)
    open_conflicts = session.scalar(
        select(func.count())
        .select_from(Conflict)
        .where(Conflict.business_id == bid, Conflict.resolved.is_(False))
    )
    offers = _grouped(session, bid, lo, hi, By.OFFER, counted=counted)
    return AnalyticsSummary(
        days=daily(session, bid, lo, hi, counted),
        offers=offers,
        locations=_grouped(session, bid, lo, hi, By.LOCATION, counted=counted),
        popular_offers=offers[:5],
        open_conflicts=int(open_conflicts or 0),
        points=_points(session, bid, counted),
    )


@router.get("/daily", response_model=list[DayStats])
def per_day(user: User, session: ReadDb, when: Now, start: Start = None, end: End = None) -> list[DayStats]:
    lo, hi = _range(session, user.business_id, start, end, when)
    return daily(session, user.business_id, lo, hi)


@router.get("/offers", response_model=list[GroupStats])
def per_offer(
    user: User, session: ReadDb, when: Now, start: Start = None, end: End = None
) -> list[GroupStats]:
    lo, hi = _range(session, user.business_id, start, end, when)
    return _grouped(session, user.business_id, lo, hi, By.OFFER)


@router.get("/locations", response_model=list[GroupStats])
def per_location(
    user: User, session: ReadDb, when: Now, start: Start = None, end: End = None
) -> list[GroupStats]:
    lo, hi = _range(session, user.business_id, start, end, when)
    return _grouped(session, user.business_id, lo, hi, By.LOCATION)


@router.get("/popular-offers", response_model=list[GroupStats])
def popular_offers(
    user: User,
    session: ReadDb,
    when: Now,
    start: Start = None,
    end: End = None,
    limit: int = Query(default=5, ge=1, le=100),
) -> list[GroupStats]:
    lo, hi = _range(session, user.business_id, start, end, when)
    return _grouped(session, user.business_id, lo, hi, By.OFFER, limit=limit)
