"""Managers read how the counter went: today, the last 7 and 30 days, per offer, staff and day."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.domain.model import Role
from kiosk.services import Actor
from kiosk.services.demo import DEMO_MANAGER_PIN
from tests.ui.conftest import sign_in

CASHIER = Actor("s1", "Cara Cashier", Role.CASHIER)


def _cells(table) -> dict[str, list[str]]:
    return {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
        for r in range(table.rowCount())
    }


def test_a_manager_reads_today_and_the_last_seven_days(qtbot, make_kiosk, demo, services):
    coffee = [t for name, t in demo.tokens.items() if name.endswith("Coffee card")][:2]
    for token in coffee:
        assert services.record_scan(token, quantity=3, actor=CASHIER).ok
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    assert kiosk.window.show_screen("reports")
    screen = kiosk.screens["reports"]
    qtbot.waitUntil(lambda: screen.outcome is not None)
    assert screen.numbers["visits"].text() == "2"
    assert screen.numbers["stamps"].text() == "6"
    assert screen.numbers["rewards"].text() == "0"
    assert int(screen.numbers["new_customers"].text()) > 0  # the demo shop enrolled today
    assert _cells(screen.by_offer)["Coffee card"][:2] == ["2", "6"]
    assert _cells(screen.by_staff)["Cara Cashier"][:2] == ["2", "6"]
    assert screen.by_day.rowCount() == 1
    assert screen.scope.text().startswith("From ")

    qtbot.mouseClick(screen.period_buttons.button(7), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.outcome.days == 7)
    assert screen.by_day.rowCount() == 7  # quiet days are listed too
    assert screen.numbers["stamps"].text() == "6"
    # signing out leaves no figures behind for the next person
    kiosk.session.sign_out("button")
    qtbot.waitUntil(lambda: screen.numbers["visits"].text() == "–")
