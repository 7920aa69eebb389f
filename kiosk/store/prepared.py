"""Statements of the hot paths compiled once and run on the driver's own connection.

A scan runs about ten small statements. Through SQLAlchemy Core each one cost 100-200 µs of Python
(building the statement, its cache key, the execution context, the result wrapper) against 5-15 µs
inside SQLite: together most of a stamp's time, several times its fsync (benchmarks/bench_store.py).
So the statements every scan and lookup runs are still written as Core statements over the tables
of schema.py, but compiled once for SQLite and run on the sqlite3 connection underneath the
caller's SQLAlchemy connection, inside the caller's transaction. Values pass through the columns'
own types (UTCDateTime, Boolean) both ways, and driver errors come out as SQLAlchemy's own
exceptions, so Store.transaction tells a full disk from damage exactly as for any other statement.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement

# named parameters (":card_id"): sqlite3 binds them from a dict, no reordering needed
_DIALECT = sqlite.dialect(paramstyle="named")

Processor = Callable[[Any], Any]


def driver(conn: Connection) -> sqlite3.Connection:
    """The sqlite3 connection the SQLAlchemy connection `conn` runs on (same transaction)."""
    return conn.connection.driver_connection


class Prepared:
    """One Core statement, compiled once. Bind parameters are passed by name to the run methods;
    literal values in the statement are bound as compiled. Rows are named tuples of the selected
    columns' keys, so the converters of rows.py read them like SQLAlchemy rows."""

    __slots__ = ("_binds", "_defaults", "_results", "_row", "sql")

    def __init__(self, statement: ClauseElement, row_name: str = "Row") -> None:
        compiled = statement.compile(dialect=_DIALECT)
        self.sql = compiled.string
        self._defaults: dict[str, Any] = {}
        binds: dict[str, Processor] = {}
        for bind, name in compiled.bind_names.items():
            if bind.expanding:  # IN (...) of a list is rendered per call: not a statement to prepare
                raise ValueError(f"{name}: an expanding IN cannot be prepared once; use == ... OR ==")
            if not bind.required:
                self._defaults[name] = bind.effective_value
            processor = bind.type.bind_processor(_DIALECT)
            if processor is not None:
                binds[name] = processor
        self._binds = tuple(binds.items())
        columns = list(getattr(statement, "selected_columns", ()))
        self._row = namedtuple(row_name, [c.key for c in columns]) if columns else None  # type: ignore[misc]
        self._results = tuple(
            (i, processor)
            for i, c in enumerate(columns)
            if (processor := c.type.result_processor(_DIALECT, None)) is not None
        )

    def _params(self, given: dict[str, Any]) -> dict[str, Any]:
        params = {**self._defaults, **given} if self._defaults else dict(given)
        for name, processor in self._binds:
            if name in params:
                params[name] = processor(params[name])
        return params

    def _execute(self, conn: Connection, given: dict[str, Any]) -> sqlite3.Cursor:
        params = self._params(given)
        try:
            return driver(conn).execute(self.sql, params)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(self.sql, params, exc, sqlite3.Error) from exc

    def _convert(self, raw: tuple) -> tuple:
        if not self._results:
            return self._row._make(raw)
        values = list(raw)
        for i, processor in self._results:
            values[i] = processor(values[i])
        return self._row._make(values)

    def all(self, conn: Connection, **params: Any) -> list:
        cursor = self._execute(conn, params)
        try:
            return [self._convert(raw) for raw in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise DBAPIError.instance(self.sql, params, exc, sqlite3.Error) from exc

    def first(self, conn: Connection, **params: Any):
        """The first row, or None."""
        cursor = self._execute(conn, params)
        try:
            raw = cursor.fetchone()
        except sqlite3.Error as exc:
            raise DBAPIError.instance(self.sql, params, exc, sqlite3.Error) from exc
        finally:
            cursor.close()
        return None if raw is None else self._convert(raw)

    def scalar(self, conn: Connection, **params: Any):
        """The first column of the first row, or None."""
        row = self.first(conn, **params)
        return None if row is None else row[0]

    def write(self, conn: Connection, **params: Any) -> int | None:
        """Run an INSERT, UPDATE or DELETE; the new row's id (an INSERT's rowid) or None."""
        cursor = self._execute(conn, params)
        rowid = cursor.lastrowid
        cursor.close()
        return rowid
