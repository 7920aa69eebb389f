"""Local files are the owner's alone (folders 0700, files 0600), for new and existing installations,
kiosk and cloud; staff PINs are hashed at a higher Argon2 cost and old hashes upgraded at sign-in."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

from argon2 import PasswordHasher

from kiosk.domain.model import Role, Staff
from kiosk.logs import LOG_FILE, setup_logging
from kiosk.services import Context, staff
from kiosk.store import directory, open_store
from tests.helpers import real_now
from tests.sync.harness import PASSWORD, VENV_BIN, cloud_env

ROOT = Path(__file__).resolve().parents[2]


def _run(*cmd: str | Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """As a shell with the usual umask 022 would run it: files would come out 0644 unless the
    program sees to it."""
    done = subprocess.run(
        [*map(str, cmd)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env or {**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=lambda: os.umask(0o022),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _kiosk(*args: str | Path) -> subprocess.CompletedProcess:
    return _run(sys.executable, "-m", "kiosk", *args)


def _readable_by_others(folder: Path) -> list[str]:
    found = []
    for path in (folder, *folder.rglob("*")):
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if mode != wanted:
            found.append(f"{path.relative_to(folder.parent)} {oct(mode)}")
    return found


def _open_up(folder: Path) -> None:
    """What an installation from before looked like: 0755 folders, 0644 files."""
    for path in (folder, *folder.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_kiosk_folder_ledger_backups_exports_and_settings_are_owner_only(tmp_path):
    data = tmp_path / "kiosk"
    _kiosk("demo", "--data-dir", data)
    _kiosk("backup", "--data-dir", data)
    exports = tmp_path / "exports"
    exports.mkdir()
    _kiosk("export", exports, "--data-dir", data)
    assert list(data.glob("backups/*.sqlite"))
    assert _readable_by_others(data) == []
    (export,) = exports.iterdir()
    assert len(list(export.iterdir())) == 3
    assert _readable_by_others(export) == []

    # an installation from before: everything world-readable, settings too; fixed at the next start
    (data / "settings.json").write_text("{}")
    _open_up(data)
    assert _readable_by_others(data)
    _kiosk("status", "--data-dir", data)
    assert _readable_by_others(data) == []


def test_the_ledgers_wal_and_shm_are_owner_only_when_opened_in_process(tmp_path):
    previous = os.umask(0o022)
    try:
        store = open_store(tmp_path / "kiosk", now=real_now())
        with store.transaction() as conn:
            conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('probe', 'x')")
        sides = [p for p in (tmp_path / "kiosk").iterdir() if p.name.endswith(("-wal", "-shm"))]
        assert sides, "WAL mode keeps its side files while open"
        assert _readable_by_others(tmp_path / "kiosk") == []
        store.close()
    finally:
        os.umask(previous)


def test_logs_are_owner_only_and_old_ones_fixed(tmp_path):
    logs = tmp_path / "log"
    logs.mkdir(mode=0o755)
    (logs / LOG_FILE).write_text("an old line\n")
    (logs / "crash-20260101-000000-000000.txt").write_text("old crash\n")
    _open_up(logs)
    made = setup_logging(logs)
    try:
        logging.getLogger("kiosk.test").warning("a line naming a customer")
    finally:
        made.restore()
    assert _readable_by_others(logs) == []


def test_the_clouds_data_folder_is_owner_only(tmp_path):
    data = tmp_path / "cloud"
    data.mkdir()
    (data / "serve.log").write_text("left by an older version\n")
    _open_up(data)
    _run(
        VENV_BIN / "loyalty-cloud",
        "create-owner",
        "--data-dir",
        data,
        "--email",
        "owner@shop.example",
        "--password",
        PASSWORD,
        "--business-name",
        "Cafe",
        env=cloud_env(),
    )
    assert (data / "cloud.sqlite3").exists()
    assert _readable_by_others(data) == []


def test_pins_are_hashed_at_a_higher_cost_and_old_hashes_upgraded_at_sign_in(tmp_path):
    installed = staff.pin_hasher(env={})  # the installed kiosk's cost (tests turn it down)
    assert (installed.time_cost, installed.memory_cost) == (3, 64 * 1024)
    assert installed.time_cost * installed.memory_cost > 2 * 19456 * 3, "3x the old cost at least"

    store = open_store(tmp_path / "kiosk", now=real_now())
    ctx = Context(store)
    old_hash = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1).hash("4711")
    with store.transaction() as conn:
        directory.insert_staff(conn, Staff("s-1", "Olivia Owner", Role.OWNER), old_hash, real_now())
    assert staff.sign_in(ctx, "s-1", "4711").refusal is None, "a hash made at the old cost still verifies"
    with store.reading() as conn:
        upgraded = directory.staff_login_row(conn, "s-1").pin_hash
    assert upgraded != old_hash
    assert not staff.pin_hasher().check_needs_rehash(upgraded), "rehashed at today's cost"
    assert staff.sign_in(ctx, "s-1", "4711").refusal is None
    assert staff.sign_in(ctx, "s-1", "0000").refusal is not None
    store.close()
