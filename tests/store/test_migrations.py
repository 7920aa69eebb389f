"""Migrations run at start-up, inside the package, with a backup before they touch a database."""

from __future__ import annotations

import sqlite3

from kiosk.store import migrate, open_store
from kiosk.store.db import make_engine


def test_head_constant_matches_alembic(tmp_path):
    assert migrate.script_head() == migrate.HEAD


def test_fresh_database_is_at_head_with_pragmas(tmp_path, clock):
    store = open_store(tmp_path, now=clock())
    try:
        with store.reading() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD
            raw = conn.connection.dbapi_connection
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        store.close()


def test_reopening_does_not_migrate_or_back_up(tmp_path, clock):
    open_store(tmp_path, now=clock()).close()
    open_store(tmp_path, now=clock()).close()
    assert not (tmp_path / "backups").exists()


def test_older_database_is_backed_up_then_upgraded(tmp_path, clock):
    """Every revision before head: a database left there is backed up, then brought to head."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = [r.revision for r in script.walk_revisions()]  # head first
    for older in revisions[1:]:
        folder = tmp_path / older
        folder.mkdir()
        engine = make_engine(folder / "kiosk.sqlite")
        migrate.upgrade(engine, older)
        engine.dispose()
        store = open_store(folder, now=clock())
        with store.reading() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD
        store.close()
        backups = list((folder / "backups").glob("before-migration-*.sqlite"))
        assert len(backups) == 1
        assert (
            sqlite3.connect(backups[0]).execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == older
        )
    # downgrade all the way and up again leaves a working schema
    engine = make_engine(tmp_path / "roundtrip.sqlite")
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD
    engine.dispose()
