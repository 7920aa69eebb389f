"""The shop's local days and the counter's cooldowns across daylight-saving changes and midnight.

Europe/Berlin: on 2027-03-28 02:00 CET jumps to 03:00 CEST (a 23-hour day); on 2027-10-31 03:00 CEST
goes back to 02:00 CET (a 25-hour day, 02:30 happens twice)."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.model import Card, EventKind, Program, Role
from kiosk.domain.refusals import Reason
from kiosk.domain.reports import ReportLine, period, summarise
from kiosk.domain.rules import check_earn
from kiosk.services import Actor
from kiosk.services.reports import local_zone

BERLIN = ZoneInfo("Europe/Berlin")
SPRING = date(2027, 3, 28)
AUTUMN = date(2027, 10, 31)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def earn(at: datetime) -> ReportLine:
    return ReportLine(at, EventKind.EARN, 1, "coffee", "ana")


def visits_by_day(lines, now: datetime, days: int) -> dict[date, int]:
    start, end = period(now, days, BERLIN)
    return {day: totals.visits for day, totals in summarise(lines, start, end, BERLIN).by_day}


def test_the_spring_day_has_23_hours_and_each_scan_lands_on_its_local_day():
    lines = [
        earn(utc(2027, 3, 27, 22, 30)),  # 23:30 CET on the 27th
        earn(utc(2027, 3, 28, 0, 59, 30)),  # 01:59:30 CET, just before the jump
        earn(utc(2027, 3, 28, 1, 0, 30)),  # 03:00:30 CEST, just after it
        earn(utc(2027, 3, 28, 21, 59)),  # 23:59 CEST, the day's last minute
        earn(utc(2027, 3, 28, 22, 0)),  # 00:00 CEST on the 29th
    ]
    now = utc(2027, 3, 29, 10, 0)
    start, _ = period(now, 3, BERLIN)
    assert start == datetime(2027, 3, 27, 0, 0, tzinfo=BERLIN)
    assert start.astimezone(UTC) == utc(2027, 3, 26, 23, 0)  # that midnight was still CET
    assert visits_by_day(lines, now, 3) == {date(2027, 3, 27): 1, SPRING: 3, date(2027, 3, 29): 1}


def test_the_autumn_day_has_25_hours_and_both_half_past_twos_count_once_each():
    first, second = utc(2027, 10, 31, 0, 30), utc(2027, 10, 31, 1, 30)
    assert first.astimezone(BERLIN).strftime("%H:%M %Z") == "02:30 CEST"
    assert second.astimezone(BERLIN).strftime("%H:%M %Z") == "02:30 CET"
    lines = [earn(utc(2027, 10, 30, 21, 59)), earn(first), earn(second), earn(utc(2027, 10, 31, 22, 59))]
    now = utc(2027, 11, 1, 8, 0)
    days = visits_by_day(lines, now, 3)
    assert days == {date(2027, 10, 30): 1, AUTUMN: 3, date(2027, 11, 1): 0}
    start, _ = period(now, 2, BERLIN)
    assert start.astimezone(UTC) == utc(2027, 10, 30, 22, 0)  # midnight CEST of the 31st


COFFEE = Program("coffee", "Coffee", 10, "a coffee", cooldown_seconds=60)


def card_stamped_at(at: datetime) -> Card:
    return Card(id=1, customer_id="ana", program_id="coffee", key_id=1, last_earn_at=at)


@pytest.mark.parametrize(
    ("last", "now", "wait"),
    [
        # the wall clock jumps forward an hour: 40 real seconds passed, not an hour and 40 s
        (utc(2027, 3, 28, 0, 59, 30), utc(2027, 3, 28, 1, 0, 10), 20),
        # the wall clock goes back an hour: 20 real seconds passed, not minus an hour
        (utc(2027, 10, 31, 0, 59, 50), utc(2027, 10, 31, 1, 0, 10), 40),
        # local midnight on the autumn day (23:59:40 -> 00:00:10 CET): a new day is no new cooldown
        (utc(2027, 10, 31, 22, 59, 40), utc(2027, 10, 31, 23, 0, 10), 30),
    ],
    ids=["spring-forward", "fall-back", "midnight"],
)
def test_a_cooldown_counts_real_seconds_across_clock_changes_and_midnight(last, now, wait):
    refusal = check_earn(COFFEE, card_stamped_at(last), 1, now)
    assert refusal is not None
    assert refusal.reason is Reason.COOLDOWN
    assert refusal.params["seconds"] == wait
    assert check_earn(COFFEE, card_stamped_at(last), 1, now + timedelta(seconds=wait)) is None


@pytest.fixture
def berlin_process_zone():
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_the_kiosks_zone_keeps_its_daylight_saving_rules(berlin_process_zone):
    zone = local_zone()
    assert zone.utcoffset(datetime(2027, 1, 15, 12, 0)) == timedelta(hours=1)
    assert zone.utcoffset(datetime(2027, 7, 15, 12, 0)) == timedelta(hours=2)


MANAGER = Actor("s2", "Max", Role.MANAGER)


def test_a_kiosk_report_across_the_spring_change_puts_each_late_scan_on_its_own_day(
    demo, berlin_process_zone
):
    """With the kiosk's own zone: 23:30 CET on the 27th belongs to the 27th and 00:30 CEST on the
    29th to the 29th. Any fixed offset (+01:00 in winter, +02:00 in summer) gets one of them wrong."""
    token = next(t for name, t in demo.shop.tokens.items() if name.endswith("Coffee card"))
    for at in (utc(2027, 3, 27, 22, 30), utc(2027, 3, 28, 22, 30)):
        demo.clock.now = at
        assert demo.services.record_scan(token, actor=MANAGER).ok
    demo.clock.now = utc(2027, 3, 29, 10, 0)
    made = demo.services.report(3, actor=MANAGER)
    assert made.ok, made.message
    days = {day: totals.visits for day, totals in made.report.by_day}
    assert days == {date(2027, 3, 27): 1, SPRING: 0, date(2027, 3, 29): 1}
