"""The Analytics screen as a PDF report: A4 pages with the title, the shop, the period, the totals,
the charts (drawn as vectors from the screen's own charts) and their numbers, the cohort table
and the A/B tests (kiosk/ui/analytics_pdf_ab.py). Made in memory on the UI thread (painting
belongs there); the store thread writes the bytes to the chosen file (kiosk/services/analytics.py:
save_report)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPdfWriter
from PySide6.QtWidgets import QWidget

from kiosk.domain.analytics import Analytics, Cohort
from kiosk.ui.analytics_pdf_ab import AbTexts, ab_section
from kiosk.ui.pdf_pages import PAPER, RESOLUTION, Pages
from kiosk.ui.widgets.analytics_charts import ChartView, heat_colour


@dataclass(frozen=True)
class ReportTexts:
    """What the report says, translated by the screen."""

    title: str
    shop: str
    period: str
    scope: str
    totals: str
    offers_heading: str
    offer_lines: tuple[str, ...]  # one per offer, busiest first
    segments_heading: str
    segment_lines: tuple[str, ...]  # one per RFM segment, in the rules' order
    risk_heading: str
    risk_lines: tuple[str, ...]  # the members at risk, or why there are none
    cohort_heading: str
    cohort_note: str
    ab: AbTexts
    page: str  # "Page %1 of %2"


def _cohort_grid(pages: Pages, made: Analytics, month_label) -> None:
    rows = made.cohorts[next((i for i, r in enumerate(made.cohorts) if r.size), len(made.cohorts)) :]
    cell_h = RESOLUTION // 4
    if not pages.measuring:
        _draw_cohorts(pages, rows, cell_h, month_label)
    pages.y += (len(rows) + 1) * cell_h + RESOLUTION // 8


def _draw_cohorts(pages: Pages, rows: Sequence[Cohort], cell_h: int, month_label) -> None:
    width = max((len(r.returned) for r in rows), default=0)
    label_w = pages.width // 6
    cell_w = (pages.width - label_w) // max(1, width)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(7.5)
    pages.painter.setFont(font)
    painter = pages.painter
    for k in range(width):
        painter.setPen(QColor(PAPER.muted))
        painter.drawText(
            QRect(label_w + k * cell_w, pages.y, cell_w, cell_h), Qt.AlignmentFlag.AlignCenter, f"+{k}"
        )
    for row, cohort in enumerate(rows, start=1):
        top = pages.y + row * cell_h
        painter.setPen(QColor(PAPER.text))
        painter.drawText(QRect(0, top, label_w, cell_h), Qt.AlignmentFlag.AlignVCenter, month_label(cohort))
        for k in range(len(cohort.returned)):
            share = cohort.share(k)
            if share is None:
                continue
            background, text = heat_colour(share, PAPER)
            cell = QRect(label_w + k * cell_w, top, cell_w - 4, cell_h - 4)
            painter.fillRect(cell, background)
            painter.setPen(text)
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, f"{round(share * 100)} %")


def _lay_out(
    pages: Pages,
    made: Analytics,
    texts: ReportTexts,
    charts: dict[str, ChartView],
    ab_views: Sequence[QChartView | None],
    month_label,
) -> None:
    pages.text(texts.title, 20, bold=True)
    pages.text(texts.shop, 14, bold=True)
    pages.text(texts.period, 11)
    if texts.scope:
        pages.text(texts.scope, 10, colour=PAPER.muted)
    pages.text(texts.totals, 11)
    if made.empty:
        return
    pages.chart(charts["visits"], 0.45)
    pages.next_page()
    pages.chart(charts["offers"], 0.33)
    pages.text(texts.offers_heading, 11, bold=True)
    for line in texts.offer_lines[:10]:  # the busiest; more would run off the page
        pages.text(line)
    pages.chart(charts["weeks"], 0.3)
    pages.next_page()
    pages.text(texts.segments_heading, 13, bold=True)
    for line in texts.segment_lines:
        pages.text(line, 9)
    pages.text(texts.risk_heading, 13, bold=True)
    for line in texts.risk_lines[:10]:  # the most valuable; the screen lists more
        pages.text(line, 9)
    pages.text(texts.cohort_heading, 13, bold=True)
    pages.text(texts.cohort_note, 9, colour=PAPER.muted)
    _cohort_grid(pages, made, month_label)
    ab_section(pages, texts.ab, ab_views)


def render_pdf(
    made: Analytics,
    texts: ReportTexts,
    charts: dict[str, ChartView],
    month_label,
    owner: QWidget | None = None,
    ab_views: Sequence[QChartView | None] = (),
) -> bytes:
    """The report's bytes: the visits; the offers and new members; the segments, the members at
    risk and the cohorts; then the A/B tests from a new page (each test's forest plot in
    `ab_views`, None before its horizon), or one line saying there are none. Only the first page,
    saying there was nothing to count yet, when there was not."""
    data = QByteArray()
    buffer = QBuffer(data, owner)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"{texts.title} – {texts.shop}")
    writer.setCreator("Loyalty Kiosk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15)
        )
    )
    pages = Pages(writer, texts.page)
    _lay_out(pages, made, texts, charts, ab_views, month_label)  # measuring: how many pages
    pages.draw_pass()
    _lay_out(pages, made, texts, charts, ab_views, month_label)
    pages.end()
    buffer.close()
    return bytes(data.data())
