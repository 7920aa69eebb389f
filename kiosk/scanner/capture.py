"""The capture loop: read → decode → debounce, reporting through callbacks.

One loop owns one frame source, one LiveDecoder and one Debouncer. `step()` does one
iteration and is what a Qt worker drives; `CaptureThread` runs it on a plain thread.
Decoding happens in the same thread as reading, and sources drop frames that are late
(see camera.py), so when decoding falls behind frames are skipped, never queued.
On failure the source is closed and reopened with exponential backoff; a stop request
interrupts any wait at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from kiosk.scanner.camera import CameraError, FrameSource
from kiosk.scanner.debounce import Debouncer
from kiosk.scanner.decode import DecodedCode, LiveDecoder


@dataclass(frozen=True, slots=True)
class Backoff:
    initial_s: float = 0.5
    factor: float = 2.0
    max_s: float = 10.0

    def delay(self, failures: int) -> float:
        """Wait before attempt number `failures` + 1 (failures ≥ 1)."""
        return min(self.max_s, self.initial_s * self.factor ** max(0, failures - 1))


def _ignore(*_args: object) -> None:
    pass


@dataclass(frozen=True, slots=True)
class CaptureCallbacks:
    frame_captured: Callable[[np.ndarray, Sequence[DecodedCode]], None] = _ignore
    code_scanned: Callable[[str], None] = _ignore
    camera_failed: Callable[[CameraError], None] = _ignore
    camera_recovered: Callable[[], None] = _ignore


class CaptureLoop:
    def __init__(
        self,
        open_source: Callable[[], FrameSource],
        callbacks: CaptureCallbacks,
        decoder: LiveDecoder | None = None,
        debouncer: Debouncer | None = None,
        backoff: Backoff = Backoff(),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._open_source = open_source
        self._callbacks = callbacks
        self._decoder = decoder or LiveDecoder()
        self._debouncer = debouncer or Debouncer()
        self._backoff = backoff
        self._clock = clock
        self._stop = threading.Event()
        self._source: FrameSource | None = None
        self._failures = 0
        self._retry_at = 0.0
        self._reported_failure = False

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def request_stop(self) -> None:
        """Thread-safe: makes the running step return soon and `run` end."""
        self._stop.set()

    def step(self) -> None:
        """One iteration: (re)open if needed, read one frame, decode, debounce, report."""
        if self._source is None and not self._try_open():
            return
        assert self._source is not None
        frame = self._source.read()
        if isinstance(frame, CameraError):
            self._fail(frame)
            return
        now = self._clock()
        codes = self._decoder.decode(frame, now)
        self._callbacks.frame_captured(frame, codes)
        for text in self._debouncer.feed((c.text for c in codes), now):
            self._callbacks.code_scanned(text)

    def run(self) -> None:
        """Step until `request_stop`; always closes the source."""
        try:
            while not self._stop.is_set():
                self.step()
        finally:
            self.close()

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None

    def _try_open(self) -> bool:
        wait = self._retry_at - self._clock()
        if wait > 0 and self._stop.wait(wait):
            return False
        source = self._open_source()
        error = source.open()
        if error is not None:
            source.close()
            self._fail(error)
            return False
        self._source = source
        if self._reported_failure:
            self._callbacks.camera_recovered()
        self._failures = 0
        self._reported_failure = False
        return True

    def _fail(self, error: CameraError) -> None:
        self.close()
        self._failures += 1
        self._reported_failure = True
        self._callbacks.camera_failed(error)
        if not error.retryable:
            # an ended file or a bad setting will not fix itself: wait the longest backoff
            self._retry_at = self._clock() + self._backoff.max_s
        else:
            self._retry_at = self._clock() + self._backoff.delay(self._failures)


class CaptureThread:
    """A CaptureLoop on a plain Python thread, for use without Qt (the CLI, benchmarks)."""

    def __init__(self, loop: CaptureLoop, name: str = "capture-loop") -> None:
        self.loop = loop
        self._thread = threading.Thread(target=loop.run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self.loop.request_stop()
        if self._thread.is_alive():
            self._thread.join(timeout)
