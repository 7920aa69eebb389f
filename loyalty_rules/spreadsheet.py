"""Free text in a file a spreadsheet opens, shared by the kiosk's data export and the cloud's
campaign CSV: a spreadsheet runs a cell starting with = + - @ (or a tab or carriage return) as a
formula (CSV injection), so such text gets a leading apostrophe and stays plain text."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str | None) -> str:
    """Free text as a cell no spreadsheet will run: a leading apostrophe makes it plain text."""
    if not text:
        return ""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


__all__ = ["FORMULA_STARTS", "spreadsheet_safe"]
