"""What a standalone kiosk judges its A/B tests from (loyalty_rules/experiment_results.py), read
from its own ledger as the cloud reads its ledger of every till: each member's visit days (the
shop's local days with a stamp that was not undone) and the tested offers she earned in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Connection, and_, select

from kiosk.domain.analytics import Bucket
from kiosk.domain.model import EventKind
from kiosk.store.analytics import _bucket_table, visit_kind
from kiosk.store.schema import cards, events


def _not_undone():
    undo = events.alias("undo")
    return (
        ~select(undo.c.id)
        .where(undo.c.kind == EventKind.VOID.value, undo.c.ref_event_id == events.c.id)
        .exists()
    )


def member_visit_days(conn: Connection, days: list[Bucket]) -> dict[str, list[date]]:
    """Member -> the local days of `days` (oldest first) she came in on."""
    if not days:
        return {}
    b = _bucket_table(days, "b")
    query = (
        select(cards.c.customer_id, b.c.i)
        .select_from(
            b.join(events, and_(events.c.occurred_at >= b.c.lo, events.c.occurred_at < b.c.hi)).join(
                cards, cards.c.id == events.c.card_id
            )
        )
        .where(visit_kind(), _not_undone())
        .distinct()
    )
    found: dict[str, list[date]] = defaultdict(list)
    for member, index in conn.execute(query):
        found[member].append(days[index].first_day)
    return dict(found)


def offers_earned(conn: Connection, since: datetime, offer_ids: Iterable[str]) -> dict[str, set[str]]:
    """Member -> which of these offers she earned in since `since` (earns not undone)."""
    query = (
        select(cards.c.customer_id, events.c.program_id)
        .select_from(events.join(cards, cards.c.id == events.c.card_id))
        .where(
            events.c.kind == EventKind.EARN.value,
            events.c.occurred_at >= since,
            events.c.program_id.in_(sorted(offer_ids)),
            _not_undone(),
        )
        .distinct()
    )
    found: dict[str, set[str]] = defaultdict(set)
    for member, program in conn.execute(query):
        found[member].add(program)
    return dict(found)
