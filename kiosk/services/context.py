"""What every use case needs, passed in once by the composition root."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kiosk.domain.connection import Connection
from kiosk.domain.model import Role
from kiosk.store import Store, meta


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


def connection(conn) -> Connection:
    """Read inside the use case's own transaction (kiosk.store.meta.connection, which the sync
    engine asks too): pairing saves the cloud's address, unpairing deletes it."""
    return meta.connection(conn)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is doing this: recorded on every event and audit entry."""

    staff_id: str | None
    name: str
    role: Role

    @classmethod
    def command_line(cls) -> Actor:
        # headless commands run by the shop's own scripts or POS: trusted like the owner
        return cls(None, "command line", Role.OWNER)


@dataclass
class Context:
    store: Store
    clock: Callable[[], datetime] = utc_now
    new_id: Callable[[], str] = new_uuid
    # rewards a card may have redeemed here that the cloud has not confirmed yet (paired kiosks):
    # the owner's setting (KioskSettings.offline_redemption_cap); the store worker updates it
    offline_redemption_cap: int = 1
    extras: dict = field(default_factory=dict)
