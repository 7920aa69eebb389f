"""Turns a code held in front of the camera into one scan.

A camera sees the same code on every frame for as long as it is held up, and loses it
for a frame now and then (motion blur, glare). A code is reported when it first
appears; it is reported again only after it has been out of view for `gone_after_s`
(the customer took the card away and showed it again) and at least `repeat_after_s`
after its last report (so a flicker can never double-stamp). State is per instance,
time is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DebounceSettings:
    gone_after_s: float = 0.5
    repeat_after_s: float = 1.5


class Debouncer:
    def __init__(self, settings: DebounceSettings = DebounceSettings()) -> None:
        self.settings = settings
        self._last_seen: dict[str, float] = {}
        self._last_reported: dict[str, float] = {}

    def feed(self, texts: Iterable[str], now: float) -> list[str]:
        """The texts seen in one frame at `now`; returns those that count as a new scan."""
        self._forget_gone(now)
        scans = []
        for text in dict.fromkeys(texts):  # a frame showing one code twice is still one code
            in_view = text in self._last_seen
            self._last_seen[text] = now
            if in_view:
                continue
            reported = self._last_reported.get(text)
            if reported is not None and now - reported < self.settings.repeat_after_s:
                continue
            self._last_reported[text] = now
            scans.append(text)
        return scans

    def _forget_gone(self, now: float) -> None:
        gone = [t for t, seen in self._last_seen.items() if now - seen >= self.settings.gone_after_s]
        for text in gone:
            del self._last_seen[text]
        stale = [t for t, at in self._last_reported.items() if now - at >= self.settings.repeat_after_s]
        for text in stale:
            if text not in self._last_seen:
                del self._last_reported[text]

    def reset(self) -> None:
        self._last_seen.clear()
        self._last_reported.clear()
