"""What the points-expiry sweep reads: a program's live cards that hold points, and whether an
expiry event was already recorded (its id is deterministic, so asking by id is the check)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from kiosk.domain.model import Card, CardStatus
from kiosk.store.rows import to_card
from kiosk.store.schema import cards, events


def cards_holding_points(conn: Connection, program_id: str) -> list[Card]:
    """Active cards of `program_id` with a positive balance and a visit to count from."""
    rows = conn.execute(
        select(cards)
        .where(
            cards.c.program_id == program_id,
            cards.c.status == CardStatus.ACTIVE.value,
            cards.c.units > 0,
            cards.c.last_earn_at.is_not(None),
        )
        .order_by(cards.c.id)
    )
    return [to_card(row) for row in rows]


def event_recorded(conn: Connection, event_id: str) -> bool:
    return conn.execute(select(events.c.id).where(events.c.id == event_id)).first() is not None
