"""The running kiosk takes its daily backup on the store worker, once a day."""

from __future__ import annotations

import sqlite3

from kiosk.ui.app import schedule_daily_backup


def test_backup_taken_soon_after_start_and_not_twice_a_day(make_kiosk, demo, qtbot, tmp_path):
    kiosk = make_kiosk()
    data_dir = tmp_path / "data"
    with qtbot.waitSignal(kiosk.worker.backup_checked, timeout=20_000) as first:
        timer = schedule_daily_backup(kiosk, data_dir, check_every_ms=50)
    assert first.args[0] is not None
    backup = first.args[0]
    customers = sqlite3.connect(backup).execute("SELECT count(*) FROM customers").fetchone()[0]
    assert customers > 0  # a real, readable copy of the ledger, not an empty file
    with qtbot.waitSignal(kiosk.worker.backup_checked, timeout=20_000) as again:
        pass  # the hourly check (50 ms here) finds today's backup and takes none
    assert again.args[0] is None
    timer.stop()
    assert len(list((data_dir / "backups").glob("*.sqlite"))) == 1
