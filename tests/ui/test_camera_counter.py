"""End to end through the camera: a video file of generated frames played by the real OpenCvCamera
and CameraWorker into the real scan screen, signed in as the cashier.

The card is held in view for 1.5 s (45 frames), three times longer than the debounce window
given here, so only the debouncer's "still in view" tracking keeps it to one scan; a second
scan would reach the store and be refused by the cooldown, which the test rules out.
"""

from __future__ import annotations

import cv2

from kiosk.scanner.camera import OpenCvCamera, parse_camera_source
from kiosk.scanner.debounce import Debouncer, DebounceSettings
from kiosk.scanner.decode import LiveDecoder
from kiosk.scanner.synthetic import Hardness, blank_frame, make_frame
from kiosk.services.demo import DEMO_CASHIER_PIN
from kiosk.ui.app import start_camera
from kiosk.ui.camera_worker import CameraWorker
from tests.ui.conftest import flush_store, scan_answers, sign_in
from tests.ui.test_scan_screen import coffee_row, coffee_token

FPS = 30.0
HELD_FRAMES = 45  # 1.5 s in view


class CountingDecoder(LiveDecoder):
    """The real live decoder, counting the frames it read a code on (from the camera thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.frames_read = 0

    def decode(self, image, now):
        found = super().decode(image, now)
        if found:
            self.frames_read += 1
        return found


def write_card_video(path, text: str) -> str:
    """Blank counter, the card held up (moving a little), blank again; MJPG .avi writes headless."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, (640, 480))
    assert writer.isOpened(), "OpenCV cannot write MJPG video here"
    try:
        for i in range(6):
            writer.write(blank_frame(seed=i))
        for i in range(HELD_FRAMES):
            writer.write(make_frame(text, Hardness.CLEAN, seed=i % 5).image)
        for i in range(15):
            writer.write(blank_frame(seed=50 + i))
    finally:
        writer.release()
    return str(path)


def test_a_card_held_in_front_of_the_camera_is_stamped_once(qtbot, make_kiosk, demo, tmp_path):
    token = coffee_token(demo)
    video = write_card_video(tmp_path / "card.avi", token)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    recorded, refused = scan_answers(kiosk)
    scanned: list[str] = []
    decoder = CountingDecoder()

    def camera_factory() -> CameraWorker:
        # as kiosk/__main__.py builds it, with a short debounce window and a file that ends
        return CameraWorker(
            lambda: OpenCvCamera(parse_camera_source(video)),
            decoder=decoder,
            debouncer=Debouncer(DebounceSettings(repeat_after_s=0.5)),
        )

    # started after sign-in: signed out, a scanned code is dropped (nobody to stamp it)
    camera = start_camera(kiosk, camera_factory)
    assert camera is not None
    camera.code_scanned.connect(scanned.append)  # signals reach the UI thread queued: nothing missed
    qtbot.waitSignal(
        camera.camera_failed, timeout=20_000, check_params_cb=lambda why: "end of video" in why
    ).wait()
    # every scan the camera made was handed to the store worker before the end-of-file signal;
    # one more job behind them is answered only after they all were (the worker runs jobs in order)
    flush_store(qtbot, kiosk)

    assert decoder.frames_read >= 10  # the code was read on many frames...
    assert scanned == [token]  # ...and the debouncer made it one scan
    assert len(recorded) == 1
    assert refused == []  # so the cooldown never had a second scan to refuse
    assert recorded[0].card.card.id == coffee_row(kiosk).view.card.id
    assert screen.result.banner.text() == "1 stamp added"
    assert coffee_row(kiosk).count.text() == "1 of 10"
    assert "end of video" in screen.camera.text()  # the preview says why it stopped
