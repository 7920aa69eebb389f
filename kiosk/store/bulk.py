"""Loading many customers and cards at once (benchmarks, imports): by column name, in large
batches, inside the caller's transaction. Columns it does not name take their defaults, so a
new column never breaks a loader."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice

from sqlalchemy import Connection, insert

from kiosk.domain.model import Card, Customer
from kiosk.domain.people import search_key
from kiosk.store.rows import balance_values
from kiosk.store.schema import cards, customers


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def load_customers(conn: Connection, people: Iterable[Customer], now: datetime, batch: int = 20_000) -> int:
    count = 0
    for chunk in _batches(people, batch):
        conn.execute(
            insert(customers),
            [
                {
                    "id": c.id,
                    "name": c.name,
                    "name_key": search_key(c.name),
                    "email": c.email,
                    "phone": c.phone,
                    "marketing_consent": c.marketing_consent,
                    "created_at": c.created_at or now,
                    "updated_at": now,
                }
                for c in chunk
            ],
        )
        count += len(chunk)
    return count


def load_cards(conn: Connection, held: Iterable[Card], now: datetime, batch: int = 20_000) -> int:
    count = 0
    for chunk in _batches(held, batch):
        conn.execute(
            insert(cards),
            [
                {
                    "id": c.id,
                    "customer_id": c.customer_id,
                    "program_id": c.program_id,
                    "key_id": c.key_id,
                    "status": c.status.value,
                    "flagged": c.flagged,
                    "last_earn_at": c.last_earn_at,
                    "created_at": c.created_at or now,
                    **balance_values(c.balance),
                }
                for c in chunk
            ],
        )
        count += len(chunk)
    return count
