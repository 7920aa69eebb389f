"""The Analytics PDF report's A/B tests section, read back with poppler (pdfinfo, pdftotext,
pdfimages) from a report exported at a standalone kiosk, in English and German: before the horizon
only the tab's "not enough data yet" words (no effect, interval, p-value or winner); after it the
effect with its 95 % CI and p-value and the forest plot drawn as vectors. The ledger and its
hand-computed numbers: tests/unit/test_experiment_results_local.py (Eight 3 of 4 against the
control's 1 of 4: +50 points, CI −10 to +110, p = 0.157)."""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPdfWriter

from kiosk.domain.reports import local_day
from kiosk.services.demo import DEMO_MANAGER_PIN, create_demo_shop
from kiosk.services.reports import local_zone
from kiosk.settings import KioskSettings
from kiosk.ui.analytics_pdf import render_pdf
from kiosk.ui.analytics_pdf_ab import AbTexts, ab_section
from kiosk.ui.pdf_pages import FOOTER, RESOLUTION, Pages
from kiosk.ui.theme import PALETTES
from tests.ui.conftest import sign_in
from tests.ui.test_analytics_screen import _pdf_text
from tests.unit.test_experiment_results_local import CASHIER, DAY, _members, _offer, _pull, _scan

WORDS = {
    "en": {
        "heading": "A/B tests",
        "test": "Eight stamps? (running, since {start})",
        "groups": "Groups: Control (no offer), Eight",
        "horizon": "Horizon: 4 members in each group, 8 in all",
        "early": "Not enough data yet: 0 of 8 members, the horizon is {horizon}.",
        "effect": "Eight against Control (no offer): +50.0 points (95 % CI −10.0 to +110.0), p = 0.157",
        "verdict": "No group is shown to be better.",
        "plot": "Came back within 7 days, with 95 % confidence intervals",
        "page": "Page {page} of {pages}",
        "none": "No A/B tests yet.",
    },
    "de": {
        "heading": "A/B-Tests",
        "test": "Eight stamps? (läuft, seit {start})",
        "groups": "Gruppen: Kontrollgruppe (kein Angebot), Eight",
        "horizon": "Horizont: 4 Mitglieder je Gruppe, 8 insgesamt",
        "early": "Noch nicht genug Daten: 0 von 8 Mitgliedern, der Horizont ist am {horizon}.",
        "effect": "Eight gegenüber Kontrollgruppe (kein Angebot): +50,0 Prozentpunkte (95-%-KI −10,0 bis "
        "+110,0), p = 0,157",
        "verdict": "Keine Gruppe ist nachweislich besser.",
        "plot": "Innerhalb von 7 Tagen wiedergekommen, mit 95-%-Konfidenzintervallen",
        "page": "Seite {page} von {pages}",
        "none": "Noch keine A/B-Tests.",
    },
}
# How each language writes a day in the report (CLDR's abbreviated month names), not ISO
MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
}


def _written(day, language: str) -> str:
    month = MONTHS[language][day.month - 1]
    return f"{day.day} {month} {day.year}" if language == "en" else f"{day.day}. {month} {day.year}"


def _open(qtbot, kiosk):
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    screen = kiosk.screens["analytics"]
    qtbot.mouseClick(kiosk.window.nav_buttons["reports"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.drawn, timeout=10000):
        qtbot.mouseClick(kiosk.screens["reports"].charts_button, Qt.MouseButton.LeftButton)
    return screen


def _export(qtbot, screen, path) -> tuple[int, str]:
    """Export as the manager does; the page count and the text, its lines' wrapping undone."""
    screen.export_path = path
    with qtbot.waitSignal(screen.exported, timeout=20000) as saved:
        qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].ok
    pages, text = _pdf_text(path)
    return pages, " ".join(text.split())


def _page_text(path, page: int) -> str:
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())  # "ff" may be one ligature glyph


