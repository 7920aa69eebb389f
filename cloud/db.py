"""Engines, sessions and migrations, for SQLite (embedded) and PostgreSQL (psycopg 3).

SQLite gets WAL, foreign keys, a busy timeout and synchronous=FULL. It allows one writer at a
time, so write sessions open with BEGIN IMMEDIATE (they wait for the lock up front instead of
failing mid-transaction when a reader upgrades); read sessions use a plain deferred BEGIN.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_engine(
    url: str, *, immediate: bool, echo: bool, pool_size: int, lock: threading.Lock | None = None
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
            with contextlib.suppress(RuntimeError):  # a transaction this thread did not begin
                lock.release()

    return engine


class Database:
    """A read engine and a write engine (the same one on PostgreSQL)."""

    def __init__(self, url: str, *, echo: bool = False, pool_size: int = 10) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            # writers of this process queue on a lock instead of sleeping in SQLite's busy handler
            self.write_engine = _sqlite_engine(
                url, immediate=True, echo=echo, pool_size=pool_size, lock=threading.Lock()
            )
            self.read_engine = _sqlite_engine(url, immediate=False, echo=echo, pool_size=pool_size)
        else:
            self.write_engine = create_engine(
                url, echo=echo, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True
            )
            self.read_engine = self.write_engine
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)

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
