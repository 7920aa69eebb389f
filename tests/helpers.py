"""Shared test helpers: a clock you set, and a kiosk store in a temporary folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.services import Context, Services
from kiosk.store import open_store


def real_now() -> datetime:
    """The machine's clock to the whole second. The shifted test passes move it (libfaketime), so
    a test clock that meets a real one (a live cloud, a backup's file name) starts from here."""
    return datetime.now(UTC).replace(microsecond=0)


def today_at(hour: int, minute: int = 0) -> datetime:
    """Today's date by the machine's clock, at a fixed UTC time of day: tests that count a shop's
    local day stay deterministic, and the date still moves with the real (or shifted) clock."""
    return real_now().replace(hour=hour, minute=minute, second=0)


class SetClock:
    """A clock tests move by hand; it starts today (by the machine's clock) at 09:00 UTC."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or today_at(9)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


@dataclass
class Kiosk:
    services: Services
    clock: SetClock
    data_dir: Path

    @property
    def ctx(self) -> Context:
        return self.services.ctx

    def close(self) -> None:
        self.services.ctx.store.close()


def open_kiosk(data_dir: Path, clock: SetClock | None = None) -> Kiosk:
    clock = clock or SetClock()
    store = open_store(data_dir, now=clock())
    return Kiosk(Services(Context(store, clock=clock)), clock, data_dir)
