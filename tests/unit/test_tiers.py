"""Tiers from a member's monthly totals in a rolling window of the shop's calendar months.

Pure functions with their own fixed instants (no real clock meets them)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from loyalty_rules.tiers import (
    Measure,
    Tier,
    TierMove,
    TierProblem,
    TierScheme,
    add,
    change,
    change_event_id,
    may_take,
    month_of,
    monthly_totals,
    multiplied,
    problems,
    standing,
    window_total,
)

BERLIN = "Europe/Berlin"
BRONZE, SILVER, GOLD = Tier("Bronze", 0), Tier("Silver", 100, Decimal("1.5")), Tier("Gold", 300, Decimal(2))
SCHEME = TierScheme(Measure.POINTS, 12, (BRONZE, SILVER, GOLD))


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_a_month_is_the_shops_month():
    # 23:30 UTC on 31 January is already February in Berlin, still January in New York
    moment = utc(2027, 1, 31, 23, 30)
    assert month_of(moment, BERLIN) == 2027 * 12 + 1
    assert month_of(moment, "America/New_York") == 2027 * 12 + 0
    with pytest.raises(ValueError, match="time zone"):
        month_of(datetime(2027, 1, 31, 23, 30), BERLIN)


def test_the_window_counts_the_last_n_months_this_one_included():
    june = month_of(utc(2027, 6, 15), BERLIN)
    totals = {june - 12: 500, june - 11: 40, june - 1: 30, june: 20}
    assert window_total(totals, june, 12) == 90  # 12 months ago has left the window
    assert window_total(totals, june, 1) == 20
    assert window_total({june: -5}, june, 12) == 0  # a void never makes the total negative


def test_add_keeps_only_the_months_a_window_can_still_see():
    june = month_of(utc(2027, 6, 15), BERLIN)
    totals = {june - 12: 500, june - 3: 40}
    after = add(totals, june, 25, 12)
    assert after == {june - 3: 40, june: 25}
    assert add(after, june, -25, 12) == {june - 3: 40, june: 0}  # a void of this month's earn
    assert totals == {june - 12: 500, june - 3: 40}  # the totals given are not changed


def test_adding_earn_by_earn_gives_the_same_tier_as_counting_them_all():
    rng = random.Random(7)
    start = utc(2026, 1, 1)
    earns = [(start + timedelta(hours=rng.randrange(0, 24 * 700)), rng.randrange(1, 40)) for _ in range(400)]
    earns.sort()
    totals: dict[int, int] = {}
    for at, amount in earns:
        totals = add(totals, month_of(at, BERLIN), amount, 12)
    end = earns[-1][0]
    month = month_of(end, BERLIN)
    by_hand = sum(a for at, a in earns if month - 12 < month_of(at, BERLIN) <= month)
    assert window_total(totals, month, 12) == by_hand
    assert window_total(monthly_totals(earns, BERLIN, 12), month, 12) == by_hand
    assert len(totals) <= 12  # what a store keeps per member stays small


@pytest.mark.parametrize(
    ("total", "tier", "next_tier", "missing"),
    [
        (0, "Bronze", "Silver", 100),
        (99, "Bronze", "Silver", 1),
        (100, "Silver", "Gold", 200),
        (300, "Gold", None, 0),
    ],
)
def test_standing_names_the_tier_and_the_step_to_the_next(total, tier, next_tier, missing):
    at = utc(2027, 6, 15)
    got = standing(SCHEME, {month_of(at, BERLIN): total}, at, BERLIN)
    assert (got.tier.name, got.total, got.missing) == (tier, total, missing)
    assert (got.next_tier.name if got.next_tier else None) == next_tier


def test_a_tier_reached_and_a_demotion_when_the_months_leave_the_window():
    may = utc(2027, 5, 10)
    totals = {month_of(may, BERLIN): 150}
    reached = change(SCHEME, "Bronze", totals, may, BERLIN)
    assert reached is not None
    assert (reached.move, reached.old, reached.new) == (TierMove.REACHED, BRONZE, SILVER)
    assert change(SCHEME, "Silver", totals, utc(2028, 4, 30, 21), BERLIN) is None  # 30 April 23:00 in Berlin
    demoted = change(SCHEME, "Silver", totals, utc(2028, 4, 30, 22), BERLIN)  # 1 May 00:00 in Berlin
    assert demoted is not None
    assert (demoted.move, demoted.new) == (TierMove.DEMOTED, BRONZE)
    # a tier the owner has since renamed or removed counts as the lowest
    assert change(SCHEME, "Platinum", totals, may, BERLIN) == reached


def test_the_same_change_noticed_twice_is_one_event():
    may = utc(2027, 5, 10)
    moved = change(SCHEME, "Bronze", {month_of(may, BERLIN): 150}, may, BERLIN)
    assert moved is not None
    month = month_of(may, BERLIN)
    assert change_event_id("m1", month, moved) == change_event_id("m1", month, moved)
    assert change_event_id("m1", month, moved) != change_event_id("m2", month, moved)
    assert change_event_id("m1", month, moved) != change_event_id("m1", month + 1, moved)


def test_multipliers_round_fractions_up_for_the_member():
    assert multiplied(10, BRONZE) == 10
    assert multiplied(7, SILVER) == 11  # 10.5
    assert multiplied(7, GOLD) == 14
    assert multiplied(0, GOLD) == 0


def test_rewards_kept_for_a_tier_and_above():
    assert may_take(SCHEME, "Gold", "Silver")
    assert may_take(SCHEME, "Silver", "Silver")
    assert not may_take(SCHEME, "Bronze", "Silver")
    assert may_take(SCHEME, "Bronze", None)


@pytest.mark.parametrize(
    ("tiers", "window", "field", "problem"),
    [
        ((BRONZE,), 12, "tiers", TierProblem.TIER_COUNT),
        (
            (BRONZE, SILVER, GOLD, Tier("A", 400), Tier("B", 500), Tier("C", 600), Tier("D", 700)),
            12,
            "tiers",
            TierProblem.TIER_COUNT,
        ),
        ((BRONZE, Tier(" ", 100)), 12, "names", TierProblem.TIER_NAME),
        ((BRONZE, Tier("bronze", 100)), 12, "names", TierProblem.TIER_NAME),
        ((BRONZE, Tier("X" * 25, 100)), 12, "names", TierProblem.TIER_NAME),
        ((Tier("Bronze", 10), SILVER), 12, "thresholds", TierProblem.FIRST_THRESHOLD),
        ((BRONZE, SILVER, Tier("Gold", 100)), 12, "thresholds", TierProblem.THRESHOLDS_RISING),
        ((BRONZE, Tier("Silver", 100, Decimal("0.5"))), 12, "multipliers", TierProblem.MULTIPLIER),
        ((BRONZE, Tier("Silver", 100, Decimal("5.5"))), 12, "multipliers", TierProblem.MULTIPLIER),
        ((BRONZE, Tier("Silver", 100, Decimal("1.25"))), 12, "multipliers", TierProblem.MULTIPLIER),
        ((BRONZE, SILVER), 0, "window_months", TierProblem.WINDOW),
        ((BRONZE, SILVER), 37, "window_months", TierProblem.WINDOW),
    ],
)
def test_each_bad_field_is_named(tiers, window, field, problem):
    assert problems(SCHEME) == {}
    assert problems(TierScheme(Measure.VISITS, window, tiers)) == {field: problem}
