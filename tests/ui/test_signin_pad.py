"""The PIN pad at the start of a shift (issue 13): the last person to sign in at this kiosk is
preselected, the PIN submits itself at its length, and a wrong PIN counts only for the person
it was typed for."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN
from tests.ui.conftest import sign_in


def staff_id(screen, name: str) -> str:
    return next(sid for sid, b in screen.staff_buttons.items() if b.text() == name)


def test_the_pin_submits_itself_at_the_selected_persons_length(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    screen = kiosk.window.signin
    qtbot.waitUntil(lambda: len(screen.staff_buttons) == 3)
    screen.select_staff(staff_id(screen, "Cara Cashier"))
    with qtbot.waitSignal(kiosk.session.signed_in, timeout=5000):
        qtbot.keyClicks(screen.pin_entry, DEMO_CASHIER_PIN)  # no Enter, no OK
    assert kiosk.session.actor.name == "Cara Cashier"


def test_the_keypad_submits_at_the_length_too_and_a_late_enter_counts_for_nothing(
    qtbot, make_kiosk, demo, services
):
    kiosk = make_kiosk()
    screen = kiosk.window.signin
    qtbot.waitUntil(lambda: len(screen.staff_buttons) == 3)
    screen.select_staff(staff_id(screen, "Cara Cashier"))
    for digit in "999":
        qtbot.mouseClick(screen.keys[digit], Qt.MouseButton.LeftButton)
    assert not screen._checking  # three digits of four: nothing sent yet
    qtbot.mouseClick(screen.keys["9"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "4 attempts left" in screen.message.text())
    qtbot.keyClick(screen.pin_entry, Qt.Key.Key_Return)  # habit: Enter after the PIN
    qtbot.mouseClick(screen.keys["OK"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(kiosk.session.signed_in, timeout=5000):
        for digit in DEMO_CASHIER_PIN:
            qtbot.mouseClick(screen.keys[digit], Qt.MouseButton.LeftButton)
    assert kiosk.session.actor.name == "Cara Cashier"


def test_a_pin_of_unknown_length_waits_for_ok(qtbot, make_kiosk, demo, services, store):
    from kiosk.store import directory

    with store.transaction() as conn:  # a PIN set before its length was kept
        for member in directory.all_staff(conn):
            directory.update_staff(conn, member.id, pin_length=None)
    kiosk = make_kiosk()
    screen = kiosk.window.signin
    qtbot.waitUntil(lambda: len(screen.staff_buttons) == 3)
    screen.select_staff(staff_id(screen, "Cara Cashier"))
    qtbot.keyClicks(screen.pin_entry, DEMO_CASHIER_PIN)
    assert screen.pin_entry.text() == DEMO_CASHIER_PIN
    assert not screen._checking
    with qtbot.waitSignal(kiosk.session.signed_in, timeout=5000):
        qtbot.keyClick(screen.pin_entry, Qt.Key.Key_Return)
    # typed right once, the length is known from then on
    assert next(s for s in services.roster() if s.name == "Cara Cashier").pin_length == 4


def test_the_last_person_to_sign_in_here_is_preselected(qtbot, make_kiosk, demo, clock):
    kiosk = make_kiosk()
    screen = kiosk.window.signin
    qtbot.waitUntil(lambda: len(screen.staff_buttons) == 3)
    first = screen.selected_staff_id()
    assert screen.staff_buttons[first].text() == "Cara Cashier"  # nobody yet: the first tile
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    kiosk.session.sign_out("button")
    qtbot.waitUntil(lambda: screen.isVisible() and len(screen.staff_buttons) == 3)
    qtbot.waitUntil(lambda: screen.selected_staff_id() == staff_id(screen, "Max Manager"))
    clock.advance(60)
    with qtbot.waitSignal(kiosk.session.signed_in, timeout=5000):
        qtbot.keyClicks(screen.pin_entry, DEMO_MANAGER_PIN)  # the preselected tile: PIN only
    assert kiosk.session.actor.name == "Max Manager"


def test_a_wrong_pin_counts_for_the_person_it_was_typed_for(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    screen = kiosk.window.signin
    qtbot.waitUntil(lambda: len(screen.staff_buttons) == 3)
    cara, max_ = staff_id(screen, "Cara Cashier"), staff_id(screen, "Max Manager")
    screen.select_staff(cara)
    for left in (4, 3, 2, 1):
        qtbot.keyClicks(screen.pin_entry, "9999")
        qtbot.keyClick(screen.pin_entry, Qt.Key.Key_Return)  # the pad no longer needs it: harmless
        qtbot.waitUntil(lambda n=left: f"{n} attempt" in screen.message.text() and not screen._checking)
    qtbot.keyClicks(screen.pin_entry, "9999")  # Cara's fifth wrong PIN is on its way…
    qtbot.keyClick(screen.pin_entry, Qt.Key.Key_Return)
    screen.select_staff(max_)  # …when Max steps up to the till
    qtbot.waitUntil(lambda: not screen._checking)
    assert not screen.lockout.isVisible()  # Max is not locked out for Cara's PIN
    assert screen.pin_entry.isEnabled()
    screen.select_staff(cara)
    assert screen.lockout.isVisible()  # Cara is
    assert not screen.pin_entry.isEnabled()
    screen.select_staff(max_)
    with qtbot.waitSignal(kiosk.session.signed_in, timeout=5000):
        qtbot.keyClicks(screen.pin_entry, DEMO_MANAGER_PIN)
    assert kiosk.session.actor.name == "Max Manager"
