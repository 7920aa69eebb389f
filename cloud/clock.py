"""The clock routes ask for "now": real by default, settable in tests (no sleeping)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC)


class FakeClock:
    """A clock tests move by hand. It starts today (by the machine's clock) at noon UTC: a fixed
    time of day keeps day boundaries out of a test's way, and the real date keeps it consistent
    with what reads the real clock (token expiry checks, file names)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or utcnow().replace(hour=12, minute=0, second=0, microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, **kw) -> datetime:
        self.now += timedelta(seconds=seconds, **kw)
        return self.now
