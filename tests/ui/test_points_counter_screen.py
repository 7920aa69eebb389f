"""Points per spend at the counter (issue 15), on the real window and a real SQLite file: a scan
shows the member, the sale amount typed on the keypad or the keyboard and Enter add its points,
a catalogue reward is a tap and a Yes; every refusal says why and records nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from kiosk.domain.model import Program, ProgramKind
from kiosk.domain.problems import Problem
from kiosk.services.demo import DEMO_CASHIER_PIN
from kiosk.store import directory
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding
from tests.ui.conftest import sign_in
from tests.ui.test_scan_screen import scan

COFFEE, LUNCH = Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120)
BAKERY = Program(
    "p-bakery",
    "Bakery points",
    50,
    "A reward from the catalogue",
    kind=ProgramKind.POINTS,
    per_visit_limit=1,
    points=PointsSettings(Decimal(1), Rounding.HALF_UP, 500, (COFFEE, LUNCH)),
)


@pytest.fixture
def bakery(demo, services, clock):
    with services.ctx.store.transaction() as conn:
        directory.upsert_program(conn, BAKERY, clock())
    return BAKERY


def ana_token(demo) -> str:
    return next(t for k, t in demo.tokens.items() if k.endswith("/ Coffee card"))


def points_of(services, token: str) -> int | None:
    match = services.lookup(token).matches[0]
    return next((v.card.balance.units for v in match.cards if v.program.id == BAKERY.id), None)


def type_sale(qtbot, kiosk, text: str):
    """The amount on the physical keyboard into the focused field, then Enter."""
    screen = kiosk.screens["scan"]
    entry = screen.points_panel.amount_entry
    assert entry.hasFocus()  # after the scan the amount is typed without a click
    with qtbot.waitSignal(screen.result_shown, timeout=5000) as shown:
        qtbot.keyClicks(entry, text)
        qtbot.keyClick(entry, Qt.Key.Key_Return)
    return shown.args[0]


def test_a_sale_typed_after_the_scan_earns_its_points(qtbot, make_kiosk, demo, services, bakery):
    token = ana_token(demo)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    assert scan(qtbot, kiosk, token).ok  # her coffee stamp, and the points panel for the sale
    panel = screen.points_panel
    assert panel.isVisible()
    # the points offer's row never offers a "+1": points come from an amount
    open_row = next(r for r in screen.result.open_rows if r.program.id == BAKERY.id)
    assert not open_row.earn_button.isVisible()
    assert open_row.hint.text() == "Joins at the first sale"

    earned = type_sale(qtbot, kiosk, "12.50")  # half-up: 13 points
    assert earned.ok
    assert earned.points_added == 13
    assert screen.result.banner.text() == "+13 points\nBalance: 13 points"
    assert points_of(services, token) == 13  # on disk: she joined the offer at this sale
    row = next(r for r in screen.result.rows if r.view.program.id == BAKERY.id)
    assert row.count.text() == "13 points"
    assert not row.earn_button.isVisible()
    assert row.stamps is None
    assert panel.reward_buttons == []  # 13 points pay for nothing yet
    assert panel.redeem_title.text() == "Not enough points for a reward yet"
    assert panel.amount_entry.text() == ""

    # the on-screen keypad types into the same field: 4 9 . 9 9 and Enter -> 50, coffee now
    for key in ("4", "9", ".", "9", "9"):
        qtbot.mouseClick(panel.keys[key], Qt.MouseButton.LeftButton)
    assert panel.amount_entry.text() == "49.99"
    with qtbot.waitSignal(screen.result_shown, timeout=5000) as shown:
        qtbot.mouseClick(panel.enter_button, Qt.MouseButton.LeftButton)
    assert shown.args[0].points_added == 50
    assert screen.result.banner.text() == "+50 points\nBalance: 63 points"
    assert panel.redeem_title.text() == "She can redeem now:"  # what she can afford, under it
    assert [b.text() for b in panel.reward_buttons] == ["Coffee · 50 points"]
    assert points_of(services, token) == 63

    # Undo takes the sale's points back
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        qtbot.mouseClick(screen.result.undo_button, Qt.MouseButton.LeftButton)
    assert screen.result.banner.text() == "Undone: 50 points taken back"
    assert points_of(services, token) == 13
    assert panel.title.text().endswith(": 13 points")
    assert panel.reward_buttons == []


@pytest.mark.parametrize(
    ("typed", "told"),
    [
        ("4.99", "The sale is below this offer's minimum spend."),
        ("12,50", "Type the sale amount, e.g. 12.50."),  # the German separator in English
        ("12.505", "Type the sale amount, e.g. 12.50."),  # a cent has no fractions
        ("twelve", "Type the sale amount, e.g. 12.50."),
        ("-12.50", "A sale amount cannot be negative; use undo for a refund."),
        ("99999999999", "Type the sale amount, e.g. 12.50."),
        ("0", "Amount: Type the sale amount, e.g. 12.50."),
    ],
)
def test_a_refused_amount_says_why_records_nothing_and_stays_to_correct(
    qtbot, make_kiosk, demo, services, bakery, typed, told
):
    token = ana_token(demo)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    assert scan(qtbot, kiosk, token).ok
    type_sale(qtbot, kiosk, typed)
    banner = screen.result.banner
    assert banner.property("state") == "bad"
    assert told in banner.text()
    assert points_of(services, token) is None  # no account opened, no event
    assert screen.points_panel.amount_entry.text() == typed  # what she typed is not lost
    assert screen.points_panel.amount_entry.selectedText() == typed  # typing over replaces it


def test_german_amounts_take_a_decimal_comma(qtbot, make_kiosk, demo, services, bakery):
    token = ana_token(demo)
    kiosk = make_kiosk(language="de")
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    assert scan(qtbot, kiosk, token).ok
    panel = screen.points_panel
    assert panel.keys[","].text() == ","
    assert "12,50" in panel.amount_entry.placeholderText()
    refused = type_sale(qtbot, kiosk, "12.50")  # a dot could be a thousands separator: refused
    assert refused.refusal.params["problem_code"] is Problem.AMOUNT_INVALID
    assert points_of(services, token) is None
    assert "12,50" in screen.result.banner.text()
    panel.amount_entry.clear()
    earned = type_sale(qtbot, kiosk, "12,50")
    assert earned.points_added == 13
    assert screen.result.banner.text() == "+13 Punkte\nStand: 13 Punkte"
    assert points_of(services, token) == 13


def test_a_catalogue_reward_is_a_tap_and_a_yes_and_undo_gives_the_points_back(
    qtbot, make_kiosk, demo, services, bakery
):
    token = ana_token(demo)
    card_id = services.lookup(token).card_id
    assert services.earn_points(card_id, 13000, program_id=BAKERY.id).points_added == 130
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    assert scan(qtbot, kiosk, token).ok
    panel = screen.points_panel
    assert [b.text() for b in panel.reward_buttons] == ["Coffee · 50 points", "Lunch · 120 points"]
    qtbot.mouseClick(panel.reward_buttons[1], Qt.MouseButton.LeftButton)
    assert panel.confirm_text.text().startswith("Give ")
    assert panel.confirm_text.text().endswith(" Lunch for 120 points?")
    with qtbot.waitSignal(screen.result_shown, timeout=5000) as shown:
        qtbot.mouseClick(panel.confirm_yes, Qt.MouseButton.LeftButton)
    assert shown.args[0].reward == LUNCH
    assert screen.result.banner.text() == "Reward given: Lunch (−120 points)\nBalance: 10 points"
    assert points_of(services, token) == 10
    assert panel.reward_buttons == []

    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        qtbot.mouseClick(screen.result.undo_button, Qt.MouseButton.LeftButton)
    assert screen.result.banner.text() == "Undone: the reward was taken back"
    assert points_of(services, token) == 130
    assert len(panel.reward_buttons) == 2


def test_a_scan_of_her_points_card_asks_for_the_amount_and_records_nothing(
    qtbot, make_kiosk, demo, services, bakery
):
    token = ana_token(demo)
    earned = services.earn_points(services.lookup(token).card_id, 2000, program_id=BAKERY.id)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    asked = scan(qtbot, kiosk, earned.card.card_number)  # the printed number of her points card
    assert asked.ok
    assert asked.event is None
    assert screen.result.banner.text().endswith(": type the sale amount for Bakery points")
    assert points_of(services, token) == 20  # the scan itself earned nothing
    assert type_sale(qtbot, kiosk, "30").points_added == 30
    assert points_of(services, token) == 50
