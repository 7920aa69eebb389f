"""The two slow paths of issue 13, in the real widgets: a customer who forgot the card, and a
new customer's first visit. Each is a few keys; errors show at once, under their fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.domain.model import Role
from kiosk.services import Actor
from kiosk.services.demo import DEMO_CASHIER_PIN
from tests.ui.conftest import sign_in


def _press(qtbot, key=Qt.Key.Key_Return) -> None:
    """A key to whatever has the focus, as the cashier's keyboard sends it."""
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_forgotten_card_by_last_name_shows_phone_end_and_stamps_with_enter(qtbot, make_kiosk, demo, services):
    from kiosk.store import region  # the shop's country (new with issue 13)

    with services.ctx.store.transaction() as conn:
        region.set_phone_region(conn, "DE")
    ana = services.enroll("Ingrid Vestergaard", phone="0171 1234567", actor=Actor(None, "t", Role.OWNER))
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    assert kiosk.window.show_screen("lookup")
    screen = kiosk.screens["lookup"]
    qtbot.waitUntil(lambda: screen.query.hasFocus())
    qtbot.keyClicks(screen.query, "Vestergaard")
    with qtbot.waitSignal(kiosk.worker.settled):
        _press(qtbot)
    qtbot.waitUntil(lambda: screen.results.count() > 0)
    lines = [screen.results.item(i).text() for i in range(screen.results.count())]
    assert all("Ingrid Vestergaard" in line and "…4567" in line for line in lines), lines
    assert "0171" not in lines[0]  # the end of the number tells people apart; the rest stays private
    with qtbot.waitSignal(kiosk.screens["scan"].result_shown) as stamped:
        _press(qtbot)
    assert stamped.args[0].card.customer.id == ana.customer.id
    assert kiosk.window.current_screen() == "scan"


def test_new_customer_is_two_enters_from_the_first_stamp(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    assert kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    qtbot.waitUntil(lambda: screen.name.hasFocus())
    qtbot.keyClicks(screen.name, "Noor Haddad")
    with qtbot.waitSignal(kiosk.worker.settled):
        _press(qtbot)  # Enter in the name field submits the form
    qtbot.waitUntil(lambda: screen.stamp_button.hasFocus())
    new_card_number = screen.cards[0].card_number
    with qtbot.waitSignal(kiosk.screens["scan"].result_shown) as stamped:
        _press(qtbot)
    assert stamped.args[0].card.card_number == new_card_number
    assert stamped.args[0].card.card.balance.units == 1
    assert kiosk.window.current_screen() == "scan"


def test_every_field_error_shows_at_once_and_focus_goes_to_the_first(qtbot, make_kiosk, demo, services):
    before = len(services.lookup("a").matches)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    qtbot.keyClicks(screen.email, "not-an-email")
    qtbot.keyClicks(screen.phone, "call me")
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.keyClick(screen.email, Qt.Key.Key_Return)  # Enter in any field submits
    qtbot.waitUntil(lambda: screen.errors["Name"].isVisible())
    assert screen.errors["Name"].text() == "enter the customer's name"
    assert screen.errors["Email"].isVisible()
    assert screen.errors["Email"].text() == "that is not an email address"
    assert screen.errors["Phone"].isVisible()
    assert "digits" in screen.errors["Phone"].text()
    assert screen.name.hasFocus()  # the first field to fix, not some other control
    assert len(services.lookup("a").matches) == before

    qtbot.keyClicks(screen.name, "Fixed Name")
    screen.email.clear()
    screen.phone.clear()
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.keyClick(screen.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.errors["Email"].isVisible())
    assert not screen.errors["Name"].isVisible()
    assert not screen.errors["Phone"].isVisible()


def test_taken_email_and_phone_are_both_named(qtbot, make_kiosk, demo, services):
    services.enroll("First One", email="one@example.com", phone="+49 170 5550001")
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    qtbot.keyClicks(screen.name, "Second One")
    qtbot.keyClicks(screen.email, "One@Example.com")
    qtbot.keyClicks(screen.phone, "+49 170 5550001")
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.keyClick(screen.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.errors["Phone"].isVisible())
    assert screen.errors["Email"].text() == "Another customer already has this email."
    assert screen.errors["Phone"].text() == "Another customer already has this phone number."
    assert screen.email.hasFocus()


def test_an_enter_typed_before_the_search_answers_stamps_her_only_if_she_is_the_only_one(
    qtbot, make_kiosk, demo
):
    """Search, then Enter again at once: with one customer found, her first card is stamped as
    the second Enter would have done on the list; with several, nobody is guessed."""
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    kiosk.window.show_screen("lookup")
    screen = kiosk.screens["lookup"]
    qtbot.keyClicks(screen.query, "Ana Jensen")
    with qtbot.waitSignal(screen.stamp_requested, timeout=10_000) as stamped:
        qtbot.keyClick(screen.query, Qt.Key.Key_Return)  # search
        qtbot.keyClick(screen.query, Qt.Key.Key_Return)  # stamp the chosen card, typed ahead
    assert stamped.args[0] == screen.results.item(0).data(Qt.ItemDataRole.UserRole)

    requested: list[str] = []
    screen.stamp_requested.connect(requested.append)
    screen.query.clear()
    qtbot.keyClicks(screen.query, "a")  # every other demo customer has an "a" in her name
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.keyClick(screen.query, Qt.Key.Key_Return)
        qtbot.keyClick(screen.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.results.count() > 1)
    assert requested == []  # several customers: the cashier chooses
