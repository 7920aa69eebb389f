"""Query results as one list per column, the shape numpy and a CSV writer want.

PostgreSQL sends the columns as one row of arrays: one row to decode instead of tens of thousands
of tuples (the array_agg aggregates over one set of rows see them in the same order). It sends them
in binary: psycopg parses 40,000 members' arrays from text in some 20 ms more. SQLAlchemy has no
binary switch, so the compiled statement runs on the connection's own cursor, inside its
transaction. SQLite returns plain rows.

Several statements that must see one snapshot (a range's rollup parts: cloud/member_sums.py) run
on two connections at once, both reading a snapshot the session exports: the first statement on
one, the others on the other. Measured at 50,000 members: a year's RFM sums in 105 ms instead of
129 (the median of 15 alternating runs).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from sqlalchemy import BigInteger, Connection, Engine, LargeBinary, cast, func, literal, select, text
from sqlalchemy.orm import Session

T = TypeVar("T")
_SNAPSHOT_ID = re.compile(r"[0-9A-F]+-[0-9A-F]+-[0-9]+")
# Reads running side by side at once: each holds its session's connection and takes two more from
# the pool, so unbounded they could empty it and wait on each other. Past this many a read runs as
# one statement, as it would without the second core.
SIDE_BY_SIDE = threading.BoundedSemaphore(4)


def column_lists(session: Session, stmt) -> tuple[list, ...]:
    """The columns of `stmt`'s rows, in the order of its rows (empty lists when there is none)."""
    return columns_together(session, [stmt])[0]


def columns_together(session: Session, stmts: list, numbers: int | list[int] = 0) -> list[tuple]:
    """The columns of each statement's rows, all read in one snapshot of the database: on
    PostgreSQL the first statement and the others side by side on two connections that share one
    exported snapshot (see `in_snapshot`); SQLite's read transaction keeps the snapshot of its first
    read.

    The last `numbers` columns of each statement (or of the statement at the same place, for a list)
    are integers that are never NULL; they come back as int64 numpy arrays. PostgreSQL sends each
    as one string of 8-byte big-endian numbers: no Python object per value to decode and then copy
    into numpy (40,000 members' three numbers cost some 10 ms as lists)."""
    if not stmts:
        return []
    counts = numbers if isinstance(numbers, list) else [numbers] * len(stmts)
    if session.get_bind().dialect.name != "postgresql":
        out = []
        for stmt, count in zip(stmts, counts, strict=True):
            rows = session.execute(stmt).all()
            width = len(stmt.selected_columns)
            columns = zip(*rows, strict=True) if rows else ([] for _ in range(width))
            lists = tuple(list(c) for c in columns)
            cut = width - count
            out.append((*lists[:cut], *(np.array(c, dtype=np.int64) for c in lists[cut:])))
        return out
    if len(stmts) == 1 or not SIDE_BY_SIDE.acquire(blocking=False):
        # one statement on the session's connection: one snapshot too, on one core
        return _read(session.connection(), stmts, counts)
    try:
        snapshot = export_snapshot(session)
        if snapshot.wrote:  # other connections would not see its own writes: read it all here
            return _read(session.connection(), stmts, counts)
        engine = session.get_bind()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="snapshot-read") as pool:
            rest = pool.submit(in_snapshot, engine, snapshot, lambda conn: _read(conn, stmts[1:], counts[1:]))
            first = in_snapshot(engine, snapshot, lambda conn: _read(conn, stmts[:1], counts[:1]))
            return first + rest.result()
    finally:
        SIDE_BY_SIDE.release()


@dataclass(frozen=True)
class Snapshot:
    """A transaction's view of a PostgreSQL database that other connections can read in, and the
    memory it gives its sorts and hashes (cloud/member_activity.room_to_group)."""

    id: str
    work_mem: str
    wrote: bool  # the transaction has written: what it wrote is not in the snapshot for the others


def export_snapshot(session: Session) -> Snapshot:
    """The session's current snapshot, for other connections to read in (PostgreSQL)."""
    row = session.execute(
        text(
            "SELECT pg_export_snapshot(), current_setting('work_mem'),"
            " pg_current_xact_id_if_assigned() IS NOT NULL"
        )
    ).one()
    return Snapshot(row[0], row[1], row[2])


def in_snapshot(engine: Engine, snapshot: Snapshot, read: Callable[[Connection], T]) -> T:
    """`read` on a connection of its own that sees exactly the database of `snapshot`: PostgreSQL's
    way (pg_dump's for its parallel jobs) to spread one consistent read over several backends, so
    a statement's parts can run on both cores while a late push cannot land between them."""
    if not _SNAPSHOT_ID.fullmatch(snapshot.id):
        raise ValueError(f"not a snapshot id: {snapshot.id!r}")
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        conn.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot.id}'")
        conn.execute(text("SELECT set_config('work_mem', :m, true)"), {"m": snapshot.work_mem})
        try:
            return read(conn)
        finally:
            conn.rollback()


def _read(conn: Connection, stmts: list, numbers: list[int]) -> list[tuple]:
    """The statements as one statement of one-row subqueries of arrays (a join of one-row
    relations), in binary on the connection's own transaction."""

    def packed(i: int, c, width: int, numbers: int):
        if i < width - numbers:
            return func.array_agg(c)
        return func.string_agg(func.int8send(cast(c, BigInteger)), literal(b"", LargeBinary))

    parts = []
    for n, (stmt, count) in enumerate(zip(stmts, numbers, strict=True)):
        columns = list(stmt.subquery().c)
        aggregates = [packed(i, c, len(columns), count) for i, c in enumerate(columns)]
        parts.append(select(*aggregates).subquery(f"part{n}"))
    arrays = select(*(c for part in parts for c in part.c))
    compiled = arrays.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    with conn.connection.driver_connection.cursor(binary=True) as cursor:
        # planned for its own parameters every time: psycopg prepares a statement run five times,
        # and PostgreSQL's generic plan for it then guesses at the ids' array (measured: the
        # contacts of 10,000 members in 40-50 ms instead of 25)
        cursor.execute(str(compiled), compiled.params, prepare=False)
        row = list(cursor.fetchone())
    out, at = [], 0
    for part, count in zip(parts, numbers, strict=True):
        width = len(part.c)
        values = row[at : at + width]
        lists = tuple([] if c is None else c for c in values[: width - count])
        arrays = (np.frombuffer(c or b"", dtype=">i8").astype(np.int64) for c in values[width - count :])
        out.append((*lists, *arrays))
        at += width
    return out
