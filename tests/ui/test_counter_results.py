"""What is on the counter's screen after each scan (issue 13): an Undo that only ever takes back
the result shown and says what it takes back, a quantity stepper bounded by the offers, and a
full card redeemed with one key or one tap."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_CASHIER_PIN
from tests.ui.conftest import flush_store, sign_in
from tests.ui.test_scan_screen import coffee_row, scan


def coffee_tokens(demo) -> list[tuple[str, str]]:
    """(first name, token) of the demo's Coffee cards, two different first names first."""
    found: dict[str, str] = {}
    for key, token in demo.tokens.items():
        name, offer = key.split(" / ")
        if offer == "Coffee card":
            found.setdefault(name.split()[0], token)
    return list(found.items())


def coffee_units(services, token: str) -> int:
    match = services.lookup(token).matches[0]
    return next(v.card.balance.units for v in match.cards if v.program.name == "Coffee card")


def test_undo_is_for_the_result_on_screen_and_says_what_it_undoes(qtbot, make_kiosk, demo, services, clock):
    (ana, ana_token), (ben, ben_token) = coffee_tokens(demo)[:2]
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    undo = screen.result.undo_button

    screen.set_quantity(3)
    assert scan(qtbot, kiosk, ana_token).ok
    assert undo.isVisible()
    assert undo.text() == f"Undo {ana}'s +3"

    # every refusal replaces the result, and its Undo with it: an unknown code, Ana inside the
    # cooldown, a Lunch club card over its cap of 2 a visit
    lunch = next(t for k, t in demo.tokens.items() if k.endswith("/ Lunch club"))
    for refused_code, why in (("NOT-A-CARD-CODE", "not a loyalty card"), (ana_token, "Wait"), (lunch, "2")):
        screen.set_quantity(3)
        refused = scan(qtbot, kiosk, refused_code)
        assert not refused.ok
        assert why in screen.result.banner.text()
        assert not undo.isVisible()
        qtbot.keyClick(screen.code_entry, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)  # does nothing
        assert screen.result.banner.text() != "Undone: 3 stamps taken back"
    assert coffee_units(services, ana_token) == 3  # Ana keeps her 3 stamps

    # the next customer's Undo takes back the next customer's stamp, never Ana's
    assert scan(qtbot, kiosk, ben_token).ok
    assert undo.text() == f"Undo {ben}'s +1"
    with qtbot.waitSignal(screen.result_shown):
        qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert screen.result.banner.text() == "Undone: 1 stamp taken back"
    assert screen.result.name.text() == ben
    assert coffee_units(services, ben_token) == 0
    assert coffee_units(services, ana_token) == 3
    assert not undo.isVisible()  # once: a second Alt+Z cannot reach further back


def test_a_redeem_offers_undo_reward_and_it_gives_the_reward_back(qtbot, make_kiosk, demo, services, clock):
    (_ana, token), *_ = coffee_tokens(demo)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    for _ in range(2):
        clock.advance(61)
        screen.set_quantity(5)
        scan(qtbot, kiosk, token)
    assert coffee_row(kiosk).count.text() == "10 of 10"
    with qtbot.waitSignal(screen.result_shown):
        qtbot.mouseClick(screen.result.confirm_yes, Qt.MouseButton.LeftButton)
    assert "Reward given" in screen.result.banner.text()
    assert screen.result.undo_button.text() == "Undo reward"
    with qtbot.waitSignal(screen.result_shown):
        qtbot.mouseClick(screen.result.undo_button, Qt.MouseButton.LeftButton)
    assert screen.result.banner.text() == "Undone: the reward was taken back"
    assert coffee_row(kiosk).redeem_button is not None  # the reward is ready again
    assert coffee_units(services, token) == 10


def test_an_undo_never_takes_back_an_event_recorded_after_the_one_on_screen(
    qtbot, make_kiosk, demo, services, clock
):
    (_ana, token), *_ = coffee_tokens(demo)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    scan(qtbot, kiosk, token)
    clock.advance(61)
    services.record_scan(token, quantity=2)  # another till stamps the same card meanwhile
    with qtbot.waitSignal(screen.result_shown) as shown:
        qtbot.mouseClick(screen.result.undo_button, Qt.MouseButton.LeftButton)
    assert not shown.args[0].ok  # "nothing to undo": the stamp on screen is no longer the last
    assert coffee_units(services, token) == 3


def test_the_quantity_stepper_is_bounded_by_the_offers_and_resets_after_every_scan(qtbot, make_kiosk, demo):
    (_ana, token), *_ = coffee_tokens(demo)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    flush_store(qtbot, kiosk)  # the offers the screen asked for when shown: Coffee card 5 a visit, Lunch 2
    for _ in range(8):
        if screen.plus_button.isEnabled():
            qtbot.mouseClick(screen.plus_button, Qt.MouseButton.LeftButton)
    assert screen.quantity == 5
    assert screen.quantity_label.text() == "5 stamps"
    assert not screen.plus_button.isEnabled()
    qtbot.keyClick(screen.code_entry, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert screen.quantity == 5

    assert not scan(qtbot, kiosk, "NOT-A-CARD-CODE").ok  # a refusal resets it too
    assert screen.quantity == 1
    assert screen.quantity_label.text() == "1 stamp"
    screen.set_quantity(4)
    assert scan(qtbot, kiosk, token).ok
    assert screen.quantity == 1


def test_a_full_card_is_redeemed_with_enter_right_after_the_scan(qtbot, make_kiosk, demo, services, clock):
    (ana, token), *_ = coffee_tokens(demo)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    screen.set_quantity(5)
    scan(qtbot, kiosk, token)
    assert not screen.result.confirm_bar.isVisible()  # nothing to give yet
    qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)  # Enter on an empty field: does nothing
    assert coffee_units(services, token) == 5
    clock.advance(61)
    screen.set_quantity(5)
    scan(qtbot, kiosk, token)  # the card is full: the question is asked at once
    assert screen.result.confirm_bar.isVisible()
    assert screen.result.confirm_text.text().startswith(f"Give {ana} ")
    assert screen.code_entry.hasFocus()  # the next scan still goes straight in
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Reward given" in screen.result.banner.text())
    assert coffee_units(services, token) == 0


def test_enter_and_space_answer_the_confirmation_after_a_tap_on_redeem(
    qtbot, make_kiosk, demo, services, clock
):
    (_ana, token), *_ = coffee_tokens(demo)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    for _ in range(4):
        clock.advance(61)
        screen.set_quantity(5)
        scan(qtbot, kiosk, token)
    assert coffee_row(kiosk).reward.text().startswith("2 rewards ready")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        qtbot.mouseClick(coffee_row(kiosk).redeem_button, Qt.MouseButton.LeftButton)
        assert screen.result.confirm_yes.hasFocus()
        with qtbot.waitSignal(screen.result_shown, timeout=5000):
            qtbot.keyClick(screen.result.confirm_yes, key)
        qtbot.waitUntil(lambda: "Reward given" in screen.result.banner.text())
    assert coffee_units(services, token) == 0
