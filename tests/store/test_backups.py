"""Daily backups (keep 7), restore, and a damaged ledger refused at start-up then restored."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.services import Context, Services
from kiosk.services.demo import create_demo_shop
from kiosk.store import open_store
from kiosk.store.backups import (
    KEEP_DAILY,
    BackupError,
    backup_if_due,
    check_integrity,
    list_backups,
    newest_good_backup,
    restore,
    take_backup,
)
from kiosk.store.db import DB_FILENAME

ROOT = Path(__file__).resolve().parents[2]
DAY1 = datetime(2026, 11, 1, 8, 15, 0)


def kiosk_cli(*args: str | Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
    }
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


def overwrite_middle_page(db: Path, how_many_bytes: int) -> str:
    """Overwrite bytes of the table or index page nearest the middle of the file with garbage.

    Only well-filled pages count: the middle of a page that is mostly free space holds no data,
    and garbage there damages nothing (SQLite rightly finds nothing wrong)."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute(
        "SELECT name, pageno FROM dbstat WHERE pagetype IN ('leaf', 'internal') AND pageno > 1 "
        "AND unused < ?",
        (page_size // 4,),
    ).fetchall()
    conn.close()
    middle = db.stat().st_size // page_size // 2
    name, pageno = min(pages, key=lambda p: abs(p[1] - middle))
    offset = (pageno - 1) * page_size + (page_size - how_many_bytes) // 2
    with db.open("r+b") as fh:
        fh.seek(offset)
        fh.write(os.urandom(how_many_bytes))
        fh.flush()
        os.fsync(fh.fileno())
    return name


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path, now=DAY1)
    yield s
    s.close()


def test_one_backup_per_day_and_seven_kept(store, tmp_path):
    first = backup_if_due(store, tmp_path, DAY1)
    assert first is not None
    assert first.name == "daily-20261101-081500.sqlite"
    assert backup_if_due(store, tmp_path, DAY1 + timedelta(hours=10)) is None  # same day: nothing
    for day in range(1, 10):
        assert backup_if_due(store, tmp_path, DAY1 + timedelta(days=day)) is not None
    manual = take_backup(store, tmp_path, DAY1)
    names = sorted(b.path.name for b in list_backups(tmp_path) if b.kind == "daily")
    assert len(names) == KEEP_DAILY
    assert names[0] == "daily-20261104-081500.sqlite"
    assert names[-1] == "daily-20261110-081500.sqlite"
    assert manual.exists(), "manual backups are never rotated"


def test_backups_are_consistent_copies_through_the_backup_api(store, tmp_path):
    with store.transaction() as conn:
        conn.exec_driver_sql(
            "INSERT INTO settings (key, value) VALUES ('probe', 'written before the backup')"
        )
    path = backup_if_due(store, tmp_path, DAY1)
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT value FROM settings WHERE key = 'probe'").fetchone() == (
        "written before the backup",
    )
    copy.close()
    assert check_integrity(path) == (True, "ok")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], (
        "one self-contained file, no -wal/-shm"
    )


def test_a_damaged_ledger_is_never_backed_up_as_good(store, tmp_path):
    demo = Services(Context(store))
    create_demo_shop(demo.ctx, qr_dir=tmp_path / "qr")
    store.close()
    overwrite_middle_page(store.path, 4096)
    with pytest.raises(BackupError, match="integrity check"):
        take_backup(store, tmp_path, DAY1)
    assert list_backups(tmp_path) == []
    assert list((tmp_path / "backups").glob("*.damaged")), "the damaged copy is kept as evidence"


def test_newest_good_backup_skips_a_damaged_one(store, tmp_path):
    older = backup_if_due(store, tmp_path, DAY1)
    newer = backup_if_due(store, tmp_path, DAY1 + timedelta(days=1))
    newer.write_bytes(newer.read_bytes()[:4096] + os.urandom(newer.stat().st_size - 4096))
    assert newest_good_backup(tmp_path) == older


def test_restore_refuses_a_damaged_backup_and_keeps_the_ledger(store, tmp_path):
    bad = tmp_path / "backups" / "manual-20261101-000000.sqlite"
    bad.parent.mkdir()
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(BackupError, match="damaged"):
        restore(tmp_path, bad, DAY1)
    assert (tmp_path / DB_FILENAME).exists()


def _stamps(data_dir: Path, token: str) -> int:
    done = kiosk_cli("card", token, "--data-dir", data_dir)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["card"]["stamps"]


@pytest.mark.parametrize("garbage_bytes", [4096, 512])
def test_damaged_ledger_refused_at_start_and_restored_from_backup(tmp_path, garbage_bytes):
    data = tmp_path / "kiosk"
    store = open_store(data, now=DAY1)
    services = Services(Context(store))
    shop = create_demo_shop(services.ctx, qr_dir=tmp_path / "qr")
    card_a, card_b = list(shop.tokens.values())[:2]
    services.record_scan(card_a)
    backup = backup_if_due(store, data, DAY1)
    store.close()
    a_at_backup, b_at_backup = _stamps(data, card_a), _stamps(data, card_b)
    assert a_at_backup >= 1
    scanned = kiosk_cli("scan", card_b, "--data-dir", data)  # recorded after the backup: may be lost
    assert scanned.returncode == 0, scanned.stderr
    assert _stamps(data, card_b) == b_at_backup + 1, scanned.stdout
    assert not (data / f"{DB_FILENAME}-wal").exists(), "closing checkpoints the WAL into the file"

    damaged_table = overwrite_middle_page(data / DB_FILENAME, garbage_bytes)

    refused = kiosk_cli("card", card_a, "--data-dir", data)
    assert refused.returncode == 1, (
        f"{damaged_table} page overwritten but the ledger opened: {refused.stdout}"
    )
    assert "damaged" in refused.stderr
    assert "loyalty-kiosk restore" in refused.stderr

    listed = kiosk_cli("restore", "--list", "--data-dir", data)
    assert backup.name in listed.stdout
    assert "good" in listed.stdout

    restored = kiosk_cli("restore", "--data-dir", data)
    assert restored.returncode == 0, restored.stderr
    assert f"from {backup}" in restored.stdout
    kept = sorted(data.glob(f"{DB_FILENAME}.damaged-*"))
    assert kept, "the damaged ledger is set aside, never deleted"
    assert kept[0].stat().st_size > 0

    # exactly the state of the backup: its stamp is there, the later one is what was lost
    assert (_stamps(data, card_a), _stamps(data, card_b)) == (a_at_backup, b_at_backup)

    again = kiosk_cli("restore", "--data-dir", data)
    assert again.returncode == 2, "a healthy ledger is not replaced by accident (2: refused)"
    assert "--force" in again.stderr
