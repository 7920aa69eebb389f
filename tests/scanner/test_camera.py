from __future__ import annotations

import numpy as np
import pytest

from kiosk.scanner.camera import (
    CameraError,
    CameraProblem,
    CameraSource,
    ImageReplayCamera,
    OpenCvCamera,
    SourceKind,
    parse_camera_source,
)
from kiosk.scanner.capture import Backoff, CaptureCallbacks, CaptureLoop, CaptureThread
from kiosk.scanner.synthetic import Hardness, blank_frame, make_frame

from .videos import write_video


class FakeClock:
    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_parse_camera_source():
    assert parse_camera_source("2") == CameraSource(SourceKind.DEVICE_INDEX, index=2)
    assert parse_camera_source("auto").kind is SourceKind.AUTO
    assert parse_camera_source("/dev/video3") == CameraSource(SourceKind.DEVICE_PATH, path="/dev/video3")
    assert parse_camera_source("clip.avi", loop=True) == CameraSource(
        SourceKind.FILE, path="clip.avi", loop=True
    )


def test_negative_index_is_refused_before_opencv_sees_it():
    error = OpenCvCamera(parse_camera_source("-1")).open()
    assert error == CameraError(CameraProblem.INVALID, "camera index -1 is not valid")
    assert not error.retryable


def test_missing_devices_are_no_camera_and_retryable():
    for text in ("57", "/dev/video57"):
        error = OpenCvCamera(parse_camera_source(text)).open()
        assert error is not None
        assert error.problem is CameraProblem.NO_CAMERA
        assert error.retryable


def test_auto_with_no_camera_attached_says_so(tmp_path, monkeypatch):
    from kiosk.scanner import camera

    monkeypatch.setattr(camera, "first_camera_index", lambda: None)
    error = OpenCvCamera(parse_camera_source("auto")).open()
    assert error is not None
    assert error.problem is CameraProblem.NO_CAMERA


def test_a_device_that_exists_but_will_not_open_is_busy(tmp_path):
    fake_device = tmp_path / "video0"  # exists, but is no camera: the same answer as a busy one
    fake_device.write_bytes(b"")
    source = CameraSource(SourceKind.DEVICE_PATH, path=str(fake_device))
    error = OpenCvCamera(source).open()
    assert error is not None
    assert error.problem is CameraProblem.BUSY


def test_unreadable_video_files(tmp_path):
    assert (
        OpenCvCamera(parse_camera_source(str(tmp_path / "none.avi"))).open().problem
        is CameraProblem.UNREADABLE
    )
    junk = tmp_path / "junk.avi"
    junk.write_bytes(b"not a video at all")
    assert OpenCvCamera(parse_camera_source(str(junk))).open().problem is CameraProblem.UNREADABLE


def test_a_video_file_is_paced_at_its_own_fps_and_ends(tmp_path):
    video = write_video(tmp_path / "clip.avi", "PACED", fps=20, before=2, showing=2, after=2)
    clock = FakeClock(100.0)
    camera = OpenCvCamera(parse_camera_source(str(video)), clock=clock, wait=clock.sleep)
    assert camera.open() is None
    frames = []
    while not isinstance(frame := camera.read(), CameraError):
        frames.append((clock.now, frame.shape))
    assert frame.problem is CameraProblem.ENDED
    assert [round(t - 100.0, 3) for t, _ in frames] == [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]
    camera.close()


def test_a_slow_reader_skips_frames_instead_of_queueing(tmp_path):
    video = write_video(tmp_path / "clip.avi", "SKIP", fps=30, before=30, showing=0, after=0)
    clock = FakeClock()
    camera = OpenCvCamera(parse_camera_source(str(video)), clock=clock, wait=clock.sleep)
    camera.open()
    count = 0
    while not isinstance(camera.read(), CameraError):
        count += 1
        clock.now += 0.1  # decoding takes 100 ms: only every third frame can be shown
    assert 9 <= count <= 11
    camera.close()


def test_a_looping_video_starts_over(tmp_path):
    video = write_video(tmp_path / "clip.avi", "LOOP", fps=30, before=3, showing=0, after=0)
    clock = FakeClock()
    camera = OpenCvCamera(parse_camera_source(str(video), loop=True), clock=clock, wait=clock.sleep)
    camera.open()
    assert all(not isinstance(camera.read(), CameraError) for _ in range(10))
    camera.close()


