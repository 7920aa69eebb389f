"""Enrolling a customer at the counter, the QR code on screen, and printing it to PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_CASHIER_PIN
from tests.ui.conftest import sign_in


def test_enroll_shows_the_qr_and_prints_to_pdf(qtbot, make_kiosk, demo, tmp_path, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    assert kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    assert not screen.consent.isChecked()  # consent is never pre-ticked
    qtbot.keyClicks(screen.name, "Noor Haddad")
    qtbot.keyClicks(screen.email, "noor@example.com")
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.mouseClick(screen.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.print_button.isEnabled)
    assert services.lookup("noor@example.com").matches[0].customer.marketing_consent is False
    assert not screen.qr.pixmap().isNull()
    assert screen.qr.pixmap().width() >= 260
    assert screen.print_button.isEnabled()
    assert "Noor" in screen.message.text()

    a4 = screen.print_pdf(tmp_path / "card-a4.pdf")
    assert a4.read_bytes().startswith(b"%PDF")
    assert a4.stat().st_size > 3000
    screen.paper.setCurrentIndex(screen.paper.findData(58))
    receipt = screen.print_pdf(tmp_path / "card-58.pdf")
    assert receipt.stat().st_size > 3000
    assert services.lookup("noor@example.com").matches[0].customer.name == "Noor Haddad"


def test_enroll_refusal_is_shown_and_nothing_saved(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    qtbot.keyClicks(screen.name, "Bad Email")
    qtbot.keyClicks(screen.email, "not-an-email")
    qtbot.mouseClick(screen.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.errors["Email"].text() == "that is not an email address")
    assert screen.errors["Email"].isVisible()
    assert screen.message.text()
    assert not services.lookup("Bad Email").matches


def test_print_preview_opens(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    qtbot.keyClicks(screen.name, "Preview Person")
    qtbot.mouseClick(screen.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.print_button.isEnabled)
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen._preview is not None and screen._preview.isVisible())
    screen._preview.close()


def test_an_enter_typed_while_the_card_is_made_stamps_this_visit_once(qtbot, make_kiosk, demo, services):
    """Enter creates the card, Enter stamps this visit: a cashier who types both before the card
    exists gets one customer and one stamp, never a second customer and never a lost Enter."""
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    qtbot.keyClicks(screen.name, "Quirin Lindqvist")
    with qtbot.waitSignal(screen.stamp_requested, timeout=10_000) as stamped:
        qtbot.keyClick(screen.name, Qt.Key.Key_Return)  # create the card
        assert not screen.enroll_button.isEnabled()  # still being made
        qtbot.keyClick(screen.name, Qt.Key.Key_Return)  # "stamp this visit", typed ahead
        qtbot.keyClick(screen.name, Qt.Key.Key_Return)  # a third changes nothing more
    matches = services.lookup("Quirin Lindqvist").matches
    assert len(matches) == 1  # one customer
    (card_number,) = stamped.args
    assert card_number in {v.card_number for v in matches[0].cards}
    qtbot.waitUntil(lambda: _units_of(services, "Quirin Lindqvist") == 1)
    assert not screen.stamp_button.isEnabled()  # one stamp for this visit


def _units_of(services, name: str) -> int:
    return sum(v.card.balance.units for m in services.lookup(name).matches for v in m.cards)


def test_stamp_this_visit_stamps_a_stamp_card_when_a_points_offer_runs_too(
    qtbot, make_kiosk, store, clock, services
):
    """A new member joins every running offer; with a points offer among them, "Stamp this visit"
    still stamps a stamp card (points come from a sale's amount), whatever order the offers have."""
    from kiosk.services import Context
    from kiosk.services.demo import create_demo_shop

    create_demo_shop(Context(store, clock=clock), points=True)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    qtbot.keyClicks(screen.name, "Rosa Points")
    with qtbot.waitSignal(screen.stamp_requested, timeout=10_000) as stamped:
        qtbot.keyClick(screen.name, Qt.Key.Key_Return)
        qtbot.keyClick(screen.name, Qt.Key.Key_Return)
    names = [card.program_name for card in screen.cards]
    assert "Bakery points" in names
    assert names[-1] == "Bakery points"  # after the stamp cards
    (match,) = services.lookup("Rosa Points").matches
    chosen = next(v for v in match.cards if v.card_number == stamped.args[0])
    assert chosen.program.points is None  # a stamp card
    qtbot.waitUntil(lambda: _units_of(services, "Rosa Points") == 1)
