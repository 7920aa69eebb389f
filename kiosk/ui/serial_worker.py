"""A serial (CDC-ACM) scanner read on its own QThread, reported through Qt signals.

As with the camera worker, the reading loop runs in a runner object inside the thread
and the worker stays in the UI thread, so its signals are emitted there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from kiosk.scanner.capture import Backoff
from kiosk.scanner.serial import SerialCallbacks, SerialScanner
from kiosk.ui.camera_worker import LoopThread


class SerialWorker(QObject):
    """Signals are emitted in the thread that created the worker (the UI thread)."""

    code_scanned = Signal(str)
    serial_failed = Signal(str)
    serial_connected = Signal(str)  # the port

    _code_ready = Signal(str)
    _failure_ready = Signal(str)
    _connection_ready = Signal(str)

    def __init__(self, port: str, baud: int, backoff: Backoff = Backoff(), open_port: Callable | None = None):
        super().__init__()
        self._code_ready.connect(self.code_scanned)
        self._failure_ready.connect(self.serial_failed)
        self._connection_ready.connect(self.serial_connected)
        callbacks = SerialCallbacks(
            code_scanned=self._code_ready.emit,
            serial_failed=self._failure_ready.emit,
            serial_connected=self._connection_ready.emit,
        )
        extra = {"open_port": open_port} if open_port is not None else {}
        self._scanner = SerialScanner(port, baud, callbacks, backoff, **extra)
        self._loop_thread = LoopThread(self._scanner.run, self._scanner.request_stop, "serial-worker")

    @property
    def _thread(self) -> QThread | None:
        return self._loop_thread.thread

    def start(self) -> None:
        self._loop_thread.start()

    def stop(self, timeout_ms: int = 5000) -> None:
        self._loop_thread.stop(timeout_ms)
