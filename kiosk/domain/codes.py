"""What a scanned or typed text means: a signed card token, a card number, or nothing."""

from __future__ import annotations

from dataclasses import dataclass

import cardtoken
from kiosk.domain.refusals import Reason, Refusal, refuse

MAX_CODE_CHARS = 512  # a token is 127; anything far longer is not ours, say so without parsing

_TOKEN_PROBLEMS = {
    cardtoken.TokenProblem.EMPTY: Reason.EMPTY_CODE,
    cardtoken.TokenProblem.WRONG_LENGTH: Reason.TRUNCATED_TOKEN,
    cardtoken.TokenProblem.LOWERCASE: Reason.LOWERCASE_TOKEN,
    cardtoken.TokenProblem.BAD_CHARACTERS: Reason.NOT_A_CARD_CODE,
    cardtoken.TokenProblem.MALFORMED: Reason.NOT_A_CARD_CODE,
    cardtoken.TokenProblem.UNSUPPORTED_VERSION: Reason.UNSUPPORTED_VERSION,
    cardtoken.TokenProblem.BAD_SIGNATURE: Reason.FORGED_TOKEN,
    cardtoken.TokenProblem.UNKNOWN_KEY: Reason.UNKNOWN_KEY,
}


@dataclass(frozen=True, slots=True)
class TokenCode:
    token: cardtoken.CardToken
    text: str


@dataclass(frozen=True, slots=True)
class NumberCode:
    card_id: int


@dataclass(frozen=True, slots=True)
class PublicKey:
    business_id: int
    key_id: int
    public_key: bytes
    revoked: bool = False


def _looks_like_card_number(text: str) -> bool:
    return all(ch.isdigit() or ch in " -" for ch in text) and any(ch.isdigit() for ch in text)


def parse_code(raw: str | bytes) -> TokenCode | NumberCode | Refusal:
    """Read what the scanner or the cashier gave us. Never raises."""
    if isinstance(raw, bytes | bytearray):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return refuse(Reason.BINARY_CODE)
    if len(raw) > MAX_CODE_CHARS:
        return refuse(Reason.CODE_TOO_LONG)
    text = raw.strip()
    if not text:
        return refuse(Reason.EMPTY_CODE)
    if any(not ch.isprintable() for ch in text):
        return refuse(Reason.BINARY_CODE)
    if _looks_like_card_number(text):
        try:
            return NumberCode(cardtoken.parse_card_number(text))
        except cardtoken.CardNumberError:
            digits = sum(ch.isdigit() for ch in text)
            return refuse(Reason.BAD_CHECK_DIGIT if digits == 12 else Reason.NOT_A_CARD_CODE)
    if len(text) < 100:
        # far from a token's 127 characters: some other barcode (a product, a URL)
        return refuse(Reason.NOT_A_CARD_CODE)
    try:
        return TokenCode(cardtoken.decode(text), text)
    except cardtoken.TokenError as exc:
        return refuse(_TOKEN_PROBLEMS[exc.problem])


def card_ref(text: str) -> str | int:
    """What an operator typed to name a card: its id (up to 11 digits, as `card` prints it) or
    anything `parse_code` reads (a token, the 12-digit printed number). The counter never calls
    this: a scanned short barcode is some product, not a card id."""
    cleaned = text.strip()
    if cleaned.isascii() and cleaned.isdigit() and len(cleaned) < len(str(cardtoken.CARD_ID_MAX)):
        return int(cleaned)
    return text


def layout_variants(text: str) -> list[str]:
    """Readings of `text` a keyboard-map mismatch could have produced, most likely first.

    A scanner sending US key positions into a German (QWERTZ) map swaps Y and Z; base32
    tokens contain both letters, so the signature fails on the raw text and passes on the
    swapped one. Digits are in the same place on both maps.
    """
    if "Y" not in text and "Z" not in text:
        return []
    return [text.translate(str.maketrans("YZ", "ZY"))]


def check_token(token: cardtoken.CardToken, business_id: int, keys: dict[int, PublicKey]) -> Refusal | None:
    """Is this token one of ours, issued by a key we trust, and unaltered?"""
    if token.business_id != business_id:
        return refuse(Reason.WRONG_BUSINESS)
    key = keys.get(token.key_id)
    if key is None:
        return refuse(Reason.UNKNOWN_KEY)
    if not cardtoken.is_usable_key(key.public_key):
        # a small-order key (e.g. 32 zero bytes) "verifies" signatures nobody made: never trust one,
        # whether it came from the cloud or from this kiosk's own files
        return refuse(Reason.UNSAFE_KEY)
    if not cardtoken.verify(token, key.public_key):
        return refuse(Reason.FORGED_TOKEN)
    if key.revoked:
        return refuse(Reason.REVOKED_KEY)
    return None
