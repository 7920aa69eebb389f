"""Points expiry on the real window (pytest-qt, real SQLite file): her scan after 12 months
without a visit says first that her points expired, when and why, then the sale; the sweep of a
running kiosk runs on the store worker at start and reports what lapsed; the editor's field says
its problem under it and saves the months; the card history names an expiry as such."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN
from kiosk.services.first_run import TIME_ZONE
from kiosk.store import directory, meta
from kiosk.ui.expiry_sweep import schedule_points_expiry
from kiosk.ui.screens.customer_history import HistoryTable
from loyalty_rules.kinds.points import PointsSettings, Rounding
from loyalty_rules.kinds.points_expiry import add_months
from tests.ui.conftest import sign_in
from tests.ui.test_points_counter_screen import BAKERY, COFFEE, LUNCH, ana_token, points_of, type_sale
from tests.ui.test_points_offer_editor import _open_new_points_offer, _set_row
from tests.ui.test_scan_screen import scan

EXPIRING = replace(
    BAKERY, points=PointsSettings(Decimal(1), Rounding.HALF_UP, 500, (COFFEE, LUNCH), 100, expiry_months=12)
)
UTC_ZONE = ZoneInfo("UTC")


@pytest.fixture
def expiring(demo, services, clock):
    with services.ctx.store.transaction() as conn:
        meta.put_setting(conn, TIME_ZONE, "UTC")
        directory.upsert_program(conn, EXPIRING, clock())
    return EXPIRING


def test_the_panel_says_her_points_expired_before_the_sale(
    qtbot, make_kiosk, demo, services, clock, expiring
):
    token = ana_token(demo)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    assert scan(qtbot, kiosk, token).ok
    visit = clock()
    assert type_sale(qtbot, kiosk, "120.00").points_added == 120
    clock.now = add_months(visit, 12, UTC_ZONE).replace(hour=23)  # a year on, no visit between
    expires = add_months(visit, 12, UTC_ZONE).astimezone()
    assert scan(qtbot, kiosk, token).ok
    earned = type_sale(qtbot, kiosk, "7.00")
    assert (earned.expired.points, earned.points_added) == (120, 7)
    day = f"{expires.day} {expires.strftime('%b')} {expires.year}"
    assert screen.result.banner.text() == (
        f"120 points expired on {day} (no visit for 12 months)\n+7 points\nBalance: 7 points"
    )
    assert points_of(services, token) == 7
    assert screen.points_panel.title.text().endswith(": 7 points")


def test_a_running_kiosk_sweeps_lapsed_points_on_the_store_worker(
    qtbot, make_kiosk, demo, services, clock, expiring
):
    token = ana_token(demo)
    card_id = services.lookup(token).matches[0].cards[0].card.id
    assert services.earn_points(card_id, 5000, program_id=EXPIRING.id).points_added == 50
    clock.now = add_months(clock(), 12, UTC_ZONE)
    kiosk = make_kiosk()
    swept = []
    timer = schedule_points_expiry(kiosk, on_swept=swept.append)
    qtbot.waitUntil(lambda: bool(swept), timeout=10_000)
    timer.stop()
    assert (swept[0].cards, swept[0].points) == (1, 50)
    assert points_of(services, token) == 0


def test_the_editor_s_expiry_field_says_its_problem_under_it_and_saves_the_months(
    qtbot, make_kiosk, demo, services
):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = _open_new_points_offer(qtbot, kiosk)
    fields = screen.points
    qtbot.keyClicks(screen.name, "Bakery points")
    qtbot.keyClicks(screen.reward, "a reward from the catalogue")
    _set_row(fields, 0, "Coffee", "50")
    assert fields.expiry_example.text() == "Points never expire."  # empty: never
    fields.expiry.setText("61")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fields.errors["expiry_months"].isVisible())
    assert (
        fields.errors["expiry_months"].text()
        == "Points expire after 1 to 60 months without a visit, or never."
    )
    assert not fields.errors["rate"].isVisible()  # the one box at fault says so
    assert len(services.list_offers()) == 2  # nothing saved
    fields.expiry.setText("12")
    assert fields.expiry_example.text() == "Points not spent expire 12 months after her last visit."
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.offer_list.count() == 3)
    saved = next(p for p in services.list_offers() if p.name == "Bakery points")
    assert saved.points.expiry_months == 12


def test_the_card_history_shows_an_expiry_as_its_own_line(qtbot, demo, services, clock, expiring):
    token = ana_token(demo)
    card_id = services.lookup(token).matches[0].cards[0].card.id
    card_id = services.earn_points(card_id, 5000, program_id=EXPIRING.id).card.card.id
    clock.now = add_months(clock(), 12, UTC_ZONE)
    assert services.expire_points().points == 50
    table = HistoryTable()
    qtbot.addWidget(table)
    table.show_history(services.card_history(card_id))
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    expiry = next(r for r in rows if r[3] == "-50")
    assert (expiry[1], expiry[4], expiry[5]) == ("Points expired (no visit)", "automatic", "")
    assert "Adjusted" not in [r[1] for r in rows]
