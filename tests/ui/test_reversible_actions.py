"""What a manager or owner takes away is asked about first, says how to undo it, and can be
undone: deactivating staff, archiving an offer, changing a running offer's stamps (issue 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.domain.model import ProgramStatus, Role
from kiosk.services.demo import DEMO_MANAGER_PIN, DEMO_OWNER_PIN
from tests.ui.conftest import sign_in


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _staff(services, name: str):
    return next(s for s in services.roster() if s.name == name)


def test_deactivating_staff_is_confirmed_and_reversible(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Olivia Owner", DEMO_OWNER_PIN)
    kiosk.window.show_screen("staff")
    screen = kiosk.screens["staff"]
    qtbot.waitUntil(lambda: screen.table.rowCount() == 3)
    row = next(r for r in range(3) if screen.table.item(r, 0).text() == "Cara Cashier")
    screen.table.selectRow(row)
    _click(qtbot, screen.deactivate_button)
    assert screen.confirm.isVisible()
    assert "Cara Cashier" in screen.confirm.text.text()
    assert "Reactivate" in screen.confirm.text.text()  # it says how to undo it
    _click(qtbot, screen.confirm.no_button)
    assert not screen.confirm.isVisible()
    assert _staff(services, "Cara Cashier").active  # cancelled: nothing changed

    _click(qtbot, screen.deactivate_button)
    _click(qtbot, screen.confirm.yes_button)
    qtbot.waitUntil(lambda: screen.table.item(row, 2).text() == "deactivated")
    assert not _staff(services, "Cara Cashier").active
    screen.table.selectRow(row)
    assert screen.deactivate_button.text() == "Reactivate"
    _click(qtbot, screen.deactivate_button)
    qtbot.waitUntil(lambda: screen.table.item(row, 2).text() == "active")
    assert _staff(services, "Cara Cashier").active


def test_a_manager_is_not_offered_the_owner_role(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    kiosk.window.show_screen("staff")
    screen = kiosk.screens["staff"]
    for box in (screen.add_role, screen.change_role):
        offered = [box.itemData(i) for i in range(box.count())]
        assert offered == [Role.CASHIER, Role.MANAGER]


def test_archiving_an_offer_is_confirmed_and_restorable(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    kiosk.window.show_screen("offers")
    screen = kiosk.screens["offers"]
    qtbot.waitUntil(lambda: screen.offer_list.count() == 2)
    screen.offer_list.setCurrentRow(0)
    name = screen.editing.name
    _click(qtbot, screen.archive_button)
    assert screen.confirm.isVisible()
    assert name in screen.confirm.text.text()
    assert "Restore" in screen.confirm.text.text()
    assert all(p.status is ProgramStatus.ACTIVE for p in services.list_offers())  # only asked so far
    _click(qtbot, screen.confirm.yes_button)
    qtbot.waitUntil(lambda: screen.archive_button.text() == "Restore")
    assert next(p for p in services.list_offers() if p.name == name).status is ProgramStatus.ARCHIVED
    assert not screen.pause_button.isEnabled()
    _click(qtbot, screen.archive_button)
    qtbot.waitUntil(lambda: screen.archive_button.text() == "Archive")
    assert next(p for p in services.list_offers() if p.name == name).status is ProgramStatus.ACTIVE


def test_changing_the_stamps_needed_says_what_happens_to_cards(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    kiosk.window.show_screen("offers")
    screen = kiosk.screens["offers"]
    qtbot.waitUntil(lambda: screen.offer_list.count() == 2)
    screen.offer_list.setCurrentRow(0)
    program = screen.editing
    new_units = program.units_required - 2
    screen.units.setValue(new_units)
    _click(qtbot, screen.save_button)
    assert screen.confirm.isVisible()
    text = screen.confirm.text.text()
    assert f"from {program.units_required} to {new_units}" in text
    assert "keeps its stamps" in text
    saved = next(p for p in services.list_offers() if p.id == program.id)
    assert saved.units_required == program.units_required  # not before the Yes
    _click(qtbot, screen.confirm.yes_button)
    qtbot.waitUntil(lambda: "Saved" in screen.message.text())
    assert next(p for p in services.list_offers() if p.id == program.id).units_required == new_units
