"""The plan rules (loyalty_rules/plans.py): each limit at and just below its edge."""

from __future__ import annotations

import pytest

from loyalty_rules.plans import (
    Plan,
    PlanRefusal,
    detail,
    may_activate_offer,
    may_add_location,
    may_add_member,
    may_use_api,
    refusal_of_reason,
    upgrade_for,
)


def test_free_plan_allows_one_running_offer_and_100_members():
    assert may_activate_offer(Plan.FREE, 0) is None
    assert may_activate_offer(Plan.FREE, 1) is PlanRefusal.OFFER_LIMIT
    assert may_add_member(Plan.FREE, 99) is None
    assert may_add_member(Plan.FREE, 100) is PlanRefusal.MEMBER_LIMIT
    assert may_add_location(Plan.FREE, 0) is None
    assert may_add_location(Plan.FREE, 1) is PlanRefusal.LOCATION_LIMIT
    assert may_use_api(Plan.FREE) is PlanRefusal.NO_API_ACCESS


def test_professional_plan_has_any_number_of_offers_and_1000_members():
    assert may_activate_offer(Plan.PROFESSIONAL, 500) is None
    assert may_add_member(Plan.PROFESSIONAL, 999) is None
    assert may_add_member(Plan.PROFESSIONAL, 1000) is PlanRefusal.MEMBER_LIMIT
    assert may_add_location(Plan.PROFESSIONAL, 1) is PlanRefusal.LOCATION_LIMIT
    assert may_use_api(Plan.PROFESSIONAL) is PlanRefusal.NO_API_ACCESS


def test_enterprise_plan_refuses_nothing():
    assert may_activate_offer(Plan.ENTERPRISE, 10**6) is None
    assert may_add_member(Plan.ENTERPRISE, 10**7) is None
    assert may_add_location(Plan.ENTERPRISE, 50) is None
    assert may_use_api(Plan.ENTERPRISE) is None


@pytest.mark.parametrize(
    ("plan", "refusal", "target"),
    [
        (Plan.FREE, PlanRefusal.OFFER_LIMIT, Plan.PROFESSIONAL),
        (Plan.FREE, PlanRefusal.MEMBER_LIMIT, Plan.PROFESSIONAL),
        (Plan.PROFESSIONAL, PlanRefusal.MEMBER_LIMIT, Plan.ENTERPRISE),
        (Plan.FREE, PlanRefusal.LOCATION_LIMIT, Plan.ENTERPRISE),  # professional has one location too
        (Plan.FREE, PlanRefusal.NO_API_ACCESS, Plan.ENTERPRISE),
    ],
)
def test_the_upgrade_named_is_the_smallest_that_lifts_the_limit(plan, refusal, target):
    assert upgrade_for(plan, refusal) is target
    text = detail(plan, refusal)
    assert f"The {plan.value} plan" in text
    assert f"Upgrade to the {target.value} plan" in text


def test_detail_names_the_limit():
    assert "100 members" in detail(Plan.FREE, PlanRefusal.MEMBER_LIMIT)
    assert "1,000 members" in detail(Plan.PROFESSIONAL, PlanRefusal.MEMBER_LIMIT)
    assert "1 running offer(s)" in detail(Plan.FREE, PlanRefusal.OFFER_LIMIT)


def test_reason_codes_round_trip_and_other_reasons_are_not_plan_refusals():
    for refusal in PlanRefusal:
        assert refusal_of_reason(refusal.reason) is refusal
    assert PlanRefusal.MEMBER_LIMIT.reason == "plan_member_limit"
    assert refusal_of_reason("unknown_card") is None
    assert refusal_of_reason("plan_nonsense") is None
    assert refusal_of_reason(None) is None
    assert refusal_of_reason("plan_offer_limit: The free plan allows ...") is PlanRefusal.OFFER_LIMIT
