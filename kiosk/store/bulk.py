"""Loading many customers, cards and events at once (benchmarks, imports): by column name, in large
batches, inside the caller's transaction. Columns it does not name take their defaults, so a
new column never breaks a loader."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice

from sqlalchemy import Connection, insert

from kiosk.domain.model import Card, Customer, Event
from kiosk.store import name_index
from kiosk.store.rows import card_values, customer_values, event_values
from kiosk.store.schema import cards, customer_words, customers, events


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _load(conn: Connection, table, rows: Iterable[dict], batch: int) -> int:
    count = 0
    for chunk in _batches(rows, batch):
        conn.execute(insert(table), chunk)
        count += len(chunk)
    return count


def load_customers(conn: Connection, people: Iterable[Customer], now: datetime, batch: int = 20_000) -> int:
    count = 0
    for chunk in _batches((customer_values(c, now) for c in people), batch):
        conn.execute(insert(customers), chunk)
        words = [w for row in chunk for w in name_index.word_rows(row["id"], row["name_key"])]
        if words:
            conn.execute(insert(customer_words), words)
        count += len(chunk)
    return count


def load_cards(conn: Connection, held: Iterable[Card], now: datetime, batch: int = 20_000) -> int:
    return _load(conn, cards, (card_values(c, now) for c in held), batch)


def load_events(conn: Connection, history: Iterable[Event], batch: int = 20_000) -> int:
    """Events as they are, balances untouched: for a ledger's history, not for today's scans."""
    return _load(conn, events, (event_values(e) for e in history), batch)
