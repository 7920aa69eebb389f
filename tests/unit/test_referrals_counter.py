"""Referrals at an offline kiosk (issue 15): recorded at enrolment, both bonuses granted at the
newcomer's first qualifying visit (a stamp or a points sale) with the shared ids, voided with an
undo of that visit, refused with a reason by the abuse rules, the monthly cap by the shop's month."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.domain.model import EventKind, Role
from kiosk.domain.problems import Problem
from kiosk.domain.refusals import Reason
from kiosk.services import Actor
from kiosk.services.demo import create_demo_shop
from kiosk.store import ledger, sync_repo
from kiosk.store import referrals as referral_store
from loyalty_rules.referrals import (
    BonusFor,
    ReferralPolicy,
    ReferralPolicyProblem,
    ReferralRefusal,
    ReferralStatus,
    bonus_event_id,
)

CASHIER = Actor("s1", "Cara", Role.CASHIER)
OWNER = Actor("o1", "Olga", Role.OWNER)
POLICY = ReferralPolicy(referrer_bonus=2, newcomer_bonus=1, monthly_cap=2)


def _token(demo, who: str, offer: str = "Coffee card") -> str:
    return next(t for name, t in demo.shop.tokens.items() if name.startswith(who) and name.endswith(offer))


def _referrer(demo) -> tuple[str, str]:
    """A demo member's name and her coffee card's code."""
    name = next(n.split(" / ")[0] for n in demo.shop.tokens if n.endswith("Coffee card"))
    return name, _token(demo, name)


def _newcomer(demo, name: str, code: str, phone: str | None = None):
    joined = demo.services.enroll(name, referred_by=code, phone=phone, actor=CASHIER)
    assert joined.ok, joined.message
    return joined


def _code_in(joined, offer: str) -> str:
    view = next(v for v in joined.cards if v.program.name == offer)
    return joined.tokens[view.card.id]


def _units(demo, code: str) -> int:
    return demo.services.inspect(code).card.card.balance.units


def _units_in(demo, code: str, offer: str) -> int:
    """Her balance in `offer`, found from any of her codes; 0 when she has no account there."""
    cards = demo.services.lookup(code).matches[0].cards
    return sum(v.card.balance.units for v in cards if v.program.name == offer)


def test_first_stamp_grants_both_bonuses_once_with_the_shared_ids(demo):
    demo.services.set_referral_policy(POLICY, actor=OWNER)
    name, referrer_code = _referrer(demo)
    before = _units(demo, referrer_code)
    joined = _newcomer(demo, "Nina Neu", referrer_code)
    assert joined.referral.status is ReferralStatus.PENDING
    assert joined.referrer.name == name
    code = _code_in(joined, "Coffee card")

    first = demo.services.record_scan(code, actor=CASHIER)

    assert first.ok
    assert first.referral is not None
    assert first.referral.referrer_name == name
    assert (first.referral.newcomer_units, first.referral.referrer_units) == (1, 2)
    assert first.card.card.balance.units == 2  # her stamp and her bonus
    assert _units(demo, referrer_code) == before + 2
    with demo.ctx.store.reading() as conn:
        referral = referral_store.of_newcomer(conn, joined.customer.id)[0]
        assert referral.status is ReferralStatus.GRANTED
        assert referral.visit_event_id == first.event.id
        for role in BonusFor:
            bonus = ledger.event_by_id(conn, str(bonus_event_id(referral.id, role)))
            assert bonus.kind is EventKind.REFERRAL
    demo.clock.advance(61)
    second = demo.services.record_scan(code, actor=CASHIER)
    assert second.ok
    assert second.referral is None
    assert _units(demo, referrer_code) == before + 2


@pytest.fixture
def bakery(kiosk):
    """The demo shop with its points offer running too."""
    kiosk.shop = create_demo_shop(kiosk.ctx, customers_count=8, points=True)
    return kiosk


def test_first_points_sale_grants_the_bonuses_in_the_points_offer(bakery):
    demo = bakery
    demo.services.set_referral_policy(POLICY, actor=OWNER)
    _name, referrer_code = _referrer(demo)
    before = _units_in(demo, referrer_code, "Bakery points")
    joined = _newcomer(demo, "Paula Punkt", referrer_code)
    sale = demo.services.earn_points(_code_in(joined, "Bakery points"), 1000, actor=CASHIER)
    assert sale.ok
    assert sale.referral is not None
    assert sale.card.card.balance.units == sale.points_added + 1
    # her account there is opened by the bonus when she had none, as a first sale would
    assert _units_in(demo, referrer_code, "Bakery points") == before + 2


def test_undo_of_the_first_visit_voids_both_bonuses_for_good(demo):
    demo.services.set_referral_policy(POLICY, actor=OWNER)
    _name, referrer_code = _referrer(demo)
    before = _units(demo, referrer_code)
    joined = _newcomer(demo, "Uma Undo", referrer_code)
    code = _code_in(joined, "Coffee card")
    first = demo.services.record_scan(code, actor=CASHIER)
    assert first.referral is not None

    undone = demo.services.undo(code, actor=CASHIER, event_id=first.event.id)

    assert undone.ok
    assert undone.voided.id == first.event.id
    assert undone.referral_voided is not None
    assert undone.card.card.balance.units == 0
    assert _units(demo, referrer_code) == before
    with demo.ctx.store.reading() as conn:
        assert referral_store.of_newcomer(conn, joined.customer.id)[0].status is ReferralStatus.VOIDED
        for card_id in {
            ledger.event_by_id(conn, str(bonus_event_id(undone.referral_voided.id, r))).card_id
            for r in BonusFor
        }:
            assert ledger.recompute_balance(conn, card_id) == ledger.get_card(conn, card_id).balance
    demo.clock.advance(61)
    again = demo.services.record_scan(code, actor=CASHIER)
    assert again.ok
    assert again.referral is None
    assert _units(demo, referrer_code) == before


def test_monthly_cap_counts_the_shops_month_and_refusals_still_enrol(demo):
    demo.services.set_referral_policy(POLICY, actor=OWNER)
    _name, referrer_code = _referrer(demo)
    accepted = [_newcomer(demo, f"Friend {n}", referrer_code) for n in range(2)]
    assert all(j.referral.status is ReferralStatus.PENDING for j in accepted)

    over = _newcomer(demo, "Friend Three", referrer_code)

    assert over.customer is not None
    assert over.cards
    assert over.referral.status is ReferralStatus.REFUSED
    assert over.referral.refusal is ReferralRefusal.CAP_REACHED
    first = demo.services.record_scan(_code_in(over, "Coffee card"), actor=CASHIER)
    assert first.ok
    assert first.referral is None
    assert first.card.card.balance.units == 1
    demo.clock.advance(timedelta(days=32).total_seconds())  # the next month of the shop's clock
    next_month = _newcomer(demo, "Friend Four", referrer_code)
    assert next_month.referral.status is ReferralStatus.PENDING


def test_an_erased_referrer_refers_nobody_and_the_newcomer_joins(demo):
    _name, referrer_code = _referrer(demo)
    referrer_id = demo.services.inspect(referrer_code).card.customer.id
    assert demo.services.erase_customer(referrer_id, actor=OWNER).ok
    joined = _newcomer(demo, "Rita Rest", referrer_code)
    assert joined.referral.status is ReferralStatus.REFUSED
    assert joined.referral.refusal is ReferralRefusal.REFERRER_INACTIVE


def test_a_code_that_finds_nobody_is_a_problem_at_its_field_and_enrols_nobody(demo):
    refused = demo.services.enroll("Otto Oops", referred_by="not a code", actor=CASHIER)
    assert refused.refusal.reason is Reason.INVALID_INPUT
    assert refused.refusal.params["field"] == "Referred by"
    assert refused.refusal.params["problem_code"] is Problem.REFERRER_UNKNOWN
    assert demo.services.lookup("Otto").matches == ()


def test_policy_problems_at_their_fields_and_nothing_saved(demo):
    before = demo.services.referral_policy()
    bad = demo.services.set_referral_policy(ReferralPolicy(0, 51, 0), actor=OWNER)
    assert bad.problems == {
        "referrer_bonus": ReferralPolicyProblem.BONUS,
        "newcomer_bonus": ReferralPolicyProblem.BONUS,
        "monthly_cap": ReferralPolicyProblem.CAP,
    }
    assert demo.services.referral_policy() == before
    assert demo.services.set_referral_policy(POLICY, actor=OWNER).policy == POLICY
    assert demo.services.referral_policy() == POLICY


def test_each_bonus_goes_up_with_its_referral_and_the_shops_cap(demo):
    """The push carries each bonus's referral (docs/wire.md, Referrals): the cloud checks the
    bonus against it."""
    demo.services.set_referral_policy(POLICY, actor=OWNER)
    _name, referrer_code = _referrer(demo)
    joined = _newcomer(demo, "Sina Sync", referrer_code)
    first = demo.services.record_scan(_code_in(joined, "Coffee card"), actor=CASHIER)
    with demo.ctx.store.reading() as conn:
        bonuses = [p for p in sync_repo.pending_batch(conn, 10_000) if p.event.kind is EventKind.REFERRAL]
        others = [p for p in sync_repo.pending_batch(conn, 10_000) if p.event.kind is not EventKind.REFERRAL]
    assert len(bonuses) == 2
    assert {p.referral.referral.visit_event_id for p in bonuses} == {first.event.id}
    assert {p.referral.monthly_cap for p in bonuses} == {POLICY.monthly_cap}
    assert {p.event.id for p in bonuses} == {
        str(bonus_event_id(bonuses[0].referral.referral.id, role)) for role in BonusFor
    }
    assert all(p.referral is None for p in others)


def test_only_a_manager_sets_the_policy(demo):
    refused = demo.services.set_referral_policy(POLICY, actor=CASHIER)
    assert refused.refusal.reason is Reason.NOT_ALLOWED
    assert demo.services.referral_policy() != POLICY
