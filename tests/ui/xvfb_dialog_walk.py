"""Every dialog the kiosk opens, opened for real and closed again: the print preview of a new
customer's card, the new-QR-code dialog and its print preview, the export folder chooser.

Not collected on its own (no test_ prefix): tests/ui/test_xvfb_dialogs.py runs this file in a
child pytest on a private X server (Xvfb, the xcb platform), where a preview really paints, so
that a crash (the freed printer of issue 13) fails the parent test instead of killing the run.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QFileDialog

import cardtoken
from kiosk.services.demo import DEMO_OWNER_PIN
from tests.ui.conftest import sign_in

OPENED: list[str] = []


def _open_and_close_preview(qtbot, owner, why: str) -> None:
    """Click Print… on `owner` (a screen or dialog with print_button), wait until the preview has
    laid out the card's page on screen, then close it."""
    qtbot.mouseClick(owner.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: owner._preview is not None and owner._preview.isVisible())
    preview = owner._preview
    pages = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: pages.pageCount() >= 1)  # paintRequested ran on the dialog's printer
    gc.collect()  # what Python no longer holds is gone now, as it would be later at the counter
    pages.updatePreview()  # paints the card again, on the printer the dialog was given
    assert pages.pageCount() == len(preview.cards)  # one page a card, painted again
    preview.repaint()
    qtbot.waitExposed(preview)
    preview.close()
    qtbot.waitUntil(lambda: not preview.isVisible())
    OPENED.append(why)


def test_every_dialog_opens_and_closes(qtbot, make_kiosk, demo, qapp):
    OPENED.clear()
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Olivia Owner", DEMO_OWNER_PIN)

    # New customer → Print…
    assert kiosk.window.show_screen("enroll")
    enroll = kiosk.screens["enroll"]
    qtbot.keyClicks(enroll.name, "Preview Person")
    qtbot.mouseClick(enroll.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(enroll.print_button.isEnabled)
    _open_and_close_preview(qtbot, enroll, "new customer's print preview")
    _open_and_close_preview(qtbot, enroll, "new customer's print preview, again")

    # Customers → New QR code → Print…
    token = next(iter(demo.tokens.values()))
    assert kiosk.window.show_screen("customers")
    customers = kiosk.screens["customers"]
    qtbot.keyClicks(customers.query, cardtoken.format_card_number(cardtoken.decode(token).card_id))
    qtbot.keyClick(customers.query, Qt.Key.Key_Return)
    qtbot.waitUntil(customers.new_code_button.isEnabled)
    qtbot.mouseClick(customers.new_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: customers.code_dialog is not None and customers.code_dialog.isVisible())
    dialog = customers.code_dialog
    qtbot.waitExposed(dialog)
    OPENED.append("new QR code")
    _open_and_close_preview(qtbot, dialog, "new QR code's print preview")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # Settings → Data → Choose… (a modal folder chooser: closed from the event loop it runs)
    assert kiosk.window.show_screen("settings")
    data = kiosk.screens["settings"].data
    before = data.folder.text()

    def close_chooser() -> None:
        chooser = QApplication.activeModalWidget()
        if not isinstance(chooser, QFileDialog):
            QTimer.singleShot(50, close_chooser)
            return
        OPENED.append("export folder chooser")
        chooser.reject()

    QTimer.singleShot(50, close_chooser)
    qtbot.mouseClick(data.choose_button, Qt.MouseButton.LeftButton)
    assert data.folder.text() == before  # cancelled: nothing chosen, nothing changed

    assert OPENED == [
        "new customer's print preview",
        "new customer's print preview, again",
        "new QR code",
        "new QR code's print preview",
        "export folder chooser",
    ]
