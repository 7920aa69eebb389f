"""The word index of customers' names (table customer_words), kept by every writer of a name.

A search for "jensen" or "müller" (search_key: "muller") is a range on this table's primary key,
so it stays an index lookup at a million customers, wherever the word sits in the name."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, delete, exists, insert, select

from kiosk.domain.people import name_words
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


def _starts(column, word: str):
    return and_(column >= word, column < word[:-1] + chr(ord(word[-1]) + 1))


def customer_ids_by_words(conn: Connection, driver: str, others: list[str], limit: int) -> list[str]:
    """Customers with a name word starting with `driver` and, for each of `others`, a word starting
    with it too. The driver's range is read in index order; each other word is one probe on the
    customer's own few words (ix_customer_words_customer), so a search stops after `limit` finds."""
    if not driver:
        return []
    lead = customer_words.alias("lead")
    query = select(lead.c.customer_id).where(_starts(lead.c.word, driver))
    for n, word in enumerate(others):
        other = customer_words.alias(f"w{n}")
        query = query.where(
            exists().where(other.c.customer_id == lead.c.customer_id, _starts(other.c.word, word))
        )
    found = conn.execute(query.order_by(lead.c.word, lead.c.customer_id).limit(limit)).scalars()
    return list(dict.fromkeys(found))
