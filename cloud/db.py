"""Engines, sessions and migrations, for SQLite (embedded) and PostgreSQL (psycopg 3).

SQLite gets WAL, foreign keys, a busy timeout and synchronous=FULL. It allows one writer at a
time, so write sessions open with BEGIN IMMEDIATE (they wait for the lock up front instead of
failing mid-transaction when a reader upgrades); read sessions use a plain deferred BEGIN.
Writers take a turn first (`WriteTurn`): a thread lock inside the process and an flock on a
file beside the database across processes, so several uvicorn workers (or a CLI command next
to a running server) queue in the kernel and wake the moment the writer before them is done,
instead of polling in SQLite's busy handler (which sleeps up to 100 ms between tries).
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


class WriteTurn:
    """One writer at a time: threads of this process on a lock, processes on an flock."""

    def __init__(self, lock_file: Path | None) -> None:
        self._thread = threading.Lock()
        self._lock_file = lock_file
        self._fd: int | None = None
        self._fd_pid: int | None = None
        self._held = False

    def _file(self) -> int | None:
        if self._lock_file is None:
            return None
        if self._fd is None or self._fd_pid != os.getpid():  # an flock belongs to one process
            self._fd = os.open(self._lock_file, os.O_RDWR | os.O_CREAT, 0o600)
            self._fd_pid = os.getpid()
        return self._fd

    def acquire(self) -> None:
        self._thread.acquire()
        try:
            fd = self._file()
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            self._thread.release()
            raise
        self._held = True

    def release(self) -> None:
        if not self._held:  # a commit/rollback of a transaction that never took the turn
            return
        self._held = False
        try:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread.release()


def _lock_file(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database + "-writers.lock")


def _sqlite_engine(
    url: str, *, immediate: bool, echo: bool, pool_size: int, lock: WriteTurn | None = None
) -> Engine:
    engine = create_engine(
        url,
        echo=echo,
        pool_size=pool_size,
        max_overflow=pool_size * 2,
        connect_args={"check_same_thread": False, "timeout": 30},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if lock is not None:
            lock.acquire()
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    if lock is not None:

        @event.listens_for(engine, "commit")
        @event.listens_for(engine, "rollback")
        def _on_end(_conn):
            lock.release()

    return engine


def _plan_for_own_parameters(_session, _transaction, connection) -> None:
    """A read transaction's statements are planned for their own parameters each time.

    psycopg prepares a statement it has run five times, and after five more PostgreSQL may switch
    to one generic plan for every parameter. A report's date range and a list of ids decide what
    the best plan is: measured at 50,000 members, a year's cohorts took 240-280 ms on the generic
    plan instead of 140, a campaign list's contacts 40-50 ms instead of 25. Planning one takes a
    fraction of a millisecond."""
    connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")


def _without_jit(dbapi_conn, _record) -> None:
    """PostgreSQL's JIT compiler off for every connection, the helpers' snapshot reads too.

    It compiles a statement whose estimated cost passes a threshold, and the planner's estimate
    can be far off: a year's cohorts with a correlated subquery it expected to run per row (it ran
    for a handful) compiled for 400 ms and ran in 110, at 50,000 members. No statement here runs
    long enough to win a compile back."""
    with dbapi_conn.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_conn.commit()


class Database:
    """A read engine and a write engine (the same one on PostgreSQL)."""

    def __init__(self, url: str, *, echo: bool = False, pool_size: int = 10) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            # writers queue on a turn instead of sleeping in SQLite's busy handler
            self.write_engine = _sqlite_engine(
                url, immediate=True, echo=echo, pool_size=pool_size, lock=WriteTurn(_lock_file(url))
            )
            self.read_engine = _sqlite_engine(url, immediate=False, echo=echo, pool_size=pool_size)
        else:
            self.write_engine = create_engine(
                url, echo=echo, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True
            )
            event.listen(self.write_engine, "connect", _without_jit)
            self.read_engine = self.write_engine
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)
        if not self.is_sqlite:
            event.listen(self._read, "after_begin", _plan_for_own_parameters)

    def write_session(self) -> Session:
        return self._write()

    def read_session(self) -> Session:
        return self._read()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        with self._write() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)
