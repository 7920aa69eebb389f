"""Migration 0008_merge: a ledger from before keeps every customer, card and event; each
customer is her own member and no event is a merge; a merge works on the upgraded file."""

from __future__ import annotations

from kiosk.domain.model import Role
from kiosk.services import Actor, Context, Services
from kiosk.services.demo import create_demo_shop
from kiosk.store import migrate, open_store
from kiosk.store.db import make_engine


def test_a_ledger_from_0007_upgrades_with_nothing_merged_and_every_balance_kept(tmp_path, clock):
    folder = tmp_path / "kiosk"
    store = open_store(folder, now=clock())
    create_demo_shop(Context(store, clock=clock), customers_count=6)
    with store.reading() as conn:
        rows = conn.exec_driver_sql("SELECT id, units, lifetime FROM cards ORDER BY id").all()
        events = conn.exec_driver_sql("SELECT COUNT(*) FROM events").scalar_one()
    store.close()
    engine = make_engine(folder / "kiosk.sqlite")
    migrate.downgrade(engine, "0007")  # the file as the code before this change left it
    engine.dispose()

    store = open_store(folder, now=clock())  # backs up, then brings the file to head
    ctx = Context(store, clock=clock)
    with store.reading() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD  # 0008_merge or a later head
        assert conn.exec_driver_sql("SELECT id, units, lifetime FROM cards ORDER BY id").all() == rows
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM events").scalar_one() == events
        assert (
            conn.exec_driver_sql("SELECT COUNT(*) FROM customers WHERE merged_into IS NOT NULL").scalar_one()
            == 0
        )
        assert (
            conn.exec_driver_sql("SELECT COUNT(*) FROM events WHERE merge_keep_id IS NOT NULL").scalar_one()
            == 0
        )
        first, second = (r[0] for r in conn.exec_driver_sql("SELECT id FROM customers ORDER BY id LIMIT 2"))
    merged = Services(ctx).merge_members(first, second, actor=Actor(None, "Max", Role.MANAGER))
    assert merged.ok, merged.message
    store.close()
