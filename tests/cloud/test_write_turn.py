"""SQLite writers of several processes (uvicorn workers) queue on one flock beside the file."""

from __future__ import annotations

import subprocess
import sys
import threading

from cloud.db import Database, WriteTurn

HOLDER = """
import sys
from pathlib import Path
from cloud.db import WriteTurn
turn = WriteTurn(Path(sys.argv[1]))
turn.acquire()
print("held", flush=True)
sys.stdin.read()  # until the test closes our stdin
turn.release()
"""


def test_a_writer_in_another_process_holds_the_turn_until_it_is_done(tmp_path):
    lock_file = tmp_path / "cloud.sqlite3-writers.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        mine = WriteTurn(lock_file)
        got = threading.Event()

        def take() -> None:
            mine.acquire()
            got.set()

        waiter = threading.Thread(target=take)
        waiter.start()
        assert not got.wait(0.3)  # the other process still writes
        holder.stdin.close()
        assert got.wait(10)  # woken as soon as it let go, not after a busy-handler sleep
        waiter.join(5)
        mine.release()
    finally:
        holder.kill()
        holder.wait(10)


def test_write_sessions_take_and_give_back_the_turn(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'cloud.sqlite3'}")
    try:
        for _ in range(3):  # a turn left held would hang the second write
            with db.writing() as session:
                session.connection().exec_driver_sql("CREATE TABLE IF NOT EXISTS t (x INTEGER)")
                session.connection().exec_driver_sql("INSERT INTO t VALUES (1)")
        assert (tmp_path / "cloud.sqlite3-writers.lock").exists()
        with db.read_session() as session:
            assert session.connection().exec_driver_sql("SELECT count(*) FROM t").scalar() == 3
    finally:
        db.dispose()
