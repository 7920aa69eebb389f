"""Analytics computed by the database (GROUP BY), never by loading events into Python."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from cloud.deps import Now, ReadDb, User
from cloud.models import Conflict, Customer, Event, Location, Offer
from cloud.problems import ApiProblem
from cloud.schemas import DAY_PATTERN, FIRST_DAY, LAST_DAY
from cloud.schemas_admin import AnalyticsSummary, DayStats, GroupStats, PointsStats
from cloud.zones import shop_zone
from loyalty_rules.model import EventKind, ProgramKind
from loyalty_rules.reports import REWARD_KINDS, STAMP_KINDS, VISIT_KINDS, local_day

router = APIRouter(prefix="/api/v1/analytics", tags=["analytics"])


def _kinds(kinds: frozenset[EventKind]) -> list[str]:
    return sorted(k.value for k in kinds)


# The shared report rules (loyalty_rules.reports) say which kinds count as what, here as in the
# kiosk's reports, and that a void counts on its own day as the negative of the event it cancels:
# a day already read (a stamp at 23:58) keeps its figures when the stamp is undone after midnight.
_Target = aliased(Event)
_IS_VOID = Event.kind == EventKind.VOID.value
_KIND = case((_IS_VOID, _Target.kind), else_=Event.kind)  # what the row counts as
_SIGN = case((_IS_VOID, -1), else_=1)
_VISITS = func.sum(case((_KIND.in_(_kinds(VISIT_KINDS)), _SIGN), else_=0))
_STAMPS = func.sum(case((_KIND.in_(_kinds(STAMP_KINDS)), Event.units), else_=0))  # a void's are negative
_REDEMPTIONS = func.sum(case((_KIND.in_(_kinds(REWARD_KINDS)), _SIGN), else_=0))


# points offers only: their units are points, and their earns carry the sale (a void its target's)
_POINTS_ISSUED = func.sum(case((_KIND.in_(_kinds(STAMP_KINDS)), Event.units), else_=0))
_POINTS_REDEEMED = func.sum(case((_KIND.in_(_kinds(REWARD_KINDS)), -Event.units), else_=0))
_SPEND = func.sum(
    case(
        (_IS_VOID & (_Target.kind == EventKind.EARN.value), -_Target.amount_minor),
        (Event.kind == EventKind.EARN.value, Event.amount_minor),
        else_=0,
    )
)


def _with_targets(stmt):
    """Each void row joined to the event it names (the target's kind says what it takes back)."""
    return stmt.outerjoin(
        _Target, and_(_Target.business_id == Event.business_id, _Target.id == Event.ref_event_id)
    )


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


def _counted(bid: int, lo: str, hi: str):
    return and_(
        Event.business_id == bid,
        Event.day >= lo,
        Event.day <= hi,
    )


def _rate(redemptions: int, visits: int) -> float:
    return round(redemptions / visits, 4) if visits else 0.0


def daily(session, bid: int, lo: str, hi: str) -> list[DayStats]:
    stats = session.execute(
        _with_targets(select(Event.day, _VISITS, _STAMPS, _REDEMPTIONS).select_from(Event))
        .where(_counted(bid, lo, hi))
        .group_by(Event.day)
    ).all()
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
    by_day = {d: (int(v or 0), int(s or 0), int(r or 0)) for d, v, s, r in stats}
    out = []
    for day in sorted(set(by_day) | set(new)):
        v, s, r = by_day.get(day, (0, 0, 0))
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


def _grouped(
    session, bid: int, lo: str, hi: str, column, model, limit: int | None = None
) -> list[GroupStats]:
    stmt = (
        _with_targets(
            select(column, model.name, _VISITS.label("visits"), _STAMPS, _REDEMPTIONS).select_from(Event)
        )
        .outerjoin(model, and_(model.id == column, model.business_id == bid))
        .where(_counted(bid, lo, hi))
        .group_by(column, model.name)
        .order_by(_VISITS.desc(), column)
    )
    if limit:
        stmt = stmt.limit(limit)
    return [
        GroupStats(
            id=i,
            name=n,
            visits=int(v or 0),
            stamps=int(s or 0),
            redemptions=int(r or 0),
            redemption_rate=_rate(int(r or 0), int(v or 0)),
        )
        for i, n, v, s, r in session.execute(stmt)
    ]


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
    open_conflicts = session.scalar(
        select(func.count())
        .select_from(Conflict)
        .where(Conflict.business_id == bid, Conflict.resolved.is_(False))
    )
    return AnalyticsSummary(
        days=daily(session, bid, lo, hi),
        offers=_grouped(session, bid, lo, hi, Event.program_id, Offer),
        locations=_grouped(session, bid, lo, hi, Event.location_id, Location),
        popular_offers=_grouped(session, bid, lo, hi, Event.program_id, Offer, limit=5),
        open_conflicts=int(open_conflicts or 0),
        points=_points(session, bid, lo, hi),
    )


def _points(session, bid: int, lo: str, hi: str) -> PointsStats:
    stmt = (
        _with_targets(select(_POINTS_ISSUED, _POINTS_REDEEMED, _SPEND).select_from(Event))
        .join(Offer, and_(Offer.business_id == Event.business_id, Offer.id == Event.program_id))
        .where(_counted(bid, lo, hi), Offer.kind == ProgramKind.POINTS.value)
    )
    issued, redeemed, spend = session.execute(stmt).one()
    return PointsStats(issued=int(issued or 0), redeemed=int(redeemed or 0), spend_minor=int(spend or 0))


@router.get("/daily", response_model=list[DayStats])
def per_day(user: User, session: ReadDb, when: Now, start: Start = None, end: End = None) -> list[DayStats]:
    lo, hi = _range(session, user.business_id, start, end, when)
    return daily(session, user.business_id, lo, hi)


@router.get("/offers", response_model=list[GroupStats])
def per_offer(
    user: User, session: ReadDb, when: Now, start: Start = None, end: End = None
) -> list[GroupStats]:
    lo, hi = _range(session, user.business_id, start, end, when)
    return _grouped(session, user.business_id, lo, hi, Event.program_id, Offer)


@router.get("/locations", response_model=list[GroupStats])
def per_location(
    user: User, session: ReadDb, when: Now, start: Start = None, end: End = None
) -> list[GroupStats]:
    lo, hi = _range(session, user.business_id, start, end, when)
    return _grouped(session, user.business_id, lo, hi, Event.location_id, Location)


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
    return _grouped(session, user.business_id, lo, hi, Event.program_id, Offer, limit=limit)
