"""The camera worker: drives the scanner's capture loop on its own QThread.

The loop (kiosk.scanner.capture) blocks in a runner object that lives in the thread;
the CameraWorker itself stays in the thread that made it (the UI thread), so every
public signal is emitted there and even plain callables connected to it run in the UI
thread. (An object moved into the busy thread would have functor connections queued to
that thread's event loop, which never runs while the loop captures.)

stop() asks the loop to stop through a thread-safe flag, then quits and joins the
thread. Preview frames are downscaled in the worker thread and at most one is ever
pending: until the UI thread has taken the last one, new frames are dropped, so a busy
UI never builds a queue of stale images.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from kiosk.scanner.camera import CameraError, CameraProblem, FrameSource
from kiosk.scanner.capture import Backoff, CaptureCallbacks, CaptureLoop
from kiosk.scanner.debounce import Debouncer
from kiosk.scanner.decode import DecodedCode, LiveDecoder
from kiosk.scanner.preview import make_preview

log = logging.getLogger(__name__)

# what the scan screen says about the camera, in the cashier's language (the scanner's own
# messages are English and name device paths: they go to the log, not to the counter)
_PROBLEMS = {
    CameraProblem.NO_CAMERA: QT_TRANSLATE_NOOP("Camera", "no camera is connected"),
    CameraProblem.BUSY: QT_TRANSLATE_NOOP("Camera", "the camera will not open: is another program using it?"),
    CameraProblem.UNPLUGGED: QT_TRANSLATE_NOOP("Camera", "the camera stopped delivering pictures"),
    CameraProblem.UNREADABLE: QT_TRANSLATE_NOOP("Camera", "the video file cannot be read"),
    CameraProblem.ENDED: QT_TRANSLATE_NOOP("Camera", "end of video"),
    CameraProblem.INVALID: QT_TRANSLATE_NOOP("Camera", "the camera setting is not valid"),
}


def camera_problem_text(error: CameraError) -> str:
    return QCoreApplication.translate("Camera", _PROBLEMS.get(error.problem, error.message))


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    height, width = rgb.shape[:2]
    # copy(): the QImage must own its pixels, the numpy buffer goes away with the frame
    return QImage(rgb.data, width, height, rgb.strides[0], QImage.Format.Format_RGB888).copy()


class LoopRunner(QObject):
    """Lives in the worker thread and runs a blocking loop there until it is asked to stop."""

    def __init__(self, run: Callable[[], None]) -> None:
        super().__init__()
        self._run = run

    @Slot()
    def run(self) -> None:
        try:
            self._run()
        finally:
            QThread.currentThread().quit()


class LoopThread:
    """A blocking loop on its own QThread: started once, stopped by asking the loop to end and
    joining the thread. The camera and serial workers each own one."""

    def __init__(self, run: Callable[[], None], request_stop: Callable[[], None], name: str) -> None:
        self._runner = LoopRunner(run)
        self._request_stop = request_stop
        self._name = name
        self.thread: QThread | None = None

    def start(self) -> None:
        if self.thread is not None:
            raise RuntimeError("a worker starts once; make a new one to start again")
        thread = QThread()
        thread.setObjectName(self._name)
        self._runner.moveToThread(thread)
        thread.started.connect(self._runner.run)
        self.thread = thread
        thread.start()

    def stop(self, timeout_ms: int = 5000) -> None:
        """Ask the loop to end and join the thread (returns when it has ended)."""
        thread = self.thread
        if thread is None or thread.isFinished():
            return
        self._request_stop()
        thread.quit()
        if not thread.wait(timeout_ms):  # pragma: no cover - a driver call that never returns
            raise RuntimeError(f"{self._name} thread did not stop")

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()


class CameraWorker(QObject):
    """Signals are emitted in the thread that created the worker (the UI thread)."""

    frame_captured = Signal(QImage, object)  # preview image, tuple of outlines (tuples of (x, y))
    code_scanned = Signal(str)
    camera_failed = Signal(str)
    camera_recovered = Signal()

    # emitted in the worker thread, delivered (queued) to this object's thread
    _frame_ready = Signal(QImage, object)
    _code_ready = Signal(str)
    _failure_ready = Signal(str)
    _recovery_ready = Signal()

    def __init__(
        self,
        open_source: Callable[[], FrameSource],
        preview_width: int = 640,
        decoder: LiveDecoder | None = None,
        debouncer: Debouncer | None = None,
        backoff: Backoff = Backoff(),
    ) -> None:
        super().__init__()
        self._preview_width = preview_width
        self._pending = threading.Event()  # set while a preview is on its way to the UI
        self._frame_ready.connect(self._deliver_frame)
        self._code_ready.connect(self.code_scanned)
        self._failure_ready.connect(self.camera_failed)
        self._recovery_ready.connect(self.camera_recovered)
        callbacks = CaptureCallbacks(
            frame_captured=self._on_frame,
            code_scanned=self._code_ready.emit,
            camera_failed=self._on_failed,
            camera_recovered=self._recovery_ready.emit,
        )
        self._loop = CaptureLoop(open_source, callbacks, decoder, debouncer, backoff)
        self._loop_thread = LoopThread(self._loop.run, self._loop.request_stop, "camera-worker")
        self.frames_dropped = 0

    @property
    def _thread(self) -> QThread | None:
        return self._loop_thread.thread

    def start(self) -> None:
        self._loop_thread.start()

    def stop(self, timeout_ms: int = 5000) -> None:
        """Stop capturing and join the thread (returns when it has ended)."""
        self._loop_thread.stop(timeout_ms)

    @property
    def running(self) -> bool:
        return self._loop_thread.running

    def _on_frame(self, frame: np.ndarray, codes: Sequence[DecodedCode]) -> None:
        if self._pending.is_set():
            self.frames_dropped += 1
            return
        preview = make_preview(frame, codes, self._preview_width)
        self._pending.set()
        self._frame_ready.emit(rgb_to_qimage(preview.rgb), preview.outlines)

    @Slot(QImage, object)
    def _deliver_frame(self, image: QImage, outlines: object) -> None:
        self._pending.clear()
        self.frame_captured.emit(image, outlines)

    def _on_failed(self, error: CameraError) -> None:
        log.info("camera: %s", error.message)
        self._failure_ready.emit(camera_problem_text(error))
