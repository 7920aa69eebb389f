"""Happy hours on screen: the Scan screen's banner while one runs (gone when its window ends, by
its timer, not by polling), the result saying the boost, and the manager's editor on the Offers
screen with each problem at its field."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from kiosk.domain.model import Role
from kiosk.services import Actor
from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN
from kiosk.services.happy_hours import HappyHourDraft
from kiosk.store import meta
from loyalty_rules.happy_hours import Boost, Weekday, Window
from tests.ui.conftest import sign_in
from tests.ui.test_scan_screen import coffee_token, scan

ZONE = "Europe/Berlin"
OWNER = Actor("o", "Olivia", Role.OWNER)


def _one_second_before_noon(store, clock) -> Window:
    """The shop's clock (Berlin) set to 11:59:59 today; a happy hour window 10:00-12:00 today."""
    with store.transaction() as conn:
        meta.put_setting(conn, "time_zone", ZONE)
    day = clock.now.astimezone(ZoneInfo(ZONE)).date()
    clock.now = datetime.combine(day, time(11, 59, 59), tzinfo=ZoneInfo(ZONE)).astimezone(UTC)
    return Window(Weekday(day.weekday()), time(10), time(12))


def test_the_banner_shows_while_it_runs_the_result_says_the_boost_and_it_goes_at_its_end(
    qtbot, make_kiosk, demo, services, store, clock
):
    window = _one_second_before_noon(store, clock)
    coffee = next(p for p in services.list_offers() if p.name == "Coffee card")
    draft = HappyHourDraft("Morning", (window,), Boost.MULTIPLY, 2, frozenset({coffee.id}))
    assert services.save_happy_hour(draft, actor=OWNER).ok
    kiosk = make_kiosk()
    screen = kiosk.screens["scan"]
    with qtbot.waitSignal(screen.banner.redrawn, timeout=5000):
        sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    qtbot.waitUntil(lambda: screen.banner.isVisible())
    assert screen.banner.text() == "Happy hour: double stamps on Coffee card until 12:00"
    assert screen.banner.timer.interval() == 1000  # it looks again when the window ends, 1 s on

    outcome = scan(qtbot, kiosk, coffee_token(demo))
    assert outcome.units_added == 2
    assert screen.result.banner.text() == "+2 stamps (happy hour)"

    clock.advance(2)  # 12:00:01: the window is over; the banner's timer finds it so
    with qtbot.waitSignal(screen.banner.redrawn, timeout=5000) as redrawn:
        pass
    assert redrawn.args[0].running == ()
    assert not screen.banner.isVisible()
    assert screen.banner.timer.isActive()  # and waits for the next start, a week on


def test_the_editor_marks_each_problem_at_its_field_and_saves_a_good_one(qtbot, make_kiosk, demo, services):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    assert kiosk.window.show_screen("offers")
    screen = kiosk.screens["offers"]
    qtbot.mouseClick(screen.happy_button, Qt.MouseButton.LeftButton)
    dialog = screen.happy_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.offers.count() == 2)

    dialog.amount.setValue(9)  # a multiplier of 9: out of the rule's range; no name, no offer
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["name"].isVisible())
    shown = {k: e.text() for k, e in dialog.errors.items() if e.isVisible()}
    assert shown == {
        "name": "Give the happy hour a name.",
        "amount": "The multiplier must be 2 to 5.",
        "programs": "Choose at least one offer it applies to.",
    }
    assert services.list_happy_hours().hours == ()

    qtbot.keyClicks(dialog.name, "After work")
    dialog.amount.setValue(3)
    dialog.offers.item(0).setCheckState(Qt.CheckState.Checked)
    second = dialog.add_window(Window(Weekday.SATURDAY, time(22), time(1)))
    assert second.window().crosses_midnight
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    hour = saved.args[0].hour
    assert not any(e.isVisible() for e in dialog.errors.values())
    assert [h.id for h in services.list_happy_hours().hours] == [hour.id]
    assert (hour.name, hour.amount, len(hour.windows)) == ("After work", 3, 2)
    qtbot.waitUntil(lambda: dialog.hour_list.count() == 1)

    with qtbot.waitSignal(dialog.saved, timeout=5000) as ended:
        qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
    assert not ended.args[0].hour.active
    assert not dialog.save_button.isEnabled()  # an ended one is not changed again
    assert [h.active for h in services.list_happy_hours().hours] == [False]
    dialog.accept()


def test_a_wrong_window_is_marked_at_the_times(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    assert kiosk.window.show_screen("offers")
    screen = kiosk.screens["offers"]
    qtbot.mouseClick(screen.happy_button, Qt.MouseButton.LeftButton)
    dialog = screen.happy_dialog
    qtbot.waitUntil(lambda: dialog.offers.count() == 2)
    qtbot.keyClicks(dialog.name, "Twice")
    dialog.offers.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.add_window(Window(Weekday.FRIDAY, time(18), time(20)))  # overlaps the first, 17-19
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["windows"].isVisible())
    assert dialog.errors["windows"].text() == "Two of the times overlap."
    assert dialog.message.text() == "Please correct the marked fields."
    dialog.accept()
