"""Opening the ledger: SQLite pragmas chosen by measurement, migrations, backups, integrity.

Durability: a simulated power cut lost 23 % of confirmed stamps under synchronous=NORMAL and
none under FULL (DESIGN.md), at about 4,300 commits/s, so the ledger runs WAL + FULL.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool, QueuePool

from kiosk.domain.refusals import StorageProblem
from kiosk.private import make_private
from kiosk.store import migrate, space

DB_FILENAME = "kiosk.sqlite"
_SIDE_FILES = ("-wal", "-shm")


class StorageError(RuntimeError):
    """The disk refused a write (full, read-only, corrupt). Nothing of that transaction is kept.

    `diagnosis` tells a full disk and read-only media apart from damage (kiosk.store.space)."""

    def __init__(self, message: str, diagnosis: space.Diagnosis | None = None) -> None:
        super().__init__(message)
        self.diagnosis = diagnosis

    @property
    def problem(self) -> StorageProblem:
        return self.diagnosis.problem if self.diagnosis else StorageProblem.OTHER


class CorruptDatabase(StorageError):
    pass


def storage_error(folder: Path, exc: BaseException) -> StorageError:
    """A StorageError for what SQLite (or the OS) said, diagnosed against the folder's state."""
    detail = str(exc.orig) if isinstance(exc, DBAPIError) and exc.orig is not None else str(exc)
    found = space.diagnose(folder, detail)
    if found.problem in (StorageProblem.FULL, StorageProblem.READ_ONLY):
        return StorageError(found.advice(), found)
    return StorageError(describe_error(exc) if isinstance(exc, DBAPIError) else detail, found)


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _set_limited_pragmas(dbapi_conn: sqlite3.Connection, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(path: Path, trouble: space.Diagnosis | None = None) -> Engine:
    if trouble is not None:
        # a full disk or read-only media: one connection that reads without the -shm file it could
        # not create (kiosk.store.space); every write fails and is reported as the disk's fault
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: _reading_fallback(path, trouble.problem),
            poolclass=QueuePool,  # one connection: an exclusive lock must not meet a second one
            pool_size=1,
            max_overflow=0,
        )
        event.listen(engine, "connect", _set_limited_pragmas)
        return engine
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        # the store worker is the only writer; one connection reused keeps commits cheap
        connect_args={"check_same_thread": False},
        pool_size=2,
        max_overflow=2,
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


@dataclass
class Store:
    path: Path
    engine: Engine
    # set when the ledger was opened on a full disk or read-only media: reading works, writes fail
    trouble: space.Diagnosis | None = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic, durable unit of work. Disk errors surface as StorageError."""
        try:
            with self.engine.begin() as conn:
                if self.trouble is None:  # on a full disk or read-only media every write fails anyway
                    _begin_immediately(conn)
                yield conn
        except OperationalError as exc:
            raise storage_error(self.path.parent, exc) from exc
        except DBAPIError as exc:
            if isinstance(exc.orig, sqlite3.DatabaseError) and not isinstance(
                exc.orig, sqlite3.IntegrityError
            ):
                raise storage_error(self.path.parent, exc) from exc
            raise

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def backup_to(self, target: Path) -> Path:
        """A consistent copy through SQLite's backup API (never a plain file copy under WAL)."""
        tmp = target.with_suffix(target.suffix + ".part")
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            make_private(target.parent)
            tmp.unlink(missing_ok=True)
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT, 0o600))  # customers' data: owner only
            with contextlib.ExitStack() as stack:
                if self.trouble is None:
                    src = stack.enter_context(contextlib.closing(sqlite3.connect(self.path)))
                else:  # the store's one connection holds the exclusive lock: copy through it
                    src = stack.enter_context(self.engine.connect()).connection.dbapi_connection
                dst = stack.enter_context(contextlib.closing(sqlite3.connect(tmp)))
                src.backup(dst)
            tmp.replace(target)
        except (sqlite3.Error, OSError) as exc:
            # a full disk must leave no half-written copy behind, and say so plainly
            for part in (tmp, *(tmp.with_name(tmp.name + side) for side in ("-journal", *_SIDE_FILES))):
                part.unlink(missing_ok=True)
            raise storage_error(self.path.parent, exc) from exc
        return target


def _begin_immediately(conn: Connection) -> None:
    """Take SQLite's write lock before the unit of work reads anything.

    pysqlite opens a transaction only at the first INSERT/UPDATE/DELETE, so the reads before it
    ran outside any transaction: two tills could both read a card, both pass its cooldown, and
    both stamp. BEGIN IMMEDIATE makes the second till wait (busy_timeout) for the first to
    commit and then read the card as it is now. Readers (Store.reading) are not held up: WAL."""
    dbapi_conn = conn.connection.driver_connection
    if dbapi_conn.in_transaction:
        return
    try:
        dbapi_conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:  # locked past busy_timeout, disk trouble: Store.transaction says which
        raise DBAPIError.instance("BEGIN IMMEDIATE", None, exc, sqlite3.Error) from exc


