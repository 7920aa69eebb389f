"""Tiers at the counter (issue 15), on the real window and a real SQLite file: a scan shows her
tier and the step to the next, the sale that lifts her is celebrated, and a reward kept for a
higher tier is shown as such and cannot be tapped."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from kiosk.domain.model import Program, ProgramKind
from kiosk.services.demo import DEMO_CASHIER_PIN
from kiosk.store import directory
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding
from loyalty_rules.tiers import Measure, Tier, TierScheme
from tests.ui.conftest import sign_in
from tests.ui.test_points_counter_screen import ana_token
from tests.ui.test_scan_screen import scan

BRONZE, SILVER, GOLD = Tier("Bronze", 0), Tier("Silver", 100, Decimal("1.5")), Tier("Gold", 300, Decimal(2))
TIERS = TierScheme(Measure.POINTS, 12, (BRONZE, SILVER, GOLD))
COFFEE, LUNCH = Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120, lowest_tier="Gold")
CLUB = Program(
    "p-club",
    "Bakery club",
    50,
    "A reward from the catalogue",
    kind=ProgramKind.POINTS,
    per_visit_limit=1,
    points=PointsSettings(Decimal(1), Rounding.HALF_UP, 500, (COFFEE, LUNCH), tiers=TIERS),
)


@pytest.fixture
def club(demo, services, clock):
    with services.ctx.store.transaction() as conn:
        directory.upsert_program(conn, CLUB, clock())
    return CLUB


def test_the_counter_shows_her_tier_celebrates_the_next_and_marks_gold_only(
    qtbot, make_kiosk, demo, services, club
):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    panel = screen.points_panel
    with qtbot.waitSignal(screen.points.standing_shown, timeout=5000):
        scanned = scan(qtbot, kiosk, ana_token(demo))
    name = scanned.card.customer.first_name
    assert panel.tier_line.isVisible()
    assert panel.tier_line.text() == "Bronze · 100 points to Silver"

    with qtbot.waitSignal(screen.result_shown, timeout=5000) as shown:
        qtbot.keyClicks(panel.amount_entry, "150")
        qtbot.keyClick(panel.amount_entry, Qt.Key.Key_Return)
    earned = shown.args[0]
    assert (earned.points_added, earned.tier_reached.name) == (150, "Silver")
    assert screen.result.banner.text() == f"+150 points\nBalance: 150 points\n{name} reached Silver!"
    assert panel.tier_line.text() == "Silver · 150 points to Gold"
    coffee, lunch = panel.reward_buttons
    assert (coffee.text(), coffee.isEnabled()) == ("Coffee · 50 points", True)
    assert (lunch.text(), lunch.isEnabled()) == ("Lunch · 120 points · Gold only", False)

    # at Silver a sale earns x1.5: 100 -> 150 points, and she reaches Gold, which takes the lunch
    with qtbot.waitSignal(screen.result_shown, timeout=5000) as shown:
        qtbot.keyClicks(panel.amount_entry, "100")
        qtbot.keyClick(panel.amount_entry, Qt.Key.Key_Return)
    assert shown.args[0].points_added == 150
    assert screen.result.banner.text().endswith(f"{name} reached Gold!")
    assert panel.tier_line.text() == "Gold · the top tier"
    assert [(b.text(), b.isEnabled()) for b in panel.reward_buttons] == [
        ("Coffee · 50 points", True),
        ("Lunch · 120 points", True),
    ]
