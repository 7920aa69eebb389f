"""A new QR code for a member: she lost it, or the kiosk that issued it was
revoked (a stolen till), which makes every kiosk refuse the codes it signed.

The code is her member code, the token of her first card (kiosk.services.members), whichever
of her codes or card numbers the manager looked her up by. The card stays the same card
(number, stamps, history, the cloud's balance); the code is signed
by this kiosk's key (Ed25519 signatures are deterministic: for a card this kiosk issued, it is the
same code again, which is what a lost card needs). Nothing is written to the ledger, so there is
nothing to sync: every kiosk of the business trusts this kiosk's key and finds the card by its
number. The old
code keeps working unless its key was revoked: a code carries no version of its own that could be
retired. The audit log records who made a new one, and for which card.
"""

from __future__ import annotations

from dataclasses import dataclass

import cardtoken
from kiosk.domain.model import CardStatus, Role
from kiosk.domain.outcomes import CardView, Outcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services import members
from kiosk.services.cards import resolve, view_of
from kiosk.services.context import Actor, Context
from kiosk.services.identity import issuing_private_key
from kiosk.store import StorageError, directory, ledger, meta


@dataclass(frozen=True, slots=True)
class NewCodeOutcome(Outcome):
    card: CardView | None = None
    token: str = ""  # the QR text to show and print


def new_code(ctx: Context, card_ref: str | int, *, actor: Actor) -> NewCodeOutcome:
    """Managers only: a replacement code is as good as the card, rewards included."""
    if not actor.role.at_least(Role.MANAGER):
        return NewCodeOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    try:
        with ctx.store.transaction() as conn:
            resolved = resolve(conn, card_ref)
            if isinstance(resolved, Refusal):
                return NewCodeOutcome(refusal=resolved)
            # the member's code: her member card's, whichever of her codes was brought
            card = members.member_card(
                ledger.cards_of_customer(conn, resolved.card.customer_id), directory.all_programs(conn)
            )
            card = card or resolved.card
            if card.status is CardStatus.REVOKED:
                return NewCodeOutcome(refusal=refuse(Reason.CARD_REVOKED))
            business_id = int(meta.get_setting(conn, "business_id", "0") or 0)
            key = meta.issuing_key(conn, business_id)
            if key is None:  # this kiosk's own key was revoked: its codes would be refused
                return NewCodeOutcome(refusal=invalid("Kiosk", Problem.NO_ISSUING_KEY))
            key_id, private = key
            token = cardtoken.encode(
                cardtoken.sign(issuing_private_key(private), business_id, card.id, key_id)
            )
            view = view_of(conn, card)
            meta.audit(
                conn,
                ctx.clock(),
                actor.staff_id,
                actor.name,
                "card_code_replaced",
                card_id=card.id,
                card=view.card_number,
                customer=view.customer.name,
            )
    except StorageError as exc:
        return NewCodeOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))
    return NewCodeOutcome(card=view, token=token)
