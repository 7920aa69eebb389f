"""The points-per-spend rules on their own: exact points for exact amounts, each rounding rule at
its edges, the minimum spend, the catalogue a balance affords, and one problem per field.

Every expected figure is worked out by hand in the comment or the table beside it."""

from __future__ import annotations

import contextlib
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.problems import Problem
from loyalty_rules.kinds import points
from loyalty_rules.kinds.points import (
    LIMITS,
    EventProblem,
    PointsSettings,
    RedeemRefused,
    Reward,
    Rounding,
    SaleRefused,
    affordable,
    check_settings,
    earn_problem,
    points_for,
    progress,
    redeem_problem,
    reward_to_redeem,
    sale_problem,
    settings_from_plain,
    settings_to_plain,
)
from loyalty_rules.problems import OfferProblem, RedeemProblem, SaleProblem

COFFEE = Reward("coffee", "Coffee", 50)
LUNCH = Reward("lunch", "Lunch", 120)
CAKE = Reward("cake", "Cake", 80)


def settings(
    rate: str = "1",
    rounding: Rounding = Rounding.DOWN,
    minimum: int = 0,
    catalogue: tuple[Reward, ...] = (LUNCH, COFFEE, CAKE),
    minor_per_unit: int = 100,
) -> PointsSettings:
    return PointsSettings(Decimal(rate), rounding, minimum, catalogue, minor_per_unit)


@pytest.mark.parametrize(
    ("sale_minor", "rate", "rounding", "expected"),
    [
        # 1 point per EUR 1
        (1299, "1", Rounding.DOWN, 12),  # 12.99 -> 12
        (1299, "1", Rounding.HALF_UP, 13),  # 12.99 -> 13
        (1250, "1", Rounding.HALF_UP, 13),  # exactly half: up
        (1249, "1", Rounding.HALF_UP, 12),  # one cent under half: down
        (1201, "1", Rounding.UP, 13),  # any started euro counts
        (1200, "1", Rounding.UP, 12),  # a whole number is not pushed up
        (1200, "1", Rounding.DOWN, 12),
        (1, "1", Rounding.UP, 1),  # 0.01 EUR with "up": one point
        (50, "1", Rounding.HALF_UP, 1),  # 0.50 EUR: half of a point, up
        # fractional rates: 2.5 points per EUR; 0.1 point per EUR (a float would miss these edges)
        (1000, "2.5", Rounding.DOWN, 25),
        (1001, "2.5", Rounding.DOWN, 25),  # 25.025
        (1020, "2.5", Rounding.HALF_UP, 26),  # 25.5 -> 26
        (3000, "0.1", Rounding.DOWN, 3),  # 30 EUR * 0.1 = 3 exactly (0.1 * 30 in floats: 3.0000000000000004)
        (3000, "0.1", Rounding.UP, 3),  # and so "up" does not make it 4
        (2999, "0.1", Rounding.UP, 3),  # 2.999
        (2999, "0.1", Rounding.DOWN, 2),
        (12345, "0.25", Rounding.HALF_UP, 31),  # 123.45 * 0.25 = 30.8625
        (100, "100", Rounding.DOWN, 100),  # the highest rate
    ],
)
def test_points_for_a_sale_are_exact_and_rounded_by_the_offer_s_rule(sale_minor, rate, rounding, expected):
    assert points_for(sale_minor, settings(rate, rounding)) == expected


def test_a_currency_without_cents_counts_whole_units():
    # yen: 1 point per 100 yen is a rate of 0.01 per yen; 1,299 yen earn 12 (down) or 13 (up)
    yen = settings("0.01", minor_per_unit=1)
    assert points_for(1299, yen) == 12
    assert points_for(1299, settings("0.01", Rounding.UP, minor_per_unit=1)) == 13


def test_huge_amounts_stay_exact():
    top = LIMITS.max_sale_minor  # 100,000,000.00 EUR
    assert points_for(top, settings("1")) == 100_000_000
    assert points_for(top, settings("100")) == 10_000_000_000
    # 99,999,999.99 at 0.33 = 32,999,999.9967: a float rounds this 3.3e7 to ...99.996699999
    assert points_for(top - 1, settings("0.33", Rounding.DOWN)) == 32_999_999
    assert points_for(top - 1, settings("0.33", Rounding.HALF_UP)) == 33_000_000
    with pytest.raises(SaleRefused) as refused:
        points_for(top + 1, settings())
    assert refused.value.problem is SaleProblem.AMOUNT_TOO_LARGE


