"""The counter's rules: may this card earn, redeem or undo now, and if not, the refusal the
cashier reads. Pure; `now` is passed in."""

from __future__ import annotations

from datetime import datetime

from kiosk.domain.model import Card
from kiosk.domain.refusals import Reason, Refusal, refuse
from loyalty_rules.kinds import rules_for
from loyalty_rules.model import CardStatus, Event, EventKind, Program, ProgramKind, ProgramStatus


def _seconds_since(earlier: datetime, now: datetime) -> float:
    return (now - earlier).total_seconds()


def program_refusal(program: Program, now: datetime) -> Refusal | None:
    if program.status is not ProgramStatus.ACTIVE:
        return refuse(
            Reason.PROGRAM_PAUSED if program.status is ProgramStatus.PAUSED else Reason.PROGRAM_ENDED,
            program=program.name,
        )
    if program.starts_at is not None and now < program.starts_at:
        return refuse(Reason.PROGRAM_NOT_STARTED, program=program.name)
    if program.ends_at is not None and now >= program.ends_at:
        return refuse(Reason.PROGRAM_ENDED, program=program.name)
    return None


def check_earn(program: Program, card: Card, quantity: int, now: datetime) -> Refusal | None:
    if card.status is CardStatus.REVOKED:
        return refuse(Reason.CARD_REVOKED)
    refusal = program_refusal(program, now)
    if refusal:
        return refusal
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        return refuse(Reason.BAD_QUANTITY)
    if earn_units(program, quantity) > program.per_visit_limit:
        return refuse(Reason.OVER_VISIT_LIMIT, limit=program.per_visit_limit, program=program.name)
    if card.last_earn_at is not None and program.cooldown_seconds > 0:
        elapsed = _seconds_since(card.last_earn_at, now)
        # A last stamp in the future means clocks disagree (another kiosk's, or ours was
        # moved); refusing for hours would stop the counter, so only a real recent stamp blocks.
        if 0 <= elapsed < program.cooldown_seconds:
            return refuse(Reason.COOLDOWN, seconds=max(1, round(program.cooldown_seconds - elapsed)))
    return None


def check_redeem(
    program: Program,
    card: Card,
    *,
    offline_redemptions: int = 0,
    offline_cap: int | None = None,
) -> Refusal | None:
    """Earned rewards stay redeemable even when the offer is paused or ended."""
    if card.status is CardStatus.REVOKED:
        return refuse(Reason.CARD_REVOKED)
    if card.balance.units < program.units_required:
        return refuse(Reason.NOT_ENOUGH_UNITS, units=card.balance.units, required=program.units_required)
    if offline_cap is not None and offline_redemptions >= offline_cap:
        return refuse(Reason.OFFLINE_REDEMPTION_CAP, count=offline_redemptions)
    return None


def check_undo(program: Program, card: Card, target: Event | None, now: datetime) -> Refusal | None:
    """`target` is the card's newest event that is neither a void nor voided."""
    if target is None or target.kind not in (EventKind.EARN, EventKind.REDEEM):
        return refuse(Reason.NOTHING_TO_UNDO)
    elapsed = _seconds_since(target.occurred_at, now)
    if not 0 <= elapsed <= program.undo_window_seconds:
        return refuse(Reason.UNDO_WINDOW_PASSED, seconds=program.undo_window_seconds)
    if card.balance.units - target.units < 0:
        return refuse(Reason.UNDO_WOULD_GO_NEGATIVE)
    return None


def earn_units(program: Program, quantity: int) -> int:
    """What `quantity` taps grant in this program (its kind's rule)."""
    return rules_for(program.kind).earn_units(quantity)


def rewards_unlocked(
    before: int, after: int, units_required: int, kind: ProgramKind = ProgramKind.STAMPS
) -> int:
    """How many new rewards a change of balance from `before` to `after` unlocked (the program
    kind's rule)."""
    return rules_for(kind).rewards_unlocked(units_required, before, after)
