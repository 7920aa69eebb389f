from __future__ import annotations

import os
import threading

import pytest
import serial as pyserial
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from cardtoken import format_card_number
from kiosk.scanner.camera import (
    CameraError,
    CameraProblem,
    ImageReplayCamera,
    OpenCvCamera,
    parse_camera_source,
)
from kiosk.scanner.capture import Backoff
from kiosk.scanner.synthetic import blank_frame
from kiosk.scanner.wedge import WedgeSettings
from kiosk.ui.camera_worker import CameraWorker, camera_problem_text
from kiosk.ui.serial_worker import SerialWorker
from kiosk.ui.wedge_filter import WedgeFilter

from .videos import write_video

# whole card numbers (check digit right): in a text field only a whole card code is a scan
CARD_A = format_card_number(12345678901).replace(" ", "")
CARD_B = format_card_number(48210937551).replace(" ", "")


def test_a_video_file_through_the_camera_worker_reports_the_code_once(qtbot, tmp_path):
    video = write_video(tmp_path / "scan.avi", "VIDEO-CODE", fps=30, before=5, showing=20, after=10)
    worker = CameraWorker(lambda: OpenCvCamera(parse_camera_source(str(video))), preview_width=320)
    scanned: list[str] = []
    frames: list[tuple[QImage, object]] = []
    worker.code_scanned.connect(scanned.append)
    worker.frame_captured.connect(lambda image, outlines: frames.append((image, outlines)))
    with qtbot.waitSignal(worker.camera_failed, timeout=10_000) as ended:  # the file ends
        worker.start()
    worker.stop()
    assert "end of video" in ended.args[0]
    assert scanned == ["VIDEO-CODE"]
    assert frames
    assert frames[0][0].width() == 320
    assert any(outlines for _, outlines in frames)


def test_camera_failure_and_recovery_are_signalled(qtbot):
    busy = CameraError(CameraProblem.BUSY, "camera 0 will not open: in use by another program?")
    camera = ImageReplayCamera([blank_frame(1)], fps=60, loop=True, failures=[busy])
    worker = CameraWorker(lambda: camera, backoff=Backoff(0.01, 2, 0.05))
    failed = []
    worker.camera_failed.connect(failed.append)
    with qtbot.waitSignal(worker.camera_recovered, timeout=5000):
        worker.start()
    worker.stop()
    # the screen's words for the problem (translated by kind); the device's detail goes to the log
    assert failed == [camera_problem_text(busy)]
    assert failed == ["the camera will not open: is another program using it?"]


class CountingCamera(ImageReplayCamera):
    def __init__(self, enough: int) -> None:
        super().__init__([blank_frame(1)], fps=0, loop=True)  # as fast as it can go
        self.reads = 0
        self.enough = enough
        self.plenty = threading.Event()

    def read(self):
        self.reads += 1
        if self.reads >= self.enough:
            self.plenty.set()
        return super().read()


def test_at_most_one_preview_frame_is_pending(qtbot):
    camera = CountingCamera(enough=20)
    worker = CameraWorker(lambda: camera)
    shown = []
    worker.frame_captured.connect(lambda image, outlines: shown.append(image))
    worker.start()
    # the UI thread is busy (it processes no events) while the camera delivers 20 frames
    assert camera.plenty.wait(10)
    worker.stop()
    assert worker.frames_dropped > 0
    QApplication.processEvents()
    assert len(shown) <= 1  # only the one pending frame was queued for the UI


def test_stop_joins_the_thread_even_while_retrying(qtbot):
    missing = ImageReplayCamera([], failures=[CameraError(CameraProblem.NO_CAMERA, "no camera")] * 10)
    worker = CameraWorker(lambda: missing, backoff=Backoff(60, 2, 60))
    with qtbot.waitSignal(worker.camera_failed, timeout=5000):
        worker.start()
    worker.stop()
    assert worker._thread.isFinished()


def test_serial_worker_signals_codes_through_a_pty(qtbot):
    master, slave = os.openpty()
    worker = SerialWorker(os.ttyname(slave), 9600, Backoff(0.01, 2, 0.05))
    try:
        with qtbot.waitSignal(worker.serial_connected, timeout=5000):
            worker.start()
        with qtbot.waitSignal(worker.code_scanned, timeout=5000) as scanned:
            os.write(master, b"482109375516\r\n")
        assert scanned.args == ["482109375516"]
    finally:
        worker.stop()
        os.close(master)
        os.close(slave)


def test_serial_worker_reports_failure(qtbot):
    def refuse(port, baud):
        raise pyserial.SerialException("could not open port")

    worker = SerialWorker("/dev/ttyACM9", 9600, Backoff(0.01, 2, 0.05), open_port=refuse)
    with qtbot.waitSignal(worker.serial_failed, timeout=5000) as failed:
        worker.start()
    worker.stop()
    assert "cannot open /dev/ttyACM9" in failed.args[0]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def form(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    name, other = QLineEdit(), QLineEdit()
    layout.addWidget(name)
    layout.addWidget(other)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    name.setFocus()
    return window, name


@pytest.fixture
def wedge(qtbot):
    clock = FakeClock()
    wedge_filter = WedgeFilter(WedgeSettings(max_gap_s=0.05), clock=clock)
    app = QApplication.instance()
    wedge_filter.install(app)
    yield wedge_filter, clock
    wedge_filter.uninstall(app)


def type_keys(widget, text: str, clock: FakeClock, gap_s: float) -> None:
    for ch in text:
        clock.now += gap_s
        QTest.keyClick(widget, ch)


def test_a_scanner_burst_never_lands_in_the_focused_field(qtbot, form, wedge):
    _, name = form
    wedge_filter, clock = wedge
    with qtbot.waitSignal(wedge_filter.code_scanned, timeout=2000) as scanned:
        type_keys(name, CARD_A, clock, gap_s=0.004)  # a key every 4 ms
        clock.now += 0.004
        QTest.keyClick(name, Qt.Key.Key_Return)
    assert scanned.args == [CARD_A]
    assert name.text() == ""


def test_slow_typing_lands_in_the_focused_field(qtbot, form, wedge):
    _, name = form
    wedge_filter, clock = wedge
    type_keys(name, "Anna", clock, gap_s=0.25)  # a person: a key every 250 ms
    clock.now += 0.25  # the last key's gap runs out; the filter's timer gives it back
    qtbot.waitUntil(lambda: name.text() == "Anna", timeout=2000)
    assert not wedge_filter._parser.holding


def test_typing_then_a_scan_keeps_both_apart(qtbot, form, wedge):
    _, name = form
    wedge_filter, clock = wedge
    type_keys(name, "Bo", clock, gap_s=0.3)
    clock.now += 0.3
    qtbot.waitUntil(lambda: name.text() == "Bo", timeout=2000)
    with qtbot.waitSignal(wedge_filter.code_scanned, timeout=2000) as scanned:
        type_keys(name, CARD_B, clock, gap_s=0.003)
        clock.now += 0.003
        QTest.keyClick(name, Qt.Key.Key_Tab)
    assert scanned.args == [CARD_B]
    assert name.text() == "Bo"
    assert name.hasFocus()  # the scan's Tab did not move focus either
