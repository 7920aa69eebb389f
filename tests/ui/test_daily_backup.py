"""The running kiosk takes its daily backup on the store worker, once a day."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.ui.app import schedule_daily_backup


def test_backup_taken_soon_after_start_and_not_twice_a_day(make_kiosk, demo, qtbot, tmp_path):
    kiosk = make_kiosk()
    data_dir = tmp_path / "data"
    checked: list[Path | None] = []
    timer = schedule_daily_backup(kiosk, data_dir, check_every_ms=50, on_checked=checked.append)
    qtbot.waitUntil(lambda: len(checked) >= 1, timeout=20_000)
    backup = checked[0]
    assert backup is not None
    customers = sqlite3.connect(backup).execute("SELECT count(*) FROM customers").fetchone()[0]
    assert customers > 0  # a real, readable copy of the ledger, not an empty file
    # the hourly check (50 ms here) finds today's backup and takes none
    qtbot.waitUntil(lambda: len(checked) >= 2, timeout=20_000)
    assert checked[1] is None
    timer.stop()
    assert len(list((data_dir / "backups").glob("*.sqlite"))) == 1
