"""The referral rules: who may refer whom, the monthly cap, and bonus events granted once."""

from __future__ import annotations

import pytest

from loyalty_rules.referrals import (
    BonusFor,
    Person,
    ReferralPolicy,
    ReferralPolicyProblem,
    ReferralRefusal,
    bonus_event_id,
    bonuses,
    is_first_qualifying_visit,
    policy_problems,
    refusal,
)

POLICY = ReferralPolicy(referrer_bonus=2, newcomer_bonus=1, monthly_cap=3)
ANNA = Person("anna", frozenset({"+4915112345678"}), frozenset({"anna@example.org"}))
BEN = Person("ben", frozenset({"+4915187654321"}), frozenset({"ben@example.org"}))


def check(referrer=ANNA, newcomer=BEN, *, count=0, already=False):
    return refusal(POLICY, referrer, newcomer, referrals_this_month=count, newcomer_already_referred=already)


def test_a_friend_with_her_own_contact_details_is_accepted():
    assert check() is None
    assert check(newcomer=Person("carl")) is None  # no contact details given at all


@pytest.mark.parametrize(
    ("referrer", "newcomer", "count", "already", "reason"),
    [
        (ANNA, ANNA, 0, False, ReferralRefusal.SELF),
        (ANNA, Person("anna2", phones=frozenset({"+4915112345678"})), 0, False, ReferralRefusal.SAME_CONTACT),
        (
            ANNA,
            Person("anna3", emails=frozenset({"anna@example.org"})),
            0,
            False,
            ReferralRefusal.SAME_CONTACT,
        ),
        (Person("gone", active=False), BEN, 0, False, ReferralRefusal.REFERRER_INACTIVE),
        (ANNA, BEN, 0, True, ReferralRefusal.ALREADY_REFERRED),
        (ANNA, BEN, 3, False, ReferralRefusal.CAP_REACHED),
    ],
)
def test_each_abuse_is_refused_with_its_reason(referrer, newcomer, count, already, reason):
    assert check(referrer, newcomer, count=count, already=already) is reason


def test_the_cap_counts_up_to_its_limit():
    assert check(count=2) is None
    assert check(count=3) is ReferralRefusal.CAP_REACHED


def test_the_two_bonuses_have_the_same_ids_wherever_the_visit_is_recorded():
    first = bonuses(POLICY, "ref-1", "anna", "ben")
    again = bonuses(POLICY, "ref-1", "anna", "ben")
    assert first == again
    referrer, newcomer = first
    assert (referrer.member_id, referrer.units, referrer.role) == ("anna", 2, BonusFor.REFERRER)
    assert (newcomer.member_id, newcomer.units, newcomer.role) == ("ben", 1, BonusFor.NEWCOMER)
    assert referrer.event_id != newcomer.event_id
    assert bonus_event_id("ref-2", BonusFor.REFERRER) != referrer.event_id


def test_only_the_first_counted_visit_qualifies():
    assert is_first_qualifying_visit(earns_before=0, voided=False)
    assert not is_first_qualifying_visit(earns_before=1, voided=False)
    assert not is_first_qualifying_visit(earns_before=0, voided=True)


@pytest.mark.parametrize(
    ("policy", "field"),
    [
        (ReferralPolicy(0, 1, 3), "referrer_bonus"),
        (ReferralPolicy(2, 51, 3), "newcomer_bonus"),
        (ReferralPolicy(2, 1, 0), "monthly_cap"),
        (ReferralPolicy(2, True, 3), "newcomer_bonus"),
    ],
)
def test_a_bad_policy_names_its_field(policy, field):
    assert policy_problems(POLICY) == {}
    problems = policy_problems(policy)
    assert list(problems) == [field]
    assert problems[field] in set(ReferralPolicyProblem)
