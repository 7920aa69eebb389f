"""The Analytics screen's A/B tests tab: per test, each group's value with its 95 % confidence
interval drawn as a line across a dot (a forest plot: groups down, the value along), the effect
against the baseline group with its interval and p-value, and which group won, if one did.

Before the horizon (every group has its fixed number of members with a finished window) there is
nothing to compare: the tab says "not enough data yet" with the members counted so far and the
day the horizon should be reached, and draws only those counts. No value, interval or winner
shows early, so nobody stops a test on a lucky week (no peeking)."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCharts import QCategoryAxis, QChart, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QLocale, QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.domain.insights import ExperimentReport, Source
from kiosk.ui.analytics_pdf_ab import AbTestTexts, AbTexts
from kiosk.ui.text import arg, day_text
from kiosk.ui.theme import PALETTES, Palette
from kiosk.ui.widgets.analytics_charts import ChartView, _axis_colours, _dress, accent, bar_chart
from loyalty_rules.experiments import Metric


def _scale(metric: Metric) -> float:
    return 100.0 if metric is Metric.RETURN_WITHIN_DAYS else 1.0  # shares are drawn in percent


def interval_chart(
    view: ChartView, report: ExperimentReport, names: list[str], palette: Palette, title: str
) -> None:
    """Each group's value (a dot) and its 95 % interval (a line), the first group on top; the
    baseline group's value as a dashed line down the chart to compare the others with."""
    results, scale = report.results, _scale(report.metric)
    rows = len(results.arms)
    chart = QChart()
    _dress(chart, palette, title)
    colour, muted = accent(palette), QColor(palette.muted)
    dots = QScatterSeries()
    dots.setMarkerSize(13)
    dots.setColor(colour)
    dots.setBorderColor(colour)
    lows, highs = [], []
    lines = []
    for index, arm in enumerate(results.arms):
        if arm.estimate is None:
            continue
        y = float(rows - 1 - index)
        low, high = arm.estimate.low * scale, arm.estimate.high * scale
        lows.append(low)
        highs.append(high)
        line = QLineSeries()
        line.setPen(QPen(colour, 4))
        line.append(low, y)
        line.append(high, y)
        lines.append(line)
        dots.append(arm.estimate.value * scale, y)
    base = results.arms[report.baseline].estimate if rows else None
    reference = QLineSeries()
    if base is not None:
        pen = QPen(muted, 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        reference.setPen(pen)
        reference.append(QPointF(base.value * scale, -0.5))
        reference.append(QPointF(base.value * scale, rows - 0.5))
    series = [reference, *lines, dots]
    for s in series:
        chart.addSeries(s)
    x = QValueAxis()
    low, high = min(lows, default=0.0), max(highs, default=1.0)
    span = high - low or 1.0
    # ticks on round numbers (a tenth of the scale's decade), anchored at 0; a little room past
    # the outer ends so a dot at 100 % is drawn whole
    step = 10 ** math.floor(math.log10(span)) if span > 0 else 1.0
    step = step * 2 if span / step > 5 else step
    left, right = max(0.0, low - span * 0.08), high + span * 0.08
    if report.metric is Metric.RETURN_WITHIN_DAYS:
        right = min(right, 104.0)
        x.setLabelFormat("%.0f %%")
    else:
        x.setLabelFormat("%.1f" if step < 1 else "%.0f")
    x.setRange(left, right)
    x.setTickType(QValueAxis.TickType.TicksDynamic)
    x.setTickAnchor(0.0)
    x.setTickInterval(step)
    _axis_colours(x, palette)
    y_axis = QCategoryAxis()
    y_axis.setStartValue(-0.5)
    for index in range(rows):  # the first group on top
        y_axis.append(names[rows - 1 - index], index + 0.5)
    y_axis.setRange(-0.5, rows - 0.5)
    y_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
    _axis_colours(y_axis, palette)
    y_axis.setGridLineVisible(False)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for s in series:
        s.attachAxis(x)
        s.attachAxis(y_axis)
    view.take(chart, dots)


class AbResultsPage(QScrollArea):
    """One block per A/B test, newest first: its name and state, a chart and the numbers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.box = QVBoxLayout(self.body)
        self.box.setContentsMargins(0, 6, 0, 0)
        self.setWidget(self.body)
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.box.addWidget(self.note)
        self.views: list[ChartView] = []  # one per test, in the order shown (tests read them)
        self.statuses: list[QLabel] = []  # each test's "not enough data yet" or its effects
        self.blocks: list[QWidget] = []

    def clear(self) -> None:
        for block in self.blocks:
            self.box.removeWidget(block)
            block.deleteLater()
        self.blocks, self.views, self.statuses = [], [], []

    def show_tests(self, reports: tuple[ExperimentReport, ...], source: Source, palette: Palette) -> None:
        self.clear()
        self.note.setText(self.note_text(reports, source))
        for report in reports:
            self.add_block(report, palette)
        self.box.addStretch(1)

    def note_text(self, reports: tuple[ExperimentReport, ...], source: Source) -> str:
        if not reports:
            return self.tr("No A/B tests yet. Start one on the Offers screen (A/B test…).")
        if source is Source.CLOUD:
            return self.tr("Every till's members, as the cloud counts them.")
        return self.tr("This kiosk's data only: members who came in at other tills are not counted here.")

    def add_block(self, report: ExperimentReport, palette: Palette) -> None:
        block = QWidget()
        lines = QVBoxLayout(block)
        lines.setContentsMargins(0, 8, 0, 8)
        heading = QLabel(self.heading_text(report))
        heading.setObjectName("fieldLabel")
        heading.setWordWrap(True)
        status = QLabel(self.status_text(report))
        status.setWordWrap(True)
        status.setObjectName("hint" if not report.results.ready else "")
        view = ChartView()
        view.setFixedHeight(150 + 45 * len(report.results.arms))  # the axis in view, the next test below
        names = [self.arm_name(n) for n in report.arm_names]
        if report.results.ready:
            interval_chart(view, report, names, palette, self.chart_title(report))
        else:
            counted = [min(a.complete, report.horizon) for a in report.results.arms]
            title = arg(self.tr("Members counted so far, by group (%1 needed in each)"), report.horizon)
            bar_chart(view, names[::-1], counted[::-1], palette, title, across=True)
        lines.addWidget(heading)
        lines.addWidget(status)
        lines.addWidget(view)
        self.box.addWidget(block)
        self.blocks.append(block)
        self.views.append(view)
        self.statuses.append(status)

    def arm_name(self, name: str | None) -> str:
        return self.tr("Control (no offer)") if name is None else name

    def heading_text(self, report: ExperimentReport) -> str:
        state = self.tr("running") if report.running else self.tr("stopped")
        return arg(self.tr("%1 (%2, since %3)"), report.name, state, self.day_text(report.start))

    def day_text(self, day: date) -> str:
        """A day as the kiosk's language writes it (5 Dec 2026, 5. Dez. 2026), on screen and paper."""
        return day_text(day, self.tr("d MMM yyyy"))

    def chart_title(self, report: ExperimentReport) -> str:
        if report.metric is Metric.RETURN_WITHIN_DAYS:
            return arg(self.tr("Came back within %1 days, with 95 % confidence intervals"), report.days)
        return arg(self.tr("Visit days in the first %1 days, with 95 % confidence intervals"), report.days)

    @staticmethod
    def number_text(report: ExperimentReport, value: float) -> str:
        """A difference as a signed number: percentage points for a share, visits for a mean."""
        scaled = value * 100 if report.metric is Metric.RETURN_WITHIN_DAYS else value
        digits = 1 if report.metric is Metric.RETURN_WITHIN_DAYS else 2
        text = f"{scaled:+.{digits}f}".replace("-", "−") if round(scaled, digits) else f"{0:.{digits}f}"
        return text.replace(".", QLocale().decimalPoint())

    @staticmethod
    def p_text(p_value: float) -> str:
        text = f"{p_value:.3f}" if p_value >= 0.001 else "< 0.001"
        return text.replace(".", QLocale().decimalPoint())

    def effect_text(self, report: ExperimentReport, value: float) -> str:
        unit = self.tr("%1 points") if report.metric is Metric.RETURN_WITHIN_DAYS else self.tr("%1 visits")
        return arg(unit, self.number_text(report, value))

    def status_text(self, report: ExperimentReport) -> str:
        results = report.results
        if not results.ready:
            if results.expected is None:
                return arg(
                    self.tr("Not enough data yet: %1 of %2 members; the horizon's day cannot be told yet."),
                    report.counted,
                    report.needed,
                )
            return arg(
                self.tr("Not enough data yet: %1 of %2 members, the horizon is %3."),
                report.counted,
                report.needed,
                self.day_text(results.expected),
            )
        names = [self.arm_name(n) for n in report.arm_names]
        lines = []
        for index, arm in enumerate(results.arms):
            c = arm.comparison
            if c is None:
                continue
            lines.append(
                arg(
                    self.tr("%1 against %2: %3 (95 % CI %4 to %5), p = %6"),
                    names[index],
                    names[report.baseline],
                    self.effect_text(report, c.effect),
                    self.number_text(report, c.low),
                    self.number_text(report, c.high),
                    self.p_text(c.p_value),
                )
            )
        if results.winner is None:
            lines.append(self.tr("No group is shown to be better."))
        else:
            lines.append(arg(self.tr("Better: %1."), names[results.winner]))
        return "\n".join(lines)

    def report_texts(self, reports: tuple[ExperimentReport, ...], source: Source) -> AbTexts:
        """The PDF report's A/B tests section, in this tab's words."""
        return AbTexts(
            heading=self.tr("A/B tests"),
            note=self.note_text(reports, source),
            tests=tuple(self.test_texts(report) for report in reports),
        )

    def test_texts(self, report: ExperimentReport) -> AbTestTexts:
        names = [self.arm_name(n) for n in report.arm_names]
        if report.metric is Metric.RETURN_WITHIN_DAYS:
            measure = arg(self.tr("Measured: who comes back within %1 days of the first visit"), report.days)
        else:
            measure = arg(self.tr("Measured: visit days in the first %1 days"), report.days)
        return AbTestTexts(
            heading=self.heading_text(report),
            lines=(
                arg(self.tr("Groups: %1"), ", ".join(names)),
                measure,
                arg(self.tr("Horizon: %1 members in each group, %2 in all"), report.horizon, report.needed),
            ),
            status=self.status_text(report),
            ready=report.results.ready,
        )

    def paper_views(self, reports: tuple[ExperimentReport, ...]) -> list[ChartView | None]:
        """Each test's forest plot drawn anew for white paper (whatever the screen's theme), in
        the shape the tab gives it; None before the horizon, when there is nothing to plot. The
        caller deletes them after printing."""
        views: list[ChartView | None] = []
        for report in reports:
            if not report.results.ready:
                views.append(None)
                continue
            view = ChartView()
            view.resize(900, 150 + 45 * len(report.results.arms))
            names = [self.arm_name(n) for n in report.arm_names]
            interval_chart(view, report, names, PALETTES["light"], self.chart_title(report))
            views.append(view)
        return views
