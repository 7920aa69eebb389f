"""The short card number printed under the QR code, for typing at the counter.

A card id is a random integer below 10^11; the number is its 11 digits plus a Luhn
check digit, shown as three groups of four ("4821 0937 5516"). The check digit
catches every single mistyped digit and most swapped neighbours before any lookup.
Spaces and dashes are ignored when parsing.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

CARD_ID_MAX = 10**11  # exclusive
_DIGITS = 11


class CardNumberError(ValueError):
    pass


def _luhn_check_digit(digits: str) -> int:
    total = 0
    # the check digit is appended on the right, so doubling starts at the rightmost payload digit
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def new_card_id(randbelow: Callable[[int], int] = secrets.randbelow) -> int:
    """A random card id with 11 significant digits (never a leading-zero short one)."""
    return 10**10 + randbelow(CARD_ID_MAX - 10**10)


def format_card_number(card_id: int) -> str:
    if not 0 < card_id < CARD_ID_MAX:
        raise ValueError("card id out of range for a card number")
    digits = f"{card_id:0{_DIGITS}d}"
    full = digits + str(_luhn_check_digit(digits))
    return f"{full[0:4]} {full[4:8]} {full[8:12]}"


def parse_card_number(text: str) -> int:
    cleaned = text.replace(" ", "").replace("-", "")
    if len(cleaned) != _DIGITS + 1 or not cleaned.isascii() or not cleaned.isdigit():
        raise CardNumberError("a card number has 12 digits")
    payload, check = cleaned[:-1], int(cleaned[-1])
    if _luhn_check_digit(payload) != check:
        raise CardNumberError("check digit does not match: a digit was mistyped")
    card_id = int(payload)
    if card_id == 0:
        raise CardNumberError("no card has number zero")
    return card_id
