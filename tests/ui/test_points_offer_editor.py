"""The offer editor for "Points per spend" (issue 15): rate, rounding in words, minimum spend and
a catalogue table; every problem of the shared rule (check_settings) under its own box, nothing
saved; a valid offer saved with its settings, its rewards' ids made from their names and kept."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from kiosk.domain.model import ProgramKind
from kiosk.services.demo import DEMO_MANAGER_PIN
from loyalty_rules.kinds.points import Reward, Rounding
from tests.ui.conftest import sign_in


def _open_new_points_offer(qtbot, kiosk):
    assert kiosk.window.show_screen("offers")
    screen = kiosk.screens["offers"]
    qtbot.waitUntil(lambda: screen.offer_list.count() == 2)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    screen.kind.setCurrentIndex(screen.kind.findData(ProgramKind.POINTS))
    return screen


def _set_row(fields, row: int, name: str, cost: str) -> None:
    while row >= fields.catalogue.rowCount():
        fields.add_button.click()
    fields.catalogue.item(row, 0).setText(name)
    fields.catalogue.item(row, 1).setText(cost)


def test_points_fields_show_for_points_only_with_per_visit_fixed(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = _open_new_points_offer(qtbot, kiosk)
    assert screen.points.isVisible()
    assert not screen.units.isVisible()  # worked out: the cheapest reward's cost
    assert not screen.per_visit.isEnabled()
    assert screen.per_visit.value() == 1
    assert screen.points.rounding.currentText() == "Down (12.99 earns 12)"
    screen.kind.setCurrentIndex(screen.kind.findData(ProgramKind.STAMPS))
    assert not screen.points.isVisible()
    assert screen.units.isVisible()


def test_bad_points_settings_are_told_under_their_boxes_and_nothing_is_saved(
    qtbot, make_kiosk, demo, services
):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = _open_new_points_offer(qtbot, kiosk)
    fields = screen.points
    qtbot.keyClicks(screen.name, "Bakery points")
    qtbot.keyClicks(screen.reward, "a reward from the catalogue")
    fields.rate.setText("lots")
    fields.minimum.setText("-5")
    _set_row(fields, 0, "Coffee", "50")
    _set_row(fields, 1, "", "0")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fields.errors["rate"].isVisible())
    assert fields.errors["minimum_spend"].isVisible()
    catalogue_error = fields.errors["catalogue"].text()
    assert "Row 2:" in catalogue_error
    assert "Row 1:" not in catalogue_error
    assert fields.catalogue.item(1, 1).toolTip()  # the cost cell itself says what is wrong
    assert not fields.catalogue.item(0, 1).toolTip()
    assert len(services.list_offers()) == 2  # nothing saved


def test_a_points_offer_is_saved_with_its_settings_and_its_reward_ids_stay(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = _open_new_points_offer(qtbot, kiosk)
    fields = screen.points
    qtbot.keyClicks(screen.name, "Bakery points")
    qtbot.keyClicks(screen.reward, "a reward from the catalogue")
    fields.rate.setText("1.5")
    fields.rounding.setCurrentIndex(fields.rounding.findData(Rounding.HALF_UP))
    fields.minimum.setText("5.00")
    _set_row(fields, 0, "Café crème", "50")
    _set_row(fields, 1, "Lunch", "120")
    assert fields.example.text() == "A sale of 12.50 earns 19 points."  # 18.75, half up: live
    assert screen.preview.total == 50  # the cheapest reward
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.offer_list.count() == 3)
    saved = next(p for p in services.list_offers() if p.name == "Bakery points")
    assert saved.kind is ProgramKind.POINTS
    assert saved.units_required == 50
    assert saved.per_visit_limit == 1
    points = saved.points
    assert (points.rate, points.rounding, points.minimum_spend_minor) == (
        Decimal("1.5"),
        Rounding.HALF_UP,
        500,
    )
    assert points.catalogue == (Reward("cafe-creme", "Café crème", 50), Reward("lunch", "Lunch", 120))

    # renamed, the reward keeps its id: events name it by id
    fields.catalogue.item(0, 0).setText("Large coffee")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            next(p for p in services.list_offers() if p.name == "Bakery points").points.catalogue[0].name
            == "Large coffee"
        )
    )
    again = next(p for p in services.list_offers() if p.name == "Bakery points").points
    assert again.catalogue[0] == Reward("cafe-creme", "Large coffee", 50)
