"""Managers and owners read the Analytics screen: visits per day, popular offers, new members per
week and the returning-members heat map, drawn from a real SQLite ledger counted on the store
thread, and export it as a PDF report. Cashiers cannot open it."""

from __future__ import annotations

import subprocess
import unicodedata
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QImage

from kiosk.domain.insights import Churn, ChurnState, MemberOutlook, Source
from kiosk.domain.model import Role
from kiosk.domain.reports import local_day
from kiosk.services import Actor
from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN, create_demo_shop
from kiosk.services.reports import local_zone
from kiosk.settings import KioskSettings
from kiosk.ui.theme import PALETTES
from tests.helpers import today_at
from tests.ui.conftest import sign_in

CASHIER = Actor("s1", "Cara Cashier", Role.CASHIER)
SHOP = "Corner Café (demo)"


@pytest.fixture
def seeded(services, clock):
    """The demo shop's 36 members joined ten days ago; scans on three days since, each kept in
    `scans` as (moment, customer name, offer, stamps)."""
    today = today_at(9)
    clock.now = today - timedelta(days=10)
    shop = create_demo_shop(services.ctx)
    coffee = sorted(key for key in shop.tokens if key.endswith("/ Coffee card"))
    other = sorted(key for key in shop.tokens if not key.endswith("/ Coffee card"))
    plan = [
        (today - timedelta(days=8), coffee[0], 2),
        (today - timedelta(days=8, minutes=-5), coffee[1], 2),
        (today - timedelta(days=3), coffee[0], 1),
        (today - timedelta(days=3, minutes=-5), other[0], 1),
        (today, coffee[2], 3),
        (today + timedelta(minutes=5), coffee[3], 1),
        (today + timedelta(minutes=10), other[1], 2),
    ]
    scans = []
    for at, key, stamps in plan:
        clock.now = at
        assert services.record_scan(shop.tokens[key], quantity=stamps, actor=CASHIER).ok
        name, offer = key.split(" / ")
        scans.append((at, name, offer, stamps))
    clock.now = today + timedelta(minutes=30)
    return shop, scans, today - timedelta(days=10)


