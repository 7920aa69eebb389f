"""A new ledger event, stamped with who made it, where and on which device: every entry says so."""

from __future__ import annotations

from datetime import datetime

from kiosk.domain.model import Card, Event, EventKind
from kiosk.services.context import Actor, Context
from kiosk.store import meta


def new_event(
    ctx: Context, conn, actor: Actor, kind: EventKind, card: Card, units: int, now: datetime, **extra
) -> Event:
    location_id, device_id = meta.location_and_device(conn)
    return Event(
        id=ctx.new_id(),
        kind=kind,
        card_id=card.id,
        program_id=card.program_id,
        units=units,
        occurred_at=now,
        staff_id=actor.staff_id,
        staff_name=actor.name,
        location_id=location_id,
        device_id=device_id,
        **extra,
    )
