"""Happy-hour windows on the shop's wall clock, across midnight and daylight-saving changes.

Pure functions with their own fixed instants (no real clock meets them). Europe/Berlin changes
on 2027-03-28 (02:00 CET -> 03:00 CEST) and 2027-10-31 (03:00 CEST -> 02:00 CET);
America/New_York on 2027-03-14 and 2027-11-07, at 02:00 local."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from loyalty_rules.happy_hours import (
    Boost,
    HappyHour,
    HappyHourProblem,
    Weekday,
    Window,
    best_for,
    boosted,
    is_running,
    next_start,
    problems,
    running,
)

BERLIN = "Europe/Berlin"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def hour(*windows: Window, boost=Boost.MULTIPLY, amount=2, programs=("coffee",), id="hh1", active=True):
    return HappyHour(id, "After work", tuple(windows), boost, amount, frozenset(programs), active)


FRIDAY_EVENING = Window(Weekday.FRIDAY, time(17), time(19))


@pytest.mark.parametrize(
    ("moment", "runs"),
    [
        (utc(2027, 3, 26, 15, 59), False),  # Friday 16:59 CET
        (utc(2027, 3, 26, 16, 0), True),  # 17:00 CET, the start belongs to the window
        (utc(2027, 3, 26, 17, 59), True),  # 18:59 CET
        (utc(2027, 3, 26, 18, 0), False),  # 19:00 CET, the end does not
        (utc(2027, 4, 2, 15, 0), True),  # a week later, summer time: 17:00 CEST is 15:00 UTC
        (utc(2027, 4, 2, 16, 30), True),  # 18:30 CEST
        (utc(2027, 4, 2, 17, 0), False),  # 19:00 CEST, although 17:00 UTC was inside in winter
        (utc(2027, 4, 1, 16, 0), False),  # Thursday at the same hour
    ],
)
def test_a_window_follows_the_shops_wall_clock_in_winter_and_summer(moment, runs):
    assert is_running(hour(FRIDAY_EVENING), moment, BERLIN) is runs


def test_the_same_moment_is_a_different_hour_in_another_shops_zone():
    moment = utc(2027, 3, 26, 22, 30)  # 23:30 in Berlin, 18:30 in New York
    assert not is_running(hour(FRIDAY_EVENING), moment, BERLIN)
    assert is_running(hour(FRIDAY_EVENING), moment, "America/New_York")


def test_a_window_past_midnight_belongs_to_the_day_it_starts():
    late = hour(Window(Weekday.SATURDAY, time(22), time(2)))
    assert not is_running(late, utc(2027, 7, 3, 19, 59), BERLIN)  # Saturday 21:59 CEST
    assert is_running(late, utc(2027, 7, 3, 20, 0), BERLIN)  # Saturday 22:00
    assert is_running(late, utc(2027, 7, 3, 23, 30), BERLIN)  # Sunday 01:30
    assert not is_running(late, utc(2027, 7, 4, 0, 0), BERLIN)  # Sunday 02:00
    assert not is_running(late, utc(2027, 7, 4, 23, 30), BERLIN)  # Monday 01:30: Sunday has none


def test_the_hour_the_clock_skips_in_spring_never_runs():
    skipped = hour(Window(Weekday.SUNDAY, time(2), time(3)))
    assert not is_running(skipped, utc(2027, 3, 28, 0, 59), BERLIN)  # 01:59 CET
    assert not is_running(skipped, utc(2027, 3, 28, 1, 0), BERLIN)  # 03:00 CEST, right after
    # a window over the gap runs on both sides of it, for its wall-clock length less the hour
    over = hour(Window(Weekday.SUNDAY, time(1, 30), time(3, 30)))
    assert is_running(over, utc(2027, 3, 28, 0, 30), BERLIN)  # 01:30 CET
    assert is_running(over, utc(2027, 3, 28, 1, 29), BERLIN)  # 03:29 CEST
    assert not is_running(over, utc(2027, 3, 28, 1, 30), BERLIN)  # 03:30 CEST


def test_the_hour_the_clock_repeats_in_autumn_runs_twice():
    repeated = hour(Window(Weekday.SUNDAY, time(2), time(3)))
    assert is_running(repeated, utc(2027, 10, 31, 0, 30), BERLIN)  # 02:30 CEST
    assert is_running(repeated, utc(2027, 10, 31, 1, 30), BERLIN)  # 02:30 CET, the second time
    assert not is_running(repeated, utc(2027, 10, 31, 2, 0), BERLIN)  # 03:00 CET
    assert not is_running(repeated, utc(2027, 10, 30, 23, 59), BERLIN)  # 01:59 CEST


def test_new_york_changes_on_its_own_dates():
    skipped = hour(Window(Weekday.SUNDAY, time(2), time(3)))
    assert not is_running(skipped, utc(2027, 3, 14, 7, 0), "America/New_York")  # 03:00 EDT
    assert not is_running(skipped, utc(2027, 3, 14, 6, 59), "America/New_York")  # 01:59 EST
    # Berlin's change day is an ordinary Sunday in New York: 02:30 EDT exists and runs
    assert is_running(skipped, utc(2027, 3, 28, 6, 30), "America/New_York")


def test_a_switched_off_happy_hour_never_runs_and_has_no_next_start():
    off = hour(FRIDAY_EVENING, active=False)
    assert not is_running(off, utc(2027, 3, 26, 16, 30), BERLIN)
    assert next_start(off, utc(2027, 3, 26, 12), BERLIN) is None


def test_a_moment_without_a_zone_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        is_running(hour(FRIDAY_EVENING), datetime(2027, 3, 26, 17, 30), BERLIN)


def test_next_start_on_the_shops_clock():
    friday = hour(FRIDAY_EVENING)
    start = next_start(friday, utc(2027, 3, 24, 12), BERLIN)  # a Wednesday
    assert start is not None
    assert start.isoformat() == "2027-03-26T17:00:00+01:00"
    # while it runs, the next start is next week's, in summer time by then
    start = next_start(friday, utc(2027, 3, 26, 16, 30), BERLIN)
    assert start is not None
    assert start.isoformat() == "2027-04-02T17:00:00+02:00"


def test_a_start_inside_the_skipped_hour_is_when_the_clock_jumps_past_it():
    skipping = hour(Window(Weekday.SUNDAY, time(2, 30), time(4)))
    start = next_start(skipping, utc(2027, 3, 27, 12), BERLIN)
    assert start is not None
    assert start.isoformat() == "2027-03-28T03:00:00+02:00"
    # and that is the first moment it runs
    assert is_running(skipping, start, BERLIN)
    assert not is_running(skipping, utc(2027, 3, 28, 0, 59, 59), BERLIN)


def test_boosts():
    assert boosted(3, None) == 3
    assert boosted(3, hour(FRIDAY_EVENING, boost=Boost.MULTIPLY, amount=2)) == 6
    assert boosted(3, hour(FRIDAY_EVENING, boost=Boost.BONUS, amount=2)) == 5
    assert boosted(0, hour(FRIDAY_EVENING, boost=Boost.BONUS, amount=2)) == 0  # nothing earned, no bonus


def test_overlapping_happy_hours_do_not_stack_the_one_granting_most_wins():
    double = hour(FRIDAY_EVENING, boost=Boost.MULTIPLY, amount=2, id="b-double")
    bonus = hour(FRIDAY_EVENING, boost=Boost.BONUS, amount=3, id="a-bonus")
    moment = utc(2027, 3, 26, 16, 30)
    assert best_for([double, bonus], "coffee", 1, moment, BERLIN) is bonus  # 1+3 beats 1x2
    assert best_for([double, bonus], "coffee", 5, moment, BERLIN) is double  # 5x2 beats 5+3
    # equal grants: the smaller id, whatever the order they come in
    tie = hour(FRIDAY_EVENING, boost=Boost.BONUS, amount=3, id="c-bonus")
    assert best_for([tie, bonus], "coffee", 3, moment, BERLIN) is bonus
    assert best_for([bonus, tie], "coffee", 3, moment, BERLIN) is bonus
    # another program's happy hour does not apply; none outside the window
    assert best_for([double], "lunch", 5, moment, BERLIN) is None
    assert best_for([double], "coffee", 5, utc(2027, 3, 26, 18, 0), BERLIN) is None
    assert running([double, bonus, hour(FRIDAY_EVENING, active=False, id="z")], moment, BERLIN) == (
        bonus,
        double,
    )


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"name": " "}, "name", HappyHourProblem.NAME_MISSING),
        ({"windows": ()}, "windows", HappyHourProblem.NO_WINDOWS),
        ({"windows": (FRIDAY_EVENING,) * 15}, "windows", HappyHourProblem.TOO_MANY_WINDOWS),
        ({"windows": (Window(Weekday.MONDAY, time(9), time(9)),)}, "windows", HappyHourProblem.EMPTY_WINDOW),
        (
            {
                "windows": (
                    Window(Weekday.MONDAY, time(10), time(12)),
                    Window(Weekday.MONDAY, time(11), time(13)),
                )
            },
            "windows",
            HappyHourProblem.OVERLAPPING_WINDOWS,
        ),
        (
            # Sunday night into Monday morning wraps round the week
            {
                "windows": (
                    Window(Weekday.SUNDAY, time(23), time(1)),
                    Window(Weekday.MONDAY, time(0, 30), time(2)),
                )
            },
            "windows",
            HappyHourProblem.OVERLAPPING_WINDOWS,
        ),
        ({"amount": 1}, "amount", HappyHourProblem.MULTIPLIER_OUT_OF_RANGE),
        ({"amount": 6}, "amount", HappyHourProblem.MULTIPLIER_OUT_OF_RANGE),
        ({"amount": True}, "amount", HappyHourProblem.MULTIPLIER_OUT_OF_RANGE),
        ({"boost": Boost.BONUS, "amount": 0}, "amount", HappyHourProblem.BONUS_OUT_OF_RANGE),
        ({"boost": Boost.BONUS, "amount": 11}, "amount", HappyHourProblem.BONUS_OUT_OF_RANGE),
        ({"programs": frozenset()}, "programs", HappyHourProblem.NO_PROGRAMS),
    ],
)
def test_each_bad_field_is_named(changes, field, problem):
    fields = {
        "id": "hh1",
        "name": "After work",
        "windows": (FRIDAY_EVENING,),
        "boost": Boost.MULTIPLY,
        "amount": 2,
        "programs": frozenset({"coffee"}),
    }
    assert problems(HappyHour(**fields)) == {}
    assert problems(HappyHour(**(fields | changes))) == {field: problem}


def test_adjacent_windows_do_not_overlap():
    fine = hour(Window(Weekday.MONDAY, time(10), time(12)), Window(Weekday.MONDAY, time(12), time(13)))
    assert problems(fine) == {}


def test_a_running_window_ends_at_its_wall_clock_end_in_winter_and_summer():
    from loyalty_rules.happy_hours import ends_at

    assert ends_at(hour(FRIDAY_EVENING), utc(2027, 3, 26, 16, 30), BERLIN) == utc(2027, 3, 26, 18, 0)
    assert ends_at(hour(FRIDAY_EVENING), utc(2027, 4, 2, 15, 30), BERLIN) == utc(2027, 4, 2, 17, 0)
    assert ends_at(hour(FRIDAY_EVENING), utc(2027, 4, 2, 17, 0), BERLIN) is None  # not running


def test_a_window_past_midnight_ends_on_the_next_day():
    from loyalty_rules.happy_hours import ends_at

    late = Window(Weekday.SATURDAY, time(22), time(1))
    # Sunday 00:30 CET (Saturday 23:30 UTC) belongs to Saturday's window, which ends at 01:00 CET
    assert ends_at(hour(late), utc(2027, 3, 20, 23, 30), BERLIN) == utc(2027, 3, 21, 0, 0)


def test_a_window_over_the_repeated_autumn_hour_ends_at_the_later_reading():
    from loyalty_rules.happy_hours import ends_at

    night = Window(Weekday.SUNDAY, time(1, 30), time(2, 30))
    # 2027-10-31: 02:15 CET, the second reading of 02:15 (01:15 UTC); the first 02:30 was 00:30 UTC
    assert ends_at(hour(night), utc(2027, 10, 31, 1, 15), BERLIN) == utc(2027, 10, 31, 1, 30)


def test_the_banner_changes_next_at_the_nearest_start_or_end():
    from loyalty_rules.happy_hours import next_change

    coffee = hour(FRIDAY_EVENING)
    lunch = hour(Window(Weekday.FRIDAY, time(12), time(14)), id="hh2")
    assert next_change([coffee, lunch], utc(2027, 3, 26, 10, 0), BERLIN) == utc(2027, 3, 26, 11, 0)
    assert next_change([coffee, lunch], utc(2027, 3, 26, 12, 0), BERLIN) == utc(2027, 3, 26, 13, 0)
    assert next_change([coffee, lunch], utc(2027, 3, 26, 16, 0), BERLIN) == utc(2027, 3, 26, 18, 0)
    assert next_change([hour(FRIDAY_EVENING, active=False)], utc(2027, 3, 26, 10, 0), BERLIN) is None


def test_a_boosted_earn_is_checked_back_to_its_units_before_the_boost():
    from loyalty_rules.happy_hours import BoostProblem, boost_problem

    friday = utc(2027, 3, 26, 16, 30)  # 17:30 CET, inside
    double = hour(FRIDAY_EVENING)
    bonus = hour(FRIDAY_EVENING, boost=Boost.BONUS, amount=3)
    assert boost_problem(double, "coffee", 4, friday, BERLIN) == (None, 2)
    assert boost_problem(bonus, "coffee", 4, friday, BERLIN) == (None, 1)
    assert boost_problem(double, "coffee", 3, friday, BERLIN)[0] is BoostProblem.UNITS  # odd: not doubled
    assert boost_problem(bonus, "coffee", 3, friday, BERLIN)[0] is BoostProblem.UNITS  # nothing before it
    assert boost_problem(double, "lunch", 4, friday, BERLIN)[0] is BoostProblem.NOT_FOR_PROGRAM
    assert boost_problem(double, "coffee", 4, utc(2027, 3, 26, 18, 0), BERLIN)[0] is BoostProblem.NOT_RUNNING
