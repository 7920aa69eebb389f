"""A fast typist in a text field is not a scanner (issue 13): keys a person types into a text
field are theirs unless they make up a complete card code. Same set-up as test_wedge_counter:
the filter installed as run_gui installs it, with a clock the test sets."""

from __future__ import annotations

from PySide6.QtCore import Qt

import cardtoken
from kiosk.scanner.wedge import is_card_code
from tests.ui.conftest import scan_answers
from tests.ui.test_scan_screen import coffee_row, coffee_token
from tests.ui.test_wedge_counter import counter, open_lookup, press  # noqa: F401 (counter: a fixture)

FAST_TYPIST_GAP_S = 0.045  # about 60 ms a key, often less: inside the 60 ms a scanner may take


def test_a_name_typed_fast_into_find_customer_stays_there_and_searches(qtbot, counter):  # noqa: F811
    kiosk, wedge, clock = counter
    lookup = open_lookup(qtbot, kiosk)
    scanned: list[str] = []
    wedge.code_scanned.connect(scanned.append)
    _recorded, refused = scan_answers(kiosk)

    for ch in "Ana":
        press(lookup.query, ch, clock, FAST_TYPIST_GAP_S)
    press(lookup.query, Qt.Key.Key_Return, clock, FAST_TYPIST_GAP_S)
    qtbot.waitUntil(lambda: lookup.results.count() >= 1, timeout=5000)

    assert scanned == []  # not taken for a scan
    assert refused == []  # so no "not a loyalty card code"
    assert kiosk.window.current_screen() == "lookup"
    assert lookup.query.text() == "Ana"
    assert "Ana" in lookup.results.item(0).text()


def test_a_complete_card_number_typed_fast_into_a_text_field_is_a_scan(qtbot, counter, demo):  # noqa: F811
    kiosk, _wedge, clock = counter
    lookup = open_lookup(qtbot, kiosk)
    number = cardtoken.format_card_number(cardtoken.decode(coffee_token(demo)).card_id)
    with qtbot.waitSignal(kiosk.screens["scan"].result_shown, timeout=5000) as shown:
        for ch in number:
            press(lookup.query, ch, clock, FAST_TYPIST_GAP_S)
        press(lookup.query, Qt.Key.Key_Return, clock, FAST_TYPIST_GAP_S)
    assert shown.args[0].ok
    assert kiosk.window.current_screen() == "scan"
    assert coffee_row(kiosk).count.text() == "1 of 10"
    assert lookup.query.text() == ""


def test_space_on_the_focused_yes_gives_the_reward_through_the_filter(qtbot, counter, demo, clock):  # noqa: F811
    kiosk, _wedge, key_clock = counter
    scan_screen = kiosk.screens["scan"]
    token = coffee_token(demo)
    for _ in range(2):
        clock.advance(61)
        scan_screen.set_quantity(5)
        with qtbot.waitSignal(scan_screen.result_shown, timeout=5000):
            scan_screen.submit_code(token)
    qtbot.mouseClick(coffee_row(kiosk).redeem_button, Qt.MouseButton.LeftButton)
    assert scan_screen.result.confirm_yes.hasFocus()
    with qtbot.waitSignal(scan_screen.result_shown, timeout=5000):
        # a lone key is held for its gap, then handed back as a press and a release
        press(scan_screen.result.confirm_yes, Qt.Key.Key_Space, key_clock, 1.0)
        key_clock.now += 1.0


def test_only_whole_card_codes_count_as_codes(demo):
    token = coffee_token(demo)
    number = cardtoken.format_card_number(cardtoken.decode(token).card_id)
    assert is_card_code(token)
    assert is_card_code(token.lower())  # caps lock on: the services say what is wrong
    assert is_card_code(number)
    assert is_card_code(number.replace(" ", ""))
    assert not is_card_code(number[:-1] + str((int(number[-1]) + 1) % 10))  # a mistyped digit
    assert not is_card_code(token[:-5])
    for text in ("Ana", "Ana Jensen", "0171 2345678", "", "   "):
        assert not is_card_code(text)
