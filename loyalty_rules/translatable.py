"""Marks an English text for the kiosk's translators, here where the text is written.

Qt's lupdate finds `QT_TRANSLATE_NOOP("Context", "text")` calls by name in any Python file it is
given (kiosk.ui.i18n_build passes the domain and rules modules too), so each message is written
once, in the pure package that owns it; the kiosk's UI translates it by the same context and text.
No Qt here: the marker only returns the text.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    del context  # only lupdate reads it
    return text


def translate(context: str, text: str, disambiguation: str = "", n: int = -1) -> str:
    """Marks a text with plural forms ("%n stamp(s)") for lupdate, which reads calls of this name
    with a count as numerus messages; the kiosk's UI translates it with the real count."""
    del context, disambiguation, n  # only lupdate reads them
    return text
