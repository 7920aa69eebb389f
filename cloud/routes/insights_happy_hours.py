"""Happy-hour uplift (issue 17): per happy hour, what it gave and whether visits rose while it ran.

Definitions (also the endpoint's description):
- boosted_earns: live (not voided) earns in the range that name the happy hour; extra_units: what
  they granted beyond the earn without the boost, by the shared rule the push checks them with
  (loyalty_rules.happy_hours.unboosted).
- A window occurrence is one of its weekly windows on a shop day of the range (wall clock, the
  shop's zone), up to now. It is *running* when the happy hour existed and had not ended at the
  occurrence's start; the same weekday and clock hours before it was created or after it ended are
  the *baseline*: the shop's own visits at the same times without it.
- visits: live visit events of the offers it boosts (of `program_id` only, if given; at
  `location_id` only, if given) inside the occurrences; per hour = visits / the occurrences' hours.
- uplift = (visits per running hour) / (visits per baseline hour) - 1; null when either side has no
  hours or the baseline no visits. The counts come with it so an owner can judge how much to trust
  it: a week of running against a week of baseline says little.

The database counts visits per offer and UTC minute (only on days a window touches, and only at
the UTC clock times some occurrence covers, or boosted); Python places each minute in its
occurrence by bisection. Events are never loaded one by one.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from fastapi import APIRouter
from sqlalchemy import and_, case, func, or_, select

from cloud.deps import Now, ReadDb, User
from cloud.happy_hours import rule_of
from cloud.models import Event
from cloud.models import HappyHour as HappyHourRow
from cloud.routes.analytics import End, Start
from cloud.routes.insights import LocationId, ProgramId
from cloud.routes.insights_scope import check_location, checked_days, owned_offer
from cloud.schemas import WireOut
from cloud.zones import shop_zone
from loyalty_rules.happy_hours import Boost, HappyHour, unboosted
from loyalty_rules.reports import VISIT_KINDS

router = APIRouter(prefix="/api/v1/analytics", tags=["analytics"])

_MINUTE = "%Y-%m-%d %H:%M"  # the key both databases group visits by (UTC, as stored)


class HappyHourUplift(WireOut):
    happy_hour_id: str
    name: str
    boost: Boost
    amount: int
    active: bool
    boosted_earns: int
    extra_units: int
    running_hours: float  # hours of its window occurrences in the range while it ran
    running_visits: int
    baseline_hours: float  # hours of the same windows in the range while it did not exist
    baseline_visits: int
    visits_per_running_hour: float | None
    visits_per_baseline_hour: float | None
    uplift: float | None  # visits_per_running_hour / visits_per_baseline_hour - 1


class HappyHoursOut(WireOut):
    start: str
    end: str
    happy_hours: list[HappyHourUplift]


@dataclass(frozen=True)
class Occurrence:
    starts: str  # UTC minute keys (_MINUTE): start inclusive, end exclusive
    ends: str
    hours: float
    running: bool
    days: tuple[str, ...]  # the shop days its visits fall on: its start's, and the next past midnight


def occurrences(hour: HappyHour, row: HappyHourRow, lo: date, hi: date, zone: tzinfo, now: datetime):
    """Its windows on the shop days lo..hi that have begun by `now` (cut at now), sorted."""
    out = []
    day, last = lo, min(hi, now.astimezone(zone).date())  # days to come have no window yet
    while day <= last:
        for w in hour.windows:
            if w.weekday != day.weekday():
                continue
            start = datetime.combine(day, w.starts, tzinfo=zone).astimezone(UTC)
            end_day = day + timedelta(days=1) if w.crosses_midnight else day
            end = min(datetime.combine(end_day, w.ends, tzinfo=zone).astimezone(UTC), now)
            if end <= start:
                continue
            running = row.created_at <= start and (row.ended_at is None or start < row.ended_at)
            hours = (end - start).total_seconds() / 3600
            days = tuple(sorted({day.isoformat(), end_day.isoformat()}))
            out.append(Occurrence(start.strftime(_MINUTE), end.strftime(_MINUTE), hours, running, days))
        day += timedelta(days=1)
    return sorted(out, key=lambda o: o.starts)


def _minute_key(session):
    """The UTC minute of occurred_at as 'YYYY-MM-DD HH:MM' text on either database (stored naive
    UTC: SQLite keeps ISO text, PostgreSQL a timestamp)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(Event.occurred_at, "YYYY-MM-DD HH24:MI")
    return func.substr(Event.occurred_at, 1, 16)


