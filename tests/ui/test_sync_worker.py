"""The sync worker runs rounds off the UI thread, debounces new events and stops cleanly."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from kiosk.ui.sync_worker import SyncThread, SyncWorker


@dataclass(frozen=True)
class FakeStatus:
    online: bool
    retry_in: float | None = None


class FakeEngine:
    def __init__(self, outcomes):
        self.outcomes = list(outcomes)
        self.threads: list[str] = []

    def run_round(self, progress):
        self.threads.append(threading.current_thread().name)
        progress(5, 0)
        return self.outcomes.pop(0) if self.outcomes else FakeStatus(True)


def test_rounds_run_off_the_ui_thread_and_report(qtbot):
    engine = FakeEngine([FakeStatus(True)])
    worker = SyncWorker(engine.run_round, interval_ms=60_000, debounce_ms=10)
    runner = SyncThread(worker)
    try:
        with (
            qtbot.waitSignal(worker.first_sync_progressed, timeout=5000) as progressed,
            qtbot.waitSignal(worker.sync_succeeded, timeout=5000) as succeeded,
        ):
            runner.start()
        assert progressed.args == [5, 0]
        assert succeeded.args[0].online
        assert engine.threads[0] != threading.main_thread().name
        with qtbot.waitSignal(worker.sync_succeeded, timeout=5000):
            for _ in range(5):  # a burst of events: one round
                worker.on_events_recorded()
    finally:
        assert runner.stop()
    assert len(engine.threads) == 2


def test_a_failed_round_retries_after_the_backoff(qtbot):
    engine = FakeEngine([FakeStatus(False, retry_in=0.01), FakeStatus(True)])
    worker = SyncWorker(engine.run_round, interval_ms=60_000)
    runner = SyncThread(worker)
    try:
        with (
            qtbot.waitSignal(worker.sync_failed, timeout=5000),
            qtbot.waitSignal(worker.sync_succeeded, timeout=5000),
        ):
            runner.start()
    finally:
        assert runner.stop()
