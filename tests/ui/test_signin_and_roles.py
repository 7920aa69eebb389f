"""Sign-in with a PIN, lockout with a countdown, idle sign-out, roles gating screens, first run."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN
from tests.ui.conftest import sign_in


def test_lockout_after_wrong_pins_shows_a_countdown(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    screen = kiosk.window.signin
    qtbot.waitUntil(lambda: len(screen.staff_buttons) == 3)
    cara = next(sid for sid, b in screen.staff_buttons.items() if b.text() == "Cara Cashier")
    screen.select_staff(cara)
    for left in (4, 3, 2, 1):
        qtbot.keyClicks(screen.pin_entry, "9999")
        qtbot.keyClick(screen.pin_entry, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda n=left: f"{n} attempt" in screen.message.text() and not screen._checking)
    assert screen.message.text() == "Wrong PIN. 1 attempt left before a lockout."
    qtbot.keyClicks(screen.pin_entry, "9999")
    qtbot.keyClick(screen.pin_entry, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.lockout.isVisible)
    assert screen.lockout.text() == "Too many wrong PINs. Try again in 60 s."
    assert not screen.pin_entry.isEnabled()
    assert not screen.keys["OK"].isEnabled()
    qtbot.waitUntil(lambda: "59 s" in screen.lockout.text(), timeout=3000)  # it counts down
    # the lockout is Cara's: the manager can still sign in at the same terminal
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    assert kiosk.session.actor.name == "Max Manager"


def test_keypad_sign_in(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    screen = kiosk.window.signin
    qtbot.waitUntil(lambda: len(screen.staff_buttons) == 3)
    cara = next(sid for sid, b in screen.staff_buttons.items() if b.text() == "Cara Cashier")
    screen.select_staff(cara)
    with qtbot.waitSignal(kiosk.session.signed_in):
        for digit in DEMO_CASHIER_PIN:
            qtbot.mouseClick(screen.keys[digit], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(screen.keys["OK"], Qt.MouseButton.LeftButton)
    assert kiosk.window.status.staff.text() == "Signed in: Cara Cashier"


def test_cashier_is_denied_the_manager_screens(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    window = kiosk.window
    for name in ("offers", "customers", "reports", "analytics", "staff", "audit", "settings"):
        assert name not in window.nav_buttons or not window.nav_buttons[name].isVisible()
        with qtbot.waitSignal(window.access_denied):
            assert not window.show_screen(name)
        assert window.current_screen() == "scan"
    assert "managers and owners only" in window.status.currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_F5)  # the offers shortcut does not open it either
    assert window.current_screen() == "scan"
    for name in ("scan", "enroll", "lookup"):
        assert window.nav_buttons[name].isVisible()


def test_manager_sees_manager_screens_but_not_owner_settings(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    assert kiosk.window.show_screen("offers")
    assert kiosk.window.nav_buttons["audit"].isVisible()
    assert not kiosk.window.show_screen("settings")


def test_idle_sign_out(qtbot, make_kiosk, demo):
    kiosk = make_kiosk(idle_interval_ms=300)
    assert not kiosk.window.sign_out_button.isVisible()  # nobody to sign out yet
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    assert kiosk.window.sign_out_button.isVisible()
    with qtbot.waitSignal(kiosk.session.signed_out, timeout=3000) as out:
        pass
    assert out.args == ["idle"]
    assert kiosk.window.current_screen() == "signin"
    assert kiosk.session.actor is None
    assert not kiosk.window.sign_out_button.isVisible()
