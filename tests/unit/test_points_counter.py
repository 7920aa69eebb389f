"""The cashier's points use cases on a real SQLite file, offline: points for a typed sale amount,
a catalogue reward for points; every refusal says why and records nothing; what is reported done
is on disk, and is what the cloud's push will accept (the same rule)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from kiosk.domain.amounts import parse_amount
from kiosk.domain.model import Card, Program, ProgramKind, Role
from kiosk.domain.problems import Problem
from kiosk.domain.refusals import Reason
from kiosk.services import Actor
from kiosk.services.counter import record_scan
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


def test_a_scan_of_a_points_card_records_nothing_and_names_the_offer_for_the_amount(demo, points_card):
    """A scan (or a "+1") never stamps a points offer: it shows her and asks for the sale."""
    scanned = record_scan(demo.ctx, points_card, actor=CASHIER)
    assert scanned.ok
    assert (scanned.event, scanned.units_added, scanned.sale_program.id) == (None, 0, "p-points")
    tapped = record_scan(demo.ctx, points_card, actor=CASHIER, program_id="p-points")
    assert (tapped.event, tapped.sale_program.id) == (None, "p-points")
    assert _stored(demo, points_card) == (scanned.card.card.balance, [])


def test_her_stamp_card_s_code_earns_in_the_points_offer_named_and_she_joins_at_the_first_sale(
    demo, points_card
):
    stamp_card = next(iter(demo.shop.tokens.values()))
    with demo.ctx.store.reading() as conn:
        member = ledger.get_card(conn, CARD_ID).customer_id
        other = conn.exec_driver_sql(
            "SELECT id FROM cards WHERE customer_id != ? LIMIT 1", (member,)
        ).scalar_one()
    too_small = earn_points(demo.ctx, other, 100, actor=CASHIER, program_id="p-points")
    assert too_small.refusal.params["problem_code"] is Problem.BELOW_MINIMUM_SPEND
    with demo.ctx.store.reading() as conn:  # refused: no account opened
        assert all(c.program_id != "p-points" for c in ledger.cards_of_customer(conn, _owner(conn, other)))
    joined = earn_points(demo.ctx, other, 1250, actor=CASHIER, program_id="p-points")
    assert joined.ok, joined.message
    assert (joined.card.program.id, joined.card.card.balance.units) == ("p-points", 13)
    assert joined.card.card.id != other  # a new account in the points offer, not her stamp card
    unknown = earn_points(demo.ctx, stamp_card, 1250, program_id="no-such-offer")
    assert unknown.refusal.params["problem_code"] is Problem.NO_SUCH_OFFER
    gift = redeem_reward(demo.ctx, other, "coffee", program_id="p-points")
    assert gift.refusal.params["problem_code"] is Problem.CANNOT_AFFORD  # 13 points


def _owner(conn, card_id):
    return ledger.get_card(conn, card_id).customer_id


@pytest.mark.parametrize(
    ("typed", "separator", "decimals", "minor"),
    [
        ("12.50", ".", 2, 1250),
        ("12,5", ",", 2, 1250),
        (" 7 ", ".", 2, 700),
        ("0.01", ".", 2, 1),
        ("1500", ".", 0, 1500),
        ("1.234", ".", 3, 1234),
        ("12.50", ",", 2, Problem.AMOUNT_INVALID),  # the other separator is refused, not guessed
        ("12.505", ".", 2, Problem.AMOUNT_INVALID),
        ("1.5", ".", 0, Problem.AMOUNT_INVALID),  # yen have no decimals
        ("1e3", ".", 2, Problem.AMOUNT_INVALID),
        ("", ".", 2, Problem.AMOUNT_INVALID),
        ("-5", ".", 2, Problem.AMOUNT_NEGATIVE),
    ],
)
def test_a_typed_amount_reads_exactly_into_minor_units(typed, separator, decimals, minor):
    assert parse_amount(typed, separator, decimals) == minor


def test_her_cards_are_listed_stamp_cards_first_in_the_same_order_everywhere(demo):
    """Enter stamps the first card the counter lists (enrolment, Find customer): with a points
    offer running, that must be a stamp card, for every customer, not the luck of card ids."""
    with demo.ctx.store.transaction() as conn:
        directory.upsert_program(
            conn,
            Program(
                "p-points", "Aa points", 50, "From the catalogue", kind=ProgramKind.POINTS, points=SETTINGS
            ),
            demo.clock(),
        )
    for n in range(6):
        made = demo.services.enroll(f"Orla Quist{n}", email=f"orla{n}@example.com", actor=CASHIER)
        assert made.ok, made
        enrolled = [v.program.name for v in made.cards]
        found = demo.services.lookup(f"Quist{n}")
        (match,) = found.matches
        listed = [v.program.name for v in match.cards]
        assert listed == enrolled
        assert "Aa points" in listed
        assert listed[-1] == "Aa points"
        assert listed[:-1] == sorted(listed[:-1], key=str.casefold)


@pytest.mark.parametrize(
    ("starts", "ends", "reason"),
    [
        (timedelta(hours=1), None, Reason.PROGRAM_NOT_STARTED),  # starts in an hour
        (-timedelta(days=30), -timedelta(minutes=1), Reason.PROGRAM_ENDED),  # ended a minute ago
    ],
)
def test_a_time_limited_points_offer_earns_only_inside_its_window_and_her_points_stay_spendable(
    demo, starts, ends, reason
):
    """Time-limited offers work for points as for stamps (issue 15): outside its start/end a sale
    earns nothing and says why, recording nothing; points she already has stay redeemable."""
    now = demo.clock()
    with demo.ctx.store.transaction() as conn:
        member, key_id = conn.exec_driver_sql("SELECT customer_id, key_id FROM cards LIMIT 1").one()
        directory.upsert_program(conn, _points_program(), now)
        ledger.insert_card(conn, Card(CARD_ID, member, "p-points", key_id, created_at=now))
    assert earn_points(demo.ctx, CARD_ID, 6000).ok  # 60 points while the offer runs
    with demo.ctx.store.transaction() as conn:
        limited = replace(
            _points_program(), starts_at=now + starts, ends_at=None if ends is None else now + ends
        )
        directory.upsert_program(conn, limited, now)
    before = _stored(demo, CARD_ID)

    refused = earn_points(demo.ctx, CARD_ID, 6000)

    assert refused.refusal.reason is reason
    assert "Points" in refused.message  # names the offer
    assert _stored(demo, CARD_ID) == before
    spent = redeem_reward(demo.ctx, CARD_ID, "coffee")
    assert (spent.ok, spent.card.card.balance.units) == (True, 10)


def _points_program() -> Program:
    return Program(
        "p-points",
        "Points",
        50,
        "From the catalogue",
        kind=ProgramKind.POINTS,
        per_visit_limit=1,
        points=SETTINGS,
    )
