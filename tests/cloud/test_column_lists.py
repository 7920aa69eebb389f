"""cloud/column_lists.py: statements read as columns, numbers as int64 arrays, and on PostgreSQL
the statements after the first on a second connection that sees the same snapshot, so a write
committed while they run is in none of them or all of them, never in some."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from sqlalchemy import BigInteger, Integer, String, column, func, literal, select, table, text, union_all

from cloud import column_lists as column_lists_module
from cloud.column_lists import column_lists, columns_together, export_snapshot, in_snapshot
from cloud.db import Database

_NOTES = table("notes", column("id", Integer), column("body", String))


def _db(database_url) -> Database:
    db = Database(database_url)
    with db.write_engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(20))"))
        conn.execute(text("INSERT INTO notes VALUES (1, 'one'), (2, 'two'), (3, NULL)"))
    return db


def test_columns_come_back_in_row_order_with_numbers_as_int64_arrays(database_url):
    db = _db(database_url)
    try:
        by_id = select(_NOTES.c.body, _NOTES.c.id).order_by(_NOTES.c.id)
        big = union_all(select(literal(2**40 + 7, BigInteger)), select(literal(-3, BigInteger)))
        with db.read_session() as s:
            assert column_lists(s, by_id) == (["one", "two", None], [1, 2, 3])
            (bodies, ids), (numbers,), (none_body, none_ids) = columns_together(
                s, [by_id, big, by_id.where(_NOTES.c.id > 9)], numbers=1
            )
        assert bodies == ["one", "two", None]
        assert ids.dtype == np.int64
        assert ids.tolist() == [1, 2, 3]
        assert numbers.dtype == np.int64
        assert sorted(numbers.tolist()) == [-3, 2**40 + 7]
        assert none_body == []
        assert none_ids.dtype == np.int64
        assert len(none_ids) == 0
        with db.read_session() as s:  # numbers per statement: the ids stay a list, `big` an array
            (bodies, ids), (numbers,) = columns_together(s, [by_id, big], numbers=[0, 1])
        assert ids == [1, 2, 3]
        assert numbers.dtype == np.int64
        assert sorted(numbers.tolist()) == [-3, 2**40 + 7]
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_second_connection_reads_the_exported_snapshot_not_a_later_commit(postgres_server):
    db = _db(postgres_server.new_database())
    try:
        with db.read_session() as s:
            s.execute(text("SET LOCAL work_mem = '17MB'"))
            snapshot = export_snapshot(s)
            with db.write_engine.begin() as conn:  # committed after the snapshot was taken
                conn.execute(text("INSERT INTO notes VALUES (4, 'late')"))
            seen: dict[str, object] = {}

            def read(conn):
                seen["thread"] = threading.current_thread().name
                seen["work_mem"] = conn.execute(text("SHOW work_mem")).scalar_one()
                return conn.execute(text("SELECT count(*) FROM notes")).scalar_one()

            assert in_snapshot(db.read_engine, snapshot, read) == 3  # the late note is not in it
            assert seen["work_mem"] == "17MB"  # the memory the session gave its sorts
            assert s.execute(text("SELECT count(*) FROM notes")).scalar_one() == 4  # read committed
        with db.read_session() as s:
            late_note = select(_NOTES.c.body).where(_NOTES.c.id == 4)
            (late,), (count,) = columns_together(s, [late_note, select(func.count()).select_from(_NOTES)])
        assert late == ["late"]
        assert count == [4]
        with pytest.raises(ValueError, match="not a snapshot id"):
            in_snapshot(db.read_engine, type(snapshot)("1'; DROP TABLE notes; --", "4MB", False), read)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_with_every_side_by_side_slot_taken_the_statements_run_as_one_on_the_session(
    postgres_server, monkeypatch
):
    db = _db(postgres_server.new_database())

    def no_export(session):
        raise AssertionError("a read beyond the slots must not take more connections")

    monkeypatch.setattr(column_lists_module, "export_snapshot", no_export)
    taken = 0
    try:
        while column_lists_module.SIDE_BY_SIDE.acquire(blocking=False):
            taken += 1
        with db.read_session() as s:
            ids = select(_NOTES.c.id).order_by(_NOTES.c.id)
            (first,), (second,) = columns_together(s, [ids, ids.where(_NOTES.c.id > 1)], numbers=1)
        assert first.tolist() == [1, 2, 3]
        assert second.tolist() == [2, 3]
    finally:
        for _ in range(taken):
            column_lists_module.SIDE_BY_SIDE.release()
        db.dispose()
    assert taken == 4


@pytest.mark.postgres
def test_read_transactions_plan_every_statement_for_its_own_parameters(postgres_server):
    """Read sessions never get PostgreSQL's generic plan of a statement psycopg prepared (a
    report's date range decides its plan); a write session keeps the default."""
    db = _db(postgres_server.new_database())
    try:
        with db.read_session() as s:
            assert s.execute(text("SHOW plan_cache_mode")).scalar_one() == "force_custom_plan"
            s.commit()  # a new transaction sets it again: SET LOCAL ends with each one
            assert s.execute(text("SHOW plan_cache_mode")).scalar_one() == "force_custom_plan"
        with db.write_session() as s:
            assert s.execute(text("SHOW plan_cache_mode")).scalar_one() == "auto"
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_transaction_that_wrote_reads_its_own_writes_on_its_own_connection(postgres_server, monkeypatch):
    db = _db(postgres_server.new_database())
    monkeypatch.setattr(column_lists_module, "in_snapshot", None)  # must not be needed
    try:
        with db.write_session() as s:
            assert export_snapshot(s).wrote is False
            s.execute(text("INSERT INTO notes VALUES (5, 'mine')"))
            assert export_snapshot(s).wrote is True
            bodies = select(_NOTES.c.body).order_by(_NOTES.c.id)
            (all_bodies,), (count,) = columns_together(s, [bodies, select(func.count()).select_from(_NOTES)])
            s.rollback()
        assert all_bodies == ["one", "two", None, "mine"]
        assert count == [4]
    finally:
        db.dispose()
