"""A currency's minor units written as its units (loyalty_rules.money): shared by the kiosk's
keypad and the cloud's reports, so a yen shop's 1250 is 1250 in both."""

from __future__ import annotations

import pytest

from loyalty_rules.money import decimals_of, units_text


@pytest.mark.parametrize(("minor_per_unit", "decimals"), [(1, 0), (100, 2), (1000, 3), (5, 0)])
def test_decimals_of_a_currency(minor_per_unit, decimals):
    assert decimals_of(minor_per_unit) == decimals


@pytest.mark.parametrize(
    ("minor", "minor_per_unit", "text"),
    [
        (1250, 100, "12.50"),
        (5, 100, "0.05"),
        (1250, 1, "1250"),  # yen: no decimals
        (1250, 1000, "1.250"),  # dinar: 1000 fils
        (7, 1000, "0.007"),
        (-1250, 100, "-12.50"),  # a refund's sum
        (-5, 100, "-0.05"),
        (0, 100, "0.00"),
    ],
)
def test_units_text_writes_the_currency_s_decimals_exactly(minor, minor_per_unit, text):
    assert units_text(minor, minor_per_unit) == text
