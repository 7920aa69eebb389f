"""Stamp-card rules as pure functions, with time passed in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain import ledger, rules
from kiosk.domain.model import Balance, Card, CardStatus, Event, EventKind, Program, ProgramStatus
from kiosk.domain.refusals import Reason

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
PROGRAM = Program(
    "p",
    "Coffee",
    units_required=10,
    reward_text="coffee",
    per_visit_limit=3,
    cooldown_seconds=60,
    undo_window_seconds=120,
)


def card(units=0, last=None, status=CardStatus.ACTIVE) -> Card:
    return Card(1, "c", "p", 1, balance=Balance(units=units), last_earn_at=last, status=status)


def reason(refusal):
    return refusal.reason if refusal else None


def test_earn_allowed_and_limits():
    assert rules.check_earn(PROGRAM, card(), 1, NOW) is None
    assert reason(rules.check_earn(PROGRAM, card(), 4, NOW)) is Reason.OVER_VISIT_LIMIT
    assert reason(rules.check_earn(PROGRAM, card(), 0, NOW)) is Reason.BAD_QUANTITY
    assert reason(rules.check_earn(PROGRAM, card(), True, NOW)) is Reason.BAD_QUANTITY
    assert reason(rules.check_earn(PROGRAM, card(status=CardStatus.REVOKED), 1, NOW)) is Reason.CARD_REVOKED


def test_cooldown_counts_down_and_ignores_future_stamps():
    refusal = rules.check_earn(PROGRAM, card(last=NOW - timedelta(seconds=20)), 1, NOW)
    assert refusal.reason is Reason.COOLDOWN
    assert refusal.params["seconds"] == 40
    assert "40 s" in refusal.message
    assert rules.check_earn(PROGRAM, card(last=NOW - timedelta(seconds=60)), 1, NOW) is None
    # another kiosk's clock a day ahead must not freeze this card for a day
    assert rules.check_earn(PROGRAM, card(last=NOW + timedelta(days=1)), 1, NOW) is None


def test_program_windows():
    from dataclasses import replace

    assert reason(rules.check_earn(replace(PROGRAM, status=ProgramStatus.PAUSED), card(), 1, NOW)) is (
        Reason.PROGRAM_PAUSED
    )
    later = replace(PROGRAM, starts_at=NOW + timedelta(hours=1))
    assert reason(rules.check_earn(later, card(), 1, NOW)) is Reason.PROGRAM_NOT_STARTED
    ended = replace(PROGRAM, ends_at=NOW)
    assert reason(rules.check_earn(ended, card(), 1, NOW)) is Reason.PROGRAM_ENDED
    # earned rewards stay redeemable after the offer ends
    assert rules.check_redeem(ended, card(units=10)) is None


def test_redeem_needs_enough_and_respects_offline_cap():
    assert reason(rules.check_redeem(PROGRAM, card(units=9))) is Reason.NOT_ENOUGH_UNITS
    assert rules.check_redeem(PROGRAM, card(units=10)) is None
    assert reason(rules.check_redeem(PROGRAM, card(units=20), offline_redemptions=1, offline_cap=1)) is (
        Reason.OFFLINE_REDEMPTION_CAP
    )


def test_undo_window():
    stamp = Event("e", EventKind.EARN, 1, "p", 2, NOW - timedelta(seconds=30))
    assert rules.check_undo(PROGRAM, card(units=2), stamp, NOW) is None
    assert reason(rules.check_undo(PROGRAM, card(units=2), stamp, NOW + timedelta(seconds=200))) is (
        Reason.UNDO_WINDOW_PASSED
    )
    assert reason(rules.check_undo(PROGRAM, card(), None, NOW)) is Reason.NOTHING_TO_UNDO
    enroll = Event("e", EventKind.ENROLL, 1, "p", 0, NOW)
    assert reason(rules.check_undo(PROGRAM, card(), enroll, NOW)) is Reason.NOTHING_TO_UNDO


def test_rewards_unlocked():
    assert rules.rewards_unlocked(8, 11, 10) == 1
    assert rules.rewards_unlocked(9, 10, 10) == 1
    assert rules.rewards_unlocked(10, 12, 10) == 0
    assert rules.rewards_unlocked(3, 25, 10) == 2


KINDS = st.sampled_from([EventKind.EARN, EventKind.REDEEM, EventKind.ADJUST, EventKind.REFERRAL])


@given(st.lists(st.tuples(KINDS, st.integers(1, 20), st.booleans()), max_size=40))
def test_voids_cancel_exactly(items):
    """Any events plus voids of some of them equal the events never made."""
    made, kept = [], []
    for i, (kind, units, voided) in enumerate(items):
        signed = -units if kind is EventKind.REDEEM else units
        event = Event(str(i), kind, 1, "p", signed, NOW)
        made.append(event)
        if voided:
            made.append(ledger.void_of(event, event_id=f"v{i}", now=NOW))
        else:
            kept.append(event)
    assert ledger.balance_of(made) == ledger.balance_of(kept)
