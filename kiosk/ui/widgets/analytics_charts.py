"""The Analytics screen's pictures, each filled from the Analytics value (kiosk/domain/analytics.py):
the visits line, the popular offers bars, the new members per week bars and the cohort heat map.
Colours follow the kiosk's theme so both themes stay readable."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from kiosk.domain.analytics import Cohort, DayFigures, OfferFigures, WeekFigures
from kiosk.ui.text import day_text
from kiosk.ui.theme import Palette

TOP_OFFERS = 8  # more bars than this stop being readable at the counter's screen size
ACCENT = {"light": "#1565c0", "dark": "#64b5f6"}  # the lines and bars; 4.5:1 on either surface


def is_dark(palette: Palette) -> bool:
    return QColor(palette.surface).lightness() < 128


def accent(palette: Palette) -> QColor:
    return QColor(ACCENT["dark" if is_dark(palette) else "light"])


def _dress(chart: QChart, palette: Palette, title: str) -> None:
    chart.setBackgroundBrush(QBrush(QColor(palette.surface)))
    chart.setTitle(title)
    chart.setTitleBrush(QBrush(QColor(palette.text)))
    font = QFont(chart.titleFont())
    font.setPointSize(13)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.legend().hide()
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)


def _axis_colours(axis, palette: Palette) -> None:
    axis.setLabelsBrush(QBrush(QColor(palette.text)))
    axis.setLinePenColor(QColor(palette.muted))
    axis.setGridLineColor(QColor(palette.empty_stamp if not is_dark(palette) else "#4a4c55"))


def _count_axis(top: int, palette: Palette) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(1, top) * 1.1)
    axis.setLabelFormat("%d")
    axis.applyNiceNumbers()
    _axis_colours(axis, palette)
    return axis


class ChartView(QChartView):
    """A chart that draws smoothly; `series` is what the tests read."""

    painted = Signal()  # a frame is on screen (the benchmark's "open to painted" ends here)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.series = None

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()

    def take(self, chart: QChart, series) -> None:
        old = self.chart()
        self.setChart(chart)
        self.series = series
        if old is not None:
            old.deleteLater()


def visits_chart(
    view: ChartView, days: tuple[DayFigures, ...], palette: Palette, title: str, formats: tuple[str, str]
) -> None:
    """Visits per shop day: a line over the calendar days, its axis written in the kiosk's
    language: `formats` are the caller's translated day ("d MMM") and month ("MMM yy") patterns,
    days up to 90 days, months beyond."""
    chart = QChart()
    _dress(chart, palette, title)
    series = QLineSeries()
    series.setPen(QPen(accent(palette), 2.5))
    for d in days:
        moment = QDateTime(d.day.year, d.day.month, d.day.day, 12, 0, 0)  # noon: clear of any DST gap
        series.append(float(moment.toMSecsSinceEpoch()), float(d.visits))
    chart.addSeries(series)
    x = QDateTimeAxis()
    x.setFormat(formats[0] if len(days) <= 90 else formats[1])
    x.setTickCount(7)
    _axis_colours(x, palette)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x)
    y = _count_axis(max((d.visits for d in days), default=0), palette)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y)
    view.take(chart, series)


def bar_chart(
    view: ChartView, labels: list[str], counts: list[int], palette: Palette, title: str, *, across: bool
):
    chart = QChart()
    _dress(chart, palette, title)
    bars = QBarSet(title)
    bars.setColor(accent(palette))
    bars.setBorderColor(accent(palette))
    bars.setLabelColor(QColor(palette.text))
    for value in counts:
        bars.append(float(value))
    series = QHorizontalBarSeries() if across else QBarSeries()
    series.append(bars)
    series.setLabelsVisible(len(counts) <= 20)  # the numbers on the bars, while they fit
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append(labels)
    _axis_colours(names, palette)
    if len(labels) > 20:
        names.setLabelsAngle(-90)
    values_axis = _count_axis(max(counts, default=0), palette)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft if across else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom if across else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    series.attachAxis(values_axis)
    view.take(chart, bars)


def offers_chart(view: ChartView, offers: tuple[OfferFigures, ...], palette: Palette, title: str) -> None:
    """Stamps per offer, the busiest on top."""
    top = list(offers[:TOP_OFFERS])[::-1]  # a horizontal bar chart draws its first category lowest
    bar_chart(view, [o.name for o in top], [o.stamps for o in top], palette, title, across=True)


def weeks_chart(
    view: ChartView, weeks: tuple[WeekFigures, ...], palette: Palette, title: str, day_format: str
) -> None:
    """New members per week, labelled by the week's Monday in the caller's translated pattern."""
    labels = [day_text(w.monday, day_format) for w in weeks]
    bar_chart(view, labels, [w.new_members for w in weeks], palette, title, across=False)


def heat_colour(share: float, palette: Palette) -> tuple[QColor, QColor]:
    """A cell's background (the theme's surface blended towards the accent by the share) and the
    text colour that stays readable on it."""
    base, strong = QColor(palette.surface), accent(palette)
    mix = max(0.0, min(1.0, share))
    background = QColor(
        round(base.red() + (strong.red() - base.red()) * mix),
        round(base.green() + (strong.green() - base.green()) * mix),
        round(base.blue() + (strong.blue() - base.blue()) * mix),
    )
    # black or white, whichever contrasts more (WCAG: black wins on anything lighter than L=0.179)
    return background, QColor("#000000" if _luminance(background) > 0.179 else "#ffffff")


def _luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


class CohortTable(QTableWidget):
    """One row per joining month, one column per month after it; each cell says the share in
    numbers too, so the colour is never the only way to read it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 0, parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        # as wide as "+11" and "100 %" need: a narrow window scrolls sideways instead of clipping
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def show_cohorts(self, rows: tuple[Cohort, ...], palette: Palette, month_label) -> None:
        # months before the first joiner are left off: a new shop's map starts at its first row
        first = next((i for i, r in enumerate(rows) if r.size), len(rows))
        rows = rows[first:]
        width = max((len(r.returned) for r in rows), default=0)
        self.clear()
        self.setRowCount(len(rows))
        self.setColumnCount(width)
        self.setHorizontalHeaderLabels([f"+{k}" for k in range(width)])
        self.setVerticalHeaderLabels([month_label(r) for r in rows])
        for row, cohort in enumerate(rows):
            for k in range(width):
                share = cohort.share(k)
                item = QTableWidgetItem("" if share is None else f"{round(share * 100)} %")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if share is not None:
                    background, text = heat_colour(share, palette)
                    item.setBackground(background)
                    item.setForeground(text)
                    item.setToolTip(f"{cohort.returned[k]} / {cohort.size}")
                self.setItem(row, k, item)
