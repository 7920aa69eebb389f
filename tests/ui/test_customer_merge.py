"""A manager merges two sign-ups of one person on the Customers screen ("Merge with…"): the
confirmation names both members and what adds up, the merge runs on the store worker, and the
list redraws from its outcome. Cashiers do not see the action."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.domain.model import Role
from kiosk.services import Actor
from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN
from tests.ui.conftest import sign_in

MANAGER = Actor(None, "Max Manager", Role.MANAGER)


def _two_sign_ups(services, clock) -> tuple[str, str]:
    coffee = next(p.id for p in services.list_offers() if p.name == "Coffee card")
    grace = services.enroll("Grace Hopper", program_ids=[coffee], actor=MANAGER)
    other = services.enroll("G. Hopper", program_ids=[coffee], actor=MANAGER)
    for outcome, visits in ((grace, 1), (other, 2)):
        for _ in range(visits):
            clock.advance(3600)
            assert services.record_scan(next(iter(outcome.tokens.values())), actor=MANAGER).ok
    return grace.customer.id, other.customer.id


def _search(qtbot, kiosk, text: str):
    kiosk.window.show_screen("customers")
    screen = kiosk.screens["customers"]
    qtbot.keyClicks(screen.query, text)
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.keyClick(screen.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.people.count() > 0)
    return screen


def test_a_manager_merges_two_sign_ups_after_a_confirmation_naming_both(
    qtbot, make_kiosk, demo, services, clock
):
    grace, _ = _two_sign_ups(services, clock)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = _search(qtbot, kiosk, "Hopper")
    assert screen.people.count() == 2
    keep_row = next(i for i, m in enumerate(screen.matches) if m.customer.id == grace)
    screen.people.setCurrentRow(keep_row)
    assert screen.merge.isVisible()

    qtbot.mouseClick(screen.merge.merge_button, Qt.MouseButton.LeftButton)
    assert screen.merge.picker.isVisible()
    assert [screen.merge.picker.itemText(i) for i in range(screen.merge.picker.count())] == ["G. Hopper"]
    screen.merge.picker.activated.emit(0)
    question = screen.merge.confirm.text.text()
    assert screen.merge.confirm.isVisible()
    assert "Merge G. Hopper into Grace Hopper?" in question
    assert "Coffee card: 1 + 2 = 3 stamps" in question
    assert services.lookup("Hopper").matches[1:]  # nothing happened before the yes

    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.mouseClick(screen.merge.confirm.yes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.people.count() == 1)
    assert "Grace Hopper" in screen.people.item(0).text()
    assert "Merged: G. Hopper is now part of Grace Hopper (1 card moved)." in screen.message.text()
    assert ": 3 of 10" in screen.cards.currentText()
    # the heading says the account the list shows (her two cards added up), in the singular at one
    qtbot.waitUntil(lambda: "Grace Hopper · Coffee card: 3 stamps now" in screen.summary.text())
    (match,) = services.lookup("Hopper").matches
    assert (match.customer.id, [v.card.balance.units for v in match.cards]) == (grace, [3])


def test_a_cashier_has_no_merge_action(qtbot, make_kiosk, demo, services, clock):
    _two_sign_ups(services, clock)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["customers"]
    screen.activate()  # as if the screen were opened: it hides what the role may not do
    assert screen.merge.isHidden()


def test_after_a_merge_her_history_shows_both_sign_ups_cards_newest_first_with_the_merge(
    qtbot, make_kiosk, demo, services, clock
):
    grace, other = _two_sign_ups(services, clock)
    clock.advance(60)
    assert services.merge_members(grace, other, actor=MANAGER).ok
    numbers = {v.card.id: v.card_number for v in services.lookup("Hopper").matches[0].cards}
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = _search(qtbot, kiosk, "Hopper")
    assert screen.people.count() == 1
    # her first sign-up: enrolled, 1 stamp; her second: enrolled, 2 stamps; then the merge
    qtbot.waitUntil(lambda: screen.history.rowCount() == 6)
    table = screen.history
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(6)]
    assert [r[table.WHAT] for r in rows] == [
        "Members merged",
        "Stamped",
        "Stamped",
        "Stamped",
        "Enrolled",
        "Enrolled",
    ]
    assert rows[0][table.REASON] == "G. Hopper merged into Grace Hopper"
    # every line names its offer and card: both of her Coffee cards appear
    on_cards = {r[table.CARD] for r in rows}
    assert all(text.startswith("Coffee card · card ") for text in on_cards)
    assert len(on_cards) == 2
    assert {text.removeprefix("Coffee card · card ") for text in on_cards} >= set(numbers.values())
    assert [r[table.STAMPS] for r in rows] == ["0", "+1", "+1", "+1", "0", "0"]
