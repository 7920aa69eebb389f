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
