"""The sync worker: sync rounds on their own thread, on a timer and soon after new events.

The UI thread never waits for it. A round's status comes back as a signal; a failed round
schedules the next one after the engine's backoff (with jitter), a successful one after the
regular interval. Stopping lets a running round finish, then joins the thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)

# the worker calls this with a progress callback (items, total or 0 = unknown) and gets a status
# back (kiosk.sync.engine.SyncStatus); the composition root builds it from the engine
RunRound = Callable[[Callable[[int, int], None]], object]


class SyncWorker(QObject):
    sync_succeeded = Signal(object)
    sync_failed = Signal(object)
    first_sync_progressed = Signal(int, int)
    _start_requested = Signal()
    _stop_requested = Signal()
    _events_seen = Signal()
    _round_requested = Signal()

    def __init__(self, run_round: RunRound, *, interval_ms: int = 60_000, debounce_ms: int = 2_000) -> None:
        super().__init__()
        self._run_round = run_round
        self._interval_ms = interval_ms
        self._debounce_ms = debounce_ms
        self._timer: QTimer | None = None
        self._debounce: QTimer | None = None
        self._stopping = False
        self._start_requested.connect(self._on_start, Qt.ConnectionType.QueuedConnection)
        self._stop_requested.connect(self._on_stop, Qt.ConnectionType.BlockingQueuedConnection)
        self._events_seen.connect(self._on_events_seen, Qt.ConnectionType.QueuedConnection)
        self._round_requested.connect(self._on_due, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _on_start(self) -> None:
        # timers are made here so they live on (and fire in) the sync thread
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_due)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._on_due)
        self._timer.start(0)

    def on_events_recorded(self, *_args) -> None:
        """Connect the store worker's `events_recorded` here (any thread): sync soon, once per burst."""
        self._events_seen.emit()

    def request_round(self) -> None:
        """Someone pressed "Sync now" (any thread): a round as soon as the current one is done."""
        self._round_requested.emit()

    @Slot()
    def _on_events_seen(self) -> None:
        if self._debounce is not None and not self._stopping:
            self._debounce.start(self._debounce_ms)

    @Slot()
    def _on_due(self) -> None:
        if self._stopping:
            return
        if self._debounce is not None:
            self._debounce.stop()
        try:
            status = self._run_round(self.first_sync_progressed.emit)
        except Exception:  # a bug in a round must not kill the thread; the next round retries
            log.exception("sync round failed")
            status = None
        if self._stopping or self._timer is None:
            return
        retry_in = getattr(status, "retry_in", None)
        if status is not None and getattr(status, "online", False):
            self.sync_succeeded.emit(status)
            self._timer.start(self._interval_ms)
        else:
            self.sync_failed.emit(status)
            # stopped states (revoked, unpaired) still get looked at now and then, cheaply
            self._timer.start(int(retry_in * 1000) if retry_in is not None else self._interval_ms)

    @Slot()
    def _on_stop(self) -> None:
        self._stopping = True
        for timer in (self._timer, self._debounce):
            if timer is not None:
                timer.stop()


class SyncThread:
    """Owns the QThread the worker lives on. `stop()` joins it."""

    def __init__(self, worker: SyncWorker) -> None:
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName("sync")
        worker.moveToThread(self.thread)

    def start(self) -> None:
        self.thread.start()
        self.worker._start_requested.emit()

    def stop(self, timeout_ms: int = 60_000) -> bool:
        if not self.thread.isRunning():
            return True
        self.worker._stop_requested.emit()  # blocks until the worker has stopped its timers
        self.thread.quit()
        return self.thread.wait(timeout_ms)