@pytest.mark.parametrize(
    ("sale_minor", "problem"),
    [
        (-1, SaleProblem.AMOUNT_NEGATIVE),
        (-1250, SaleProblem.AMOUNT_NEGATIVE),
        (0, SaleProblem.AMOUNT_INVALID),
        (12.5, SaleProblem.AMOUNT_INVALID),  # a float is never an amount
        (Decimal("12.50"), SaleProblem.AMOUNT_INVALID),  # minor units are whole numbers
        ("1250", SaleProblem.AMOUNT_INVALID),
        (True, SaleProblem.AMOUNT_INVALID),
        (None, SaleProblem.AMOUNT_INVALID),
    ],
)
def test_a_bad_amount_is_refused_with_its_reason(sale_minor, problem):
    assert sale_problem(sale_minor, settings()) is problem
    with pytest.raises(SaleRefused) as refused:
        points_for(sale_minor, settings())
    assert refused.value.problem is problem
    assert str(refused.value) == problem.value


def test_the_minimum_spend_is_inclusive():
    five_euros = settings(minimum=500)
    assert sale_problem(499, five_euros) is SaleProblem.BELOW_MINIMUM_SPEND
    with pytest.raises(SaleRefused) as refused:
        points_for(499, five_euros)
    assert refused.value.problem is SaleProblem.BELOW_MINIMUM_SPEND
    assert sale_problem(500, five_euros) is None
    assert points_for(500, five_euros) == 5


def test_a_sale_that_rounds_to_no_point_is_refused_not_recorded_as_nothing():
    # 0.99 EUR at 1 per EUR, rounded down: 0 points; the ledger has no earn of 0
    with pytest.raises(SaleRefused) as refused:
        points_for(99, settings())
    assert refused.value.problem is SaleProblem.TOO_SMALL_FOR_A_POINT
    assert points_for(1, settings(rounding=Rounding.UP)) == 1


@given(st.integers(1, LIMITS.max_sale_minor), st.sampled_from(["0.01", "0.5", "1", "1.25", "3", "100"]))
def test_the_three_rules_differ_by_at_most_one_point_and_keep_their_order(sale_minor, rate):
    def earned(rounding: Rounding) -> int:
        offer = settings(rate, rounding)
        assert sale_problem(sale_minor, offer) is None
        # a good amount is refused only when it rounds to no point
        with contextlib.suppress(SaleRefused):
            return points_for(sale_minor, offer)
        with pytest.raises(SaleRefused) as refused:
            points_for(sale_minor, offer)
        assert refused.value.problem is SaleProblem.TOO_SMALL_FOR_A_POINT
        return 0

    down, half, up = earned(Rounding.DOWN), earned(Rounding.HALF_UP), earned(Rounding.UP)
    assert down <= half <= up <= down + 1
    # "down" is the integer part of the exact product, computed here with integers only
    cents_of_rate = int(Decimal(rate) * 100)
    assert down == sale_minor * cents_of_rate // (100 * 100)


def test_the_rewards_a_balance_affords_cheapest_first():
    offer = settings()
    assert affordable(0, offer) == ()
    assert affordable(49, offer) == ()
    assert affordable(50, offer) == (COFFEE,)
    assert affordable(119, offer) == (COFFEE, CAKE)
    assert affordable(500, offer) == (COFFEE, CAKE, LUNCH)
    assert affordable(-10, offer) == ()  # a flagged double spend affords nothing


def test_redeeming_names_a_catalogue_reward_the_balance_pays_for():
    offer = settings()
    assert reward_to_redeem("lunch", 120, offer) is LUNCH
    with pytest.raises(RedeemRefused) as refused:
        reward_to_redeem("lunch", 119, offer)
    assert refused.value.problem is RedeemProblem.CANNOT_AFFORD
    with pytest.raises(RedeemRefused) as refused:
        reward_to_redeem("pizza", 10_000, offer)
    assert refused.value.problem is RedeemProblem.NO_SUCH_REWARD


def test_progress_runs_towards_the_cheapest_reward():
    offer = settings()
    assert progress(0, offer) == points.Progress(towards=0, needed=50, rewards_ready=0)
    assert progress(37, offer) == points.Progress(towards=37, needed=50, rewards_ready=0)
    assert progress(85, offer) == points.Progress(towards=50, needed=50, rewards_ready=2)  # coffee, cake
    assert progress(-5, offer).towards == 0


