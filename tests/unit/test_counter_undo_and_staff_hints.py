"""Undo takes back the event the cashier saw, never a later one; the sign-in pad's hints (PIN
length, last sign-in) are kept when a PIN is set or typed right (issue 13)."""

from __future__ import annotations

from kiosk.domain.model import Role
from kiosk.domain.refusals import Reason
from kiosk.services import Actor

CASHIER = Actor("s1", "Cara", Role.CASHIER)


def _coffee(demo) -> str:
    return next(t for name, t in demo.shop.tokens.items() if name.endswith("Coffee card"))


def test_undo_names_its_event_and_refuses_when_a_later_one_came(demo):
    token = _coffee(demo)
    first = demo.services.record_scan(token, quantity=2)
    demo.clock.advance(61)
    later = demo.services.record_scan(token, quantity=3)  # another till, meanwhile
    refused = demo.services.undo(token, actor=CASHIER, event_id=first.event.id)
    assert refused.refusal.reason is Reason.NOTHING_TO_UNDO
    assert refused.card.card.balance.units == 5  # nothing changed
    undone = demo.services.undo(token, actor=CASHIER, event_id=later.event.id)
    assert undone.ok
    assert undone.voided.id == later.event.id
    assert undone.card.card.balance.units == 2


def test_pin_length_and_last_sign_in_are_kept_and_never_the_pin(demo):
    roster = {s.name: s for s in demo.services.roster()}
    owner = next(s for s in roster.values() if s.role is Role.OWNER)
    cashier = next(s for s in roster.values() if s.role is Role.CASHIER)
    assert cashier.pin_length == 4  # set with the PIN
    assert cashier.last_signed_in_at is None
    signed = demo.services.sign_in(cashier.id, "1111")
    assert signed.ok
    after = next(s for s in demo.services.roster() if s.id == cashier.id)
    assert after.last_signed_in_at == demo.clock()
    owner_actor = Actor(owner.id, owner.name, Role.OWNER)
    assert demo.services.change_staff(cashier.id, actor=owner_actor, pin="24680135").ok
    assert next(s for s in demo.services.roster() if s.id == cashier.id).pin_length == 8
    assert demo.services.sign_in(cashier.id, "2468").refusal.reason is Reason.WRONG_PIN
    assert next(s for s in demo.services.roster() if s.id == cashier.id).pin_length == 8
