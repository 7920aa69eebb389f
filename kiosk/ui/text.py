"""Filling %1, %2… in translated sentences, as QString::arg does (PySide6 has no QString), and
writing a day as the kiosk's language does."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale

_PLACE = re.compile(r"%(\d)")


def arg(template: str, *values: object) -> str:
    """One pass, so a value that itself contains '%2' is never substituted again."""

    def fill(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if 0 <= index < len(values) else match.group(0)

    return _PLACE.sub(fill, template)


def day_text(day: date, pattern: str) -> str:
    """A day in the kiosk's language: `pattern` is the caller's translated "d MMM yyyy" (5 Dec
    2026 in English, 5. Dez. 2026 in German), so figures an owner reads are never ISO dates."""
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)
