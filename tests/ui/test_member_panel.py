"""The member's panel at the counter (issue 14): one scan shows her and every running program,
each with its own "+1"; a program she has no card in shows at 0 and she joins it at one tap."""

from __future__ import annotations

from PySide6.QtCore import Qt

import cardtoken
from kiosk.domain.model import Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor
from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN
from kiosk.ui.widgets.buttons import MIN_TOUCH
from tests.ui.conftest import sign_in
from tests.ui.test_manager_screens import _qr_text
from tests.ui.test_scan_screen import scan

MANAGER = Actor(None, "Max", Role.MANAGER)


def coffee_only(demo) -> tuple[str, str]:
    """(name, token) of a demo customer with a Coffee card and no Lunch club card."""
    names = {key.split(" / ")[0] for key in demo.tokens if key.endswith("/ Lunch club")}
    return next(
        (key.split(" / ")[0], token)
        for key, token in demo.tokens.items()
        if key.endswith("/ Coffee card") and key.split(" / ")[0] not in names
    )


def row_of(screen, name: str):
    return next(r for r in screen.result.rows if r.view.program.name == name)


def tap(qtbot, screen, button):
    with qtbot.waitSignal(screen.result_shown, timeout=5000) as shown:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return shown.args[0]


def test_a_member_joins_tea_with_one_tap_and_each_plus_one_earns_in_its_program(
    qtbot, make_kiosk, demo, services, clock
):
    name, token = coffee_only(demo)
    first = name.split()[0]
    made = services.save_offer(OfferDraft("Tea card", 8, "a free tea", cooldown_seconds=0), actor=MANAGER)
    assert made.ok, made.message
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]

    assert scan(qtbot, kiosk, token).ok  # a bare scan: one Coffee stamp, as ever
    assert screen.result.banner.text() == "1 stamp added"
    assert row_of(screen, "Coffee card").count.text() == "1 of 10"
    # every running program she has no card in: at 0, joining at the first stamp
    assert sorted(r.program.name for r in screen.result.open_rows) == ["Lunch club", "Tea card"]
    tea_row = next(r for r in screen.result.open_rows if r.program.name == "Tea card")
    assert tea_row.count.text() == "0 of 8"
    assert tea_row.hint.text() == "Joins at the first stamp"
    assert tea_row.earn_button.text() == "+1"
    assert tea_row.earn_button.height() >= MIN_TOUCH
    assert tea_row.earn_button.width() >= MIN_TOUCH

    joined = tap(qtbot, screen, tea_row.earn_button)
    assert joined.ok, joined.message
    assert joined.joined
    assert screen.result.banner.text() == f"Tea card: 1 stamp added ({first} joined Tea card)"
    assert row_of(screen, "Tea card").count.text() == "1 of 8"
    assert row_of(screen, "Coffee card").count.text() == "1 of 10"  # the tap earned in Tea only
    assert [r.program.name for r in screen.result.open_rows] == ["Lunch club"]
    # the rows stay in place for the next tap: her cards in the order she got them
    assert [r.view.program.name for r in screen.result.rows] == ["Coffee card", "Tea card"]
    assert screen.result.undo_button.text() == f"Undo {first}'s +1"

    # "+1" on Coffee obeys the scan's cooldown: refused, nothing changes on screen
    refused = tap(qtbot, screen, row_of(screen, "Coffee card").earn_button)
    assert not refused.ok
    assert "Wait" in screen.result.banner.text()
    assert row_of(screen, "Coffee card").count.text() == "1 of 10"
    assert [r.program.name for r in screen.result.open_rows] == ["Lunch club"]

    clock.advance(61)
    again = tap(qtbot, screen, row_of(screen, "Coffee card").earn_button)
    assert again.ok, again.message
    assert screen.result.banner.text() == "Coffee card: 1 stamp added"
    assert row_of(screen, "Coffee card").count.text() == "2 of 10"
    assert row_of(screen, "Tea card").count.text() == "1 of 8"
    # what the screen says is what is stored
    stored = {v.program.name: v.card.balance.units for v in services.inspect(token).customer_cards}
    assert stored == {"Coffee card": 2, "Tea card": 1}


def test_enrolling_a_member_again_offers_to_add_her_and_keeps_her_code(qtbot, make_kiosk, demo, services):
    name, token = coffee_only(demo)
    first = name.split()[0]
    email = services.lookup(token).matches[0].customer.email
    assert services.save_offer(OfferDraft("Tea card", 8, "a free tea"), actor=MANAGER).ok
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    assert not screen.join_button.isVisible()
    qtbot.keyClicks(screen.name, first)
    qtbot.keyClicks(screen.email, email)
    qtbot.mouseClick(screen.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.join_button.isVisible)
    assert screen.message.text() == f"{name} is already a member."
    assert screen.join_button.text() == "Add to the offers"
    assert len(services.lookup(email).matches) == 1  # nobody new

    qtbot.mouseClick(screen.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.print_button.isEnabled)
    assert screen.message.text() == f"{first} is in Lunch club, Tea card now; {first}'s code stays the same."
    assert not screen.join_button.isVisible()
    assert [c.token for c in screen.cards] == [token]  # her code, on screen and on paper
    held = {v.program.name: v.card.balance.units for v in services.inspect(token).customer_cards}
    assert held == {"Coffee card": 0, "Lunch club": 0, "Tea card": 0}


def test_a_manager_chooses_what_a_bare_scan_stamps_on_the_offers_screen(qtbot, make_kiosk, demo, services):
    _name, token = coffee_only(demo)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    assert kiosk.window.show_screen("offers")
    choice = kiosk.screens["offers"].bare_scan
    qtbot.waitUntil(lambda: choice.choice.count() == 3)
    assert choice.choice.currentText() == "the scanned card's own offer"
    assert choice.choice.full_names() == ["the scanned card's own offer", "Coffee card", "Lunch club"]
    lunch = choice.choice.full_names().index("Lunch club")
    with qtbot.waitSignal(kiosk.worker.settled, timeout=5000):
        choice.choice.activated.emit(lunch)
    qtbot.waitUntil(lambda: choice.message.text() == "A scan stamps Lunch club now.")
    assert services.bare_scan_program().name == "Lunch club"

    assert kiosk.window.show_screen("scan")
    outcome = scan(qtbot, kiosk, token)  # her Coffee code, no tap: a Lunch club stamp, joining it
    assert outcome.ok, outcome.message
    assert outcome.card.program.name == "Lunch club"
    screen = kiosk.screens["scan"]
    assert row_of(screen, "Lunch club").count.text() == "1 of 6"
    assert row_of(screen, "Coffee card").count.text() == "0 of 10"
    assert screen.result.open_rows == []


def test_a_new_code_for_a_second_offers_card_is_the_members_code(qtbot, make_kiosk, demo):
    both = {k.split(" / ")[0] for k in demo.tokens if k.endswith("/ Lunch club")}
    name = sorted(both)[0]
    coffee, lunch = demo.tokens[f"{name} / Coffee card"], demo.tokens[f"{name} / Lunch club"]
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    kiosk.window.show_screen("customers")
    screen = kiosk.screens["customers"]
    qtbot.keyClicks(screen.query, cardtoken.format_card_number(cardtoken.decode(lunch).card_id))
    qtbot.keyClick(screen.query, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.new_code_button.isEnabled)
    qtbot.mouseClick(screen.new_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.code_dialog is not None and screen.code_dialog.isVisible())
    assert _qr_text(screen.code_dialog.qr.pixmap()) == coffee  # her code, not the Lunch card's
    screen.code_dialog.close()
