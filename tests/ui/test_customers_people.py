"""The Customers screen lists people, not cards; a manager corrects contact details (audited),
and a card's row shows its new balance right after an adjustment (issue 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.domain.model import Role
from kiosk.services import Actor
from kiosk.services.demo import DEMO_MANAGER_PIN
from tests.ui.conftest import sign_in

MANAGER = Actor(None, "Max Manager", Role.MANAGER)


def _search(qtbot, kiosk, text: str):
    kiosk.window.show_screen("customers")
    screen = kiosk.screens["customers"]
    screen.query.clear()
    qtbot.keyClicks(screen.query, text)
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.keyClick(screen.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.people.count() > 0)
    return screen


def test_people_not_cards_and_contact_details_corrected(qtbot, make_kiosk, demo, services):
    from kiosk.store import region  # the shop's country (new with issue 13)

    with services.ctx.store.transaction() as conn:
        region.set_phone_region(conn, "DE")
    ines = services.enroll("Ines Vestergaard", phone="0171 5550199", actor=MANAGER)
    assert len(ines.cards) == 2  # one card in each running offer
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = _search(qtbot, kiosk, "Vestergaard")
    assert screen.people.count() == 1  # one person, however many cards
    line = screen.people.item(0).text()
    assert "Ines Vestergaard" in line
    assert "…0199" in line
    assert "2 cards" in line
    assert screen.cards.count() == 2
    # her history is the person's, across both cards: one enrolment on each, each saying its card
    qtbot.waitUntil(lambda: screen.card_id is not None and screen.history.rowCount() == 2)
    table = screen.history
    assert {table.item(r, table.WHAT).text() for r in range(2)} == {"Enrolled"}
    assert len({table.item(r, table.CARD).text() for r in range(2)}) == 2

    qtbot.mouseClick(screen.edit_button, Qt.MouseButton.LeftButton)
    assert screen.contact.isVisible()
    name = screen.contact.fields["Name"]
    assert name.text() == "Ines Vestergaard"
    assert name.hasFocus()
    screen.contact.fields["Phone"].setText("not a phone")
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.contact.errors["Phone"].isVisible())
    assert screen.contact.fields["Phone"].hasFocus()
    name.setText("Ines Vestergaard-Holm")
    screen.contact.fields["Phone"].setText("0171 5550198")
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Vestergaard-Holm" in screen.people.item(0).text())
    assert "…0198" in screen.people.item(0).text()
    assert not screen.contact.isVisible()
    assert services.lookup("holm").matches[0].customer.phone == "+491715550198"
    entry = next(e for e in services.audit_list(actor=MANAGER) if e["action"] == "customer_changed")
    assert entry["staff_name"] == "Max Manager"
    assert entry["detail"]["phone"] == ["+491715550199", "+491715550198"]


def test_a_cards_row_refreshes_after_an_adjustment(qtbot, make_kiosk, demo, services):
    services.enroll("Ines Vestergaard", actor=MANAGER)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = _search(qtbot, kiosk, "Vestergaard")
    qtbot.waitUntil(lambda: screen.history.rowCount() == 2)  # an enrolment on each of her cards
    before = screen.cards.currentText()
    assert ": 0 of " in before
    screen.adjust_units.setValue(3)
    qtbot.keyClicks(screen.adjust_reason, "card left at home twice")
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.mouseClick(screen.adjust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ": 3 of " in screen.cards.currentText())
    assert screen.cards.currentText().split(":")[0] == before.split(":")[0]  # the same card's row
