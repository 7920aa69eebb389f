"""The owner's data duties on screen: export the shop to CSV files, erase a customer on request."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_MANAGER_PIN, DEMO_OWNER_PIN
from tests.ui.conftest import sign_in


def test_the_owner_exports_the_shop_into_a_new_folder(qtbot, make_kiosk, demo, tmp_path):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Olivia Owner", DEMO_OWNER_PIN)
    assert kiosk.window.show_screen("settings")
    data = kiosk.screens["settings"].data
    exports = tmp_path / "exports"
    exports.mkdir()
    data.folder.setText(str(exports))
    qtbot.mouseClick(data.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: data.message.text().startswith("Exported"), timeout=10_000)
    (folder,) = exports.iterdir()
    assert sorted(p.name for p in folder.iterdir()) == ["cards.csv", "customers.csv", "events.csv"]
    assert str(folder) in data.message.text()
    assert data.export_button.isEnabled()
    # a folder that is not there: said on screen, nothing written
    data.folder.setText(str(exports / "missing"))
    qtbot.mouseClick(data.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "there is no folder" in data.message.text(), timeout=10_000)
    assert len(list(exports.iterdir())) == 1


def test_the_owner_erases_a_customer_after_confirming(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Olivia Owner", DEMO_OWNER_PIN)
    assert kiosk.window.show_screen("customers")
    screen = kiosk.screens["customers"]
    assert screen.erase.isVisible()
    qtbot.keyClicks(screen.query, "Ana Jensen")
    qtbot.keyClick(screen.query, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.erase.erase_button.isEnabled)
    qtbot.mouseClick(screen.erase.erase_button, Qt.MouseButton.LeftButton)
    assert screen.erase.confirm_bar.isVisible()
    assert "Ana Jensen" in screen.erase.confirm_text.text()
    qtbot.mouseClick(screen.erase.confirm_no, Qt.MouseButton.LeftButton)  # changed her mind: nothing
    assert not screen.erase.confirm_bar.isVisible()
    assert services.lookup("Ana Jensen").matches
    qtbot.mouseClick(screen.erase.erase_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(kiosk.worker.settled, timeout=10_000):
        qtbot.mouseClick(screen.erase.confirm_yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.text().startswith("Erased"))
    qtbot.waitUntil(lambda: screen.summary.text().startswith("(erased)"))
    assert screen.cards.count() == 0  # her name is gone from the screen too
    assert not services.lookup("Ana Jensen").matches


def test_a_manager_sees_no_erase(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    assert kiosk.window.show_screen("customers")
    assert not kiosk.screens["customers"].erase.isVisible()
