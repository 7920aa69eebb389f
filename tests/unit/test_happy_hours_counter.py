"""Happy hours at an offline kiosk, on a real SQLite file: a manager sets one up (every field's
problem comes back, nothing saved), a stamp or a points sale inside its window of the shop's clock
earns the boost by the shared rule and names the happy hour, one outside does not, undo takes back
exactly the boosted units, and the window follows the wall clock across a DST change.

The kiosk's clock is set by hand to instants of 2027 (Europe/Berlin springs forward on 28 March):
nothing here meets the real clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time
from decimal import Decimal

import pytest

from kiosk.domain.model import Card, Program, ProgramKind, Role
from kiosk.domain.refusals import Reason
from kiosk.services import Actor
from kiosk.services.counter import record_scan, undo
from kiosk.services.demo import create_demo_shop
from kiosk.services.happy_hours import (
    HappyHourDraft,
    banner,
    end_happy_hour,
    list_happy_hours,
    save_happy_hour,
)
from kiosk.services.points import earn_points
from kiosk.store import directory, ledger, meta
from loyalty_rules.happy_hours import Boost, HappyHourProblem, Weekday, Window
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding
from tests.helpers import SetClock, open_kiosk

ZONE = "Europe/Berlin"
MANAGER = Actor("m", "Max", Role.MANAGER)
CASHIER = Actor("c", "Cara", Role.CASHIER)
FRIDAY_EVENING = Window(Weekday.FRIDAY, time(17), time(19))
POINTS_CARD = 900_000_001


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture
def shop(tmp_path):
    """The demo shop in Berlin, its clock on Friday 26 March 2027, 10:00 CET."""
    k = open_kiosk(tmp_path / "kiosk", SetClock(utc(2027, 3, 26, 9, 0)))
    k.shop = create_demo_shop(k.ctx, customers_count=3)
    with k.ctx.store.transaction() as conn:
        meta.put_setting(conn, "time_zone", ZONE)
        k.coffee = next(p for p in directory.all_programs(conn) if p.name == "Coffee card")
    k.code = next(t for name, t in k.shop.tokens.items() if name.endswith("/ Coffee card"))
    yield k
    k.close()


def _draft(k, *windows, boost=Boost.MULTIPLY, amount=2, programs=None, name="After work"):
    return HappyHourDraft(name, windows, boost, amount, frozenset(programs or {k.coffee.id}))


def _save(k, *windows, **fields):
    return save_happy_hour(k.ctx, _draft(k, *windows, **fields), actor=MANAGER)


def _events(k, card_id):
    with k.ctx.store.reading() as conn:
        return ledger.events_of_card(conn, card_id), ledger.get_card(conn, card_id).balance


def test_every_problem_comes_back_at_its_field_and_nothing_is_saved(shop):
    refused = _save(shop, boost=Boost.MULTIPLY, amount=9, programs={"x"}, name=" ")
    assert not refused.ok
    assert refused.refusal.reason is Reason.INVALID_INPUT
    assert refused.problems == {
        "name": HappyHourProblem.NAME_MISSING,
        "windows": HappyHourProblem.NO_WINDOWS,
        "amount": HappyHourProblem.MULTIPLIER_OUT_OF_RANGE,
    }
    overlapping = _save(shop, FRIDAY_EVENING, Window(Weekday.FRIDAY, time(18), time(20)))
    assert overlapping.problems == {"windows": HappyHourProblem.OVERLAPPING_WINDOWS}
    unknown = _save(shop, FRIDAY_EVENING, programs={"no-such-offer"})
    assert unknown.refusal.params["field"] == "programs"
    assert list_happy_hours(shop.ctx).hours == ()


def test_only_a_manager_sets_one_up(shop):
    draft = HappyHourDraft("x", (FRIDAY_EVENING,), Boost.BONUS, 1, frozenset({shop.coffee.id}))
    assert save_happy_hour(shop.ctx, draft, actor=CASHIER).refusal.reason is Reason.NOT_ALLOWED
    assert list_happy_hours(shop.ctx).hours == ()


def test_a_stamp_inside_the_window_is_doubled_and_names_the_happy_hour_outside_it_is_not(shop):
    saved = _save(shop, FRIDAY_EVENING)
    assert saved.ok, saved.message
    before = record_scan(shop.ctx, shop.code, actor=CASHIER)  # 10:00, before the window
    assert (before.units_added, before.happy_hour, before.event.happy_hour_id) == (1, None, None)
    shop.clock.now = utc(2027, 3, 26, 16, 0)  # 17:00 CET: the window starts
    inside = record_scan(shop.ctx, shop.code, actor=CASHIER, quantity=2)
    assert (inside.units_added, inside.happy_hour, inside.event.happy_hour_id) == (
        4,
        saved.hour,
        saved.hour.id,
    )
    shop.clock.now = utc(2027, 3, 26, 18, 0)  # 19:00 CET: over
    after = record_scan(shop.ctx, shop.code, actor=CASHIER)
    assert (after.units_added, after.event.happy_hour_id) == (1, None)
    events, balance = _events(shop, inside.card.card.id)
    assert [(e.units, e.happy_hour_id) for e in events[:3]] == [(1, None), (4, saved.hour.id), (1, None)]
    assert balance.units == inside.card.card.balance.units + 1


def test_undo_takes_back_exactly_the_boosted_stamps(shop):
    saved = _save(shop, FRIDAY_EVENING, boost=Boost.BONUS, amount=3)
    shop.clock.now = utc(2027, 3, 26, 16, 30)
    scanned = record_scan(shop.ctx, shop.code, actor=CASHIER)
    assert (scanned.units_added, scanned.event.happy_hour_id) == (4, saved.hour.id)
    shop.clock.advance(30)
    undone = undo(shop.ctx, scanned.card.card.id, actor=CASHIER, event_id=scanned.event.id)
    assert undone.ok, undone.message
    assert undone.event.units == -4
    assert undone.card.card.balance.units == scanned.card.card.balance.units - 4
    assert _events(shop, scanned.card.card.id)[1].units == undone.card.card.balance.units


def test_the_window_follows_the_shops_clock_across_the_spring_change(shop):
    _save(shop, FRIDAY_EVENING)
    # a week later Berlin is on summer time: 17:00 is 15:00 UTC, and 16:30 UTC is 18:30 there
    shop.clock.now = utc(2027, 4, 2, 15, 0)
    assert record_scan(shop.ctx, shop.code, actor=CASHIER).units_added == 2
    shop.clock.now = utc(2027, 4, 2, 17, 0)  # 19:00 CEST, inside the window by winter's UTC hours
    assert record_scan(shop.ctx, shop.code, actor=CASHIER).units_added == 1


def test_a_wrong_clock_decides_by_its_own_reading_as_cooldowns_do(shop):
    """An offline kiosk whose clock says Friday 17:30 boosts, and records that reading as the
    event's time: the cloud, replaying it at that time, decides the same."""
    saved = _save(shop, FRIDAY_EVENING)
    shop.clock.now = utc(2027, 3, 26, 16, 30)
    scanned = record_scan(shop.ctx, shop.code, actor=CASHIER)
    assert scanned.event.occurred_at == shop.clock.now
    assert scanned.event.happy_hour_id == saved.hour.id


