"""What the Analytics screen draws: visits per shop day, new members per week, the popular offers
and which members of each month's joiners came back in the months after. Pure: the moments, the
zone and the counted figures come in; the store counts (kiosk/store/analytics.py).

A day, week or month is the shop's local calendar one: its bounds are local midnights turned into
UTC moments here, so the store's GROUP BY over UTC times puts each event on the right local day
across a daylight-saving change (a spring day is 23 hours long, an autumn one 25)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from kiosk.domain.reports import local_day

ANALYTICS_PERIODS = (30, 90, 365)
COHORT_MONTHS = 12  # the heat map's rows: this month and the eleven before it


@dataclass(frozen=True, slots=True)
class Bucket:
    """A local day, week or month: events at `start` <= moment < `end` (UTC) fall in it."""

    first_day: date
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class DayFigures:
    day: date
    visits: int = 0
    stamps: int = 0
    rewards: int = 0


@dataclass(frozen=True, slots=True)
class WeekFigures:
    monday: date  # weeks start on Monday (ISO 8601)
    new_members: int = 0


@dataclass(frozen=True, slots=True)
class OfferFigures:
    program_id: str
    name: str
    visits: int = 0
    stamps: int = 0
    rewards: int = 0


@dataclass(frozen=True, slots=True)
class Cohort:
    """Members whose first card was made in `month`; returned[k]: how many of them had a visit in
    month + k (k = 0 is the joining month itself)."""

    month: date  # its first day
    size: int
    returned: tuple[int, ...]

    def share(self, k: int) -> float | None:
        """The share of the cohort with a visit k months after joining; None for an empty cohort
        or a month that has not come yet."""
        if self.size == 0 or k >= len(self.returned):
            return None
        return self.returned[k] / self.size


@dataclass(frozen=True, slots=True)
class Analytics:
    start: datetime  # local midnight of the first day
    end: datetime  # when it was counted
    days: tuple[DayFigures, ...]  # every day of the period, quiet ones included, oldest first
    weeks: tuple[WeekFigures, ...]  # every week touching the period, oldest first
    offers: tuple[OfferFigures, ...]  # busiest (most stamps) first
    cohorts: tuple[Cohort, ...]  # oldest first, COHORT_MONTHS of them

    @property
    def empty(self) -> bool:
        """Nothing happened yet: the screen says so instead of drawing empty axes."""
        quiet = all(d.visits == 0 and d.stamps == 0 and d.rewards == 0 for d in self.days)
        return quiet and not any(w.new_members for w in self.weeks) and not any(c.size for c in self.cohorts)

    @property
    def visits(self) -> int:
        return sum(d.visits for d in self.days)


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def day_buckets(first: date, last: date, tz: tzinfo) -> list[Bucket]:
    """Every local day from first to last, inclusive."""
    count = (last - first).days + 1
    days = [first + timedelta(days=i) for i in range(count + 1)]
    return [Bucket(days[i], _midnight(days[i], tz), _midnight(days[i + 1], tz)) for i in range(count)]


def week_buckets(first: date, last: date, tz: tzinfo) -> list[Bucket]:
    """Every local Monday-to-Sunday week that holds a day from first to last."""
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        following = monday + timedelta(days=7)
        weeks.append(Bucket(monday, _midnight(monday, tz), _midnight(following, tz)))
        monday = following
    return weeks


def _month_after(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_buckets(last: date, count: int, tz: tzinfo) -> list[Bucket]:
    """The `count` local calendar months up to and including last's."""
    month = date(last.year, last.month, 1)
    for _ in range(count - 1):
        month = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
    months = []
    for _ in range(count):
        following = _month_after(month)
        months.append(Bucket(month, _midnight(month, tz), _midnight(following, tz)))
        month = following
    return months


def analytics_days(now: datetime, days: int, tz: tzinfo) -> tuple[date, date]:
    """The first and last local day of a period of `days` days ending today."""
    if days not in ANALYTICS_PERIODS:
        raise ValueError(f"analytics cover {ANALYTICS_PERIODS} days, not {days}")
    today = local_day(now, tz)
    return today - timedelta(days=days - 1), today


def cohorts(
    months: list[Bucket], sizes: dict[int, int], returned: dict[tuple[int, int], int]
) -> tuple[Cohort, ...]:
    """The heat map's rows from counts keyed by month index (0 = oldest): sizes[m] joined in month
    m, returned[(m, v)] of them had a visit in month v. Cells for months not yet come are left off."""
    rows = []
    for m, month in enumerate(months):
        later = range(len(months) - m)
        rows.append(
            Cohort(month.first_day, sizes.get(m, 0), tuple(returned.get((m, m + k), 0) for k in later))
        )
    return tuple(rows)