def _open(qtbot, kiosk, name="Max Manager", pin=DEMO_MANAGER_PIN):
    """As a manager does: Reports in the navigation, then its Charts button."""
    sign_in(qtbot, kiosk, name, pin)
    screen = kiosk.screens["analytics"]
    qtbot.mouseClick(kiosk.window.nav_buttons["reports"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.drawn, timeout=10000):
        qtbot.mouseClick(kiosk.screens["reports"].charts_button, Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen() == "analytics"
    assert kiosk.window.nav_buttons["reports"].isChecked()
    return screen


def _day_of(x: float) -> date:
    return QDateTime.fromMSecsSinceEpoch(int(x)).date().toPython()


def test_the_charts_show_the_seeded_ledger(qtbot, make_kiosk, seeded, services):
    shop, scans, joined_at = seeded
    zone = local_zone(services.ctx)
    kiosk = make_kiosk()
    screen = _open(qtbot, kiosk)
    assert screen.pages.currentWidget() is screen.tabs

    visits = Counter(local_day(at, zone) for at, *_ in scans)
    points = screen.charts["visits"].series.points()
    assert len(points) == 30
    assert {_day_of(p.x()): int(p.y()) for p in points if p.y()} == dict(visits)

    stamps = Counter()
    for _, _, offer, n in scans:
        stamps[offer] += n
    offer_bars = screen.charts["offers"].series
    names = screen.charts["offers"].chart().axes(Qt.Orientation.Vertical)[0].categories()
    drawn = {name: int(offer_bars.at(i)) for i, name in enumerate(names)}
    assert drawn == dict(stamps)
    assert names[-1] == max(stamps, key=stamps.get)  # the busiest drawn on top

    week_bars = screen.charts["weeks"].series
    weeks = screen.charts["weeks"].chart().axes(Qt.Orientation.Horizontal)[0].categories()
    joined_day = local_day(joined_at, zone)
    monday = joined_day - timedelta(days=joined_day.weekday())
    counts = {weeks[i]: int(week_bars.at(i)) for i in range(week_bars.count())}
    assert counts[f"{monday.day} {monday:%b}"] == shop.customers == 36
    assert sum(counts.values()) == 36

    # the joining month's row: +0 is the share of the 36 with a visit in that month
    month = joined_day.replace(day=1)
    came = {name for at, name, *_ in scans if local_day(at, zone).replace(day=1) == month}
    rows = [screen.cohorts.verticalHeaderItem(r).text() for r in range(screen.cohorts.rowCount())]
    row = rows.index(f"{month:%b %Y} (36 joined)")
    assert screen.cohorts.item(row, 0).text() == f"{round(len(came) / 36 * 100)} %"
    assert screen.scope.text().startswith("The last 30 days: ")
    qtbot.mouseClick(screen.tables_button, Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen() == "reports"
    with qtbot.waitSignal(screen.drawn, timeout=10000):
        qtbot.keyClick(kiosk.window, Qt.Key.Key_F12)  # its shortcut

    with qtbot.waitSignal(screen.drawn, timeout=10000):
        qtbot.mouseClick(screen.period_buttons.button(365), Qt.MouseButton.LeftButton)
    assert len(screen.charts["visits"].series.points()) == 365
    kiosk.session.sign_out("button")
    qtbot.waitUntil(lambda: screen.outcome is None)
    assert screen.pages.currentWidget() is screen.nothing  # no figures left for the next person


def test_a_cashier_cannot_open_analytics(qtbot, make_kiosk, seeded):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    assert not kiosk.window.nav_buttons["reports"].isVisible()  # where Analytics is reached from
    with qtbot.waitSignal(kiosk.window.access_denied):
        assert not kiosk.window.show_screen("analytics")
    assert kiosk.screens["analytics"].outcome is None


def _pdf_text(path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return pages, unicodedata.normalize("NFKC", text)  # the PDF's "ff" may be one ligature glyph


def test_export_pdf_writes_the_report_with_the_shop_name(qtbot, make_kiosk, seeded, tmp_path):
    kiosk = make_kiosk()
    screen = _open(qtbot, kiosk)
    screen.export_path = tmp_path / "report.pdf"
    with qtbot.waitSignal(screen.exported, timeout=20000) as saved:
        qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].ok
    data = screen.export_path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert saved.args[0].size == len(data)
    pages, text = _pdf_text(screen.export_path)
    assert pages == 3
    assert SHOP in text
    assert "Analytics report" in text
    assert "Coffee card" in text
    assert "Page 3 of 3" in text
    assert "Saved the report to" in screen.message.text()

    # a folder that is not there: a clear message, nothing written
    screen.export_path = tmp_path / "gone" / "report.pdf"
    with qtbot.waitSignal(screen.exported, timeout=20000) as refused:
        qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert not refused.args[0].ok
    assert "gone" in screen.message.text()
    assert not (tmp_path / "gone").exists()
    assert screen.export_button.isEnabled()


def _ink_columns(path, page: int, top_share: float) -> tuple[int, int, int]:
    """(first, last, width) of the columns with any ink in the top share of a page, from a grey
    rendering."""
    grey = subprocess.run(
        ["pdftoppm", "-r", "40", "-gray", "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
    ).stdout
    magic, width, height, _depth, pixels = grey.split(maxsplit=4)
    assert magic == b"P5"
    image = np.frombuffer(pixels, dtype=np.uint8).reshape(int(height), int(width))
    inked = np.flatnonzero((image[: int(int(height) * top_share)] < 160).any(axis=0))
    return int(inked[0]), int(inked[-1]), int(width)


def test_the_reports_charts_span_the_page_and_their_labels_are_whole(qtbot, make_kiosk, seeded, tmp_path):
    kiosk = make_kiosk()
    screen = _open(qtbot, kiosk)  # the visits tab shown; the offers and weeks tabs never opened
    with qtbot.waitSignal(screen.drawn, timeout=20000):
        screen.period_buttons.button(90).click()  # 13 weeks of labels
    path = tmp_path / "report.pdf"
    path.write_bytes(screen.report_bytes())
    first, last, width = _ink_columns(path, 2, 0.3)  # the offers chart, at the top of page 2
    text_first, _, _ = _ink_columns(path, 1, 0.1)  # the title
    assert first - text_first < width * 0.1
    assert (last - first) > 0.8 * width  # not shrunk to half the page to keep its screen shape
    page_two = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    weeks = screen.insights.analytics.weeks
    assert len(weeks) >= 13
    assert "…" not in page_two
    assert "..." not in page_two
    for week in weeks:
        assert f"{week.monday.day} {week.monday:%b}" in page_two


def test_an_empty_shop_says_no_visits_yet_and_exports_one_page(qtbot, make_kiosk, services, tmp_path):
    create_demo_shop(services.ctx, customers_count=0)
    kiosk = make_kiosk()
    screen = _open(qtbot, kiosk)
    assert screen.pages.currentWidget() is screen.nothing
    assert screen.nothing.isVisible()
    assert "No visits yet" in screen.nothing.text()
    screen.export_path = tmp_path / "empty.pdf"
    with qtbot.waitSignal(screen.exported, timeout=20000):
        qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    pages, text = _pdf_text(screen.export_path)
    assert pages == 1
    assert "No visits yet" in text


def test_dark_theme_draws_on_the_dark_surface_with_light_text(qtbot, make_kiosk, seeded, tmp_path):
    kiosk = make_kiosk(KioskSettings(sound=False, theme="dark"))
    screen = _open(qtbot, kiosk)
    dark = PALETTES["dark"]
    for view in screen.charts.values():
        chart = view.chart()
        assert chart.backgroundBrush().color().name() == dark.surface
        assert chart.titleBrush().color().name() == dark.text
        for axis in chart.axes():
            assert axis.labelsBrush().color().name() == dark.text
    cell = screen.cohorts.item(0, 0)
    assert cell.foreground().color().name() in ("#000000", "#ffffff")

    # the PDF is printed on white: its charts are drawn light, the screen's stay dark
    screen.export_path = tmp_path / "dark.pdf"
    with qtbot.waitSignal(screen.exported, timeout=20000) as saved:
        qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].ok
    assert screen.charts["visits"].chart().backgroundBrush().color().name() == dark.surface
    page = subprocess.run(
        ["pdftoppm", "-r", "20", "-f", "1", "-l", "1", "-png", str(screen.export_path), str(tmp_path / "p")],
        check=True,
    )
    assert page.returncode == 0
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    pixels = [image.pixelColor(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)]
    dark_share = sum(p.lightness() < 60 for p in pixels) / len(pixels)
    assert dark_share < 0.1  # a dark chart would cover about a third of the page


def test_a_standalone_kiosk_says_so_shows_its_own_segments_and_that_at_risk_needs_the_cloud(
    qtbot, make_kiosk, seeded
):
    _shop, scans, _joined = seeded
    kiosk = make_kiosk()
    screen = _open(qtbot, kiosk)
    assert screen.scope.text().endswith("Computed on this kiosk (not paired).")
    view = screen.charts["segments"]
    names = view.chart().axes(Qt.Orientation.Vertical)[0].categories()
    bars = {name: int(view.series.at(i)) for i, name in enumerate(names)}
    assert names[-1] == "Champions"  # the best segment drawn on top
    assert sum(bars.values()) == len({name for _, name, *_ in scans})  # each visitor once
    screen.tabs.setCurrentIndex(5)
    assert "At risk needs the cloud" in screen.risk_note.text()
    assert not screen.at_risk.isVisible()


def test_the_at_risk_table_lists_the_most_valuable_first_with_their_chance(qtbot, make_kiosk, seeded):
    kiosk = make_kiosk()
    screen = _open(qtbot, kiosk)
    members = (
        MemberOutlook("a", "Ann", 2, 0.12, 0.3),
        MemberOutlook("b", "Ben", 14, 0.31, 0.9),
        MemberOutlook("c", "Cid", 30, 0.8, 4.0),  # likely to stay: not at risk
    )
    cloud = replace(
        screen.insights, churn=Churn(ChurnState.READY, weeks=12, members=members), source=Source.CLOUD
    )
    screen.show_insights(cloud)  # the value a cloud answer brings (tests/ui/test_analytics_cloud.py)
    screen.tabs.setCurrentIndex(5)
    table = screen.at_risk
    assert table.isVisible()
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows == [["Ben", "14", "31 %", "0.9"], ["Ann", "2", "12 %", "0.3"]]
    assert "next 12 weeks" in screen.risk_note.text()


def test_the_at_risk_table_writes_german_decimals_in_german(qtbot, make_kiosk, seeded):
    kiosk = make_kiosk(KioskSettings(sound=False, language="de"), language="de")
    screen = _open(qtbot, kiosk)
    members = (MemberOutlook("b", "Ben", 14, 0.31, 0.94),)
    cloud = replace(
        screen.insights, churn=Churn(ChurnState.READY, weeks=12, members=members), source=Source.CLOUD
    )
    screen.show_insights(cloud)
    table = screen.at_risk
    assert [table.item(0, c).text() for c in range(4)] == ["Ben", "14", "31 %", "0,9"]