def test_a_points_sale_in_the_window_earns_the_multiplied_points(shop):
    program = Program(
        "p-points",
        "Points",
        50,
        "Catalogue",
        kind=ProgramKind.STAMPS,
        points=PointsSettings(Decimal("1"), Rounding.HALF_UP, 100, (Reward("coffee", "Coffee", 50),)),
    )
    with shop.ctx.store.transaction() as conn:
        directory.upsert_program(conn, program, shop.clock.now)
        member, key_id = conn.exec_driver_sql("SELECT customer_id, key_id FROM cards LIMIT 1").one()
        ledger.insert_card(conn, Card(POINTS_CARD, member, program.id, key_id, created_at=shop.clock.now))
    saved = _save(shop, FRIDAY_EVENING, amount=3, programs={program.id})
    assert earn_points(shop.ctx, POINTS_CARD, 1000, actor=CASHIER).points_added == 10
    shop.clock.now = utc(2027, 3, 26, 17, 0)
    boosted = earn_points(shop.ctx, POINTS_CARD, 1000, actor=CASHIER)
    assert (boosted.points_added, boosted.happy_hour, boosted.event.amount_minor) == (30, saved.hour, 1000)
    assert boosted.card.card.balance.units == 40
    # a stamp card the happy hour does not name earns as always
    assert record_scan(shop.ctx, shop.code, actor=CASHIER).units_added == 1


def test_the_banner_shows_the_running_one_until_its_end_and_when_to_look_again(shop):
    saved = _save(shop, FRIDAY_EVENING)
    quiet = banner(shop.ctx, utc(2027, 3, 26, 9, 0))
    assert (quiet.running, quiet.next_change) == ((), utc(2027, 3, 26, 16, 0))
    shown = banner(shop.ctx, utc(2027, 3, 26, 16, 0))
    assert [(r.hour.id, r.until, r.offer_names) for r in shown.running] == [
        (saved.hour.id, utc(2027, 3, 26, 18, 0), ("Coffee card",))
    ]
    assert shown.next_change == utc(2027, 3, 26, 18, 0)
    assert shown.zone == ZONE


def test_an_ended_happy_hour_boosts_nothing_and_a_cashier_cannot_end_one(shop):
    saved = _save(shop, FRIDAY_EVENING)
    assert end_happy_hour(shop.ctx, saved.hour.id, actor=CASHIER).refusal.reason is Reason.NOT_ALLOWED
    ended = end_happy_hour(shop.ctx, saved.hour.id, actor=MANAGER)
    assert ended.ok
    assert not ended.hour.active
    assert not end_happy_hour(shop.ctx, saved.hour.id, actor=MANAGER).ok  # already ended
    revived = save_happy_hour(
        shop.ctx, replace(_draft(shop, FRIDAY_EVENING), id=saved.hour.id), actor=MANAGER
    )
    assert revived.refusal.reason is Reason.NOT_ALLOWED  # ended for good: a new one instead
    shop.clock.now = utc(2027, 3, 26, 16, 30)
    assert record_scan(shop.ctx, shop.code, actor=CASHIER).units_added == 1
    assert banner(shop.ctx).running == ()
    assert [h.active for h in list_happy_hours(shop.ctx).hours] == [False]