def test_valid_settings_have_no_problem():
    assert check_settings(settings()) == {}
    assert check_settings(settings("0.01", Rounding.HALF_UP, minimum=1_000_000)) == {}
    assert check_settings(settings("100", minimum=10_000, minor_per_unit=1)) == {}
    twenty = tuple(Reward(f"r{i}", f"Reward {i}", i + 1) for i in range(20))
    assert check_settings(settings(catalogue=twenty)) == {}


@pytest.mark.parametrize(
    ("rate", "ok"),
    [
        (Decimal("0"), False),
        (Decimal("-1"), False),
        (Decimal("0.01"), True),
        (Decimal("0.001"), False),  # three decimals
        (Decimal("1.50"), True),  # a trailing zero is still two decimals
        (Decimal("100"), True),
        (Decimal("100.01"), False),
        (Decimal("NaN"), False),
        (Decimal("Infinity"), False),
        (Decimal("1E+1"), True),  # 10
        (0.5, False),  # a float is refused, not converted
        (1, False),  # so is an int: the wire and the form give a Decimal
        ("1", False),
    ],
)
def test_the_rate_is_a_positive_decimal_of_at_most_two_places_up_to_100(rate, ok):
    problems = check_settings(PointsSettings(rate, Rounding.DOWN, 0, (COFFEE,)))
    assert problems == ({} if ok else {"rate": OfferProblem.OFFER_POINTS_RATE})


def test_each_field_gets_its_one_problem():
    bad = PointsSettings(
        Decimal("-2"),
        "down",  # type: ignore[arg-type]  # a string from a form, not the enum
        -1,
        (Reward("coffee", "Coffee", 50), Reward("coffee", "", 0), Reward(" x", "Lunch" * 13, 100_001)),
    )
    assert check_settings(bad) == {
        "rate": OfferProblem.OFFER_POINTS_RATE,
        "rounding": OfferProblem.OFFER_POINTS_ROUNDING,
        "minimum_spend": OfferProblem.OFFER_POINTS_MINIMUM,
        "catalogue.1.id": OfferProblem.OFFER_CATALOGUE_ID,  # a second "coffee"
        "catalogue.1.name": OfferProblem.OFFER_CATALOGUE_NAME,
        "catalogue.1.cost": OfferProblem.OFFER_CATALOGUE_COST,
        "catalogue.2.id": OfferProblem.OFFER_CATALOGUE_ID,  # a padded code
        "catalogue.2.name": OfferProblem.OFFER_CATALOGUE_NAME,  # 65 characters
        "catalogue.2.cost": OfferProblem.OFFER_CATALOGUE_COST,
    }


def test_the_minimum_spend_limit_is_in_whole_currency_units():
    assert check_settings(settings(minimum=10_000 * 100)) == {}
    too_high = {"minimum_spend": OfferProblem.OFFER_POINTS_MINIMUM}
    assert check_settings(settings(minimum=10_000 * 100 + 1)) == too_high
    assert check_settings(settings(minimum=10_001, minor_per_unit=1)) == {
        "minimum_spend": OfferProblem.OFFER_POINTS_MINIMUM
    }
    assert check_settings(settings(minimum=True)) == {"minimum_spend": OfferProblem.OFFER_POINTS_MINIMUM}


@pytest.mark.parametrize("catalogue", [(), tuple(Reward(f"r{i}", "R", 1) for i in range(21)), [COFFEE]])
def test_the_catalogue_holds_one_to_twenty_rewards(catalogue):
    assert check_settings(settings(catalogue=catalogue)) == {"catalogue": OfferProblem.OFFER_CATALOGUE_SIZE}


def test_the_limits_the_words_state_are_the_limits_checked():
    import re

    def numbers(problem: OfferProblem) -> list[str]:
        return re.findall(r"[\d,.]*\d", problem.value)

    rate_words = ["1", "0", str(LIMITS.max_rate), str(LIMITS.rate_decimals)]
    assert numbers(OfferProblem.OFFER_POINTS_RATE) == rate_words
    assert numbers(OfferProblem.OFFER_POINTS_MINIMUM) == ["0", f"{LIMITS.max_minimum_spend_units:,}"]
    assert numbers(OfferProblem.OFFER_CATALOGUE_SIZE) == ["1", str(LIMITS.max_rewards)]
    assert numbers(OfferProblem.OFFER_CATALOGUE_ID) == ["1", str(LIMITS.max_reward_id)]
    assert numbers(OfferProblem.OFFER_CATALOGUE_NAME) == ["1", str(LIMITS.max_reward_name)]
    assert numbers(OfferProblem.OFFER_CATALOGUE_COST) == ["1", f"{LIMITS.max_reward_cost:,}"]
    for problem in OfferProblem:  # the kiosk words them by the same names
        assert Problem[problem.name].value == problem.value


