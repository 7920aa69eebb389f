"""The sale amount the cashier types at the counter, read exactly into integer minor units.

"12,50" in German and "12.50" in English are 1250 cents; a yen amount has no decimals. Decimal,
never float: 0.1 + 0.2 is not 0.3 in binary, and a point lost at a rounding edge is a complaint.
Only the locale's own separator is accepted: in German "12.50" could be a thousands separator
misread, so it is refused with a clear message instead of being guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kiosk.domain.problems import Problem
from loyalty_rules.money import decimals_of  # shared with the cloud's reports

__all__ = ["MAX_WHOLE_DIGITS", "decimals_of", "format_amount", "parse_amount"]

MAX_WHOLE_DIGITS = 9  # far above a counter sale; loyalty_rules caps the sale itself


def parse_amount(text: str, separator: str, decimals: int) -> int | Problem:
    """`text` in minor units, or the problem the cashier is told (nothing is recorded)."""
    typed = text.strip().replace(" ", "")
    if typed.startswith("-"):
        return Problem.AMOUNT_NEGATIVE
    fraction = rf"(?:{re.escape(separator)}(\d{{1,{decimals}}}))?" if decimals else ""
    match = re.fullmatch(rf"(\d{{1,{MAX_WHOLE_DIGITS}}}){fraction}", typed)
    if match is None:
        return Problem.AMOUNT_INVALID
    whole, cents = match.group(1), (match.group(2) if decimals else None) or ""
    amount = Decimal(f"{whole}.{cents or '0'}").scaleb(decimals)
    return int(amount)


def format_amount(minor: int, separator: str, decimals: int) -> str:
    """1250 -> "12,50" (German) or "12.50" (English): what the keypad's field shows back."""
    if not decimals:
        return str(minor)
    whole, cents = divmod(minor, 10**decimals)
    return f"{whole}{separator}{cents:0{decimals}d}"
