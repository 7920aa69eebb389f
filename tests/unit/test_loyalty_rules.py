"""The shared rules package on its own: the registry of program kinds, the one `apply`, the
checks the cloud's push makes through it, and the offer limits the kiosk's words state."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.problems import Problem
from loyalty_rules import kinds
from loyalty_rules.kinds import stamps
from loyalty_rules.ledger import (
    Entry,
    UnitsProblem,
    VoidProblem,
    apply,
    balance_of,
    units_problem,
    void_of,
    void_problem,
)
from loyalty_rules.model import Balance, Event, EventKind, Program, ProgramKind
from loyalty_rules.offers import OfferDraft, check_offer
from loyalty_rules.problems import OfferProblem

NOW = datetime(2026, 1, 1, tzinfo=UTC)  # pure rules: no clock is read


def test_every_program_kind_has_its_rules_registered_once():
    assert set(kinds.registered()) == set(ProgramKind)
    assert kinds.rules_for(ProgramKind.STAMPS) is stamps.RULES
    with pytest.raises(ValueError, match="twice"):
        kinds.register(stamps.StampRules())


def test_the_stamp_kind_s_progress_and_unlocked_rewards():
    program = Program("p", "Coffee", 10, "Free coffee")
    progress = stamps.RULES.progress(program, Balance(units=23))
    assert (progress.towards, progress.needed, progress.rewards_ready) == (3, 10, 2)
    assert stamps.RULES.progress(program, Balance(units=-2)).towards == 0  # a flagged double spend
    assert [stamps.RULES.rewards_unlocked(10, b, a) for b, a in ((8, 11), (9, 10), (10, 12), (3, 25))] == [
        1,
        1,
        0,
        2,
    ]


GRANTS = st.sampled_from([EventKind.ENROLL, EventKind.EARN, EventKind.REFERRAL])


@given(st.lists(st.tuples(GRANTS, st.integers(0, 30), st.booleans()), max_size=30))
def test_lifetime_is_every_grant_net_of_voids_and_adjustments_never_count(items):
    events: list[Event] = []
    expected = 0
    for i, (kind, units, voided) in enumerate(items):
        event = Event(str(i), kind, 1, "p", units, NOW)
        events.append(event)
        events.append(Event(f"a{i}", EventKind.ADJUST, 1, "p", 5, NOW, reason="typo"))
        if voided:
            events.append(void_of(event, event_id=f"v{i}", now=NOW))
        else:
            expected += units
    assert balance_of(events).lifetime == expected


def test_a_void_must_name_what_it_cancels():
    with pytest.raises(ValueError, match="name the kind"):
        apply(Balance(), Entry(EventKind.VOID, -1))


@pytest.mark.parametrize(
    ("kind", "units", "reason", "problem"),
    [
        (EventKind.EARN, 0, None, UnitsProblem.BAD_UNITS),
        (EventKind.REFERRAL, -1, None, UnitsProblem.BAD_UNITS),
        (EventKind.REDEEM, 0, None, UnitsProblem.BAD_UNITS),
        (EventKind.ENROLL, -1, None, UnitsProblem.BAD_UNITS),
        (EventKind.ADJUST, 0, "x", UnitsProblem.BAD_UNITS),
        (EventKind.ADJUST, 3, "  ", UnitsProblem.REASON_REQUIRED),
        (EventKind.EARN, 1, None, None),
        (EventKind.REDEEM, -10, None, None),
        (EventKind.ENROLL, 0, None, None),
        (EventKind.ADJUST, -2, "broken stamp", None),
    ],
)
def test_units_fit_the_event_kind(kind, units, reason, problem):
    assert units_problem(kind, units, reason) is problem


def test_a_void_cancels_one_live_event_of_its_card_exactly():
    earn = Entry(EventKind.EARN, 2)
    void = Entry(EventKind.VOID, -2, EventKind.EARN)
    assert void_problem(void, same_card=True, target=earn, target_voided=False) is None
    assert void_problem(void, same_card=False, target=earn, target_voided=False) is VoidProblem.REF_OTHER_CARD
    assert (
        void_problem(void, same_card=True, target=void, target_voided=False) is VoidProblem.CANNOT_VOID_VOID
    )
    assert void_problem(void, same_card=True, target=earn, target_voided=True) is VoidProblem.ALREADY_VOIDED
    short = Entry(EventKind.VOID, -1, EventKind.EARN)
    assert void_problem(short, same_card=True, target=earn, target_voided=False) is VoidProblem.VOID_MISMATCH


def test_the_offer_limits_are_the_stamp_kind_s_and_the_kiosk_s_words_state_them():
    limits = stamps.LIMITS
    for low, high in ((limits.min_stamps, limits.max_stamps),):
        assert not check_offer(OfferDraft("Tea", low, "A tea"))
        assert not check_offer(OfferDraft("Tea", high, "A tea"))
        assert set(check_offer(OfferDraft("Tea", low - 1, "A tea"))) == {"units_required"}
        assert set(check_offer(OfferDraft("Tea", high + 1, "A tea"))) == {"units_required"}
    assert set(check_offer(OfferDraft("Tea", 9, "A tea", per_visit_limit=limits.max_per_visit + 1))) == {
        "per_visit_limit"
    }
    stated = [int(n) for n in re.findall(r"\d+", OfferProblem.OFFER_STAMPS.value)]
    assert stated == [limits.min_stamps, limits.max_stamps]
    assert [int(n) for n in re.findall(r"\d+", OfferProblem.OFFER_PER_VISIT.value)] == [
        1,
        limits.max_per_visit,
    ]
    # the kiosk's problems are the same, by name, with the same words (its screens translate them)
    for problem in OfferProblem:
        assert Problem[problem.name].value == problem.value
