"""The store worker: runs Services calls one at a time on its own thread, never on the UI's.

A screen asks with a `StoreOp` carrying its own callbacks (Anki's CollectionOp is the model), so
it hears only its own answers; the use case itself is declared once, in kiosk/services (and bound
to the context by the facade).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from kiosk.services.facade import Services
from kiosk.settings import KioskSettings, SettingsError, save_settings
from kiosk.sync.engine import SyncState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StatusInfo:
    """What the status bar shows; the sync engine will fill `online` and `last_sync`."""

    staff_name: str = ""
    location: str = ""
    online: bool | None = None  # None: this kiosk is standalone (no cloud configured)
    pending: int = 0
    last_sync: datetime | None = None
    sync_state: SyncState | None = None  # the last round's state; None before one


@dataclass(frozen=True)
class SettingsNotSaved:
    """A full disk or a read-only folder: the settings screen says why and keeps the form."""

    reason: str
    ok: bool = False


def _is_refused(result: object) -> bool:
    return getattr(result, "ok", True) is False


def _alive(parent: QObject | None) -> bool:
    # a screen closed and deleted while its request ran: its Python wrapper may outlive the widget
    return parent is None or shiboken6.isValid(parent)


class StoreOp:
    """One request to the store worker with its own answers, built on the UI thread:

        worker.op(self, lambda s: s.record_scan(code)).success(self.on_recorded).run_in_background()

    `call` runs on the store thread; the answer comes back on the UI thread to this request's
    callbacks only, and not at all once `parent` (the asking screen) has been deleted. A refused
    outcome (`result.ok is False`) goes to `refused` when one is given, else to `success`; an
    exception is a bug: logged with its traceback, announced by the worker's `job_failed` (the
    window says something went wrong), then handed to `failure`, where a screen undoes its
    "busy" state so the person can try again."""

    def __init__(self, worker: StoreWorker, parent: QObject | None, call: Callable[[Services], object]):
        self._worker = worker
        self._parent = parent
        self.call = call
        self._on_success: Callable[[Any], None] | None = None
        self._on_refused: Callable[[Any], None] | None = None
        self._on_failure: Callable[[Exception], None] | None = None
        self._records_events = False

    def success(self, callback: Callable[[Any], None]) -> StoreOp:
        self._on_success = callback
        return self

    def refused(self, callback: Callable[[Any], None]) -> StoreOp:
        self._on_refused = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> StoreOp:
        self._on_failure = callback
        return self

    def records_events(self) -> StoreOp:
        """This use case appends ledger events: when it succeeds, the status bar and sync hear
        `events_recorded` (the one broadcast left: they care that the ledger grew, not who asked)."""
        self._records_events = True
        return self

    def run_in_background(self) -> None:
        self._worker.submit(self)

    def deliver(self, result: object, error: Exception | None) -> None:
        """On the UI thread, once the store thread is done with `call`."""
        if error is not None:
            self._worker.job_failed.emit(str(error) or type(error).__name__)
            if self._on_failure is not None and _alive(self._parent):
                self._on_failure(error)
            return
        refused = _is_refused(result)
        if self._records_events and not refused:
            self._worker.events_recorded.emit()
        if not _alive(self._parent):
            return
        if refused and self._on_refused is not None:
            self._on_refused(result)
        elif self._on_success is not None:
            self._on_success(result)


class _StoreRunner(QObject):
    """Lives on the store thread: runs each op's call, in the order asked, one at a time."""

    _op_requested = Signal(object)
    op_done = Signal(object, object, object)  # op, result, exception (None when it returned)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self._op_requested.connect(self._on_op_requested, Qt.ConnectionType.QueuedConnection)

    def submit(self, op: StoreOp) -> None:
        self._op_requested.emit(op)

    @Slot(object)
    def _on_op_requested(self, op: StoreOp) -> None:
        try:
            result = op.call(self._services)
        except Exception as exc:  # a bug must not kill the worker: the counter has to keep going
            log.error("store job failed: %s", traceback.format_exc())
            self.op_done.emit(op, None, exc)
            return
        self.op_done.emit(op, result, None)


class StoreWorker(QObject):
    """The UI thread's side of the store thread: makes ops, hands them over, delivers answers."""

    events_recorded = Signal()  # a stamp, redeem, undo, enrolment or adjustment is on disk
    job_failed = Signal(str)  # a use case raised (a bug, logged with its traceback)
    settled = Signal()  # every request asked so far is answered (screenshots and tests wait on it)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.runner = _StoreRunner(services)
        # queued: the runner emits on the store thread, this object lives on the UI thread
        self.runner.op_done.connect(self._on_op_done, Qt.ConnectionType.QueuedConnection)
        self._pending = 0

    def op(self, parent: QObject | None, call: Callable[[Services], object]) -> StoreOp:
        return StoreOp(self, parent, call)

    def submit(self, op: StoreOp) -> None:
        self._pending += 1
        self.runner.submit(op)

    def pending(self) -> int:
        """Requests asked but not yet answered (tests wait for 0: every answer delivered)."""
        return self._pending

    @Slot(object, object, object)
    def _on_op_done(self, op: StoreOp, result: object, error: Exception | None) -> None:
        self._pending -= 1
        op.deliver(result, error)  # may ask again (a search that then loads a history)
        if self._pending == 0:
            self.settled.emit()


def status_call(staff_name: str) -> Callable[[Services], StatusInfo]:
    def call(s: Services) -> StatusInfo:
        who = s.identity()
        return StatusInfo(staff_name, who.location_name, None, s.pending_sync_count(), None)

    return call


def save_settings_call(data_dir: Path, settings: KioskSettings) -> Callable[[Services], object]:
    def call(services: Services) -> KioskSettings | SettingsNotSaved:
        try:
            save_settings(data_dir, settings)
        except (OSError, SettingsError) as exc:
            return SettingsNotSaved(str(exc))
        # the counter's rules read it here, on this same thread: the next redeem obeys it
        services.ctx.offline_redemption_cap = settings.offline_redemption_cap
        return settings

    return call


class WorkerThread:
    """Owns the worker's QThread: start once, stop (and join) at shutdown."""

    def __init__(self, worker: QObject, name: str) -> None:
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName(name)
        worker.moveToThread(self.thread)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        if self.thread.isRunning():
            self.thread.quit()
            self.thread.wait()
