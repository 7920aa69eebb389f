"""Logs in a rotating file, and a crash report for unhandled exceptions on any thread."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kiosk.logs import BACKUP_COUNT, LOG_FILE, MAX_BYTES, setup_logging

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def logging_to(tmp_path):
    setup = setup_logging(tmp_path / "log")
    yield setup
    setup.restore()


def test_messages_go_to_a_rotating_file(logging_to):
    logging.getLogger("kiosk.test").warning("the scanner was unplugged")
    logging_to.handler.flush()
    text = (logging_to.log_dir / LOG_FILE).read_text(encoding="utf-8")
    assert "WARNING" in text
    assert "the scanner was unplugged" in text
    assert logging_to.handler.maxBytes == MAX_BYTES
    assert logging_to.handler.backupCount == BACKUP_COUNT


def test_rotation_keeps_the_folder_bounded(logging_to):
    logging_to.handler.maxBytes = 2_000  # the real limit is 2 MB; same mechanism, smaller numbers
    for n in range(400):
        logging.getLogger("kiosk.test").info("line %d %s", n, "x" * 40)
    files = sorted(p.name for p in logging_to.log_dir.glob(f"{LOG_FILE}*"))
    assert files == [LOG_FILE] + [f"{LOG_FILE}.{i}" for i in range(1, BACKUP_COUNT + 1)]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_thread_that_dies_leaves_a_crash_report(logging_to):
    def worker() -> None:
        raise RuntimeError("camera worker blew up")

    thread = threading.Thread(target=worker, name="camera-worker")
    thread.start()
    thread.join()
    reports = list(logging_to.log_dir.glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "camera-worker" in text
    assert "RuntimeError: camera worker blew up" in text


def test_a_main_thread_crash_writes_a_report_and_exits_non_zero(tmp_path):
    # a non-zero exit is what makes systemd's Restart=on-failure bring the kiosk back
    code = (
        "import sys; from pathlib import Path; from kiosk.logs import setup_logging; "
        "setup_logging(Path(sys.argv[1])); raise ValueError('ledger on fire')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert done.returncode == 1
    (report,) = tmp_path.glob("crash-*.txt")
    assert "ValueError: ledger on fire" in report.read_text(encoding="utf-8")
    assert "crash report" in (tmp_path / LOG_FILE).read_text(encoding="utf-8")
