"""Shared test helpers: a clock you set, and a kiosk store in a temporary folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.services import Context, Services
from kiosk.store import open_store


class SetClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

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
