"""Backups of the ledger: a daily copy through SQLite's backup API, seven kept, and restore.

Layout, all inside the data folder:

    kiosk.sqlite                          the live ledger
    backups/daily-20261129-081500.sqlite  one per day (the newest seven are kept)
    backups/manual-...sqlite              `loyalty-kiosk backup` (never rotated)
    backups/before-migration-...sqlite    written by open_store before a schema upgrade
    kiosk.sqlite.damaged-20261129-...     a damaged ledger set aside by restore, never deleted
    kiosk.sqlite.replaced-20261129-...    a healthy one replaced by `restore --force`, never deleted

Which check, measured on this machine (100k customers, 300k events, 95 MB; see
tests/store/test_backups.py for the overwrite cases):
- PRAGMA quick_check costs 0.12-0.3 s, integrity_check 1.0-1.75 s;
- a page or 512 bytes of garbage written over table or index pages in the middle of the file:
  both catch 40/40; 64 bytes: quick 36/40, integrity 39/40; 8 bytes: quick 11/40, integrity
  26/40 (the rest land inside a record and only change a value, which neither can see).
So start-up keeps the cheap quick_check (open_store), and the thorough integrity_check runs
where a second does not hold up the counter: on every new backup (the backup API copies pages
as they are, so a damaged ledger gives a damaged copy, which is then reported and never
rotated over a good one), on restore candidates, and in `loyalty-kiosk integrity`.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from kiosk.store import carry, migrate, space
from kiosk.store.db import DB_FILENAME, StorageError, Store, check_file, make_engine

BACKUP_DIRNAME = "backups"
DAILY_PREFIX = "daily-"
MANUAL_PREFIX = "manual-"
KEEP_DAILY = 7
_STAMP_FORMAT = "%Y%m%d-%H%M%S"
_STAMP = re.compile(r"(\d{8}-\d{6})(?:-\d+)?\.sqlite$")

log = logging.getLogger(__name__)


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime | None  # from the file name; None for files named otherwise

    @property
    def kind(self) -> str:
        return self.path.name.split("-", 1)[0]


@dataclass(frozen=True)
class Restored:
    source: Path
    kept_as: list[Path]  # the replaced ledger and its side files, renamed aside
    carried: carry.Carried  # what came across from the replaced ledger
    not_carried: str | None = None  # why a damaged ledger's events could not come across


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIRNAME


def check_integrity(path: Path, *, thorough: bool = True) -> tuple[bool, str]:
    """integrity_check (thorough) or quick_check on a file opened read-only: (ok, SQLite's words).
    On a full disk or read-only media it still reads (db.connect_for_reading)."""
    return check_file(path, thorough=thorough)


def _taken_at(path: Path) -> datetime | None:
    match = _STAMP.search(path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP_FORMAT)
    except ValueError:
        return None


def list_backups(data_dir: Path) -> list[Backup]:
    """Every backup in the data folder, newest first (by the time in its name, else its mtime)."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [Backup(p, _taken_at(p)) for p in folder.glob("*.sqlite") if p.is_file()]

    def newest_first(b: Backup) -> tuple[str, float]:
        stamp = b.taken_at.strftime(_STAMP_FORMAT) if b.taken_at else ""
        return stamp, b.path.stat().st_mtime

    return sorted(found, key=newest_first, reverse=True)


def _free_name(folder: Path, stem: str) -> Path:
    target = folder / f"{stem}.sqlite"
    n = 1
    while target.exists():  # two backups in one second (tests, a manual one after the daily)
        target = folder / f"{stem}-{n}.sqlite"
        n += 1
    return target


def take_backup(store: Store, data_dir: Path, now: datetime, *, prefix: str = MANUAL_PREFIX) -> Path:
    """A consistent copy of the live ledger, checked thoroughly; raises BackupError if it is damaged."""
    target = _free_name(backups_dir(data_dir), prefix + now.strftime(_STAMP_FORMAT))
    try:
        store.backup_to(target)
    except StorageError as exc:
        raise BackupError(f"no backup was written: {exc}") from exc
    try:
        _make_self_contained(target)
    except sqlite3.DatabaseError as exc:  # damaged where SQLite reads the schema: no better verdict
        ok, detail = False, str(exc)
    else:
        ok, detail = check_integrity(target)
    if not ok:
        # keep the evidence under a name rotation and restore both ignore
        suspect = target.with_suffix(".damaged")
        target.replace(suspect)
        raise BackupError(
            f"the ledger failed its integrity check while being backed up ({detail}); "
            f"the copy is kept as {suspect}"
        )
    return target


def _make_self_contained(path: Path) -> None:
    """The copy inherits WAL mode from the ledger's header; switch it to a rollback journal so the
    backup is one file that opening read-only (checks, restore) never grows -wal/-shm files beside."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def _daily(data_dir: Path) -> list[Backup]:
    return [b for b in list_backups(data_dir) if b.path.name.startswith(DAILY_PREFIX)]


def backup_if_due(store: Store, data_dir: Path, now: datetime) -> Path | None:
    """Take today's backup unless one exists, then keep the newest KEEP_DAILY; returns the new file.

    "Today" is `now`'s calendar date, so a kiosk started twice a day backs up once, and one
    left running takes the next when the UI's daily timer calls this after midnight.
    """
    dailies = _daily(data_dir)
    if any(b.taken_at is not None and b.taken_at.date() == now.date() for b in dailies):
        return None
    path = take_backup(store, data_dir, now, prefix=DAILY_PREFIX)
    rotate(data_dir)
    log.info("daily backup written: %s", path)
    return path


def rotate(data_dir: Path, keep: int = KEEP_DAILY) -> list[Path]:
    """Delete daily backups beyond the newest `keep`. Manual and pre-migration ones stay."""
    removed = []
    for old in _daily(data_dir)[keep:]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def newest_good_backup(data_dir: Path) -> Path | None:
    """The newest backup that passes integrity_check, whatever its kind."""
    for backup in list_backups(data_dir):
        ok, detail = check_integrity(backup.path)
        if ok:
            return backup.path
        log.warning("backup %s is damaged (%s); trying an older one", backup.path, detail)
    return None


class RestoreRefused(BackupError):
    """The restore would lose events it cannot carry; nothing was changed."""

    def __init__(self, message: str, would_lose: int) -> None:
        super().__init__(message)
        self.would_lose = would_lose


def _set_aside(db: Path, now: datetime, label: str) -> list[Path]:
    """Rename the ledger and its WAL/SHM side files out of the way (`label`: "replaced" for a
    healthy ledger, "damaged" for one that failed its check); they are kept, never deleted."""
    stamp = now.strftime(_STAMP_FORMAT)
    kept = []
    for part in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        if part.exists():
            target = part.with_name(f"{db.name}.{label}-{stamp}{part.name[len(db.name) :]}")
            n = 1
            while target.exists():
                target = part.with_name(f"{db.name}.{label}-{stamp}-{n}{part.name[len(db.name) :]}")
                n += 1
            part.replace(target)
            kept.append(target)
    return kept


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_partial(partial: Path) -> None:
    for part in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
        part.unlink(missing_ok=True)


def _storage_error(folder: Path, exc: BaseException, need: int | None) -> BackupError:
    found = space.diagnose(folder, str(exc))
    if found.problem in (space.StorageProblem.FULL, space.StorageProblem.READ_ONLY):
        return BackupError(f"restore changed nothing: {found.advice(need)}")
    return BackupError(f"restore changed nothing: {exc}")


def _copy_backup(backup_path: Path, partial: Path) -> None:
    source = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(partial)
        try:
            os.chmod(partial, 0o600)  # customers' data: the owner's eyes only (private.py)
            source.backup(target)
            target.execute("PRAGMA journal_mode=WAL")  # what the store expects; empties the journal too
        finally:
            target.close()
    finally:
        source.close()


def _carry_into(partial: Path, replaced: Path) -> carry.Carried:
    engine = make_engine(partial)
    try:
        migrate.upgrade(engine)  # an older backup (before-migration-…) reaches today's schema first
        with engine.begin() as conn:
            return carry.carry_events(replaced, conn)
    finally:
        engine.dispose()


def restore(data_dir: Path, backup_path: Path, now: datetime) -> Restored:
    """Put `backup_path` in place of the ledger (the kiosk must not be running).

    The backup is checked first. Every event of the current ledger that the backup lacks is
    carried into the restored copy (kiosk.store.carry), so nothing waiting for the cloud is lost;
    if that is impossible for a healthy ledger, RestoreRefused says how many events it would lose
    and nothing changes. The current ledger is renamed aside ("replaced-…", or "damaged-…" when
    it fails its check). The copy is built in a temporary file that then replaces the ledger
    atomically, so a power cut mid-restore leaves either the old state or the restored one; a
    full or read-only disk leaves the old state and no stray file, with a message saying so.
    """
    backup_path = Path(backup_path)
    if not backup_path.is_file():
        raise BackupError(f"no backup file {backup_path}")
    ok, detail = check_integrity(backup_path)
    if not ok:
        raise BackupError(f"{backup_path} is damaged too ({detail}); choose another backup")
    db = data_dir / DB_FILENAME
    replaced = db.exists() and db.stat().st_size > 0
    healthy = replaced and check_integrity(db)[0]
    need = backup_path.stat().st_size + (db.stat().st_size if replaced else 0) + space.LOW_SPACE_BYTES
    partial = db.with_name(db.name + ".restoring")
    _remove_partial(partial)
    trouble = space.storage_trouble(data_dir)
    if trouble is not None:
        raise BackupError(f"restore changed nothing: {trouble.advice(need)}")
    try:
        _copy_backup(backup_path, partial)
    except (sqlite3.Error, OSError) as exc:
        _remove_partial(partial)
        raise _storage_error(data_dir, exc, need) from exc
    carried, not_carried = carry.Carried(), None
    if replaced:
        try:
            carried = _carry_into(partial, db)
        except carry.CarryImpossible as exc:
            if healthy:
                _remove_partial(partial)
                raise RestoreRefused(
                    f"restore refused, nothing changed: {exc}; restoring would lose {exc.would_lose} "
                    "event(s) not yet synced",
                    exc.would_lose,
                ) from exc
            not_carried = str(exc)
        # UnicodeDecodeError: SQLite quoted bytes of a damaged schema page that are not text
        except (DBAPIError, sqlite3.Error, OSError, UnicodeDecodeError) as exc:
            if healthy or space.storage_trouble(data_dir, str(exc)) is not None:
                _remove_partial(partial)
                raise _storage_error(data_dir, exc, need) from exc
            # a damaged ledger may not give up its events: restore anyway (that is why it is run)
            not_carried = f"the damaged ledger's events could not be read ({exc})"
    kept = _set_aside(db, now, "replaced" if healthy else "damaged")
    partial.replace(db)
    _fsync_dir(data_dir)
    log.info(
        "ledger restored from %s; the previous one is kept as %s", backup_path, ", ".join(map(str, kept))
    )
    return Restored(backup_path, kept, carried, not_carried)
