"""Applying events to an account: the one rule the kiosk's cached balances and the cloud's
ledger both call, so a recompute agrees with the cache on either side.

`apply` is order-independent (sums and counts only). A void counts as the negation of the
event it cancels.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from loyalty_rules.model import Balance, Event, EventKind

# what a program grants: these add to `lifetime`. An enrolment's starting units (a paper card
# carried over, a welcome stamp) are granted like an earn's; an adjustment corrects a mistake
# and is not a grant.
GRANTING = frozenset({EventKind.ENROLL, EventKind.EARN, EventKind.REFERRAL})
VISITS = frozenset({EventKind.EARN})  # a visit is an earn at the counter
REDEMPTIONS = frozenset({EventKind.REDEEM})


class Change(Protocol):
    """What `apply` reads of an event (the kiosk's Event, the cloud's rows through `Entry`)."""

    @property
    def kind(self) -> EventKind: ...
    @property
    def units(self) -> int: ...
    @property
    def ref_kind(self) -> EventKind | None: ...


@dataclass(frozen=True, slots=True)
class Entry:
    """The least an event says about a balance."""

    kind: EventKind
    units: int
    ref_kind: EventKind | None = None


def apply(balance: Balance, event: Change) -> Balance:
    """The balance after one more event."""
    kind, sign = event.kind, 1
    if kind is EventKind.VOID:
        if event.ref_kind is None:
            raise ValueError("a void must name the kind of event it cancels")
        kind, sign = event.ref_kind, -1
    return Balance(
        units=balance.units + event.units,
        lifetime=balance.lifetime + (event.units if kind in GRANTING else 0),
        redemptions=balance.redemptions + (sign if kind in REDEMPTIONS else 0),
        visits=balance.visits + (sign if kind in VISITS else 0),
    )


def balance_of(events: Iterable[Change]) -> Balance:
    balance = Balance()
    for event in events:
        balance = apply(balance, event)
    return balance


class UnitsProblem(enum.Enum):
    """Why an event's units or reason cannot be right for its kind (the words are the cloud's
    rejection reasons)."""

    BAD_UNITS = "bad_units"
    REASON_REQUIRED = "reason_required"


def units_problem(kind: EventKind, units: int, reason: str | None) -> UnitsProblem | None:
    """Earns grant, redemptions spend, enrolments start at zero or more, adjustments say why."""
    if kind in (EventKind.EARN, EventKind.REFERRAL) and units < 1:
        return UnitsProblem.BAD_UNITS
    if kind is EventKind.REDEEM and units > -1:
        return UnitsProblem.BAD_UNITS
    if kind is EventKind.ENROLL and units < 0:
        return UnitsProblem.BAD_UNITS
    if kind in (EventKind.MEMBER_MERGE, EventKind.TIER_CHANGE) and units != 0:  # they move no units
        return UnitsProblem.BAD_UNITS
    if kind is EventKind.ADJUST:
        if units == 0:
            return UnitsProblem.BAD_UNITS
        if not (reason or "").strip():
            return UnitsProblem.REASON_REQUIRED
    return None


class VoidProblem(enum.Enum):
    """Why a void cannot cancel the event it names (the words are the cloud's rejection reasons)."""

    REF_OTHER_CARD = "ref_other_card"
    CANNOT_VOID_VOID = "cannot_void_void"
    ALREADY_VOIDED = "already_voided"
    VOID_MISMATCH = "void_mismatch"


def void_problem(void: Change, *, same_card: bool, target: Change, target_voided: bool) -> VoidProblem | None:
    """A void cancels exactly one live event of its own card, units for units."""
    if not same_card:
        return VoidProblem.REF_OTHER_CARD
    if target.kind is EventKind.VOID:
        return VoidProblem.CANNOT_VOID_VOID
    if target_voided:
        return VoidProblem.ALREADY_VOIDED
    if void.units != -target.units:
        return VoidProblem.VOID_MISMATCH
    return None


def void_of(
    target: Event,
    *,
    event_id: str,
    now: datetime,
    staff_id: str | None = None,
    staff_name: str | None = None,
    location_id: str | None = None,
    device_id: str | None = None,
    reason: str | None = None,
) -> Event:
    """The event that cancels `target` exactly."""
    if target.kind is EventKind.VOID:
        raise ValueError("a void cannot be voided")
    return Event(
        id=event_id,
        kind=EventKind.VOID,
        card_id=target.card_id,
        program_id=target.program_id,
        units=-target.units,
        occurred_at=now,
        staff_id=staff_id,
        staff_name=staff_name,
        location_id=location_id,
        device_id=device_id,
        ref_event_id=target.id,
        ref_kind=target.kind,
        reason=reason,
    )


def reversal_of(event: Event) -> Event:
    """An event whose effect on a balance cancels `event` exactly (for a void: what it voided,
    again). Used when the cloud rejects an event a kiosk had already counted."""
    if event.kind is EventKind.VOID:
        if event.ref_kind is None:
            raise ValueError("a void must name the kind of event it cancels")
        return replace(event, kind=event.ref_kind, units=-event.units, ref_event_id=None, ref_kind=None)
    return replace(event, kind=EventKind.VOID, units=-event.units, ref_event_id=event.id, ref_kind=event.kind)
