"""Query results as one list per column, the shape numpy and a CSV writer want.

PostgreSQL sends the columns as one row of arrays: one row to decode instead of tens of thousands
of tuples (the array_agg aggregates over one set of rows see them in the same order). It sends them
in binary: psycopg parses 40,000 members' arrays from text in some 20 ms more. SQLAlchemy has no
binary switch, so the compiled statement runs on the session's own connection, inside its
transaction. SQLite returns plain rows.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def column_lists(session: Session, stmt) -> tuple[list, ...]:
    """The columns of `stmt`'s rows, in the order of its rows (empty lists when there is none)."""
    return columns_together(session, [stmt])[0]


def columns_together(session: Session, stmts: list) -> list[tuple[list, ...]]:
    """The columns of each statement's rows, all read in one snapshot of the database: on
    PostgreSQL as one statement (each part a subquery of one row), since its transactions see each
    statement's own snapshot; SQLite's read transaction keeps the snapshot of its first read."""
    if not stmts:
        return []
    if session.get_bind().dialect.name != "postgresql":
        out = []
        for stmt in stmts:
            rows = session.execute(stmt).all()
            width = len(stmt.selected_columns)
            out.append(
                tuple(list(c) for c in zip(*rows, strict=True)) if rows else tuple([] for _ in range(width))
            )
        return out
    # each part one row of arrays; the parts side by side (a join of one-row relations)
    parts = [
        select(*(func.array_agg(c) for c in stmt.subquery().c)).subquery(f"part{i}")
        for i, stmt in enumerate(stmts)
    ]
    arrays = select(*(c for part in parts for c in part.c))
    compiled = arrays.compile(dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True})
    with session.connection().connection.driver_connection.cursor(binary=True) as cursor:
        cursor.execute(str(compiled), compiled.params)
        row = list(cursor.fetchone())
    out, at = [], 0
    for part in parts:
        out.append(tuple([] if c is None else c for c in row[at : at + len(part.c)]))
        at += len(part.c)
    return out