def describe_error(exc: DBAPIError) -> str:
    msg = str(exc.orig) if exc.orig is not None else str(exc)
    if "disk is full" in msg or "disk I/O" in msg:
        return "the disk is full"
    if "readonly" in msg:
        return "the database is read-only"
    if "malformed" in msg or "not a database" in msg:
        return "the database file is damaged"
    return msg


def _side_files(path: Path) -> set[Path]:
    return {p for p in (path.with_name(path.name + side) for side in _SIDE_FILES) if p.exists()}


def _reading_fallback(path: Path, problem: StorageProblem) -> sqlite3.Connection:
    """Read a WAL ledger where SQLite cannot create its -shm file.

    On a full disk, exclusive locking mode keeps the WAL index in memory instead of the -shm
    file (SQLite's documented way to use WAL without shared memory); it still reads the -wal, so
    nothing committed is missed. On read-only media nobody can write, so with no -wal to replay
    the file is opened as immutable."""
    if problem is StorageProblem.FULL:
        conn = sqlite3.connect(path, check_same_thread=False)
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        return conn
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    return sqlite3.connect(f"file:{path}?immutable=1", uri=True, check_same_thread=False)


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that only reads `path`, and works on a full disk or read-only media too.

    A failed attempt leaves no stray -wal/-shm behind (a 0-byte -wal and a 3-byte -shm were left
    by SQLite when the disk was full)."""
    trouble = space.storage_trouble(path.parent)
    if trouble is None:
        before = _side_files(path)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # opening is lazy: read the header now
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            for stray in _side_files(path) - before:
                stray.unlink(missing_ok=True)
            trouble = space.storage_trouble(path.parent, str(exc))
            if trouble is None:
                raise
    return _reading_fallback(path, trouble.problem)


def check_file(path: Path, *, thorough: bool) -> tuple[bool, str]:
    """integrity_check (thorough) or quick_check on a file, read only: (ok, SQLite's words)."""
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        conn = connect_for_reading(path)
        try:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return False, str(exc)
    except UnicodeDecodeError as exc:  # SQLite's message quoted bytes of a damaged schema page
        return False, f"the file's schema holds unreadable bytes ({exc.reason})"
    result = "; ".join(str(r[0]) for r in rows[:5])
    return result == "ok", result


def integrity_ok(path: Path) -> tuple[bool, str]:
    """PRAGMA quick_check on the file, before anything writes to it."""
    return check_file(path, thorough=False)


def _make_ledger_private(data_dir: Path, path: Path) -> None:
    """Folder 0700, ledger 0600 before SQLite opens it: SQLite gives the -wal and -shm it creates
    the ledger's own mode. A new ledger is created empty with 0600 for the same reason."""
    make_private(data_dir)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for part in (path, *(path.with_name(path.name + side) for side in _SIDE_FILES)):
        if part.exists():
            make_private(part)


def open_store(data_dir: Path, *, now: datetime, check_integrity: bool = True) -> Store:
    """Open (creating if needed) and migrate the ledger in `data_dir`.

    Before a migration touches an existing database, a backup is written beside it.
    A damaged file is refused with CorruptDatabase instead of being written to.
    """
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(data_dir.parent, exc) from exc
    path = data_dir / DB_FILENAME
    existed = path.exists() and path.stat().st_size > 0
    trouble = space.storage_trouble(data_dir)
    if trouble is None:
        _make_ledger_private(data_dir, path)
    if existed and check_integrity:
        ok, detail = integrity_ok(path)
        if not ok:
            found = space.storage_trouble(data_dir, detail)
            if found is not None:  # the check could not run for want of space: that is no damage
                raise StorageError(found.advice(), found)
            raise CorruptDatabase(f"{path} failed its integrity check: {detail}")
    if trouble is not None and not existed:
        raise StorageError(trouble.advice(), trouble)
    engine = make_engine(path, trouble)
    store = Store(path, engine, trouble)
    try:
        with engine.connect() as conn:
            current = migrate.current_revision(conn)
        if current != migrate.HEAD:
            if trouble is not None:
                raise StorageError(f"the ledger needs a schema update first: {trouble.advice()}", trouble)
            if existed and current is not None:
                stamp = now.strftime("%Y%m%d-%H%M%S")
                store.backup_to(data_dir / "backups" / f"before-migration-{current}-{stamp}.sqlite")
            migrate.upgrade(engine)
    except StorageError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        raise storage_error(data_dir, exc) from exc
    except sqlite3.DatabaseError as exc:
        engine.dispose()
        raise CorruptDatabase(str(exc)) from exc
    return store


def open_readonly_engine(path: Path) -> Engine:
    """For tools that must never write (reports on a copy, checks)."""
    return create_engine(f"sqlite+pysqlite:///file:{path}?mode=ro&uri=true", poolclass=NullPool)


def wal_checkpoint(store: Store) -> bool:
    """Copy the WAL into the database file and empty it (the WAL still holds pages as they were
    before the last writes: an erasure wants them gone). False when a reader kept it from
    finishing, or the database was busy: what was committed stays committed; the next one does it."""
    try:
        with store.engine.connect() as conn:
            busy, _log, _done = conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).one()
    except OperationalError:
        return False
    return busy == 0
