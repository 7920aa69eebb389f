"""Points that expire after N months without a visit (loyalty_rules.kinds.points.expiry_due): the
calendar months in the shop's zone, at month ends, leap years and clock changes, exactly N months,
a visit resetting the count, and the event's one id. Expected moments are worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty_rules.kinds.points import (
    PointsSettings,
    Reward,
    Rounding,
    check_settings,
    expiry_due,
    settings_from_plain,
    settings_to_plain,
)
from loyalty_rules.kinds.points_expiry import EXPIRY_REASON, add_months, expiry_event_id, is_expiry
from loyalty_rules.problems import OfferProblem

BERLIN = ZoneInfo("Europe/Berlin")
SYDNEY = ZoneInfo("Australia/Sydney")


def settings(months: int | None) -> PointsSettings:
    return PointsSettings(
        Decimal(1), Rounding.DOWN, 0, (Reward("coffee", "Coffee", 50),), 100, expiry_months=months
    )


def berlin(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("visit", "months", "expected_local"),
    [
        (berlin(2026, 1, 31, 10, 0), 1, berlin(2026, 2, 28, 10, 0)),  # no 31 Feb: the month's last day
        (berlin(2027, 1, 31, 10, 0), 1, berlin(2027, 2, 28, 10, 0)),
        (berlin(2028, 1, 31, 10, 0), 1, berlin(2028, 2, 29, 10, 0)),  # 2028 is a leap year
        (berlin(2028, 2, 29, 18, 30), 12, berlin(2029, 2, 28, 18, 30)),  # leap day + a year
        (berlin(2026, 11, 3, 9, 15), 12, berlin(2027, 11, 3, 9, 15)),
        (berlin(2026, 3, 31, 23, 59), 60, berlin(2031, 3, 31, 23, 59)),
        (berlin(2026, 12, 15, 8, 0), 2, berlin(2027, 2, 15, 8, 0)),  # across the year
    ],
)
def test_months_are_calendar_months_in_the_shops_zone(visit, months, expected_local):
    assert add_months(visit.astimezone(UTC), months, BERLIN) == expected_local.astimezone(UTC)


def test_a_clock_change_in_between_keeps_the_wall_time():
    # 1 Feb 09:00 CET (08:00 UTC) + 3 months = 1 May 09:00 CEST (07:00 UTC): 23 hours less in UTC
    visit = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)
    assert add_months(visit, 3, BERLIN) == datetime(2026, 5, 1, 7, 0, tzinfo=UTC)
    # Sydney's clocks go back in April: 1 Mar 09:00 AEDT (22:00 UTC the day before) -> 1 Jun AEST
    visit = datetime(2026, 2, 28, 22, 0, tzinfo=UTC)
    assert add_months(visit, 3, SYDNEY) == datetime(2026, 5, 31, 23, 0, tzinfo=UTC)


def test_a_wall_time_the_clock_skips_or_repeats_is_read_one_way():
    # 29 Mar 2026 02:30 does not exist in Berlin (02:00 -> 03:00): read at the offset before (+1)
    visit = berlin(2026, 1, 29, 2, 30)
    assert add_months(visit.astimezone(UTC), 2, BERLIN) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    # 25 Oct 2026 02:30 happens twice: the first (CEST, +2)
    visit = berlin(2026, 9, 25, 2, 30)
    assert add_months(visit.astimezone(UTC), 1, BERLIN) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_due_exactly_at_n_months_and_not_a_microsecond_before():
    visit = berlin(2026, 11, 3, 9, 15).astimezone(UTC)
    at = berlin(2027, 11, 3, 9, 15).astimezone(UTC)
    assert expiry_due(7, visit, 120, settings(12), at - timedelta(microseconds=1), BERLIN) is None
    due = expiry_due(7, visit, 120, settings(12), at, BERLIN)
    assert due is not None
    assert (due.at, due.points, due.months) == (at, 120, 12)
    assert due.event_id == expiry_event_id(7, visit)
    # long after, the moment is still N months after the visit, not now
    later = expiry_due(7, visit, 120, settings(12), at + timedelta(days=400), BERLIN)
    assert later == due


def test_a_visit_resets_the_count():
    first = berlin(2026, 1, 10, 12, 0).astimezone(UTC)
    again = berlin(2026, 6, 10, 12, 0).astimezone(UTC)
    now = berlin(2026, 9, 1, 12, 0).astimezone(UTC)  # 8 months after the first, 3 after the second
    assert expiry_due(1, first, 80, settings(6), now, BERLIN) is not None
    assert expiry_due(1, again, 80, settings(6), now, BERLIN) is None


@pytest.mark.parametrize(
    ("visit", "balance", "months"),
    [(None, 50, 12), (datetime(2020, 1, 1, tzinfo=UTC), 0, 12), (datetime(2020, 1, 1, tzinfo=UTC), 50, None)],
)
def test_nothing_expires_without_a_visit_points_or_a_period(visit, balance, months):
    assert expiry_due(1, visit, balance, settings(months), datetime(2030, 1, 1, tzinfo=UTC), BERLIN) is None


def test_the_event_id_is_the_cards_and_the_visits_whatever_the_spelling():
    visit = datetime(2026, 5, 1, 7, 0, 0, 123456, tzinfo=UTC)
    assert expiry_event_id(5, visit) == expiry_event_id(5, visit.astimezone(BERLIN))
    assert expiry_event_id(5, visit) != expiry_event_id(6, visit)
    assert expiry_event_id(5, visit) != expiry_event_id(5, visit + timedelta(microseconds=1))
    assert is_expiry("adjust", EXPIRY_REASON)
    assert not is_expiry("adjust", "typo at the till")


@given(
    visit=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
    ),
    months=st.integers(1, 60),
    since=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=5 * 366)),
    zone=st.sampled_from([BERLIN, SYDNEY, ZoneInfo("America/New_York"), ZoneInfo("UTC")]),
)
def test_never_expires_points_of_a_member_who_visited_within_n_months(visit, months, since, zone):
    now = visit + since
    due = expiry_due(3, visit, 10, settings(months), now, zone)
    if due is None:
        return
    # an expiry only when N whole calendar months (on the shop's wall clock) lie between
    local_visit, local_at = visit.astimezone(zone), due.at.astimezone(zone)
    whole_months = (local_at.year - local_visit.year) * 12 + local_at.month - local_visit.month
    assert whole_months == months
    assert now >= due.at > visit
    assert due.at - visit >= timedelta(days=28 * months - 1)  # at least N short months, 1 h of DST aside


@pytest.mark.parametrize("months", [0, 61, -1, True, 1.5, "12"])
def test_check_settings_names_a_bad_period_at_its_field(months):
    assert check_settings(settings(months)) == {"expiry_months": OfferProblem.OFFER_POINTS_EXPIRY}


@pytest.mark.parametrize("months", [None, 1, 12, 60])
def test_a_period_from_1_to_60_months_or_never_is_fine(months):
    assert check_settings(settings(months)) == {}


def test_the_period_travels_with_the_settings_and_never_changes_old_bodies():
    assert "expiry_months" not in settings_to_plain(settings(None))
    assert settings_to_plain(settings(12))["expiry_months"] == 12
    assert settings_from_plain(settings_to_plain(settings(12))) == settings(12)
    assert settings_from_plain(settings_to_plain(settings(None))) == settings(None)
    with pytest.raises(ValueError, match="expiry_months"):
        settings_from_plain({**settings_to_plain(settings(None)), "expiry_months": "12"})
