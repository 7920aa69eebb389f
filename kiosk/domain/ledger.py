"""Balances derived from events. The card row caches the result of `apply`; a recompute with
`balance_of` over the same events must always agree (tests check this with hypothesis)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kiosk.domain.model import Balance, Event, EventKind

_EARNING = (EventKind.EARN, EventKind.REFERRAL)


def apply(balance: Balance, event: Event) -> Balance:
    """The balance after one more event. Order-independent: sums and counts only."""
    lifetime, redemptions, visits = balance.lifetime, balance.redemptions, balance.visits
    kind = event.kind
    # a void counts as the negation of what it cancels
    sign = 1
    if kind is EventKind.VOID:
        if event.ref_kind is None:
            raise ValueError("a void must name the kind of event it cancels")
        kind, sign = event.ref_kind, -1
    if kind in _EARNING:
        lifetime += event.units
    if kind is EventKind.EARN:
        visits += sign
    elif kind is EventKind.REDEEM:
        redemptions += sign
    return Balance(
        units=balance.units + event.units,
        lifetime=lifetime,
        redemptions=redemptions,
        visits=visits,
    )


def balance_of(events: Iterable[Event]) -> Balance:
    balance = Balance()
    for event in events:
        balance = apply(balance, event)
    return balance


def void_of(
    target: Event,
    *,
    event_id: str,
    now,
    staff_id=None,
    staff_name=None,
    location_id=None,
    device_id=None,
    reason=None,
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
    again). Used when the cloud rejects an event this kiosk had already counted."""
    if event.kind is EventKind.VOID:
        if event.ref_kind is None:
            raise ValueError("a void must name the kind of event it cancels")
        return replace(event, kind=event.ref_kind, units=-event.units, ref_event_id=None, ref_kind=None)
    return replace(event, kind=EventKind.VOID, units=-event.units, ref_event_id=event.id, ref_kind=event.kind)
