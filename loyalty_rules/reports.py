"""What a manager reads after closing: visits, stamps, rewards and new customers over a period,
per day, per offer and per member of staff. Pure: the events and the time zone come in.

Undone stamps do not count: a void cancels the visit and the stamps of the scan it names (and a
voided reward is no reward). A void counts on its own day: a stamp at 23:58 undone at 00:01 stays
in the day a manager may already have read and is taken back in the next, so a closed day's
figures never change. The cloud's analytics count the same way (cloud/routes/analytics.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from loyalty_rules.model import EventKind

MAX_DAYS = 366

# what a report counts, by event kind: the kiosk's tally below and the cloud's GROUP BY both read
# these, so both count the same events
VISIT_KINDS = frozenset({EventKind.EARN})  # a visit is a scan that stamped
STAMP_KINDS = frozenset({EventKind.EARN, EventKind.REFERRAL})  # stamps given, by scans and referrals
REWARD_KINDS = frozenset({EventKind.REDEEM})
ADJUST_KINDS = frozenset({EventKind.ADJUST})


def local_day(at: datetime, tz: tzinfo) -> date:
    """The shop's calendar day of an aware moment: reports count days in the shop's zone."""
    if at.tzinfo is None:
        raise ValueError("a moment without a time zone has no day")
    return at.astimezone(tz).date()


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One ledger event, as much of it as a report reads."""

    occurred_at: datetime  # aware
    kind: EventKind
    units: int
    program_id: str
    customer_id: str
    staff_name: str | None = None
    ref_kind: EventKind | None = None  # a void: the kind of event it cancels
    expiry: bool = False  # an ADJUST that is a points expiry (kinds/points_expiry.is_expiry)


@dataclass(frozen=True, slots=True)
class Totals:
    visits: int = 0  # scans that stamped, less those undone
    stamps: int = 0  # stamps given by scans and referrals, less those undone
    rewards: int = 0  # rewards redeemed, less those undone
    new_customers: int = 0  # customers with a card enrolled in the period
    adjustments: int = 0  # manual corrections by managers
    adjusted_stamps: int = 0  # their net stamps
    expiries: int = 0  # points expiries (never counted as manual adjustments)
    expired_points: int = 0  # the points they took (positive)


@dataclass(frozen=True, slots=True)
class Report:
    start: datetime  # local midnight of the first day
    end: datetime  # when the report was made
    totals: Totals
    by_day: tuple[tuple[date, Totals], ...]  # every day of the period, quiet days included, oldest first
    by_offer: tuple[tuple[str, Totals], ...]  # program id, busiest first
    by_staff: tuple[tuple[str, Totals], ...]  # staff name ("" when unknown), busiest first


def period(now: datetime, days: int, tz: tzinfo) -> tuple[datetime, datetime]:
    """The last `days` calendar days in the shop's time zone, today included, up to now."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a report covers 1 to {MAX_DAYS} days, not {days}")
    today = local_day(now, tz)
    first = today - timedelta(days=days - 1)
    return datetime.combine(first, time(0), tzinfo=tz), now.astimezone(tz)


@dataclass
class _Tally:
    visits: int = 0
    stamps: int = 0
    rewards: int = 0
    customers: set[str] = field(default_factory=set)
    adjustments: int = 0
    adjusted: int = 0
    expiries: int = 0
    expired: int = 0

    def add(self, line: ReportLine) -> None:
        kind, sign = line.kind, 1
        if kind is EventKind.VOID:  # it cancels the event it names exactly (its units are negative)
            if line.ref_kind is None:
                return
            kind, sign = line.ref_kind, -1
        elif kind is EventKind.ENROLL:
            self.customers.add(line.customer_id)
        if kind in VISIT_KINDS:
            self.visits += sign
        if kind in STAMP_KINDS:
            self.stamps += line.units
        if kind in REWARD_KINDS:
            self.rewards += sign
        if kind in ADJUST_KINDS and line.expiry:  # its own line: lapsed points, no one's correction
            self.expiries += sign
            self.expired -= line.units
        elif kind in ADJUST_KINDS:
            self.adjustments += sign
            self.adjusted += line.units

    def totals(self) -> Totals:
        return Totals(
            self.visits,
            self.stamps,
            self.rewards,
            len(self.customers),
            self.adjustments,
            self.adjusted,
            self.expiries,
            self.expired,
        )


def _busiest(tallies: dict[str, _Tally]) -> tuple[tuple[str, Totals], ...]:
    ranked = sorted(tallies.items(), key=lambda item: (-item[1].stamps, -item[1].rewards, item[0]))
    return tuple((key, tally.totals()) for key, tally in ranked)


def summarise(lines: Iterable[ReportLine], start: datetime, end: datetime, tz: tzinfo) -> Report:
    """Count the lines that fall in [start, end]; others are ignored."""
    whole = _Tally()
    days = {start.date() + timedelta(days=i): _Tally() for i in range((end.date() - start.date()).days + 1)}
    offers: dict[str, _Tally] = {}
    staff: dict[str, _Tally] = {}
    for line in lines:
        if not start <= line.occurred_at <= end:
            continue
        for tally in (
            whole,
            days.setdefault(local_day(line.occurred_at, tz), _Tally()),
            offers.setdefault(line.program_id, _Tally()),
            staff.setdefault(line.staff_name or "", _Tally()),
        ):
            tally.add(line)
    return Report(
        start=start,
        end=end,
        totals=whole.totals(),
        by_day=tuple((day, tally.totals()) for day, tally in sorted(days.items())),
        by_offer=_busiest(offers),
        by_staff=_busiest(staff),
    )
