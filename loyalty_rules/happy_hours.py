"""Happy hours: weekly windows of the shop's wall clock in which chosen programs grant more.

A window is a weekday and a start and end time as the shop's clock shows them, in the shop's
time zone (an IANA name). It follows the wall clock across daylight-saving changes: "Friday
17:00-19:00" is 17:00-19:00 on the clock in summer and in winter. A window that ends at or
before its start runs past midnight into the next day, and belongs to the weekday it starts on.
On the night the clock springs forward the skipped hour simply does not happen; on the night it
falls back, a window over the repeated hour runs through both of them, since the clock shows
those times twice and a customer reads the clock.

What an earn receives is decided from the moment the earn records (the kiosk's clock at the
till, as for cooldowns), so a kiosk that was offline decides exactly as the cloud will when it
replays the event. Several happy hours at once do not stack: the one that grants the most wins,
so a manager never has to reason about products of multipliers.

Pure: the moment, the zone and the windows come in.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from loyalty_rules.translatable import QT_TRANSLATE_NOOP

MULTIPLIER_RANGE = (2, 5)  # "double stamps" up to "5x points"; more would empty the rewards shelf
BONUS_RANGE = (1, 10)  # extra units per qualifying visit
MAX_WINDOWS = 14  # two a day is plenty for a small shop


class Boost(enum.Enum):
    """What a happy hour does to an earn of one of its programs."""

    MULTIPLY = "multiply"  # the units the earn grants, times `amount`
    BONUS = "bonus"  # `amount` units more per earn


class Weekday(enum.IntEnum):
    """ISO numbering less one, as `date.weekday()` counts: Monday is 0."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


@dataclass(frozen=True, slots=True)
class Window:
    weekday: Weekday
    starts: time  # wall-clock time, no zone: the shop's
    ends: time  # at or before `starts`: the window runs past midnight

    @property
    def crosses_midnight(self) -> bool:
        return self.ends <= self.starts


@dataclass(frozen=True, slots=True)
class HappyHour:
    id: str
    name: str
    windows: tuple[Window, ...]
    boost: Boost
    amount: int
    programs: frozenset[str]  # the program ids it applies to; never empty
    active: bool = True


class HappyHourProblem(enum.Enum):
    NAME_MISSING = QT_TRANSLATE_NOOP("HappyHour", "Give the happy hour a name.")
    NO_WINDOWS = QT_TRANSLATE_NOOP("HappyHour", "Add at least one day and time.")
    TOO_MANY_WINDOWS = QT_TRANSLATE_NOOP("HappyHour", "At most 14 times a week.")
    EMPTY_WINDOW = QT_TRANSLATE_NOOP("HappyHour", "A time window must not start and end at the same time.")
    OVERLAPPING_WINDOWS = QT_TRANSLATE_NOOP("HappyHour", "Two of the times overlap.")
    MULTIPLIER_OUT_OF_RANGE = QT_TRANSLATE_NOOP("HappyHour", "The multiplier must be 2 to 5.")
    BONUS_OUT_OF_RANGE = QT_TRANSLATE_NOOP("HappyHour", "The bonus must be 1 to 10 per visit.")
    NO_PROGRAMS = QT_TRANSLATE_NOOP("HappyHour", "Choose at least one offer it applies to.")


def problems(hour: HappyHour) -> dict[str, HappyHourProblem]:
    """The field errors of a happy hour a manager saves, one per field; empty when it is fine."""
    found: dict[str, HappyHourProblem] = {}
    if not hour.name.strip():
        found["name"] = HappyHourProblem.NAME_MISSING
    if not hour.windows:
        found["windows"] = HappyHourProblem.NO_WINDOWS
    elif len(hour.windows) > MAX_WINDOWS:
        found["windows"] = HappyHourProblem.TOO_MANY_WINDOWS
    elif any(w.starts == w.ends for w in hour.windows):
        found["windows"] = HappyHourProblem.EMPTY_WINDOW
    elif _overlap(hour.windows):
        found["windows"] = HappyHourProblem.OVERLAPPING_WINDOWS
    low, high = MULTIPLIER_RANGE if hour.boost is Boost.MULTIPLY else BONUS_RANGE
    if isinstance(hour.amount, bool) or not low <= hour.amount <= high:
        found["amount"] = (
            HappyHourProblem.MULTIPLIER_OUT_OF_RANGE
            if hour.boost is Boost.MULTIPLY
            else HappyHourProblem.BONUS_OUT_OF_RANGE
        )
    if not hour.programs:
        found["programs"] = HappyHourProblem.NO_PROGRAMS
    return found


