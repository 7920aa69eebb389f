"""The points offer editor's tiers (issue 15): a table of name, threshold and multiplier, what
they count and the window; each problem of the shared rule under the table or its field with its
cells marked, nothing saved; the live example shows each tier's multiplier; a valid scheme is
saved inside the offer's points settings, with a reward kept for Gold."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_MANAGER_PIN
from loyalty_rules.tiers import Measure, Tier, TierScheme
from tests.ui.conftest import sign_in
from tests.ui.test_points_offer_editor import _open_new_points_offer, _set_row


def _set_tier(tiers, row: int, name: str, threshold: str, times: str) -> None:
    while row >= tiers.table.rowCount():
        tiers.add_button.click()
    for column, text in enumerate((name, threshold, times)):
        tiers.table.item(row, column).setText(text)


def _fill_offer(qtbot, screen) -> None:
    qtbot.keyClicks(screen.name, "Bakery club")
    qtbot.keyClicks(screen.reward, "a reward from the catalogue")
    fields = screen.points
    fields.rate.setText("1")
    _set_row(fields, 0, "Coffee", "50")
    _set_row(fields, 1, "Lunch", "120")


def test_bad_tiers_are_told_at_their_cells_and_nothing_is_saved(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = _open_new_points_offer(qtbot, kiosk)
    _fill_offer(qtbot, screen)
    tiers = screen.points.tiers
    assert not tiers.body.isVisible()  # an offer has no tiers until the manager turns them on
    tiers.enabled.setChecked(True)
    assert tiers.body.isVisible()
    _set_tier(tiers, 1, "Silver", "2000", "1.25")  # above Gold's 1500, and two decimals
    tiers.window.setValue(40)
    screen.points.catalogue.item(1, 2).setText("Platinum")  # no such tier
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tiers.errors["table"].isVisible())
    assert tiers.errors["table"].text().split("\n") == [
        "Each tier needs more than the one before it.",
        "A multiplier from 1 to 5, with at most one decimal, e.g. 1.5.",
    ]
    assert tiers.errors["window_months"].text() == "A window of 1 to 36 months."
    marked = {
        (r, c)
        for r in range(3)
        for c in range(3)
        if tiers.table.item(r, c).background().color().name() == "#ffcdd2"
    }
    assert marked == {(1, 2), (2, 1)}  # Silver's multiplier, and Gold's threshold, not above Silver's
    assert "Row 2: Choose one of the offer's tiers, or none." in screen.points.errors["catalogue"].text()
    assert len(services.list_offers()) == 2  # nothing saved


def test_a_tier_scheme_is_saved_in_the_offer_and_the_example_shows_each_multiplier(
    qtbot, make_kiosk, demo, services
):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = _open_new_points_offer(qtbot, kiosk)
    _fill_offer(qtbot, screen)
    fields, tiers = screen.points, screen.points.tiers
    assert fields.example.text() == "A sale of 12.50 earns 12 points."
    tiers.enabled.setChecked(True)
    assert fields.example.text() == (
        "A sale of 12.50 earns 12 points.\nSilver ×1.5: 18 points\nGold ×2: 24 points"
    )
    tiers.measure.setCurrentIndex(tiers.measure.findData(Measure.VISITS))
    _set_tier(tiers, 1, "Silver", "5", "1.5")
    _set_tier(tiers, 2, "Gold", "10", "2")
    fields.catalogue.item(1, 2).setText("Gold")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.offer_list.count() == 3)
    saved = next(p for p in services.list_offers() if p.name == "Bakery club")
    assert saved.points.tiers == TierScheme(
        Measure.VISITS,
        12,
        (Tier("Bronze", 0, Decimal(1)), Tier("Silver", 5, Decimal("1.5")), Tier("Gold", 10, Decimal(2))),
    )
    assert [r.lowest_tier for r in saved.points.catalogue] == [None, "Gold"]
    fields.fill(saved.points)  # opened again: the same scheme in the boxes
    assert fields.settings().tiers == saved.points.tiers
