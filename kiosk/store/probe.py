"""Store checks for `loyalty-kiosk self-check`: a throw-away ledger, and a peek at the real one."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from kiosk.store import migrate
from kiosk.store.db import DB_FILENAME, open_store


def create_and_migrate(parent: Path | None, now: datetime) -> str:
    """Create a ledger in a new folder under `parent` (the temp dir by default), migrate it to
    head, and delete it. Returns the revision reached; raises what the disk or Alembic raised."""
    with tempfile.TemporaryDirectory(prefix="loyalty-kiosk-selfcheck-", dir=parent) as folder:
        store = open_store(Path(folder), now=now)
        try:
            with store.reading() as conn:
                revision = migrate.current_revision(conn)
        finally:
            store.close()
    if revision != migrate.HEAD:
        raise RuntimeError(f"migrated to {revision}, expected {migrate.HEAD}")
    return revision


def read_setting(data_dir: Path, key: str) -> str | None:
    """One value from the ledger's settings table, read-only; None when there is no ledger yet.

    Plain sqlite3 on purpose: self-check must not migrate, lock or write the kiosk's data.
    """
    path = data_dir / DB_FILENAME
    if not path.is_file():
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:  # a ledger created before the settings table existed
        return None
    finally:
        conn.close()
    return row[0] if row else None
