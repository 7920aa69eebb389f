"""The Analytics screen's A/B tests tab on a standalone kiosk: before the horizon only "not enough
data yet" with the members counted and the horizon's day (no value, interval or winner), after it
each group's value with its 95 % interval drawn, the effect and p-value, said to be this kiosk's
data only. The ledger and its hand-computed numbers: tests/unit/test_experiment_results_local.py."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from PySide6.QtCharts import QLineSeries, QScatterSeries
from PySide6.QtCore import Qt

from kiosk.domain.reports import local_day
from kiosk.services.demo import DEMO_MANAGER_PIN, create_demo_shop
from kiosk.services.reports import local_zone
from tests.ui.conftest import sign_in
from tests.unit.test_experiment_results_local import DAY, _members, _offer, _pull, _scan


def _open(qtbot, kiosk):
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = kiosk.screens["analytics"]
    qtbot.mouseClick(kiosk.window.nav_buttons["reports"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.drawn, timeout=10000):
        qtbot.mouseClick(kiosk.screens["reports"].charts_button, Qt.MouseButton.LeftButton)
    screen.tabs.setCurrentWidget(screen.ab_page)
    return screen


def test_ab_results_wait_for_the_horizon_then_show_intervals(qtbot, make_kiosk, services, clock):
    create_demo_shop(services.ctx)
    demo = SimpleNamespace(services=services, ctx=services.ctx, clock=clock)
    coffee, eight = _offer(demo, "Coffee", 10), _offer(demo, "Eight", 8)
    clock.advance(DAY)
    experiment = _pull(demo, [None, eight.id])
    control, treated = _members(demo, experiment, coffee.id, 4)
    start = clock()
    _scan(demo, *control, *treated)
    clock.now = start + timedelta(days=3)
    _scan(demo, control[0], *treated[:3])
    kiosk = make_kiosk()
    screen = _open(qtbot, kiosk)
    page = screen.ab_page
    assert "This kiosk's data only" in page.note.text()
    [status] = page.statuses
    horizon = local_day(start, local_zone(services.ctx)) + timedelta(days=8)
    assert status.text() == (
        f"Not enough data yet: 0 of 8 members, the horizon is {horizon.day} {horizon:%b} {horizon.year}."
    )
    assert "Better" not in status.text()
    assert "p =" not in status.text()
    [view] = page.views
    assert [view.series.at(i) for i in range(view.series.count())] == [
        0.0,
        0.0,
    ]  # members counted per group, nothing compared

    clock.now = start + timedelta(days=9)
    with qtbot.waitSignal(screen.drawn, timeout=10000):
        screen.refresh()
    [status] = page.statuses
    assert status.text().splitlines() == [
        "Eight against Control (no offer): +50.0 points (95 % CI −10.0 to +110.0), p = 0.157",
        "No group is shown to be better.",
    ]
    [view] = page.views
    chart = view.chart()
    dots = next(s for s in chart.series() if isinstance(s, QScatterSeries))
    # the first group (Control, 1 of 4) on top at y 1, Eight (3 of 4) below it
    assert sorted((round(p.x(), 1), p.y()) for p in dots.points()) == [(25.0, 1.0), (75.0, 0.0)]
    intervals = sorted(
        (round(s.points()[0].x(), 2), round(s.points()[1].x(), 2))
        for s in chart.series()
        if isinstance(s, QLineSeries)
        and not isinstance(s, QScatterSeries)
        and s.points()[0].y() == s.points()[1].y()
    )
    assert intervals == [(4.56, 69.94), (30.06, 95.44)]  # Wilson's, in percent
