"""The owner sets up the scanner (and the offline reward allowance): wrong values are explained
under their fields and save nothing; good ones are written by the store worker (never the UI
thread), with the restart said plainly."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_OWNER_PIN
from kiosk.settings import SETTINGS_FILE, KioskSettings, load_settings
from tests.ui.conftest import flush_store, sign_in


def open_settings(qtbot, make_kiosk):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Olivia Owner", DEMO_OWNER_PIN)
    assert kiosk.window.show_screen("settings")
    screen = kiosk.screens["settings"]
    screen.tabs.setCurrentWidget(screen.scanner)  # the owner opens the Scanner tab
    return kiosk, screen


def replace_text(qtbot, field, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_invalid_scanner_values_are_explained_and_nothing_is_saved(qtbot, make_kiosk, demo, tmp_path):
    kiosk, screen = open_settings(qtbot, make_kiosk)
    section = screen.scanner
    section.kind.setCurrentIndex(section.kind.findData("camera"))
    replace_text(qtbot, section.camera_source, "-1")
    replace_text(qtbot, section.wedge_max_gap_ms, "500")
    replace_text(qtbot, section.debounce_ms, "soon")

    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)

    errors = section.errors
    assert errors["debounce_ms"].isVisible()
    assert errors["debounce_ms"].text() == "Enter a whole number."
    assert errors["camera_source"].text() == "Camera numbers start at 0."
    assert not errors["serial_baud"].isVisible()
    assert errors["wedge_max_gap_ms"].text() == "Enter a whole number from 5 to 200."  # all at once
    assert "Nothing was saved" in screen.message.text()
    replace_text(qtbot, section.camera_source, "/dev/video2")
    replace_text(qtbot, section.debounce_ms, "1500")
    # a serial scanner needs its port
    replace_text(qtbot, section.wedge_max_gap_ms, "40")
    section.kind.setCurrentIndex(section.kind.findData("serial"))
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert errors["serial_port"].text() == "Enter the scanner's port, for example /dev/ttyACM0."
    assert not any(errors[n].isVisible() for n in ("wedge_max_gap_ms", "debounce_ms", "camera_source"))
    flush_store(qtbot, kiosk)
    assert screen.settings == KioskSettings(sound=False)  # the screen never heard of a save
    assert not (tmp_path / "data" / SETTINGS_FILE).exists()  # nothing reached the disk


def test_scanner_settings_are_saved_by_the_worker_and_apply_after_a_restart(
    qtbot, make_kiosk, demo, tmp_path
):
    _kiosk, screen = open_settings(qtbot, make_kiosk)
    section = screen.scanner
    assert not section.serial_port.isEnabled()  # only the chosen scanner's fields are editable
    section.kind.setCurrentIndex(section.kind.findData("serial"))
    assert section.serial_port.isEnabled()
    assert not section.camera_source.isEnabled()
    replace_text(qtbot, section.serial_port, "/dev/ttyACM1")
    section.serial_baud.setCurrentText("115200")
    replace_text(qtbot, section.wedge_prefix, "]Q")

    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert not screen.save_button.isEnabled()  # waiting for the worker, not the disk
    qtbot.waitUntil(screen.save_button.isEnabled, timeout=5000)  # the screen heard settings_saved

    assert screen.settings.serial_port == "/dev/ttyACM1"
    on_disk = load_settings(tmp_path / "data")
    assert (on_disk.scanner_kind, on_disk.serial_port, on_disk.serial_baud) == (
        "serial",
        "/dev/ttyACM1",
        115200,
    )
    assert on_disk.wedge_prefix == "]Q"
    assert json.loads((tmp_path / "data" / SETTINGS_FILE).read_text())["debounce_ms"] == 2500
    assert "Restart the kiosk" in screen.message.text()
    assert screen.save_button.isEnabled()
    assert not any(e.isVisible() for e in section.errors.values())


def test_a_save_that_fails_on_disk_says_why(qtbot, make_kiosk, demo, tmp_path):
    _kiosk, screen = open_settings(qtbot, make_kiosk)
    screen.data_dir = tmp_path / "not-a-folder"
    screen.data_dir.write_text("a file where the data folder should be")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.save_button.isEnabled, timeout=5000)  # the worker answered
    assert screen.message.text().startswith("The settings could not be saved")
    assert screen.save_button.isEnabled()


def test_the_offline_reward_allowance_is_saved_and_obeyed_at_once(
    qtbot, make_kiosk, demo, services, tmp_path
):
    _kiosk, screen = open_settings(qtbot, make_kiosk)
    screen.tabs.setCurrentIndex(0)
    assert screen.offline_cap.value() == 1
    assert screen.offline_cap.minimum() == 1  # 0 would refuse every reward on a paired kiosk
    screen.offline_cap.setValue(3)
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.save_button.isEnabled, timeout=5000)
    assert load_settings(tmp_path / "data").offline_redemption_cap == 3
    assert services.ctx.offline_redemption_cap == 3  # the counter's rules read it from here


def test_the_owner_sets_the_country_that_reads_phone_numbers(qtbot, make_kiosk, demo, services):
    from kiosk.domain.model import Role
    from kiosk.services import Actor

    with services.ctx.store.transaction() as conn:
        from kiosk.store import region

        region.set_phone_region(conn, "DE")
    kiosk, screen = open_settings(qtbot, make_kiosk)
    qtbot.waitUntil(lambda: screen.phone_region.currentData() == "DE")
    screen.phone_region.setCurrentIndex(screen.phone_region.findData("AT"))
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert services.phone_region() == "AT"
    owner = Actor(None, "Olivia Owner", Role.OWNER)
    # an Austrian mobile number typed the Austrian way
    assert services.enroll("Anna Gruber", phone="0664 1234567", actor=owner).customer.phone == "+436641234567"
    assert any(e["action"] == "phone_region_set" for e in services.audit_list(actor=owner))
    assert services.set_phone_region("XX", actor=owner) != "XX"
    cashier = Actor(None, "Cara", Role.CASHIER)
    assert services.set_phone_region("FR", actor=cashier) != "FR"
