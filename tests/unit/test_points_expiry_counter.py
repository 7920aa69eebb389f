"""Points expiry at an offline kiosk on a real SQLite file: her scan after N months without a
visit records the expiry (its own ledger line, dated at the expiry moment) and then the sale; the
sweep finds the members who do not come; undoing the later sale leaves the expiry standing; a
member who came within N months keeps her points; reports and events.csv show an expiry as its
own line. Times are moved from the test clock (today)."""

from __future__ import annotations

import csv
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.model import Card, EventKind, Program, ProgramKind, Role
from kiosk.services import Actor
from kiosk.services.counter import undo
from kiosk.services.first_run import TIME_ZONE
from kiosk.services.points import earn_points, redeem_reward
from kiosk.services.points_expiry import sweep
from kiosk.services.privacy import export_data
from kiosk.services.reports import report
from kiosk.store import directory, ledger, meta
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding
from loyalty_rules.kinds.points_expiry import EXPIRY_REASON, add_months, expiry_event_id

CASHIER = Actor("s1", "Cara", Role.CASHIER)
OWNER = Actor("o1", "Olivia Owner", Role.OWNER)
ZONE = ZoneInfo("Europe/Berlin")
SETTINGS = PointsSettings(
    Decimal("1"), Rounding.DOWN, 0, (Reward("coffee", "Coffee", 50),), 100, expiry_months=12
)
CARD_ID = 900_000_011


@pytest.fixture
def points_card(demo):
    """A demo member's account in a points offer whose points expire after 12 months."""
    now = demo.clock()
    program = Program("p-exp", "Points", 50, "Coffee", kind=ProgramKind.POINTS, points=SETTINGS)
    with demo.ctx.store.transaction() as conn:
        meta.put_setting(conn, TIME_ZONE, "Europe/Berlin")
        directory.upsert_program(conn, program, now)
        member, key_id = conn.exec_driver_sql("SELECT customer_id, key_id FROM cards LIMIT 1").one()
        ledger.insert_card(conn, Card(CARD_ID, member, program.id, key_id, created_at=now))
    return CARD_ID


def _events(demo, card_id=CARD_ID):
    with demo.ctx.store.reading() as conn:
        return ledger.get_card(conn, card_id), list(reversed(ledger.events_of_card(conn, card_id)))


def test_a_scan_after_n_months_records_the_expiry_then_the_sale(demo, points_card):
    visit = demo.clock()
    assert earn_points(demo.ctx, points_card, 12000, actor=CASHIER).points_added == 120
    due_at = add_months(visit, 12, ZONE)
    demo.clock.now = due_at + timedelta(days=3)
    sale = earn_points(demo.ctx, points_card, 700, actor=CASHIER)
    assert sale.ok, sale.message
    assert (sale.expired.points, sale.expired.at, sale.expired.months) == (120, due_at, 12)
    assert (sale.points_added, sale.card.card.balance.units) == (7, 7)
    card, events = _events(demo)
    assert card.balance.units == 7
    assert [(e.kind, e.units, e.reason) for e in events] == [
        (EventKind.EARN, 120, None),
        (EventKind.ADJUST, -120, EXPIRY_REASON),
        (EventKind.EARN, 7, None),
    ]
    expiry = events[1]
    assert (expiry.id, expiry.occurred_at) == (expiry_event_id(CARD_ID, visit), due_at)
    # no till, staff or device in it: any till that records this lapse records the same body
    assert (expiry.staff_id, expiry.location_id, expiry.device_id) == (None, None, None)
    # undoing the later sale takes back the sale only: the lapse stays recorded, once
    undone = undo(demo.ctx, points_card, actor=CASHIER, event_id=sale.event.id)
    assert undone.ok, undone.message
    again = earn_points(demo.ctx, points_card, 500, actor=CASHIER)
    assert again.expired is None
    card, events = _events(demo)
    assert [e.kind for e in events].count(EventKind.ADJUST) == 1
    assert card.balance.units == 5


def test_a_member_who_came_within_n_months_keeps_her_points(demo, points_card):
    earn_points(demo.ctx, points_card, 8000, actor=CASHIER)
    demo.clock.now = add_months(demo.clock(), 11, ZONE)
    earn_points(demo.ctx, points_card, 1000, actor=CASHIER)  # a visit: the count starts again
    demo.clock.now = add_months(demo.clock(), 11, ZONE)
    sale = earn_points(demo.ctx, points_card, 1000, actor=CASHIER)
    assert sale.expired is None
    assert sale.card.card.balance.units == 100
    assert sweep(demo.ctx).cards == 0


def test_a_redemption_after_n_months_finds_the_points_expired(demo, points_card):
    earn_points(demo.ctx, points_card, 6000, actor=CASHIER)
    demo.clock.now = add_months(demo.clock(), 12, ZONE)
    refused = redeem_reward(demo.ctx, points_card, "coffee", actor=CASHIER)
    assert not refused.ok
    assert refused.expired.points == 60
    assert _events(demo)[0].balance.units == 0  # the expiry stands, though the reward was refused


def test_the_sweep_expires_members_who_do_not_come_once(demo, points_card):
    earn_points(demo.ctx, points_card, 12000, actor=CASHIER)
    demo.clock.now = add_months(demo.clock(), 12, ZONE) - timedelta(seconds=1)
    early = sweep(demo.ctx)
    assert (early.ok, early.cards, early.points) == (True, 0, 0)
    demo.clock.advance(1)
    swept = sweep(demo.ctx)
    assert (swept.cards, swept.points) == (1, 120)
    assert sweep(demo.ctx).cards == 0  # run again (the next day): nothing more to record
    card, events = _events(demo)
    assert card.balance.units == 0
    assert [e.reason for e in events if e.kind is EventKind.ADJUST] == [EXPIRY_REASON]


def test_an_expiry_is_its_own_line_in_the_report_and_in_events_csv(demo, points_card, tmp_path):
    earn_points(demo.ctx, points_card, 12000, actor=CASHIER)
    demo.clock.now = add_months(demo.clock(), 12, ZONE) + timedelta(hours=1)
    assert sweep(demo.ctx).points == 120
    made = report(demo.ctx, 1, actor=OWNER, tz=ZONE)  # today: the expiry's day (an hour ago)
    assert made.ok, made.message
    totals = made.report.totals
    assert (totals.expiries, totals.expired_points, totals.adjustments) == (1, 120, 0)
    done = export_data(demo.ctx, tmp_path, actor=OWNER)
    assert done.ok, done.message
    with (done.folder / "events.csv").open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["units"] == "-120"]
    assert [(r["kind"], r["reason"], r["staff"]) for r in rows] == [("points_expired", EXPIRY_REASON, "")]
