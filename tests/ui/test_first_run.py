"""A fresh install's first run on the real window: shop, zone, currency, owner PIN (asked once) and
the first offer on one screen, then sign-in as the owner with the offer running."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from tzlocal import get_localzone_name

from kiosk.domain.model import ProgramStatus, Role
from kiosk.store import meta
from tests.ui.text_fit import clipped_texts, english_in_german


def wait_first_run(qtbot, kiosk):
    screen = kiosk.window.first_run
    qtbot.waitUntil(lambda: kiosk.window.current_screen() == "first_run")
    qtbot.waitUntil(lambda: screen.time_zone.count() > 100 and screen.currency.count() > 100)
    return screen


def type_into(qtbot, widget, text: str) -> None:
    """Type and press Enter, as at the counter; Enter moves the focus to the next field."""
    widget.setFocus()
    line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_a_fresh_kiosk_is_set_up_in_one_screen_and_the_owner_signs_in(qtbot, make_kiosk, services):
    kiosk = make_kiosk()
    window = kiosk.window
    screen = wait_first_run(qtbot, kiosk)
    # never a blank header: the app's name until the shop has one
    assert window.shop_label.text() == "Loyalty Kiosk"
    # the old owner-only form is gone: the sign-in screen asks for nothing but a PIN
    assert window.signin.findChildren(QLineEdit) == [window.signin.pin_entry]
    # sensible defaults: the machine's zone, a currency, an offer ready to go
    machine = get_localzone_name()
    assert screen.time_zone.currentText() == (machine if screen.time_zone.findText(machine) >= 0 else "UTC")
    assert len(screen.currency.currentData()) == 3  # an ISO 4217 code: the locale's country's, or EUR
    assert (screen.offer_name.text(), screen.offer_stamps.value(), screen.offer_reward.text()) == (
        "Coffee card",
        10,
        "a free coffee",
    )

    type_into(qtbot, screen.shop_name, "Rosa's Bakery")
    assert screen.location_name.hasFocus()  # Enter moved on
    qtbot.keyClick(screen.location_name, Qt.Key.Key_Return)
    type_into(qtbot, screen.time_zone, "Pacific/Kiritimati")
    type_into(qtbot, screen.currency, "CHF")
    type_into(qtbot, screen.owner_name, "Rosa Owner")
    type_into(qtbot, screen.pin, "4321")
    type_into(qtbot, screen.pin_again, "4321")
    type_into(qtbot, screen.offer_name, "Bread card")
    type_into(qtbot, screen.offer_stamps, "8")
    assert screen.offer_reward.hasFocus()
    with qtbot.waitSignal(screen.shop_ready, timeout=5000):
        type_into(qtbot, screen.offer_reward, "a free loaf")  # Enter on the last field sets up

    signin = window.signin
    qtbot.waitUntil(lambda: window.current_screen() == "signin" and len(signin.staff_buttons) == 1)
    assert window.shop_label.text() == "Rosa's Bakery"
    assert signin.message.text() == "The shop is set up. Sign in with your new PIN."
    [(owner_id, tile)] = signin.staff_buttons.items()
    assert tile.text() == "Rosa Owner"
    assert tile.isChecked()  # the owner is preselected
    with qtbot.waitSignal(kiosk.session.signed_in, timeout=5000):
        qtbot.keyClicks(signin.pin_entry, "4321")
        qtbot.keyClick(signin.pin_entry, Qt.Key.Key_Return)
    assert kiosk.session.actor.staff_id == owner_id
    assert kiosk.session.actor.role is Role.OWNER
    assert window.current_screen() == "scan"
    [offer] = services.list_offers()
    assert (offer.name, offer.units_required, offer.reward_text, offer.status) == (
        "Bread card",
        8,
        "a free loaf",
        ProgramStatus.ACTIVE,
    )
    with services.ctx.store.reading() as conn:
        assert meta.get_setting(conn, "time_zone") == "Pacific/Kiritimati"
        assert meta.get_setting(conn, "currency") == "CHF"
        assert meta.get_setting(conn, "business_name") == "Rosa's Bakery"


def test_every_wrong_field_is_marked_at_once_and_nothing_is_saved(qtbot, make_kiosk, services):
    kiosk = make_kiosk()
    screen = wait_first_run(qtbot, kiosk)
    screen.time_zone.setCurrentText("Nowhere/Atlantis")
    screen.pin.setText("12")
    screen.pin_again.setText("12")
    screen.offer_reward.clear()
    qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.text() == "Please correct the marked fields.")
    shown = {key for key, label in screen.errors.items() if label.isVisible()}
    assert shown == {"shop_name", "time_zone", "owner_name", "pin", "offer_reward_text"}
    assert screen.errors["pin"].text() == "4 to 8 digits"
    assert services.needs_owner()
    assert not services.identity().is_set_up
    assert services.list_offers() == ()
    assert kiosk.window.current_screen() == "first_run"
    assert screen.shop_name.hasFocus()  # the first wrong field, to fix it at once


def test_a_business_left_without_an_owner_keeps_its_key_and_gets_one(qtbot, make_kiosk, services):
    """A kiosk paired or set up before but with no owner: the first run names the shop and adds the
    owner and offer, keeping the business and its issuing key."""
    from kiosk.services import identity

    before = identity.set_up_business(services.ctx, "Old name", "Till")
    kiosk = make_kiosk()
    screen = wait_first_run(qtbot, kiosk)
    assert kiosk.window.shop_label.text() == "Old name"
    screen.shop_name.setText("New Shop")
    screen.owner_name.setText("Dana Owner")
    screen.pin.setText("4321")
    screen.pin_again.setText("4321")
    with qtbot.waitSignal(screen.shop_ready, timeout=5000):
        qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)
    after = services.identity()
    assert (after.business_id, after.device_id) == (before.business_id, before.device_id)
    assert after.business_name == "New Shop"
    qtbot.waitUntil(lambda: len(kiosk.window.signin.staff_buttons) == 1)
    assert not services.needs_owner()


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "de"])
def test_the_first_run_fits_with_every_error_shown_and_speaks_german(qtbot, make_kiosk, language, size):
    kiosk = make_kiosk(language=language)
    kiosk.window.resize(*size)
    screen = wait_first_run(qtbot, kiosk)
    screen.offer_name.clear()
    screen.offer_reward.clear()
    screen.offer_stamps.setValue(0)
    screen.pin.setText("1")
    qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen._busy and screen.errors["shop_name"].isVisible())
    assert len([e for e in screen.errors.values() if e.isVisible()]) == 6
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    found = clipped_texts(kiosk.window)
    if language == "de":
        # IANA zone names are identifiers ("Europe/Isle_of_Man"), the same in every language
        zones = [screen.time_zone.itemText(i) for i in range(screen.time_zone.count())]
        found += english_in_german(kiosk.window, zones)
    assert not found, "\n".join(found)
