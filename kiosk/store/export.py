"""The owner's data requests: every row streamed out for an export, and a customer's personal
data erased (GDPR). Both run inside a caller's connection, like the rest of the store.

Streaming: each query is iterated straight off SQLite's cursor in batches of BATCH rows, so an
export of a million customers holds one batch in memory, never the table.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, literal_column, or_, select, text, update
from sqlalchemy.exc import OperationalError

from kiosk.domain.model import Customer
from kiosk.store.db import StorageError, Store
from kiosk.store.db import _describe as describe
from kiosk.store.schema import audit_log, cards, customers, events, programs

BATCH = 5_000
# what the cloud's DELETE /api/v1/customers/{id} writes too: an erased customer looks the same
# on a standalone kiosk and on a paired one after its next pull
ERASED_NAME = "(erased)"


@dataclass(frozen=True, slots=True)
class CardRecord:
    """A card as the export lists it: its balance and the offer's name, no QR secret."""

    card_id: int
    customer_id: str
    offer_name: str | None
    status: str
    units: int
    lifetime: int
    redemptions: int
    visits: int
    flagged: bool


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
        raise StorageError(describe(exc)) from exc


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


def cards_for_export(conn: Connection) -> Iterator[CardRecord]:
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
        )
        .select_from(cards.outerjoin(programs, programs.c.id == cards.c.program_id))
        .order_by(cards.c.id)
    )
    for r in conn.execution_options(yield_per=BATCH).execute(query):
        yield CardRecord(
            card_id=r.id,
            customer_id=r.customer_id,
            offer_name=r.offer_name,
            status=r.status,
            units=r.units,
            lifetime=r.lifetime,
            redemptions=r.redemptions,
            visits=r.visits,
            flagged=bool(r.flagged),
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
        )
        .select_from(events.outerjoin(programs, programs.c.id == events.c.program_id))
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
        )


# --- erasure -----------------------------------------------------------------------------------


_SECURE_DELETE_MODES = {0: "OFF", 1: "ON", 2: "FAST"}


@contextlib.contextmanager
def secure_delete(conn: Connection) -> Iterator[None]:
    """Overwrite what the erasure replaces with zeros: without it SQLite only marks the old
    bytes (the name, email, phone) as free space, and they stay readable in the file."""
    previous = _SECURE_DELETE_MODES.get(conn.exec_driver_sql("PRAGMA secure_delete").scalar(), "OFF")
    conn.exec_driver_sql("PRAGMA secure_delete = ON")
    try:
        yield
    finally:  # the connection goes back to the pool: later writes keep their usual speed
        conn.exec_driver_sql(f"PRAGMA secure_delete = {previous}")


def erase_customer_row(conn: Connection, customer_id: str, now: datetime) -> None:
    conn.execute(
        update(customers)
        .where(customers.c.id == customer_id)
        .values(
            name=ERASED_NAME,
            # no search key at all: a name search never finds an erased customer (as for the
            # placeholders a pull writes); the card number still finds the card
            name_key="",
            email=None,
            phone=None,
            marketing_consent=False,
            updated_at=now,
        )
    )


def revoke_cards_of(conn: Connection, customer_id: str) -> None:
    conn.execute(update(cards).where(cards.c.customer_id == customer_id).values(status="revoked"))


def scrub_audit(conn: Connection, erased: Customer, card_ids: list[int]) -> int:
    """Take the customer's name, email and phone out of the audit log; returns the entries changed.

    Entries about this customer (its id, or one of its cards' ids, in the detail) lose every trace
    of the three; elsewhere only the email and phone are replaced, as a name alone (say "Max") may
    well be a member of staff's too. Who did what, when, and to which card stays."""
    # a coarse text filter first (the audit log can be long), then an exact check on parsed JSON
    linked = [audit_log.c.detail.contains(erased.id, autoescape=True)]
    linked += [audit_log.c.detail.contains(f'"card_id": {card_id}', autoescape=True) for card_id in card_ids]
    anywhere = [_json_text(v) for v in (erased.email, erased.phone) if v]
    found = conn.execute(
        select(audit_log.c.n, audit_log.c.detail).where(
            or_(*linked, *(audit_log.c.detail.contains(v, autoescape=True) for v in anywhere))
        )
    ).all()
    changed = 0
    for n, detail in found:
        try:
            values = json.loads(detail or "{}")
        except ValueError:
            continue  # not written by meta.audit; nothing of ours to rewrite safely
        if not isinstance(values, dict):
            continue
        is_about = values.get("customer_id") == erased.id or values.get("card_id") in card_ids
        secrets = [v for v in (erased.email, erased.phone) if v]
        if is_about:
            secrets.append(erased.name)
        cleaned = {key: _without(value, secrets) for key, value in values.items()}
        if is_about and "customer" in cleaned:
            cleaned["customer"] = ERASED_NAME
        if cleaned != values:
            new_detail = json.dumps(cleaned, default=str, ensure_ascii=False)
            conn.execute(update(audit_log).where(audit_log.c.n == n).values(detail=new_detail))
            changed += 1
    return changed


def _json_text(value: str) -> str:
    """How meta.audit's json.dumps writes a string inside the detail (quotes and backslashes escaped)."""
    return json.dumps(value, ensure_ascii=False)[1:-1]


def _without(value, secrets: list[str]):
    """`value` with each secret replaced where it stands as a whole word: a customer called "Al"
    must not turn "Almond latte" into "(erased)mond latte"."""
    if not isinstance(value, str):
        return value
    for secret in secrets:
        if secret and secret in value:
            value = re.sub(rf"(?<!\w){re.escape(secret)}(?!\w)", ERASED_NAME, value)
    return value


def checkpoint(store: Store) -> bool:
    """Copy the WAL into the database file and empty it: the WAL still holds the pages as they were
    before the erasure. False when a reader kept it from finishing (the next checkpoint does)."""
    try:
        with store.engine.connect() as conn:
            busy, _log, _done = conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).one()
    except OperationalError:
        return False  # the erasure is committed either way; only the old pages wait longer
    return busy == 0
