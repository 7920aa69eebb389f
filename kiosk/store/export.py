"""The owner's export: every customer, card and event streamed out, inside one read transaction.
(A customer's erasure is kiosk/store/erasure.py.)

Streaming: each query is iterated straight off SQLite's cursor in batches of BATCH rows, so an
export of a million customers holds one batch in memory, never the table.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, literal_column, select
from sqlalchemy.exc import OperationalError

from kiosk.domain.model import CardStatus, Customer, EventKind, ProgramKind
from kiosk.store.db import StorageError, Store, describe_error
from kiosk.store.schema import cards, customers, events, happy_hours, programs

BATCH = 5_000


@dataclass(frozen=True, slots=True)
class CardRecord:
    """A card as the export lists it: its balance and the offer's name, no QR secret."""

    card_id: int
    customer_id: str
    offer_name: str | None
    status: CardStatus
    units: int
    lifetime: int
    redemptions: int
    visits: int
    flagged: bool
    spend_minor: int | None = None  # a points card: the sales its standing earns were for
    # what `units` and `lifetime` count: stamps, or a points card's points (None: offer gone)
    kind: ProgramKind | None = None


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: str
    occurred_at: datetime
    kind: str
    card_id: int
    offer_name: str | None
    units: int
    staff_name: str | None
    location_id: str | None
    reason: str | None
    ref_event_id: str | None  # the event a void cancels
    amount_minor: int | None = None  # a points earn: the sale, in minor units
    reward_id: str | None = None  # a points redemption: the catalogue reward
    tier: str | None = None  # a tiered earn: the tier it was earned at; a tier change: her tier now
    happy_hour: str | None = None  # an earn a happy hour boosted: the happy hour's name


# --- export ------------------------------------------------------------------------------------


@contextlib.contextmanager
def snapshot(store: Store) -> Iterator[Connection]:
    """One read transaction for a whole export, so the three files agree with each other while the
    counter keeps stamping (WAL: readers never block the writer). pysqlite begins no transaction
    for a SELECT on its own, hence the explicit BEGIN; closing the connection rolls it back."""
    try:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("BEGIN")
            yield conn
    except OperationalError as exc:
        raise StorageError(describe_error(exc)) from exc


def customers_for_export(conn: Connection) -> Iterator[Customer]:
    query = select(
        customers.c.id,
        customers.c.name,
        customers.c.email,
        customers.c.phone,
        customers.c.marketing_consent,
        customers.c.created_at,
    ).order_by(literal_column("customers.rowid"))  # the table's own order: no sort of a million rows
    for r in conn.execution_options(yield_per=BATCH).execute(query):
        yield Customer(r.id, r.name, r.email, r.phone, bool(r.marketing_consent), r.created_at)


def _spend_per_card():
    """card id -> the sum of its points earns' sales, less the earns undone (a points card's
    spend; a stamp card has no row). One GROUP BY over the events, not a query per card."""
    undone = select(events.c.ref_event_id).where(
        events.c.kind == EventKind.VOID.value, events.c.ref_event_id.is_not(None)
    )
    return (
        select(events.c.card_id, func.sum(events.c.amount_minor).label("spend_minor"))
        .where(
            events.c.kind == EventKind.EARN.value,
            events.c.amount_minor.is_not(None),
            events.c.id.not_in(undone),
        )
        .group_by(events.c.card_id)
        .subquery()
    )


def cards_for_export(conn: Connection) -> Iterator[CardRecord]:
    spend = _spend_per_card()
    query = (
        select(
            cards.c.id,
            cards.c.customer_id,
            programs.c.name.label("offer_name"),
            cards.c.status,
            cards.c.units,
            cards.c.lifetime,
            cards.c.redemptions,
            cards.c.visits,
            cards.c.flagged,
            spend.c.spend_minor,
            programs.c.kind,
        )
        .select_from(
            cards.outerjoin(programs, programs.c.id == cards.c.program_id).outerjoin(
                spend, spend.c.card_id == cards.c.id
            )
        )
        .order_by(cards.c.id)
    )
    for r in conn.execution_options(yield_per=BATCH).execute(query):
        yield CardRecord(
            card_id=r.id,
            customer_id=r.customer_id,
            offer_name=r.offer_name,
            status=CardStatus(r.status),
            units=r.units,
            lifetime=r.lifetime,
            redemptions=r.redemptions,
            visits=r.visits,
            flagged=bool(r.flagged),
            spend_minor=r.spend_minor,
            kind=None if r.kind is None else ProgramKind(r.kind),
        )


def events_for_export(conn: Connection) -> Iterator[EventRecord]:
    query = (
        select(
            events.c.id,
            events.c.occurred_at,
            events.c.kind,
            events.c.card_id,
            programs.c.name.label("offer_name"),
            events.c.units,
            events.c.staff_name,
            events.c.location_id,
            events.c.reason,
            events.c.ref_event_id,
            events.c.amount_minor,
            events.c.reward_id,
            events.c.tier,
            happy_hours.c.name.label("happy_hour"),
        )
        .select_from(
            events.outerjoin(programs, programs.c.id == events.c.program_id).outerjoin(
                happy_hours, happy_hours.c.id == events.c.happy_hour_id
            )
        )
        .order_by(events.c.n)  # the order they were recorded here
    )
    for r in conn.execution_options(yield_per=BATCH).execute(query):
        yield EventRecord(
            id=r.id,
            occurred_at=r.occurred_at,
            kind=r.kind,
            card_id=r.card_id,
            offer_name=r.offer_name,
            units=r.units,
            staff_name=r.staff_name,
            location_id=r.location_id,
            reason=r.reason,
            ref_event_id=r.ref_event_id,
            amount_minor=r.amount_minor,
            reward_id=r.reward_id,
            tier=r.tier,
            happy_hour=r.happy_hour,
        )