_WEEK_MINUTES = 7 * 24 * 60


def _week_span(window: Window) -> tuple[int, int]:
    """The window as minutes of a wall-clock week from Monday 00:00, end exclusive."""
    start = window.weekday * 24 * 60 + window.starts.hour * 60 + window.starts.minute
    end_day = window.weekday + (1 if window.crosses_midnight else 0)
    end = end_day * 24 * 60 + window.ends.hour * 60 + window.ends.minute
    return start, end


def _overlap(windows: Iterable[Window]) -> bool:
    minutes: set[int] = set()
    for window in windows:
        start, end = _week_span(window)
        span = {m % _WEEK_MINUTES for m in range(start, end)}
        if minutes & span:
            return True
        minutes |= span
    return False


def _local(at: datetime, zone: str) -> datetime:
    if at.tzinfo is None:
        raise ValueError("a moment without a time zone cannot be placed on the shop's clock")
    return at.astimezone(ZoneInfo(zone))


def _runs(window: Window, local: datetime) -> bool:
    clock = local.time().replace(tzinfo=None)
    today: date = local.date()
    if not window.crosses_midnight:
        return today.weekday() == window.weekday and window.starts <= clock < window.ends
    started_today = today.weekday() == window.weekday and clock >= window.starts
    started_yesterday = (today - timedelta(days=1)).weekday() == window.weekday and clock < window.ends
    return started_today or started_yesterday


def is_running(hour: HappyHour, at: datetime, zone: str) -> bool:
    """Whether the happy hour runs at the aware moment `at` on the clock of a shop in `zone`."""
    if not hour.active:
        return False
    local = _local(at, zone)
    return any(_runs(window, local) for window in hour.windows)


def running(hours: Iterable[HappyHour], at: datetime, zone: str) -> tuple[HappyHour, ...]:
    """The happy hours running at `at`, for the counter's banner; in a stable order (by id)."""
    return tuple(sorted((h for h in hours if is_running(h, at, zone)), key=lambda h: h.id))


def boosted(units: int, hour: HappyHour | None) -> int:
    """What an earn of `units` grants under `hour` (None: no happy hour applies)."""
    if hour is None or units <= 0:
        return units
    if hour.boost is Boost.MULTIPLY:
        return units * hour.amount
    return units + hour.amount


def best_for(
    hours: Iterable[HappyHour], program_id: str, units: int, at: datetime, zone: str
) -> HappyHour | None:
    """The running happy hour of `program_id` that grants an earn of `units` the most, or None.

    Ties go to the smallest id, so two tills (or a till and the cloud) always pick the same one."""
    candidates = [h for h in hours if program_id in h.programs and is_running(h, at, zone)]
    if not candidates:
        return None
    return min(candidates, key=lambda h: (-boosted(units, h), h.id))


def next_start(hour: HappyHour, after: datetime, zone: str) -> datetime | None:
    """When the happy hour next starts after `after` (aware), in the shop's zone, for the banner's
    "starts at 17:00"; None when it has no windows or is switched off. A start inside the hour the
    clock skips in spring is the moment the clock jumps past it, as `is_running` sees it."""
    if not hour.active or not hour.windows:
        return None
    local = _local(after, zone)
    found: list[datetime] = []
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        for window in hour.windows:
            if day.weekday() == window.weekday:
                start = _wall_moment(day, window.starts, ZoneInfo(zone))
                if start > local:
                    found.append(start)
    return min(found) if found else None