def test_an_earn_carries_its_amount_and_exactly_the_offer_s_points_for_it():
    offer = settings("1", Rounding.HALF_UP, minimum=500)
    assert earn_problem(13, 1250, offer) is None  # 12.50 -> 13
    assert earn_problem(12, 1250, offer) is EventProblem.POINTS_MISMATCH
    assert earn_problem(14, 1250, offer) is EventProblem.POINTS_MISMATCH
    assert earn_problem(13, None, offer) is EventProblem.AMOUNT_REQUIRED
    assert earn_problem(4, 499, offer) is EventProblem.AMOUNT_REFUSED  # below the minimum spend
    assert earn_problem(1, -100, offer) is EventProblem.AMOUNT_REFUSED


def test_a_redemption_spends_exactly_its_catalogue_reward_s_cost():
    offer = settings()
    assert redeem_problem(-120, "lunch", offer) is None
    assert redeem_problem(-50, "lunch", offer) is EventProblem.COST_MISMATCH
    assert redeem_problem(120, "lunch", offer) is EventProblem.COST_MISMATCH  # a redemption spends
    assert redeem_problem(-120, None, offer) is EventProblem.REWARD_REQUIRED
    assert redeem_problem(-120, "pizza", offer) is EventProblem.NO_SUCH_REWARD


def test_settings_go_to_json_values_and_back_exactly():
    offer = settings("1.25", Rounding.HALF_UP, minimum=500, minor_per_unit=1)
    plain = settings_to_plain(offer)
    assert plain["rate"] == "1.25"  # decimal text, never a float
    assert json.loads(json.dumps(plain)) == plain
    assert settings_from_plain(json.loads(json.dumps(plain))) == offer


@pytest.mark.parametrize(
    "change",
    [
        {"rate": 1.25},  # a float
        {"rate": "one"},
        {"rounding": "sideways"},
        {"minimum_spend_minor": "500"},
        {"minor_per_unit": None},
        {"catalogue": {"coffee": 50}},
        {"catalogue": [{"id": "coffee", "name": "Coffee", "cost": 50.0}]},
        {"catalogue": [{"id": "coffee", "name": "Coffee"}]},
    ],
)
def test_settings_of_the_wrong_shape_are_refused_with_a_value_error(change):
    plain = {**settings_to_plain(settings()), **change}
    with pytest.raises(ValueError, match=r"^points settings: "):
        settings_from_plain(plain)


def test_an_offer_s_units_required_is_its_cheapest_reward_s_cost():
    """The registry's shared field: "rewards ready" counts towards units_required, so a points
    offer holding another number than its catalogue's cheapest cost is refused (kiosk and cloud)."""
    from loyalty_rules.kinds import Settings, rules_for
    from loyalty_rules.model import ProgramKind

    rules = rules_for(ProgramKind.POINTS)
    offer = settings()  # lunch 120, coffee 50, cake 80: the cheapest is 50, not the first row
    assert points.cheapest_cost(offer) == 50
    assert rules.check(Settings(50, 1, offer)) == {}
    cheapest = {"units_required": OfferProblem.OFFER_POINTS_CHEAPEST}
    assert rules.check(Settings(120, 1, offer)) == cheapest
    assert rules.check(Settings(49, 1, offer)) == cheapest
    # out of range stays the range's problem; a bad catalogue row has no cheapest cost to compare
    assert rules.check(Settings(0, 1, offer)) == {"units_required": OfferProblem.OFFER_CATALOGUE_COST}
    broken = settings(catalogue=(COFFEE, Reward("lunch", "Lunch", 0)))
    assert rules.check(Settings(50, 1, broken)) == {"catalogue.1.cost": OfferProblem.OFFER_CATALOGUE_COST}
    assert rules.check(Settings(7, 1, broken)) == {"catalogue.1.cost": OfferProblem.OFFER_CATALOGUE_COST}
