"""A customer's personal data erased on request (GDPR): the directory row, the cards, the audit
log, and the freed bytes in the file. Runs inside a caller's transaction, like the rest of the store;
kiosk/services/privacy.py erases here, kiosk/store/sync_repo.py when a pull brings a cloud erasure."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import Connection, delete, or_, select, update

from kiosk.domain.model import Customer
from kiosk.store.schema import audit_log, cards, customer_words, customers

# what the cloud's DELETE /api/v1/customers/{id} writes too: an erased customer looks the same
# on a standalone kiosk and on a paired one after its next pull
ERASED_NAME = "(erased)"


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
            phone_rev=None,
            marketing_consent=False,
            updated_at=now,
        )
    )
    conn.execute(delete(customer_words).where(customer_words.c.customer_id == customer_id))


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