def test_backoff_grows_and_caps():
    backoff = Backoff(initial_s=0.5, factor=2, max_s=3)
    assert [backoff.delay(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3, 3]


class Recorder:
    def __init__(self) -> None:
        self.frames = 0
        self.codes: list[str] = []
        self.errors: list[CameraError] = []
        self.recovered = 0

    def callbacks(self) -> CaptureCallbacks:
        return CaptureCallbacks(
            frame_captured=lambda frame, codes: setattr(self, "frames", self.frames + 1),
            code_scanned=self.codes.append,
            camera_failed=self.errors.append,
            camera_recovered=lambda: setattr(self, "recovered", self.recovered + 1),
        )


def test_capture_loop_reads_decodes_and_debounces():
    code = make_frame("HELD", Hardness.CLEAN, seed=1).image
    images = [blank_frame(1), *([code] * 10), blank_frame(2)]
    clock = FakeClock()
    camera = ImageReplayCamera(images, fps=30, wait=clock.sleep)
    rec = Recorder()
    loop = CaptureLoop(lambda: camera, rec.callbacks(), clock=clock)
    for _ in range(len(images)):
        loop.step()
    assert rec.frames == len(images)
    assert rec.codes == ["HELD"]
    assert rec.errors == []


def test_capture_loop_retries_with_backoff_and_reports_recovery():
    clock = FakeClock()
    busy = CameraError(CameraProblem.BUSY, "camera 0 will not open: in use by another program?")
    camera = ImageReplayCamera([blank_frame(1)], fps=0, loop=True, failures=[busy, busy])
    rec = Recorder()
    loop = CaptureLoop(lambda: camera, rec.callbacks(), backoff=Backoff(1.0, 2.0, 10.0), clock=clock)
    loop._stop.wait = lambda seconds: clock.sleep(seconds) or False  # the fake clock waits instantly
    loop.step()
    loop.step()
    assert [e.problem for e in rec.errors] == [CameraProblem.BUSY, CameraProblem.BUSY]
    assert clock.now == 1.0  # waited the first backoff before the second attempt
    loop.step()
    assert clock.now == 3.0  # then twice as long
    assert rec.recovered == 1
    assert rec.frames == 1


def test_capture_loop_reports_unplugging_and_reopens():
    clock = FakeClock()
    opened = []

    def open_source():
        camera = ImageReplayCamera([blank_frame(len(opened))], fps=0)  # one frame, then "unplugged"
        opened.append(camera)
        return camera

    rec = Recorder()
    loop = CaptureLoop(open_source, rec.callbacks(), backoff=Backoff(0.5, 2, 5), clock=clock)
    loop._stop.wait = lambda seconds: clock.sleep(seconds) or False
    for _ in range(4):
        loop.step()
    assert len(opened) == 2
    assert rec.frames == 2
    assert rec.errors[0].problem is CameraProblem.ENDED
    assert rec.recovered == 1


def test_capture_thread_stops_cleanly_while_waiting_to_retry():
    failing = ImageReplayCamera([], failures=[CameraError(CameraProblem.NO_CAMERA, "no camera")] * 100)
    rec = Recorder()
    thread = CaptureThread(CaptureLoop(lambda: failing, rec.callbacks(), backoff=Backoff(60, 2, 60)))
    thread.start()
    thread.stop(timeout=5)
    assert not thread._thread.is_alive()


def test_replay_camera_reads_image_files(tmp_path):
    import cv2

    path = tmp_path / "frame.png"
    cv2.imwrite(str(path), np.zeros((8, 8, 3), np.uint8))
    camera = ImageReplayCamera([path, tmp_path / "missing.png"], fps=0)
    assert camera.read().problem is CameraProblem.UNPLUGGED  # not opened yet
    camera.open()
    assert camera.read().shape == (8, 8, 3)
    assert camera.read().problem is CameraProblem.UNREADABLE
    assert camera.read().problem is CameraProblem.ENDED
    camera.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_preview_is_downscaled_with_outlines_scaled(width):
    from kiosk.scanner.decode import decode_image
    from kiosk.scanner.preview import make_preview

    frame = make_frame("PREVIEW", Hardness.CLEAN, seed=4, width=width, height=width * 3 // 4).image
    codes = decode_image(frame)
    preview = make_preview(frame, codes, max_width=640)
    assert preview.rgb.shape[1] == min(width, 640)
    (outline,) = preview.outlines
    assert outline[0][0] == pytest.approx(codes[0].corners[0].x * preview.scale)
