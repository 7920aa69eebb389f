"""Managers' screens: offers (invalid first), customers' history and adjustments, staff,
the audit list, kiosk mode."""

from __future__ import annotations

import numpy as np
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

import cardtoken
from kiosk.domain.model import Role
from kiosk.services.demo import DEMO_MANAGER_PIN, DEMO_OWNER_PIN
from tests.ui.conftest import sign_in


def test_invalid_offer_shows_field_errors_and_saves_nothing_then_valid_saves(
    qtbot, make_kiosk, demo, services
):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    assert kiosk.window.show_screen("offers")
    screen = kiosk.screens["offers"]
    qtbot.waitUntil(lambda: screen.offer_list.count() == 2)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    screen.units.setValue(1)
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.errors["name"].isVisible())
    assert screen.errors["units_required"].text() == "Between 2 and 50 stamps."
    assert screen.errors["reward_text"].isVisible()
    assert not screen.errors["cooldown_seconds"].isVisible()
    assert screen.name.property("error") is True
    assert len(services.list_offers()) == 2  # nothing saved

    qtbot.keyClicks(screen.name, "Haircut card")
    screen.units.setValue(5)
    qtbot.keyClicks(screen.reward, "a free wash")
    screen.icon_choice.setCurrentIndex(screen.icon_choice.findData("scissors"))
    assert screen.preview.name == "Haircut card"  # live preview
    assert screen.preview.total == 5
    assert screen.preview.icon_name == "scissors"
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.offer_list.count() == 3)
    assert not screen.errors["name"].isVisible()
    assert "Haircut card" in [p.name for p in services.list_offers()]

    qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.pause_button.text() == "Resume")
    paused = [p.name for p in services.list_offers() if p.status.value == "paused"]
    assert paused == ["Haircut card"]


def test_customer_history_and_adjustment_with_reason(qtbot, make_kiosk, demo, services):
    token = next(iter(demo.tokens.values()))
    services.record_scan(token)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    kiosk.window.show_screen("customers")
    screen = kiosk.screens["customers"]
    qtbot.keyClicks(screen.query, token)
    qtbot.keyClick(screen.query, Qt.Key.Key_Return)
    card_id = cardtoken.decode(token).card_id
    table = screen.history

    def on_scanned_card() -> list[tuple[str, str, str]]:
        """The history's lines on the scanned card (the table shows all the member's cards)."""
        mine = cardtoken.format_card_number(card_id)
        rows = [
            [table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())
        ]
        return [(r[table.WHAT], r[table.REASON], r[table.WHO]) for r in rows if r[table.CARD].endswith(mine)]

    qtbot.waitUntil(lambda: len(on_scanned_card()) == 2)
    assert screen.card_id == card_id  # the scanned card, not its sister card
    assert {what for what, _, _ in on_scanned_card()} == {"Stamped", "Enrolled"}
    # her sister card's lines are there too, each saying its card
    assert table.rowCount() > 2
    assert all(table.item(r, table.CARD).text() for r in range(table.rowCount()))

    screen.adjust_units.setValue(2)
    qtbot.mouseClick(screen.adjust_button, Qt.MouseButton.LeftButton)  # no reason: refused
    qtbot.waitUntil(lambda: screen.message.text().startswith("Reason"))
    qtbot.keyClicks(screen.adjust_reason, "stamps forgotten yesterday")
    qtbot.mouseClick(screen.adjust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(on_scanned_card()) == 3)
    what, reason, who = on_scanned_card()[0]  # the newest
    assert (what, reason) == ("Adjusted", "stamps forgotten yesterday")
    assert "Max Manager" in who
    assert table.item(0, table.WHAT).text() == "Adjusted"  # and the newest of all her lines