def _clock(session):
    """The UTC clock time of occurred_at as 'HH:MM' text on either database."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(Event.occurred_at, "HH24:MI")
    return func.substr(Event.occurred_at, 12, 5)


def clock_spans(occs: list[Occurrence]) -> list[tuple[str, str]]:
    """The UTC clock times ('HH:MM', start inclusive, end exclusive) the occurrences cover, merged:
    a few spans (a window's, shifted by daylight saving time, split at UTC midnight). A visit at
    another time of day is in no occurrence, so the database need not count it."""
    spans = set()
    for o in occs:
        if o.starts[:10] == o.ends[:10]:
            spans.add((o.starts[11:], o.ends[11:]))
        else:  # past UTC midnight: to its end, and from it
            spans.add((o.starts[11:], "24:00"))
            spans.add(("00:00", o.ends[11:] if o.ends[:10] == _next_day(o.starts[:10]) else "24:00"))
    merged: list[tuple[str, str]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


@dataclass
class Counted:
    minutes: dict[str, list[tuple[str, int]]]  # program -> sorted [(UTC minute key, visits)]
    boosts: dict[str, list[tuple[int, int]]]  # happy hour id -> [(units, earns)] in the range


def _counted(
    session,
    bid: int,
    lo: str,
    hi: str,
    days: list[str],
    programs: list[str],
    location,
    spans: list[tuple[str, str]],
) -> Counted:
    """The live visits of those offers on the shop days windows touch, per offer and UTC minute,
    and among them the boosted earns per happy hour and units: one pass over the day index. The
    push accepts a boost only inside a window, so a boost is never on another day. Units are
    grouped by for boosts only (a points earn's units vary with the sale). Only the visits at the
    clock `spans` are counted, and every boosted earn (the boosts are counted wherever they are)."""
    minute, clock = _minute_key(session), _clock(session)
    inside = [and_(clock >= start, clock < end) for start, end in spans]
    units = case((Event.happy_hour_id.is_(None), 0), else_=Event.units)
    where = [
        Event.business_id == bid,
        Event.kind.in_(sorted(k.value for k in VISIT_KINDS)),
        Event.voided.is_(False),
        Event.day.in_(days),
        Event.program_id.in_(programs),
        or_(Event.happy_hour_id.is_not(None), *inside),
    ]
    if location is not None:
        where.append(Event.location_id == str(location))
    keys = (Event.program_id, minute, Event.day, Event.happy_hour_id, units)
    rows = session.execute(select(*keys, func.count()).where(*where).group_by(*keys))
    found = Counted(defaultdict(list), defaultdict(list))
    for program, key, day, hour_id, boosted_units, n in rows:
        found.minutes[program].append((key, int(n)))
        if hour_id is not None and lo <= day <= hi:  # only an earn may name one (the push)
            found.boosts[hour_id].append((int(boosted_units), int(n)))
    for minutes in found.minutes.values():
        minutes.sort()
    return found


def _extra(hour: HappyHour, boosted: list[tuple[int, int]]) -> int:
    # an earn the push accepted always unboosts; should one not (a rule changed since), it
    # counts as giving nothing extra rather than a made-up number
    return sum((units - (unboosted(units, hour) or units)) * n for units, n in boosted)


def _count(occs: list[Occurrence], minutes: list[tuple[str, int]]) -> tuple[int, int]:
    """(visits in running occurrences, in baseline ones): each minute in the occurrence that
    starts last at or before it (a happy hour's windows never overlap)."""
    starts = [o.starts for o in occs]
    running = baseline = 0
    for key, n in minutes:
        i = bisect.bisect_right(starts, key) - 1
        if i >= 0 and key < occs[i].ends:
            if occs[i].running:
                running += n
            else:
                baseline += n
    return running, baseline


def _per_hour(visits: int, hours: float) -> float | None:
    return round(visits / hours, 4) if hours > 0 else None


@router.get("/happy-hours", response_model=HappyHoursOut)
def happy_hour_uplift(
    user: User,
    session: ReadDb,
    when: Now,
    start: Start = None,
    end: End = None,
    location_id: LocationId = None,
    program_id: ProgramId = None,
) -> HappyHoursOut:
    """Per happy hour of the business (of those boosting `program_id`, if given): boosted earns
    and their extra units, and visits per hour inside its windows while it ran against the same
    weekday hours of the range before it was created or after it ended. See the module's
    definitions; start defaults to 29 days before end, end to the shop's today."""
    bid = user.business_id
    lo, hi = checked_days(session, bid, start, end, when, 30)
    check_location(session, bid, location_id)
    offer = owned_offer(session, bid, program_id)
    zone = shop_zone(session, bid)
    rows = session.scalars(
        select(HappyHourRow).where(HappyHourRow.business_id == bid).order_by(HappyHourRow.created_at)
    ).all()
    hours = [(row, rule_of(row)) for row in rows]
    if offer is not None:
        hours = [(row, h) for row, h in hours if offer.id in h.programs]
    occs = {row.id: occurrences(h, row, lo, hi, zone, when) for row, h in hours}
    days = sorted({d for its in occs.values() for o in its for d in o.days})
    programs = sorted({offer.id} if offer else {p for _, h in hours for p in h.programs})
    spans = clock_spans([o for its in occs.values() for o in its])
    empty = Counted({}, {})
    found = (
        _counted(session, bid, lo.isoformat(), hi.isoformat(), days, programs, location_id, spans)
        if days
        else empty
    )
    out = []
    for row, h in hours:
        mine = occs[row.id]
        counted = sorted(
            m for p in h.programs if offer is None or p == offer.id for m in found.minutes.get(p, [])
        )
        running, baseline = _count(mine, counted)
        run_hours = round(sum(o.hours for o in mine if o.running), 4)
        base_hours = round(sum(o.hours for o in mine if not o.running), 4)
        run_rate, base_rate = _per_hour(running, run_hours), _per_hour(baseline, base_hours)
        out.append(
            HappyHourUplift(
                happy_hour_id=row.id,
                name=row.name,
                boost=h.boost,
                amount=h.amount,
                active=row.active,
                boosted_earns=sum(n for _, n in found.boosts.get(row.id, [])),
                extra_units=_extra(h, found.boosts.get(row.id, [])),
                running_hours=run_hours,
                running_visits=running,
                baseline_hours=base_hours,
                baseline_visits=baseline,
                visits_per_running_hour=run_rate,
                visits_per_baseline_hour=base_rate,
                uplift=round(run_rate / base_rate - 1, 4) if run_rate is not None and base_rate else None,
            )
        )
    return HappyHoursOut(start=lo.isoformat(), end=hi.isoformat(), happy_hours=out)
