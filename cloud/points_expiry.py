"""The cloud's check of a points expiry a kiosk pushes (an ADJUST with the expiry's reason,
loyalty_rules/kinds/points_expiry.py): accepted only when the cloud's own view of her visits
agrees, by the same rule the kiosk used. A till that did not yet hear of her visit at another till
computes an expiry the cloud refuses (`visit_within_expiry`); the kiosk keeps it as rejected and
takes it back, as any refused event.

Two tills that record the same lapse send the same id and the same body (no till, staff or
device in it): the second is a `duplicate` of the first (cloud/ledger.py push), one event.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlalchemy import Connection, func, select

from cloud.models import Event
from loyalty_rules.kinds.points import PointsSettings, expiry_due

_event_t = Event.__table__


def last_visit(conn: Connection, business_id: int, card_id: int, batch_rows: list[dict], voided: list[str]):
    """Her newest live earn (loyalty_rules.ledger.VISITS), stored or earlier in this push."""
    stored = conn.execute(
        select(func.max(_event_t.c.occurred_at)).where(
            _event_t.c.business_id == business_id,
            _event_t.c.card_id == card_id,
            _event_t.c.kind == "earn",
            _event_t.c.voided.is_(False),
            _event_t.c.id.not_in(voided or ["-"]),
        )
    ).scalar()
    pushed = [
        r["occurred_at"]
        for r in batch_rows
        if r["card_id"] == card_id and r["kind"] == "earn" and not r["voided"]
    ]
    return max([m for m in (stored, *pushed) if m is not None], default=None)


def expiry_problem(
    *,
    event_id: str,
    card_id: int,
    units: int,
    occurred_at: datetime,
    settings: PointsSettings | None,
    visit: datetime | None,
    balance: int,
    now: datetime,
    zone: tzinfo,
) -> str | None:
    """Why the cloud refuses this expiry, or None to accept it (its rejection reasons)."""
    if settings is None or settings.expiry_months is None:
        return "expiry_not_set"  # a stamp offer, or a points offer whose points never expire
    due = expiry_due(card_id, visit, balance, settings, now, zone)
    if due is None or due.event_id != event_id:
        # she visited within the months (at this or another till), or her last visit is not the
        # one the kiosk counted from: her points stand
        return "visit_within_expiry"
    if due.at != occurred_at or due.points != -units:
        return "expiry_mismatch"  # not her whole balance, or not at the moment the rule gives
    return None