def test_staff_add_change_role_reset_pin_deactivate(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Olivia Owner", DEMO_OWNER_PIN)
    kiosk.window.show_screen("staff")
    screen = kiosk.screens["staff"]
    qtbot.waitUntil(lambda: screen.table.rowCount() == 3)
    qtbot.keyClicks(screen.add_name, "Pat Parttime")
    qtbot.keyClicks(screen.add_pin, "5555")
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 4)
    row = next(r for r in range(4) if screen.table.item(r, 0).text() == "Pat Parttime")
    screen.table.selectRow(row)
    screen.change_role.setCurrentIndex(screen.change_role.findData(Role.MANAGER))
    qtbot.mouseClick(screen.role_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.table.item(row, 1).text() == "Manager")
    qtbot.keyClicks(screen.new_pin, "6666")
    qtbot.mouseClick(screen.pin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved" in screen.message.text())
    assert services.sign_in(next(s.id for s in services.roster() if s.name == "Pat Parttime"), "6666").ok
    screen.table.selectRow(row)
    qtbot.mouseClick(screen.deactivate_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.confirm.yes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.table.item(row, 2).text() == "deactivated")


def test_audit_list_shows_who_did_what(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    kiosk.window.show_screen("audit")
    screen = kiosk.screens["audit"]
    qtbot.waitUntil(lambda: screen.table.rowCount() > 10)
    assert screen.table.item(0, 1).text() == "Max Manager"
    assert screen.table.item(0, 2).text() == "Signed in"
    # every action the demo shop recorded reads as words, none as the store's own name for it
    actions = {screen.table.item(r, 2).text() for r in range(screen.table.rowCount())}
    assert actions <= set(screen.action_text.values()), actions - set(screen.action_text.values())
    assert {"Shop set up", "Staff member added", "Customer enrolled"} <= actions
    added = [
        screen.table.item(r, 3).text()
        for r in range(screen.table.rowCount())
        if screen.table.item(r, 2).text() == "Staff member added"
    ]
    assert "staff member: Max Manager, role: manager" in added


def test_kiosk_mode_needs_a_manager_pin_to_leave(qtbot, make_kiosk, demo):
    kiosk = make_kiosk(kiosk_mode=True)
    window = kiosk.window
    assert window.kiosk_mode
    assert window.isFullScreen()
    sign_in(qtbot, kiosk, "Cara Cashier", "1111")
    assert window.kiosk_button.isVisible()
    window.close()
    assert window.isVisible()  # closing is refused in kiosk mode
    qtbot.mouseClick(window.kiosk_button, Qt.MouseButton.LeftButton)
    screen = window.signin
    qtbot.waitUntil(lambda: len(screen.staff_buttons) == 2)  # only managers and owners are offered
    max_id = next(sid for sid, b in screen.staff_buttons.items() if b.text() == "Max Manager")
    screen.select_staff(max_id)
    qtbot.keyClicks(screen.pin_entry, "0000")
    qtbot.keyClick(screen.pin_entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.message.text().startswith("Wrong PIN"))
    assert window.kiosk_mode
    qtbot.keyClicks(screen.pin_entry, DEMO_MANAGER_PIN)
    qtbot.keyClick(screen.pin_entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.kiosk_mode)
    assert window.current_screen() == "scan"
    assert kiosk.session.actor.name == "Cara Cashier"  # the cashier stays signed in


def _qr_text(pixmap) -> str:
    """What a real decoder reads off the pixmap the dialog shows."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * image.height())
    gray = pixels.reshape(image.height(), image.bytesPerLine())[:, : image.width()].copy()
    found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    return found[0].text if found else ""


def test_a_lost_card_gets_a_new_qr_code_that_scans_and_prints(qtbot, make_kiosk, demo, services, tmp_path):
    # a Coffee card: the member card of every demo customer (her first offer's), whose code a
    # new code repeats; any other card of hers gets the same member code (tests/unit/test_members.py)
    token = next(t for k, t in demo.tokens.items() if k.endswith("/ Coffee card"))
    card_id = cardtoken.decode(token).card_id
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    kiosk.window.show_screen("customers")
    screen = kiosk.screens["customers"]
    assert not screen.new_code_button.isEnabled()  # no card chosen yet
    qtbot.keyClicks(screen.query, cardtoken.format_card_number(card_id))
    qtbot.keyClick(screen.query, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.new_code_button.isEnabled)
    qtbot.mouseClick(screen.new_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.code_dialog is not None and screen.code_dialog.isVisible())
    dialog = screen.code_dialog
    shown = _qr_text(dialog.qr.pixmap())
    assert cardtoken.decode(shown).card_id == card_id
    assert services.record_scan(shown).card.card.id == card_id  # the code on screen stamps the card
    assert "New QR code made for card" in screen.message.text()
    pdf = dialog.print_pdf(tmp_path / "new-code.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # signing out closes what a manager left open
    qtbot.mouseClick(screen.new_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.code_dialog is not dialog and screen.code_dialog.isVisible())
    kiosk.session.sign_out("button")
    qtbot.waitUntil(lambda: not screen.code_dialog.isVisible())
