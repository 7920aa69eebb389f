"""Filling %1, %2… in translated sentences, as QString::arg does (PySide6 has no QString)."""

from __future__ import annotations

import re

_PLACE = re.compile(r"%(\d)")


def arg(template: str, *values: object) -> str:
    """One pass, so a value that itself contains '%2' is never substituted again."""

    def fill(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if 0 <= index < len(values) else match.group(0)

    return _PLACE.sub(fill, template)
