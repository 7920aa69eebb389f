"""The Analytics screen as a PDF report: A4 pages with the title, the shop, the period, the totals,
the charts (drawn as vectors from the screen's own charts) and their numbers, and the cohort
table. Made in memory on the UI thread (painting belongs there); the store thread writes the
bytes to the chosen file (kiosk/services/analytics.py: save_report)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QWidget

from kiosk.domain.analytics import Analytics
from kiosk.ui.text import arg
from kiosk.ui.theme import PALETTES
from kiosk.ui.widgets.analytics_charts import ChartView, heat_colour

PAPER = PALETTES["light"]  # paper is white whatever the screen's theme
RESOLUTION = 300  # dots per inch


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
    page: str  # "Page %1 of %2"


class _Pages:
    """A painter over the PDF with a cursor going down the page."""

    def __init__(self, writer: QPdfWriter, pages: int, texts: ReportTexts) -> None:
        self.writer, self.pages, self.texts = writer, pages, texts
        self.painter = QPainter(writer)
        self.width = self.painter.viewport().width()
        self.height = self.painter.viewport().height()
        self.y = 0
        self.page = 1

    def text(self, line: str, size: float = 10, *, bold: bool = False, colour: str = PAPER.text) -> None:
        font = QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(bold)
        self.painter.setFont(font)
        self.painter.setPen(QColor(colour))
        bounds = self.painter.boundingRect(
            QRect(0, self.y, self.width, self.height), Qt.TextFlag.TextWordWrap, line
        )
        self.painter.drawText(bounds, Qt.TextFlag.TextWordWrap, line)
        self.y = bounds.bottom() + RESOLUTION // 12

    def chart(self, view: ChartView, height_share: float) -> None:
        """The chart as vectors, at the view's shape scaled to the page's width."""
        source = view.viewport().rect()
        if source.width() < 50 or source.height() < 50:  # never shown yet: give it a shape to draw
            view.resize(900, 420)
            source = view.viewport().rect()
        height = min(int(self.height * height_share), int(self.width * source.height() / source.width()))
        target = QRectF(0, self.y, self.width, height)
        view.render(self.painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        self.y += height + RESOLUTION // 8

    def next_page(self) -> None:
        self.footer()
        self.writer.newPage()
        self.page += 1
        self.y = 0

    def footer(self) -> None:
        font = QFont("DejaVu Sans")
        font.setPointSizeF(8)
        self.painter.setFont(font)
        self.painter.setPen(QColor(PAPER.muted))
        line = arg(self.texts.page, self.page, self.pages)
        self.painter.drawText(QRect(0, self.height - 120, self.width, 120), Qt.AlignmentFlag.AlignRight, line)

    def end(self) -> None:
        self.footer()
        self.painter.end()


def _cohort_grid(pages: _Pages, made: Analytics, month_label) -> None:
    rows = made.cohorts[next((i for i, r in enumerate(made.cohorts) if r.size), len(made.cohorts)) :]
    width = max((len(r.returned) for r in rows), default=0)
    label_w = pages.width // 6
    cell_w = (pages.width - label_w) // max(1, width)
    cell_h = RESOLUTION // 4
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
    pages.y += (len(rows) + 1) * cell_h + RESOLUTION // 8


def render_pdf(
    made: Analytics,
    texts: ReportTexts,
    charts: dict[str, ChartView],
    month_label,
    owner: QWidget | None = None,
) -> bytes:
    """The report's bytes: 3 pages (the visits; the offers and new members; the segments, the
    members at risk and the cohorts), or 1
    saying there was nothing to count yet."""
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
    pages = _Pages(writer, 1 if made.empty else 3, texts)
    pages.text(texts.title, 20, bold=True)
    pages.text(texts.shop, 14, bold=True)
    pages.text(texts.period, 11)
    if texts.scope:
        pages.text(texts.scope, 10, colour=PAPER.muted)
    pages.text(texts.totals, 11)
    if not made.empty:
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
    pages.end()
    buffer.close()
    return bytes(data.data())
