"""A currency's minor units, shared by the kiosk (the amount keypad) and the cloud (spend in its
reports): amounts are whole minor units everywhere, and a currency says how many make one unit.

`minor_per_unit` is 100 for the euro's cents, 1 for the yen (no minor unit), 1000 for the Kuwaiti
dinar's fils. A points offer's settings carry it (loyalty_rules.kinds.points.PointsSettings).
"""

from __future__ import annotations


def decimals_of(minor_per_unit: int) -> int:
    """2 for a currency of 100 cents, 0 for yen, 3 for 1000 fils."""
    decimals = 0
    while minor_per_unit >= 10 and minor_per_unit % 10 == 0:
        minor_per_unit //= 10
        decimals += 1
    return decimals


def units_text(minor: int, minor_per_unit: int) -> str:
    """`minor` written in whole units with the currency's decimals and a point, the way a CSV or
    JSON reader expects a number: 1250 is "12.50" in euros, "1250" in yen, "1.250" in dinars."""
    decimals = decimals_of(minor_per_unit)
    sign, magnitude = ("-" if minor < 0 else ""), abs(minor)
    if not decimals:
        return f"{sign}{magnitude}"
    whole, fraction = divmod(magnitude, 10**decimals)
    return f"{sign}{whole}.{fraction:0{decimals}d}"


__all__ = ["decimals_of", "units_text"]
