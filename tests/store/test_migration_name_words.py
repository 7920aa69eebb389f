"""Migration 0006: customers enrolled before it are found by any word of their name, and their
phones, typed any which way, are rewritten in E.164 (a phone that is no number is kept)."""

from __future__ import annotations

from kiosk.services import Context, Services
from kiosk.store import migrate, open_store
from kiosk.store.db import make_engine


def test_existing_customers_get_word_index_and_e164_phones(tmp_path, clock):
    engine = make_engine(tmp_path / "kiosk.sqlite")
    migrate.upgrade(engine, "0005")
    now = clock().strftime("%Y-%m-%d %H:%M:%S.%f")
    people = [
        ("c1", "Ana Jensen", "ana jensen", "0171 1234567"),
        ("c2", "Zoë Müller", "zoe muller", "+49 30 901820"),
        ("c3", "Kai Old", "kai old", "ask at the bar"),
        ("c4", "No Phone", "no phone", None),
    ]
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('phone_region', 'DE')")
        for cid, name, key, phone in people:
            conn.exec_driver_sql(
                "INSERT INTO customers (id, name, name_key, phone, marketing_consent, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 0, ?, ?)",
                (cid, name, key, phone, now, now),
            )
    engine.dispose()

    store = open_store(tmp_path, now=clock())
    try:
        with store.reading() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD
            phones = dict(conn.exec_driver_sql("SELECT id, phone FROM customers").all())
        assert phones == {"c1": "+491711234567", "c2": "+4930901820", "c3": "ask at the bar", "c4": None}
        services = Services(Context(store, clock=clock))
        for query, who in (
            ("Jensen", "c1"),
            ("müller", "c2"),
            ("old", "c3"),
            ("4567", "c1"),
            ("0171 1234567", "c1"),
        ):
            assert who in {m.customer.id for m in services.lookup(query).matches}, query
    finally:
        store.close()
