"""Finding the card behind a code, and dressing cards up as views for the screen."""

from __future__ import annotations

from dataclasses import dataclass

import cardtoken
from kiosk.domain import codes
from kiosk.domain.model import Card, Program
from kiosk.domain.outcomes import CardView, counter_order
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services import members
from kiosk.services.identity import issuing_private_key
from kiosk.store import directory, ledger, meta


@dataclass(frozen=True, slots=True)
class Resolved:
    card: Card
    layout_corrected: bool = False


@dataclass(frozen=True, slots=True)
class Unpulled:
    """A code signed with a key this kiosk trusts, of a card it does not hold yet: a member who
    joined in the cloud (on the join page) since the last pull (kiosk/services/online_join.py)."""

    card_id: int
    key_id: int
    layout_corrected: bool = False


def _business_id(conn) -> int:
    return int(meta.get_setting(conn, "business_id", "0") or 0)


def _verified_token(
    parsed: codes.TokenCode | codes.NumberCode | Refusal, business_id: int, keys: dict
) -> codes.TokenCode | Refusal:
    if not isinstance(parsed, codes.TokenCode):
        return parsed if isinstance(parsed, Refusal) else refuse(Reason.NOT_A_CARD_CODE)
    return codes.check_token(parsed.token, business_id, keys) or parsed


def resolve(conn, code: str | bytes | int, *, unpulled: bool = False) -> Resolved | Unpulled | Refusal:
    """The card a scanned or typed code stands for, checked end to end. Never raises.
    unpulled: a verified signed code of a card not on this kiosk comes back as Unpulled (else it
    is refused as an unknown card, as a typed number of one is)."""
    if isinstance(code, int):
        card = ledger.get_card(conn, code)
        return Resolved(card) if card else refuse(Reason.UNKNOWN_CARD)
    parsed = codes.parse_code(code)
    corrected = False
    if isinstance(parsed, codes.TokenCode) or (
        isinstance(parsed, Refusal)
        and isinstance(code, str)
        and len(code.strip()) == cardtoken.TOKEN_LEN
        and parsed.reason not in _NOT_A_LAYOUT_PROBLEM
    ):
        text = code.strip()
        business_id, keys = meta.own_business_keys(conn)
        checked = _verified_token(parsed, business_id, keys)  # parsed once, above
        if isinstance(checked, Refusal):
            # a scanner on the wrong keyboard map swaps Y and Z: a variant that verifies is the real card
            for variant in codes.layout_variants(text):
                candidate = _verified_token(codes.parse_code(variant), business_id, keys)
                if not isinstance(candidate, Refusal):
                    checked, corrected = candidate, True
                    break
        if isinstance(checked, Refusal):
            return checked
        card_id = checked.token.card_id
        if unpulled and not ledger.card_exists(conn, card_id):
            return Unpulled(card_id, checked.token.key_id, corrected)
    elif isinstance(parsed, Refusal):
        return parsed
    else:
        card_id = parsed.card_id
    card = ledger.get_card(conn, card_id)
    if card is None:
        return refuse(Reason.UNKNOWN_CARD)
    return Resolved(card, corrected)


# refusals a keyboard-map swap cannot explain: no point trying variants
_NOT_A_LAYOUT_PROBLEM = (Reason.LOWERCASE_TOKEN, Reason.BINARY_CODE, Reason.EMPTY_CODE, Reason.CODE_TOO_LONG)


def view_of(conn, card: Card) -> CardView:
    customer = directory.get_customer(conn, card.customer_id)
    program = directory.get_program(conn, card.program_id)
    return CardView(card, customer, program, cardtoken.format_card_number(card.id))


def views_of_customer(
    conn, customer_id: str, replace: Card | None = None, known: Program | None = None
) -> tuple[CardView, ...]:
    """All of a customer's cards, with `replace` standing in for its stored version. `known`: a
    program the caller read in this transaction already (a scan's), not read again."""
    customer = directory.get_customer(conn, customer_id)
    programs = {known.id: known} if known is not None else {}
    out = []
    # her accounts: after a merge, one per program over her live cards there (members.accounts)
    for card in members.accounts(ledger.cards_of_customer(conn, customer_id)):
        if replace is not None and card.id == replace.id:
            card = replace
        program = programs.get(card.program_id)
        if program is None:  # only her own programs: a shop may run many
            program = programs[card.program_id] = directory.get_program(conn, card.program_id)
        out.append(CardView(card, customer, program, cardtoken.format_card_number(card.id)))
    return counter_order(out)


def token_for(conn, card: Card) -> str | None:
    """Re-create the QR text of a card this kiosk (or business key here) can sign."""
    key = meta.issuing_key(conn, _business_id(conn))
    if key is None or key[0] != card.key_id:
        return None
    token = cardtoken.sign(issuing_private_key(key[1]), _business_id(conn), card.id, key[0])
    return cardtoken.encode(token)
