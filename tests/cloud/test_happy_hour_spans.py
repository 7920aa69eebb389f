"""The clock spans the happy-hour uplift asks the database for (issue 17): every UTC minute of
every occurrence lies in a span, across daylight saving time and past midnight, and a time of day
no occurrence covers lies in none (so the database counts fewer visits, the same ones that count)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cloud.happy_hours import rule_of
from cloud.models import HappyHour as HappyHourRow
from cloud.routes.insights_happy_hours import clock_spans, occurrences
from loyalty_rules.happy_hours import Boost, HappyHour, Weekday, Window

_MINUTE = "%Y-%m-%d %H:%M"
_NOW = datetime(2027, 1, 1, tzinfo=UTC)


def _occurrences(windows: tuple[Window, ...], zone: str):
    hour = HappyHour("h", "Happy", windows, Boost.MULTIPLY, 2, frozenset({"p"}))
    now = _NOW
    row = HappyHourRow(id=str(uuid.uuid4()), created_at=now - timedelta(days=200), ended_at=None)
    # a year of shop days in both halves of daylight saving time
    return occurrences(hour, row, date(2026, 1, 1), date(2026, 12, 31), ZoneInfo(zone), now)


def _in(spans, clock: str) -> bool:
    return any(start <= clock < end for start, end in spans)


def test_every_minute_of_every_occurrence_is_in_a_span_and_other_times_are_not():
    friday = Window(Weekday(4), time(17), time(19))
    late = Window(Weekday(5), time(23, 30), time(1, 15))  # Saturday night into Sunday
    tokyo_morning = Window(Weekday(1), time(8, 30), time(10))  # 23:30-01:00 UTC: past UTC midnight
    cases = (
        ("Europe/Berlin", (friday,)),
        ("America/New_York", (friday, late)),
        ("Asia/Tokyo", (tokyo_morning, late)),
    )
    for zone, windows in cases:
        occs = _occurrences(windows, zone)
        spans = clock_spans(occs)
        assert len(spans) <= 4
        covered = set()
        for o in occs:
            at = datetime.strptime(o.starts, _MINUTE)
            while at.strftime(_MINUTE) < o.ends:
                assert _in(spans, at.strftime("%H:%M")), (zone, o)
                covered.add(at.strftime("%H:%M"))
                at += timedelta(minutes=1)
        every = {f"{h:02d}:{m:02d}" for h in range(24) for m in range(60)}
        assert {c for c in every if _in(spans, c)} == covered  # no time of day more
    assert clock_spans([]) == []


def test_a_window_as_stored_reads_back_with_its_spans():
    # the demo shop's Friday hour in Berlin: 16-18 UTC in winter, 15-17 in summer, merged
    row = HappyHourRow(
        id="h",
        name="Friday",
        windows=json.dumps([{"weekday": 4, "starts": "17:00", "ends": "19:00"}]),
        boost="multiply",
        amount=2,
        programs=json.dumps(["p"]),
        active=True,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        ended_at=None,
    )
    occs = occurrences(
        rule_of(row),
        row,
        date(2026, 1, 1),
        date(2026, 12, 31),
        ZoneInfo("Europe/Berlin"),
        datetime(2027, 1, 1, tzinfo=UTC),
    )
    assert clock_spans(occs) == [("15:00", "18:00")]
