"""What a kiosk boosts, the cloud accepts, and nothing else: over random happy hours, zones,
moments and earns, the earn the counter records by `best_for`/`boosted` passes the push's check
(`boost_problem`) back to the plain units, and the same units named at a moment the happy hour
does not run, or for another offer, or one unit off, are refused. Pure: both sides' one rule."""

from __future__ import annotations

from datetime import UTC, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from loyalty_rules.happy_hours import (
    Boost,
    BoostProblem,
    HappyHour,
    Weekday,
    Window,
    best_for,
    boost_problem,
    boosted,
    is_running,
    problems,
)

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]

windows = st.builds(
    Window,
    st.sampled_from(list(Weekday)),
    st.builds(time, st.integers(0, 23), st.sampled_from([0, 30])),
    st.builds(time, st.integers(0, 23), st.sampled_from([0, 30])),
)
hours = st.builds(
    lambda i, ws, boost, multiplier, bonus, programs: HappyHour(
        f"hh{i}",
        "Test",
        tuple(ws),
        boost,
        multiplier if boost is Boost.MULTIPLY else bonus,
        frozenset(programs),
    ),
    st.integers(0, 9),
    st.lists(windows, min_size=1, max_size=3),
    st.sampled_from(list(Boost)),
    st.integers(2, 5),
    st.integers(1, 10),
    st.sets(st.sampled_from(["coffee", "lunch"]), min_size=1),
).filter(lambda h: not problems(h))
moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC)
)


@given(st.lists(hours, min_size=1, max_size=3), moments, st.sampled_from(ZONES), st.integers(1, 200))
def test_the_cloud_accepts_exactly_what_the_kiosk_boosts(found, at, zone, units):
    hour = best_for(found, "coffee", units, at, zone)
    if hour is None:  # no boost: nothing for the cloud to check, and none of them runs for coffee
        assert not any("coffee" in h.programs and is_running(h, at, zone) for h in found)
        return
    granted = boosted(units, hour)
    assert boost_problem(hour, "coffee", granted, at, zone) == (None, units)
    if hour.boost is Boost.MULTIPLY:  # one more is no multiple (a bonus boosts any count alike)
        assert boost_problem(hour, "coffee", granted + 1, at, zone)[0] is BoostProblem.UNITS
    if "lunch" not in hour.programs:
        assert boost_problem(hour, "lunch", granted, at, zone)[0] is BoostProblem.NOT_FOR_PROGRAM


@given(hours, moments, st.sampled_from(ZONES), st.integers(1, 200))
def test_a_boost_named_outside_its_windows_is_refused(hour, at, zone, units):
    if is_running(hour, at, zone) or "coffee" not in hour.programs:
        return
    assert boost_problem(hour, "coffee", boosted(units, hour), at, zone)[0] is BoostProblem.NOT_RUNNING
