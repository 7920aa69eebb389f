"""The cashier's points use cases on a real SQLite file, offline: points for a typed sale amount,
a catalogue reward for points; every refusal says why and records nothing; what is reported done
is on disk, and is what the cloud's push will accept (the same rule)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.domain.model import Card, Program, ProgramKind, Role
from kiosk.domain.problems import Problem
from kiosk.services import Actor
from kiosk.services.points import earn_points, redeem_reward
from kiosk.store import directory, ledger
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, earn_problem, redeem_problem

CASHIER = Actor("s1", "Cara", Role.CASHIER)
COFFEE, LUNCH = Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120)
SETTINGS = PointsSettings(Decimal("1"), Rounding.HALF_UP, 500, (COFFEE, LUNCH))
CARD_ID = 900_000_001


@pytest.fixture
def points_card(demo):
    """A demo member's account in a points offer (1 point per EUR 1, half-up, minimum EUR 5)."""
    now = demo.clock()
    program = Program(
        "p-points", "Points", 50, "From the catalogue", kind=ProgramKind.STAMPS, points=SETTINGS
    )
    with demo.ctx.store.transaction() as conn:
        directory.upsert_program(conn, program, now)
        member, key_id = conn.exec_driver_sql("SELECT customer_id, key_id FROM cards LIMIT 1").one()
        ledger.insert_card(conn, Card(CARD_ID, member, program.id, key_id, created_at=now))
    return CARD_ID


def _stored(demo, card_id):
    with demo.ctx.store.reading() as conn:
        return ledger.get_card(conn, card_id).balance, ledger.events_of_card(conn, card_id)


def test_a_sale_earns_the_offer_s_points_and_they_are_on_disk(demo, points_card):
    earned = earn_points(demo.ctx, points_card, 1250, actor=CASHIER)  # 12.50, half-up -> 13
    assert earned.ok, earned.message
    assert (earned.points_added, earned.card.card.balance.units, earned.affordable) == (13, 13, ())
    assert (earned.event.amount_minor, earned.event.units, earned.event.staff_name) == (1250, 13, "Cara")
    more = earn_points(demo.ctx, points_card, 4999, actor=CASHIER)  # 49.99 -> 50
    assert (more.points_added, more.card.card.balance.units, more.affordable) == (50, 63, (COFFEE,))
    balance, events = _stored(demo, points_card)
    assert balance.units == 63
    assert balance.visits == 2
    assert [(e.amount_minor, e.units) for e in events] == [(4999, 50), (1250, 13)]
    # the cloud's push asks the same rule: it accepts exactly these
    assert all(earn_problem(e.units, e.amount_minor, SETTINGS) is None for e in events)


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        (499, Problem.BELOW_MINIMUM_SPEND),
        (-1250, Problem.AMOUNT_NEGATIVE),
        (0, Problem.AMOUNT_INVALID),
        (12.5, Problem.AMOUNT_INVALID),
        (10**15, Problem.AMOUNT_TOO_LARGE),
    ],
)
def test_a_bad_amount_is_refused_with_its_reason_and_records_nothing(demo, points_card, amount, problem):
    refused = earn_points(demo.ctx, points_card, amount, actor=CASHIER)
    assert not refused.ok
    assert refused.refusal.params["problem_code"] is problem
    assert refused.refusal.params["field"] == "amount"
    assert refused.message == f"amount: {problem.value}"  # worded once, in loyalty_rules
    assert _stored(demo, points_card) == (refused.card.card.balance, [])


def test_a_catalogue_reward_costs_its_points_and_one_she_cannot_afford_is_refused(demo, points_card):
    assert earn_points(demo.ctx, points_card, 10000).points_added == 100
    short = redeem_reward(demo.ctx, points_card, "lunch", actor=CASHIER)
    assert short.refusal.params["problem_code"] is Problem.CANNOT_AFFORD
    assert short.affordable == (COFFEE,)  # what she can take instead
    unknown = redeem_reward(demo.ctx, points_card, "pizza", actor=CASHIER)
    assert unknown.refusal.params["problem_code"] is Problem.NO_SUCH_REWARD
    assert _stored(demo, points_card)[0].units == 100  # neither refusal changed anything
    coffee = redeem_reward(demo.ctx, points_card, "coffee", actor=CASHIER)
    assert coffee.ok, coffee.message
    assert (coffee.reward, coffee.card.card.balance.units, coffee.affordable) == (COFFEE, 50, (COFFEE,))
    assert (coffee.event.reward_id, coffee.event.units) == ("coffee", -50)
    balance, events = _stored(demo, points_card)
    assert (balance.units, balance.redemptions) == (50, 1)
    assert redeem_problem(events[0].units, events[0].reward_id, SETTINGS) is None


def test_a_stamp_card_collects_no_points(demo):
    token = next(iter(demo.shop.tokens.values()))
    refused = earn_points(demo.ctx, token, 1250)
    assert refused.refusal.params["problem_code"] is Problem.NOT_A_POINTS_PROGRAM
    assert (
        redeem_reward(demo.ctx, token, "coffee").refusal.params["problem_code"]
        is Problem.NOT_A_POINTS_PROGRAM
    )
    with demo.ctx.store.reading() as conn:  # nothing was recorded on the stamp card
        assert ledger.get_card(conn, refused.card.card.id).balance == refused.card.card.balance
