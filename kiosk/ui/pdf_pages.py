"""A4 pages of a PDF report drawn with a cursor going down the page (kiosk/ui/analytics_pdf.py).

A report is laid out twice with the same code: first measuring (nothing is drawn; only the cursor
and the page number move), then drawing. The first pass counts the pages, so every footer can say
"Page 2 of 4" although a section that flows (the A/B tests) decides its page breaks by what fits."""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPdfWriter

from kiosk.ui.text import arg
from kiosk.ui.theme import PALETTES

PAPER = PALETTES["light"]  # paper is white whatever the screen's theme
RESOLUTION = 300  # dots per inch
PAPER_CHART_WIDTH = 900  # logical pixels a chart is laid out in for paper, at the least
FOOTER = 120  # the page number's band at the bottom, in dots


class Pages:
    """A painter over the PDF with a cursor going down the page; `measuring` until draw_pass()."""

    def __init__(self, writer: QPdfWriter, page_text: str) -> None:
        self.writer, self.page_text = writer, page_text  # page_text: "Page %1 of %2"
        self.painter = QPainter(writer)
        self.width = self.painter.viewport().width()
        self.height = self.painter.viewport().height()
        self.measuring = True
        self.pages = 0  # known once measured
        self.y = 0
        self.page = 1

    def draw_pass(self) -> None:
        """The measuring pass is over: count its pages and go back to the top of page 1."""
        self.pages, self.measuring = self.page, False
        self.y, self.page = 0, 1

    def _font(self, size: float, bold: bool = False) -> None:
        font = QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(bold)
        self.painter.setFont(font)

    def _bounds(self, line: str, size: float, bold: bool) -> QRect:
        self._font(size, bold)
        return self.painter.boundingRect(
            QRect(0, self.y, self.width, self.height), Qt.TextFlag.TextWordWrap, line
        )

    def text_height(self, line: str, size: float = 10, *, bold: bool = False) -> int:
        """How far text() moves the cursor for this line."""
        return self._bounds(line, size, bold).bottom() + RESOLUTION // 12 - self.y

    def text(self, line: str, size: float = 10, *, bold: bool = False, colour: str = PAPER.text) -> None:
        bounds = self._bounds(line, size, bold)
        if not self.measuring:
            self.painter.setPen(QColor(colour))
            self.painter.drawText(bounds, Qt.TextFlag.TextWordWrap, line)
        self.y = bounds.bottom() + RESOLUTION // 12

    def chart_height(self, view: QChartView, height_share: float) -> int:
        """How far chart() moves the cursor for this view."""
        return self._chart_target(view, height_share).height() + RESOLUTION // 8

    def _chart_target(self, view: QChartView, height_share: float) -> QRect:
        source = _fitted(view)
        height = min(int(self.height * height_share), int(self.width * source.height() / source.width()))
        return QRect(0, self.y, self.width, height)

    def chart(self, view: QChartView, height_share: float) -> None:
        """The chart as vectors, at the view's shape scaled to the page's width."""
        target = self._chart_target(view, height_share)
        if not self.measuring:
            source = _fitted(view)
            chart = view.chart()
            shown = chart.size()
            # drawn to the paper's shape, not shrunk to the screen's (which left a chart capped in
            # height at half the page's width), and at least as wide as on a till's screen, where a
            # tab never opened is 640 wide and its week labels would be cut; put back after
            width = max(source.width(), PAPER_CHART_WIDTH)
            chart.resize(QSizeF(width, width * target.height() / target.width()))
            view.scene().render(
                self.painter, QRectF(target), chart.geometry(), Qt.AspectRatioMode.KeepAspectRatio
            )
            chart.resize(shown)
            view.setSceneRect(chart.geometry())
        self.y += target.height() + RESOLUTION // 8

    def keep(self, height: int) -> None:
        """A new page unless `height` more fits above the footer (a block is not split)."""
        if self.y > 0 and self.y + height > self.height - FOOTER:
            self.next_page()

    def next_page(self) -> None:
        if not self.measuring:
            self.footer()
            self.writer.newPage()
        self.page += 1
        self.y = 0

    def footer(self) -> None:
        self._font(8)
        self.painter.setPen(QColor(PAPER.muted))
        line = arg(self.page_text, self.page, self.pages)
        self.painter.drawText(
            QRect(0, self.height - FOOTER, self.width, FOOTER), Qt.AlignmentFlag.AlignRight, line
        )

    def end(self) -> None:
        self.footer()
        self.painter.end()


def _fitted(view: QChartView) -> QRectF:
    """The chart's place in its scene, the chart fitted to the view's size first as the view does
    when it is resized: a view not shown yet (a tab never opened, a view made for the paper) has
    not had its resize, and its chart would be drawn at a default size, cut off or small."""
    if view.width() < 50 or view.height() < 50:  # never laid out: give it a shape to draw
        view.resize(900, 420)
    chart = view.chart()
    size = QSizeF(view.size())
    if chart is not None and chart.size() != size:
        chart.resize(size)
        view.setSceneRect(chart.geometry())
    return view.sceneRect()
