"""The cashier's counter, driven as a cashier would: type (or wedge-scan) a code and Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_CASHIER_PIN
from tests.ui.conftest import sign_in


def coffee_token(demo) -> str:
    return next(t for k, t in demo.tokens.items() if k.endswith("/ Coffee card"))


def scan(qtbot, kiosk, code: str):
    screen = kiosk.screens["scan"]
    with qtbot.waitSignal(screen.result_shown, timeout=5000) as shown:
        qtbot.keyClicks(screen.code_entry, code)
        qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)
    return shown.args[0]


def coffee_row(kiosk):
    rows = kiosk.screens["scan"].result.rows
    return next(r for r in rows if r.view.program.name == "Coffee card")


def test_typed_demo_code_stamps_and_repeat_inside_cooldown_is_refused(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    assert kiosk.window.current_screen() == "scan"
    assert screen.code_entry.hasFocus()  # a wedge scanner can type straight away

    outcome = scan(qtbot, kiosk, coffee_token(demo))
    assert outcome.ok
    assert screen.result.banner.property("state") == "good"
    assert screen.result.banner.text() == "1 stamp added"
    assert coffee_row(kiosk).count.text() == "1 of 10"
    assert coffee_row(kiosk).stamps.filled == 1
    assert screen.result.name.text() == outcome.card.customer.first_name

    refused = scan(qtbot, kiosk, coffee_token(demo))
    assert not refused.ok
    assert screen.result.banner.property("state") == "bad"
    assert "Wait 60 s" in screen.result.banner.text()
    assert coffee_row(kiosk).count.text() == "1 of 10"  # nothing recorded


def test_stamp_three_undo_one_then_redeem(qtbot, make_kiosk, demo, clock):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    token = coffee_token(demo)

    qtbot.mouseClick(screen.plus_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.plus_button, Qt.MouseButton.LeftButton)
    assert screen.quantity_label.text() == "3 stamps"
    scan(qtbot, kiosk, token)
    assert coffee_row(kiosk).count.text() == "3 of 10"
    assert screen.result.banner.text() == "3 stamps added"
    assert screen.quantity == 1  # back to one for the next customer

    assert screen.result.undo_button.isVisible()
    with qtbot.waitSignal(screen.result_shown):
        qtbot.keyClick(screen.code_entry, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert coffee_row(kiosk).count.text() == "0 of 10"  # the whole last stamp event was voided

    for quantity in (5, 5):
        clock.advance(61)
        screen.set_quantity(quantity)
        scan(qtbot, kiosk, token)
    row = coffee_row(kiosk)
    assert row.count.text() == "10 of 10"
    assert row.redeem_button is not None
    assert row.reward.text().startswith("1 reward ready")
    assert screen.result.banner.property("state") == "reward"

    qtbot.mouseClick(row.redeem_button, Qt.MouseButton.LeftButton)
    assert screen.result.confirm_bar.isVisible()  # one confirmation before giving the reward
    qtbot.mouseClick(screen.result.confirm_yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: coffee_row(kiosk).redeem_button is None)
    assert coffee_row(kiosk).count.text() == "0 of 10"
    assert "Reward given" in screen.result.banner.text()


def test_unknown_code_is_refused_with_a_message(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    outcome = scan(qtbot, kiosk, "DROP TABLE cards;")
    assert not outcome.ok
    banner = kiosk.screens["scan"].result.banner
    assert banner.property("state") == "bad"
    assert banner.text()


def test_sound_plays_and_can_be_muted(qtbot, make_kiosk, demo):
    from kiosk.settings import KioskSettings

    kiosk = make_kiosk(KioskSettings(sound=True))
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    scan(qtbot, kiosk, coffee_token(demo))
    assert kiosk.sounds.played == ["good"]
    qtbot.mouseClick(screen.mute_button, Qt.MouseButton.LeftButton)
    assert not kiosk.sounds.enabled
    assert screen.mute_button.text() == "Sound: off"
    scan(qtbot, kiosk, coffee_token(demo))
    assert kiosk.sounds.played == ["good"]


def test_lookup_by_name_then_stamp_at_the_counter(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    assert kiosk.window.show_screen("lookup")
    lookup = kiosk.screens["lookup"]
    qtbot.keyClicks(lookup.query, "Ana")
    qtbot.keyClick(lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lookup.results.count() >= 1)
    with qtbot.waitSignal(kiosk.screens["scan"].result_shown) as shown:
        qtbot.mouseClick(lookup.stamp_button, Qt.MouseButton.LeftButton)
    assert shown.args[0].ok
    assert kiosk.window.current_screen() == "scan"
    assert kiosk.screens["scan"].result.name.text() == "Ana"


def test_camera_worker_signals_drive_the_screen(qtbot, make_kiosk, demo):
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtGui import QImage

    class FakeCamera(QObject):
        frame_captured = Signal(QImage, object)
        code_scanned = Signal(str)
        camera_failed = Signal(str)
        stopped = False

        def stop(self):
            self.stopped = True

    camera = FakeCamera()
    kiosk = make_kiosk(camera_factory=lambda: camera)
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    frame = QImage(640, 480, QImage.Format.Format_RGB32)
    frame.fill(Qt.GlobalColor.darkGray)
    camera.frame_captured.emit(frame, None)
    assert screen.camera.live
    with qtbot.waitSignal(screen.result_shown) as shown:
        camera.code_scanned.emit(coffee_token(demo))
    assert shown.args[0].ok
    camera.camera_failed.emit("unplugged")
    assert not screen.camera.live
    assert "unplugged" in screen.camera.text()
