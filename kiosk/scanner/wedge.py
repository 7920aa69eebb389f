"""Keyboard-wedge scanners: telling a scanner's burst of keys from a person typing.

A USB scanner in keyboard mode types its code a key every few milliseconds and ends it
with Enter or Tab; a person types a key every 100+ ms. The parser holds keys while they
could still be a burst and decides as soon as it can:

- Enter/Tab after at least `min_length` characters (prefix/suffix removed), every gap
  at most `max_gap_s`, and the configured prefix/suffix present: a scan;
- a gap longer than `max_gap_s`, a non-character key, or an Enter too early: the held
  keys are released to the focused widget as typing, in order.

The Qt event filter swallows keys while they are held and replays released ones, so a
scan never lands in a text field. Time is passed in; `poll(now)` releases a held key
once its gap has run out (the filter drives it with a short timer).

Keyboard layouts: a scanner set to US layout on a German keymap types Z for Y and Y for
Z (and ß for -). Card tokens are signed, so the service layer tries `layout_variants`
in order and keeps the first that verifies; `layout_mismatch` says what was corrected.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from cardtoken import CardNumberError, TokenError, decode, parse_card_number


class SpecialKey(enum.Enum):
    ENTER = "enter"
    TAB = "tab"
    OTHER = "other"  # arrows, Backspace, F-keys...: never part of a scan


@dataclass(frozen=True, slots=True)
class WedgeKey:
    """One key press. `text` is the character it typed ("" for special keys).

    `token` is opaque to the parser: the UI puts whatever it needs to replay the key there.
    """

    text: str
    at: float
    special: SpecialKey | None = None
    token: object = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class WedgeScan:
    text: str
    keys: tuple[WedgeKey, ...]


@dataclass(frozen=True, slots=True)
class ReleasedKeys:
    """Keys that turned out to be typing: deliver them to the focused widget, in order."""

    keys: tuple[WedgeKey, ...]


WedgeResult = WedgeScan | ReleasedKeys


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    max_gap_s: float = 0.05
    min_length: int = 3
    prefix: str = ""
    suffix: str = ""

    def __post_init__(self) -> None:
        if self.max_gap_s <= 0:
            raise ValueError("max gap must be positive")
        if self.min_length < 1:
            raise ValueError("min length must be at least 1")


class WedgeParser:
    """Per-instance state: the keys held so far. Feed every key press, in order."""

    def __init__(self, settings: WedgeSettings = WedgeSettings()) -> None:
        self.settings = settings
        self._held: list[WedgeKey] = []

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def deadline(self) -> float | None:
        """When the held keys become typing if no further key comes (for the UI's timer)."""
        return self._held[-1].at + self.settings.max_gap_s if self._held else None

    def feed(self, key: WedgeKey) -> list[WedgeResult]:
        results: list[WedgeResult] = []
        if self._held and key.at - self._held[-1].at > self.settings.max_gap_s:
            results.append(self._release())
        if key.special in (SpecialKey.ENTER, SpecialKey.TAB):
            scan = self._complete(key)
            if scan is not None:
                results.append(scan)
            else:
                results.append(ReleasedKeys((*self._take(), key)))
            return results
        if key.special is not None or len(key.text) != 1 or not key.text.isprintable():
            results.append(ReleasedKeys((*self._take(), key)))
            return results
        self._held.append(key)
        if not self._could_be_prefix():
            results.append(self._release())
        return results

    def poll(self, now: float) -> list[WedgeResult]:
        """Release held keys whose gap has run out; call it when `deadline()` passes."""
        deadline = self.deadline()
        if deadline is not None and now > deadline:
            return [self._release()]
        return []

    def _could_be_prefix(self) -> bool:
        # while a configured prefix is being typed, every key must match it
        prefix = self.settings.prefix
        typed = "".join(k.text for k in self._held[: len(prefix)])
        return prefix.startswith(typed)

    def _complete(self, terminator: WedgeKey) -> WedgeScan | None:
        text = "".join(k.text for k in self._held)
        prefix, suffix = self.settings.prefix, self.settings.suffix
        if not text.startswith(prefix) or not text.endswith(suffix):
            return None
        body = text[len(prefix) : len(text) - len(suffix)]
        if len(body) < self.settings.min_length:
            return None
        # the terminator belongs to the scan too: every key fed comes out exactly once
        return WedgeScan(body, (*self._take(), terminator))

    def _take(self) -> list[WedgeKey]:
        held, self._held = self._held, []
        return held

    def _release(self) -> ReleasedKeys:
        return ReleasedKeys(tuple(self._take()))


# US-layout scanner on a German keymap (and the reverse): the keys that move.
_US_ON_DE = str.maketrans({"Y": "Z", "Z": "Y", "y": "z", "z": "y", "ß": "-"})


def layout_variants(text: str) -> list[str]:
    """Candidate readings of a wedge scan, most likely first: as typed, then layout-corrected.

    Only unambiguous corrections: tokens are A–Z2–7 and card numbers digits, so the
    Y↔Z swap (and ß for a dash) is all a US/German mix-up can do to them.
    """
    corrected = text.translate(_US_ON_DE)
    return [text] if corrected == text else [text, corrected]


@dataclass(frozen=True, slots=True)
class LayoutMismatch:
    scanned: str
    corrected: str
    message: str


def layout_mismatch(scanned: str, accepted: str) -> LayoutMismatch | None:
    """What to tell the manager when a variant other than the scanned text was the valid one."""
    if scanned == accepted:
        return None
    return LayoutMismatch(
        scanned,
        accepted,
        "The scanner's keyboard layout does not match this computer's (Y and Z are swapped): "
        "set the scanner to the same layout as the keyboard.",
    )


def is_card_code(text: str) -> bool:
    """Is `text` a whole card code — a token of the right shape or a card number whose check
    digit matches — as typed or layout-corrected? A burst into a text field counts as a scan only
    then: a name typed fast is the person's (the signature is checked later, by the services)."""
    for variant in layout_variants(text.strip()):
        for candidate in (variant, variant.upper()):
            try:
                decode(candidate)
                return True
            except TokenError:
                pass
        try:
            parse_card_number(variant)
            return True
        except CardNumberError:
            pass
    return False