def _wall_moment(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """The first moment the shop's clock shows `clock` on `day`, or, when the clock skips it (the
    spring change), the moment it jumps past it."""
    utc = ZoneInfo("UTC")
    earlier = datetime.combine(day, clock, tzinfo=tz).replace(fold=0)
    if earlier.astimezone(utc).astimezone(tz).replace(tzinfo=None) == earlier.replace(tzinfo=None):
        return earlier
    # in the gap: the two readings of the missing wall time bracket the jump; find it by the minute
    low = datetime.combine(day, clock, tzinfo=tz).replace(fold=1).astimezone(utc)
    high = earlier.astimezone(utc)
    low, high = min(low, high), max(low, high)
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).replace(tzinfo=None) >= datetime.combine(day, clock):
            high = middle
        else:
            low = middle
    return high.astimezone(tz)


def ends_at(hour: HappyHour, at: datetime, zone: str) -> datetime | None:
    """When the window of `hour` running at `at` ends, for the banner's "until 19:00"; None when
    it does not run then. A window over the hour the clock repeats in autumn runs through both
    readings, so it ends at the later one when the earlier is already past."""
    if not is_running(hour, at, zone):
        return None
    tz = ZoneInfo(zone)
    local = _local(at, zone)
    ends: list[datetime] = []
    for window in hour.windows:
        if not _runs(window, local):
            continue
        started = local.date()
        if window.crosses_midnight and not (
            started.weekday() == window.weekday and local.time() >= window.starts
        ):
            started -= timedelta(days=1)
        day = started + timedelta(days=1 if window.crosses_midnight else 0)
        # compared in UTC: two moments of one ZoneInfo compare by wall clock, blind to `fold`
        end = _wall_moment(day, window.ends, tz).astimezone(ZoneInfo("UTC"))
        if end <= at:
            end = datetime.combine(day, window.ends, tzinfo=tz).replace(fold=1).astimezone(ZoneInfo("UTC"))
        ends.append(end)
    return min(ends) if ends else None


def next_change(hours: Iterable[HappyHour], after: datetime, zone: str) -> datetime | None:
    """The next moment after `after` at which some happy hour starts or ends: when the counter's
    banner must be redrawn. None when none of them will ever run."""
    moments: list[datetime] = []
    for hour in hours:
        for moment in (ends_at(hour, after, zone), next_start(hour, after, zone)):
            if moment is not None and moment > after:
                moments.append(moment)
    return min(moments) if moments else None


class BoostProblem(enum.Enum):
    """Why a pushed earn that names a happy hour is refused (the cloud's reason, on the wire)."""

    NOT_FOR_PROGRAM = "happy_hour_not_for_program"
    NOT_RUNNING = "happy_hour_not_running"
    UNITS = "happy_hour_units_mismatch"


def unboosted(units: int, hour: HappyHour) -> int | None:
    """The units an earn had before `hour` boosted it to `units`; None when no earn boosts to it."""
    if hour.boost is Boost.MULTIPLY:
        return units // hour.amount if units > 0 and units % hour.amount == 0 else None
    base = units - hour.amount
    return base if base > 0 else None


def boost_problem(
    hour: HappyHour, program_id: str, units: int, at: datetime, zone: str
) -> tuple[BoostProblem | None, int]:
    """An earn of `units` at `at` says `hour` boosted it: whether that holds by the rule the kiosk
    applied (`best_for`/`boosted`), and the units before the boost, which the offer's own rules
    then check as for any earn. `hour` as it was at `at` (one ended since counts as running)."""
    if program_id not in hour.programs:
        return BoostProblem.NOT_FOR_PROGRAM, units
    if not is_running(hour, at, zone):
        return BoostProblem.NOT_RUNNING, units
    base = unboosted(units, hour)
    if base is None or boosted(base, hour) != units:
        return BoostProblem.UNITS, units
    return None, base
