"""Reports: the pure counting rules (kiosk/domain/reports.py), then the use case on a real store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import cardtoken
from kiosk.domain.model import EventKind, Role
from kiosk.domain.refusals import Reason
from kiosk.domain.reports import ReportLine, Totals, period, summarise
from kiosk.services import Actor

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)


def line(kind, units=0, *, at=NOW - timedelta(hours=1), offer="coffee", who="Ana", staff="Cara", ref=None):
    return ReportLine(at, kind, units, offer, who, staff, ref)


def test_a_period_is_whole_local_days_up_to_now():
    start, end = period(NOW, 1, BERLIN)
    assert start == datetime(2026, 11, 29, 0, 0, tzinfo=BERLIN)
    assert end == NOW
    start, _ = period(NOW, 7, BERLIN)
    assert start == datetime(2026, 11, 23, 0, 0, tzinfo=BERLIN)
    late = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # already the 30th in Berlin
    assert period(late, 1, BERLIN)[0] == datetime(2026, 11, 30, 0, 0, tzinfo=BERLIN)
    for bad in (0, 367, -1):
        with pytest.raises(ValueError):
            period(NOW, bad, BERLIN)


def test_undone_stamps_and_rewards_do_not_count_and_customers_count_once():
    lines = [
        line(EventKind.ENROLL, who="Ana", offer="coffee"),
        line(EventKind.ENROLL, who="Ana", offer="lunch"),  # one person, two cards
        line(EventKind.ENROLL, who="Ben"),
        line(EventKind.EARN, 3),
        line(EventKind.EARN, 1, staff="Max"),
        line(EventKind.VOID, -1, staff="Max", ref=EventKind.EARN),  # Max's stamp undone
        line(EventKind.REDEEM, -10),
        line(EventKind.REDEEM, -10, offer="lunch"),
        line(EventKind.VOID, 10, offer="lunch", ref=EventKind.REDEEM),
        line(EventKind.REFERRAL, 2),
        line(EventKind.ADJUST, 2, staff="Max"),
        line(EventKind.EARN, 5, at=NOW - timedelta(days=9)),  # before the period
    ]
    start, end = period(NOW, 7, BERLIN)
    report = summarise(lines, start, end, BERLIN)
    assert report.totals == Totals(
        visits=1, stamps=5, rewards=1, new_customers=2, adjustments=1, adjusted_stamps=2
    )
    assert [day for day, _ in report.by_day] == [date(2026, 11, 23) + timedelta(days=i) for i in range(7)]
    assert report.by_day[-1][1] == report.totals  # everything happened today
    assert all(t == Totals() for _, t in report.by_day[:-1])  # quiet days are listed, as zeros
    offers = dict(report.by_offer)
    assert offers["coffee"].stamps == 5
    assert offers["lunch"] == Totals(new_customers=1)
    assert [name for name, _ in report.by_staff] == ["Cara", "Max"]  # busiest first
    assert dict(report.by_staff)["Max"] == Totals(visits=0, stamps=0, adjustments=1, adjusted_stamps=2)


def test_a_scan_counts_on_the_shops_local_day():
    after_midnight_in_berlin = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)
    start, end = period(NOW, 2, BERLIN)
    report = summarise([line(EventKind.EARN, 1, at=after_midnight_in_berlin)], start, end, BERLIN)
    assert dict(report.by_day)[date(2026, 11, 29)].visits == 1
    assert dict(report.by_day)[date(2026, 11, 28)].visits == 0


CASHIER = Actor("s1", "Cara", Role.CASHIER)
MANAGER = Actor("s2", "Max", Role.MANAGER)


def test_the_report_counts_what_the_counter_recorded(demo):
    tokens = [t for name, t in demo.shop.tokens.items() if name.endswith("Coffee card")][:3]
    for token in tokens:
        assert demo.services.record_scan(token, quantity=2, actor=CASHIER).ok
    undone = demo.services.undo(cardtoken.decode(tokens[0]).card_id, actor=CASHIER)
    assert undone.ok, undone.message
    made = demo.services.report(1, actor=MANAGER)
    assert made.ok, made.message
    totals = made.report.totals
    assert (totals.visits, totals.stamps) == (2, 4)
    assert totals.new_customers == 8  # the demo shop enrolled its customers today
    assert made.paired is False
    coffee = next(p.id for p in demo.services.list_offers() if p.name == "Coffee card")
    assert dict(made.report.by_offer)[coffee].stamps == 4
    assert made.offer_names[coffee] == "Coffee card"
    assert dict(made.report.by_staff)["Cara"].visits == 2


@pytest.mark.parametrize("days", [0, 367, True, "7", 2.5])
def test_bad_periods_and_cashiers_get_a_refusal(demo, days):
    assert demo.services.report(7, actor=CASHIER).refusal.reason is Reason.NOT_ALLOWED
    refused = demo.services.report(days, actor=MANAGER)
    assert refused.refusal.reason is Reason.INVALID_INPUT
    assert "1 to 366 days" in refused.message
