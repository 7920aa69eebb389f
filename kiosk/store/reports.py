"""The ledger events a report counts, read in one indexed range query (ix_events_occurred)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import Connection, select

from kiosk.domain.model import EventKind
from kiosk.domain.reports import ReportLine
from kiosk.store.schema import cards, events
from loyalty_rules.kinds.points_expiry import is_expiry

_BATCH = 2000


def report_lines(conn: Connection, start: datetime, end: datetime) -> Iterator[ReportLine]:
    """Events that happened between start and end (aware datetimes), with their card's customer."""
    query = (
        select(
            events.c.occurred_at,
            events.c.kind,
            events.c.units,
            events.c.program_id,
            cards.c.customer_id,
            events.c.staff_name,
            events.c.ref_kind,
            events.c.reason,
        )
        .select_from(events.join(cards, cards.c.id == events.c.card_id))
        .where(events.c.occurred_at >= start, events.c.occurred_at <= end)
    )
    # streamed in batches off the cursor: a busy year never sits in memory at once
    for r in conn.execution_options(yield_per=_BATCH).execute(query):
        yield ReportLine(
            r.occurred_at,
            EventKind(r.kind),
            r.units,
            r.program_id,
            r.customer_id,
            r.staff_name,
            EventKind(r.ref_kind) if r.ref_kind else None,
            is_expiry(r.kind, r.reason),
        )
