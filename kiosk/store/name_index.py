"""The word index of customers' names (table customer_words), kept by every writer of a name.

A search for "jensen" or "müller" (search_key: "muller") is a range on this table's primary key,
so it stays an index lookup at a million customers, wherever the word sits in the name."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select

from kiosk.domain.people import name_words, search_key
from kiosk.store.schema import customer_words


def word_rows(customer_id: str, name_key: str) -> list[dict]:
    return [{"word": w, "customer_id": customer_id} for w in name_words(name_key)]


def add_names(conn: Connection, people: Iterable[tuple[str, str]]) -> None:
    """Index (customer id, name key) pairs of customers not indexed before (new rows)."""
    rows = [row for customer_id, key in people for row in word_rows(customer_id, key)]
    if rows:
        conn.execute(insert(customer_words).prefix_with("OR IGNORE"), rows)


def replace_names(conn: Connection, people: Iterable[tuple[str, str]]) -> None:
    """Index customers whose names may have changed (a pull, an edit, an erasure)."""
    people = list(people)
    ids = [customer_id for customer_id, _ in people]
    for start in range(0, len(ids), 500):
        conn.execute(delete(customer_words).where(customer_words.c.customer_id.in_(ids[start : start + 500])))
    add_names(conn, people)


def customer_ids_by_word(conn: Connection, word_prefix: str, limit: int) -> list[str]:
    """Customers with a name word starting with `word_prefix`, in word order."""
    word = search_key(word_prefix)
    if not word:
        return []
    upper = word[:-1] + chr(ord(word[-1]) + 1)
    found = conn.execute(
        select(customer_words.c.customer_id)
        .where(customer_words.c.word >= word, customer_words.c.word < upper)
        .order_by(customer_words.c.word, customer_words.c.customer_id)
        .limit(limit)
    ).scalars()
    return list(dict.fromkeys(found))
