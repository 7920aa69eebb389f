"""Happy-hour windows against a second reading of the rule, over random zones, windows and moments.

`is_running` reads a window day by day (today's start, or yesterday's past midnight); here the
same rule is read as minutes of a wall-clock week, a different route to the same answer. And
`next_start` is checked against `is_running`: the happy hour runs from the moment it names, and
not in the minute before it."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from loyalty_rules.happy_hours import Boost, HappyHour, Weekday, Window, is_running, next_start, problems

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "UTC",
    "America/Santiago",
]
WEEK = 7 * 24 * 60

windows = st.builds(
    Window,
    st.sampled_from(list(Weekday)),
    st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45])),
    st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45])),
)
moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC)
)


def happy_hour(ws: list[Window]) -> HappyHour:
    return HappyHour("hh", "Test", tuple(ws), Boost.MULTIPLY, 2, frozenset({"p"}))


def week_minutes(window: Window) -> set[int]:
    start = window.weekday * 1440 + window.starts.hour * 60 + window.starts.minute
    length = (window.ends.hour * 60 + window.ends.minute) - (window.starts.hour * 60 + window.starts.minute)
    if length <= 0:
        length += 1440
    return {(start + k) % WEEK for k in range(length)}


def by_week_minutes(ws: list[Window], at: datetime, zone: str) -> bool:
    local = at.astimezone(ZoneInfo(zone))
    minute = local.weekday() * 1440 + local.hour * 60 + local.minute
    return any(minute in week_minutes(w) for w in ws)


@settings(max_examples=300, deadline=None)
@given(st.lists(windows, min_size=1, max_size=3), moments, st.sampled_from(ZONES))
def test_running_agrees_with_the_week_of_minutes(ws, at, zone):
    ws = [w for w in ws if w.starts != w.ends] or [Window(Weekday.MONDAY, time(9), time(10))]
    assert is_running(happy_hour(ws), at, zone) == by_week_minutes(ws, at, zone)


@settings(max_examples=200, deadline=None)
@given(windows, moments, st.sampled_from(ZONES))
def test_the_next_start_is_when_it_starts_running(window, at, zone):
    if window.starts == window.ends:
        return
    hour = happy_hour([window])
    assert problems(hour) == {}
    start = next_start(hour, at, zone)
    assert start is not None
    assert start > at
    assert start - at <= timedelta(days=8)
    assert is_running(hour, start, zone)
    before = start - timedelta(minutes=1)
    if before > at:
        assert not is_running(hour, before, zone)
