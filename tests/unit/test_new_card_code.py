"""A new QR code for a customer's card (kiosk/services/replacement.py), on a real SQLite file.
The story with a revoked kiosk and the cloud is in tests/sync/test_revocations.py."""

from __future__ import annotations

from sqlalchemy import update

import cardtoken
from kiosk.domain.model import Role
from kiosk.domain.refusals import Reason
from kiosk.services import Actor
from kiosk.store import meta
from kiosk.store.schema import cards

MANAGER = Actor("s2", "Max", Role.MANAGER)
CASHIER = Actor("s1", "Cara", Role.CASHIER)


def a_card(demo) -> tuple[int, str]:
    token = next(t for name, t in demo.shop.tokens.items() if name.endswith("Coffee card"))
    return cardtoken.decode(token).card_id, token


def audited(demo) -> list[dict]:
    with demo.ctx.store.reading() as conn:
        return [e for e in meta.audit_entries(conn) if e["action"] == "card_code_replaced"]


def test_a_manager_gets_a_code_that_stamps_the_same_card(demo):
    card_id, _ = a_card(demo)
    assert demo.services.record_scan(cardtoken.format_card_number(card_id), actor=CASHIER).ok
    made = demo.services.new_card_code(card_id, actor=MANAGER)
    assert made.ok, made.message
    assert made.card.card.id == card_id
    assert made.card.card_number == cardtoken.format_card_number(card_id)
    assert cardtoken.decode(made.token).card_id == card_id
    demo.ctx.clock.advance(seconds=3600)  # past the cooldown
    stamped = demo.services.record_scan(made.token, actor=CASHIER)
    assert stamped.ok, stamped.message
    assert stamped.card.card.id == card_id
    assert stamped.card.card.balance.units == 2
    (entry,) = audited(demo)
    assert (entry["staff_name"], entry["detail"]["card"]) == ("Max", made.card.card_number)
    assert entry["detail"]["customer"] == made.card.customer.name


def test_cashiers_unknown_and_revoked_cards_get_no_code_and_nothing_is_written(demo):
    card_id, _ = a_card(demo)
    assert demo.services.new_card_code(card_id, actor=CASHIER).refusal.reason is Reason.NOT_ALLOWED
    unknown = cardtoken.format_card_number(123456789)
    assert demo.services.new_card_code(unknown, actor=MANAGER).refusal.reason is Reason.UNKNOWN_CARD
    assert demo.services.new_card_code("not a card", actor=MANAGER).refusal is not None
    with demo.ctx.store.transaction() as conn:  # what a pull does when the owner revokes the card
        conn.execute(update(cards).where(cards.c.id == card_id).values(status="revoked"))
    assert demo.services.new_card_code(card_id, actor=MANAGER).refusal.reason is Reason.CARD_REVOKED
    assert audited(demo) == []