def _images(path, page: int) -> list[str]:
    """pdfimages' rows for the page's raster images (none where everything is vectors)."""
    listed = subprocess.run(
        ["pdfimages", "-list", "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return listed.splitlines()[2:]  # past its two header lines


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_report_says_not_enough_data_before_the_horizon_then_the_ci_and_p_value(
    qtbot, make_kiosk, services, clock, tmp_path, language
):
    words = WORDS[language]
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
    day = local_day(start, local_zone(services.ctx))
    screen = _open(qtbot, make_kiosk(language=language))

    pages, text = _export(qtbot, screen, tmp_path / "early.pdf")
    assert pages == 4  # the A/B tests on a page of their own after the three of the charts
    ab_page = _page_text(tmp_path / "early.pdf", 4)
    assert ab_page.startswith(words["heading"])
    assert words["test"].format(start=_written(day, language)) in ab_page
    assert words["groups"] in ab_page
    assert words["horizon"] in ab_page
    assert words["early"].format(horizon=_written(day + timedelta(days=8), language)) in ab_page
    assert words["page"].format(page=4, pages=4) in ab_page
    for early in ("p =", "95", "%", words["verdict"], words["plot"]):  # nothing to peek at
        assert early not in ab_page
    assert words["effect"] not in text

    clock.now = start + timedelta(days=9)
    with qtbot.waitSignal(screen.drawn, timeout=10000):
        screen.refresh()
    pages, text = _export(qtbot, screen, tmp_path / "done.pdf")
    assert pages == 4
    ab_page = _page_text(tmp_path / "done.pdf", 4)
    assert words["test"].format(start=_written(day, language)) in ab_page
    assert words["effect"] in ab_page
    assert words["verdict"] in ab_page
    assert "Not enough" not in ab_page
    assert "Noch nicht genug" not in ab_page
    # the forest plot: its title and group names are the PDF's text, its lines and dots vectors
    assert words["plot"] in ab_page
    assert ab_page.count("Eight") >= 3  # groups line, effect line, the plot's axis
    assert _images(tmp_path / "done.pdf", 4) == []


def test_many_tests_flow_over_pages_each_whole_and_every_footer_counts_them(
    qtbot, make_kiosk, services, clock, tmp_path
):
    create_demo_shop(services.ctx)
    demo = SimpleNamespace(services=services, ctx=services.ctx, clock=clock)
    coffee, eight = _offer(demo, "Coffee", 10), _offer(demo, "Eight", 8)
    clock.advance(DAY)
    experiment = _pull(demo, [None, eight.id])
    control, treated = _members(demo, experiment, coffee.id, 4)
    start = clock()
    _scan(demo, *control, *treated)
    clock.now = start + timedelta(days=9)
    screen = _open(qtbot, make_kiosk(KioskSettings(sound=False, theme="dark")))
    [report] = screen.insights.experiments
    assert report.results.ready
    [on_screen] = screen.ab_page.views
    assert on_screen.chart().backgroundBrush().color().name() == PALETTES["dark"].surface
    reports = tuple(replace(report, name=f"Test {n}") for n in range(1, 9))
    texts = screen.report_texts()
    texts = replace(texts, ab=screen.ab_page.report_texts(reports, screen.insights.source))
    views = screen.ab_page.paper_views(reports)
    for view in views:  # white paper whatever the screen's theme
        assert view.chart().backgroundBrush().color().name() == PALETTES["light"].surface
    path = tmp_path / "many.pdf"
    made = screen.insights.analytics
    path.write_bytes(render_pdf(made, texts, screen.charts, screen.month_label, screen, views))
    for view in views:
        view.deleteLater()

    pages, _ = _pdf_text(path)
    assert pages > 5  # eight forest plots do not fit on one page
    seen = []
    for page in range(1, pages + 1):
        text = _page_text(path, page)
        assert f"Page {page} of {pages}" in text
        for n in range(1, 9):
            heading = f"Test {n} (running"
            if heading in text:
                seen.append(n)
                # kept whole: its plot's title follows its heading on the same page
                assert "Came back within 7 days" in text[text.index(heading) :]
    assert seen == list(range(1, 9))


@pytest.mark.parametrize("language", ["en", "de"])
def test_without_tests_the_section_is_one_line_and_no_page_more(
    qtbot, make_kiosk, services, clock, tmp_path, language
):
    words = WORDS[language]
    demo = SimpleNamespace(services=services, ctx=services.ctx, clock=clock)
    create_demo_shop(services.ctx)
    coffee = _offer(demo, "Coffee", 10)
    joined = services.enroll("Ann", program_ids=[coffee.id], actor=CASHIER)
    assert joined.ok, joined.message
    _scan(demo, *joined.tokens.values())
    screen = _open(qtbot, make_kiosk(language=language))
    pages, _ = _export(qtbot, screen, tmp_path / "none.pdf")
    assert pages == 3
    last = _page_text(tmp_path / "none.pdf", 3)
    assert words["heading"] in last
    assert words["none"] in last


def test_the_no_tests_line_starts_a_page_only_when_the_last_one_is_full(qapp):
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    pages = Pages(writer, "Page %1 of %2")
    texts = AbTexts("A/B tests", "No A/B tests yet.", ())
    line = pages.text_height(texts.heading, 13, bold=True) + pages.text_height(texts.note, 9)
    pages.y = pages.height - FOOTER - line - 10  # room left for it
    ab_section(pages, texts, [])
    assert pages.page == 1
    pages.y = pages.height - FOOTER - line + 10  # the cohorts ended a little lower
    ab_section(pages, texts, [])
    assert pages.page == 2
    assert pages.y == line  # drawn at the new page's top
    pages.end()
