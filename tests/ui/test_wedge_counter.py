"""A USB keyboard-wedge scanner through the whole counter, with focus in another screen's text field.

The WedgeFilter is installed on the application exactly as run_gui installs it, with a clock
the test sets: a scanner's keys arrive 4 ms apart, a person's 250 ms apart, and no test waits
for real time to pass except the filter's own short timer handing a person's last key back.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.services.demo import DEMO_CASHIER_PIN
from kiosk.ui.app import _install_wedge_filter
from tests.ui.conftest import scan_answers, sign_in
from tests.ui.test_scan_screen import coffee_row, coffee_token

SCANNER_GAP_S = 0.004
PERSON_GAP_S = 0.25


class KeyClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def press(widget, key, clock: KeyClock, gap_s: float) -> None:
    clock.now += gap_s
    QTest.keyClick(widget, key)


@pytest.fixture
def counter(qtbot, qapp, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    clock = KeyClock()
    wedge = _install_wedge_filter(qapp, kiosk.settings, kiosk, clock=clock)
    yield kiosk, wedge, clock
    wedge.uninstall(qapp)


def open_lookup(qtbot, kiosk):
    assert kiosk.window.show_screen("lookup")
    lookup = kiosk.screens["lookup"]
    qtbot.waitUntil(lookup.query.hasFocus, timeout=2000)
    return lookup


def test_a_scan_with_focus_in_the_lookup_box_stamps_and_types_nothing(qtbot, counter, demo):
    kiosk, wedge, clock = counter
    lookup = open_lookup(qtbot, kiosk)
    typed: list[str] = []
    lookup.query.textChanged.connect(typed.append)
    scanned: list[str] = []
    wedge.code_scanned.connect(scanned.append)
    token = coffee_token(demo)

    with qtbot.waitSignal(kiosk.screens["scan"].result_shown, timeout=5000) as shown:
        for ch in token:
            press(lookup.query, ch, clock, SCANNER_GAP_S)
        press(lookup.query, Qt.Key.Key_Return, clock, SCANNER_GAP_S)

    assert scanned == [token]
    assert shown.args[0].ok
    assert kiosk.window.current_screen() == "scan"  # the counter came forward with the result
    assert coffee_row(kiosk).count.text() == "1 of 10"
    assert typed == []  # not one key of the scan reached the text field
    assert lookup.query.text() == ""


def test_slow_typing_in_the_lookup_box_lands_there_and_records_nothing(qtbot, counter):
    kiosk, wedge, clock = counter
    lookup = open_lookup(qtbot, kiosk)
    scanned: list[str] = []
    wedge.code_scanned.connect(scanned.append)
    recorded, refused = scan_answers(kiosk)

    for ch in "Ana":
        press(lookup.query, ch, clock, PERSON_GAP_S)
    clock.now += PERSON_GAP_S  # the last key's gap runs out; the filter's timer gives it back
    qtbot.waitUntil(lambda: lookup.query.text() == "Ana", timeout=2000)
    press(lookup.query, Qt.Key.Key_Return, clock, PERSON_GAP_S)  # a person's Enter searches
    # the store worker runs jobs in order: once the search is answered, a scan would have been too
    qtbot.waitUntil(lambda: lookup.results.count() >= 1, timeout=5000)

    assert scanned == []
    assert recorded == refused == []
    assert kiosk.window.current_screen() == "lookup"
    assert "Ana" in lookup.results.item(0).text()
