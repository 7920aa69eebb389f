"""The enrolment's "Referred by" field (issue 15): a scan while it has the focus goes into it, the
referral is recorded with the new customer and said in the cashier's words, a code that finds
nobody is marked at the field, and the first visit shows the bonus and who referred her."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.domain.model import Role
from kiosk.services import Actor
from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN
from kiosk.ui.app import scan_router
from loyalty_rules.referrals import ReferralPolicy
from tests.ui.conftest import scan_answers, sign_in

OWNER = Actor("o1", "Olga", Role.OWNER)


def _referrer(demo) -> tuple[str, str]:
    label, token = next((n, t) for n, t in demo.tokens.items() if n.endswith("Coffee card"))
    return label.split(" / ")[0], token


def _enroll_screen(qtbot, make_kiosk):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    assert kiosk.window.show_screen("enroll")
    return kiosk, kiosk.screens["enroll"]


def _focus(qtbot, kiosk, field) -> None:
    kiosk.window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def test_a_scan_while_referred_by_has_the_focus_goes_into_it(qtbot, make_kiosk, demo):
    kiosk, screen = _enroll_screen(qtbot, make_kiosk)
    _name, token = _referrer(demo)
    route = scan_router(kiosk)
    _focus(qtbot, kiosk, screen.referred_by)

    route(token)

    assert screen.referred_by.text() == token
    assert kiosk.window.stack.currentWidget() is screen  # the counter did not take it
    _focus(qtbot, kiosk, screen.name)
    route(token)  # any other field: a scan is the counter's, as before
    assert kiosk.window.stack.currentWidget() is kiosk.screens["scan"]


def test_a_referral_is_said_at_enrolment_and_its_bonus_at_the_first_visit(qtbot, make_kiosk, demo):
    kiosk, screen = _enroll_screen(qtbot, make_kiosk)
    name, token = _referrer(demo)
    qtbot.keyClicks(screen.name, "Nina Neu")
    screen.referred_by.setText(token)
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.mouseClick(screen.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.stamp_button.isEnabled)
    assert f"Referred by {name}: both get the referral bonus at Nina's first visit." in screen.message.text()
    assert screen.referred_by.text() == ""  # the form is ready for the next customer

    recorded, _refused = scan_answers(kiosk)
    qtbot.mouseClick(screen.stamp_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(recorded), timeout=10_000)
    assert recorded[0].referral is not None
    text = kiosk.screens["scan"].result.banner.text()
    assert f"+1 referral bonus, referred by {name} (who gets +1)" in text


def test_a_refused_referral_says_why_and_she_joins(qtbot, make_kiosk, demo, services):
    services.set_referral_policy(ReferralPolicy(1, 1, monthly_cap=1), actor=OWNER)
    _name, token = _referrer(demo)
    assert services.enroll("First Friend", referred_by=token).referral.refusal is None
    kiosk, screen = _enroll_screen(qtbot, make_kiosk)
    qtbot.keyClicks(screen.name, "Second Friend")
    screen.referred_by.setText(token)
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.mouseClick(screen.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.stamp_button.isEnabled)
    assert "No referral bonus: This referrer has reached this month's limit" in screen.message.text()
    assert services.lookup("Second Friend").matches


def test_a_code_that_finds_nobody_is_marked_at_its_field_and_nothing_saved(qtbot, make_kiosk, demo, services):
    kiosk, screen = _enroll_screen(qtbot, make_kiosk)
    kiosk.window.activateWindow()
    qtbot.keyClicks(screen.name, "Otto Oops")
    qtbot.keyClicks(screen.referred_by, "12345")
    qtbot.mouseClick(screen.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(screen.errors["Referred by"].text()))
    assert screen.errors["Referred by"].text().startswith("no member has this code or card number")
    assert screen.referred_by.hasFocus()  # the field to correct, never another control
    assert screen.referred_by.text() == "12345"  # kept for the cashier to correct
    assert not services.lookup("Otto Oops").matches


def test_a_manager_sets_the_referral_rules_each_problem_at_its_field(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    assert kiosk.window.show_screen("offers")
    screen = kiosk.screens["offers"]
    qtbot.mouseClick(screen.referrals_button, Qt.MouseButton.LeftButton)
    dialog = screen.referrals_dialog
    qtbot.waitUntil(dialog.save_button.isEnabled)  # the shop's rules were read
    assert dialog.spins["monthly_cap"].value() == services.referral_policy().monthly_cap
    before = services.referral_policy()
    dialog.spins["referrer_bonus"].setValue(0)
    dialog.spins["monthly_cap"].setValue(60)
    with qtbot.waitSignal(kiosk.worker.settled):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.errors["monthly_cap"].text()))
    assert dialog.errors["referrer_bonus"].text() == "A bonus of 1 to 50."
    assert dialog.errors["monthly_cap"].text() == "Between 1 and 50 referrals a month."
    assert dialog.errors["newcomer_bonus"].text() == ""
    assert services.referral_policy() == before  # nothing saved
    dialog.spins["referrer_bonus"].setValue(3)
    dialog.spins["monthly_cap"].setValue(10)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert services.referral_policy() == ReferralPolicy(3, before.newcomer_bonus, 10)
