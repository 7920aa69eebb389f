"""Managers' reports: how the counter went today, this week, this month. Visits, stamps given,
rewards redeemed and new customers, then the same per offer, per member of staff and per day.
The worker counts (kiosk/services/reports.py); this screen only shows what it sends."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.reports import Totals
from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton, period_choice
from kiosk.ui.widgets.forms import MessageLine, screen_layout
from kiosk.ui.workers import StoreWorker

PERIODS = (1, 7, 30)


class ReportTable(QTableWidget):
    """One row per offer, person or day: what it counted."""

    def __init__(self, first_header: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels(
            [first_header, self.tr("Visits"), self.tr("Stamps"), self.tr("Rewards"), self.tr("New customers")]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def show_rows(self, rows: list[tuple[str, Totals]]) -> None:
        self.setRowCount(len(rows))
        for row, (label, totals) in enumerate(rows):
            cells = (label, totals.visits, totals.stamps, totals.rewards, totals.new_customers)
            for column, value in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(str(value)))


class ReportsScreen(QWidget):
    analytics_requested = Signal()  # the charts over longer periods (kiosk/ui/screens/analytics.py)
    drawn = Signal(object)  # the ReportOutcome just shown or refused (benchmarks wait on it)

    def __init__(self, worker: StoreWorker, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.days = 1
        self.outcome = None
        layout, _ = screen_layout(self, self.tr("Reports"))

        labels = {1: self.tr("Today"), 7: self.tr("Last 7 days"), 30: self.tr("Last 30 days")}
        choice, self.period_buttons = period_choice(
            self, {days: labels[days] for days in PERIODS}, self.days, self.on_period_chosen
        )
        self.charts_button = BigButton(self.tr("Charts"), icon_name="chart")
        self.charts_button.clicked.connect(self.analytics_requested)
        choice.addWidget(self.charts_button)
        layout.addLayout(choice)
        self.scope = QLabel()
        self.scope.setObjectName("hint")
        self.scope.setWordWrap(True)
        layout.addWidget(self.scope)

        tiles = QGridLayout()
        tiles.setHorizontalSpacing(12)
        self.numbers: dict[str, QLabel] = {}
        captions = {
            "visits": self.tr("Visits"),
            "stamps": self.tr("Stamps given"),
            "rewards": self.tr("Rewards redeemed"),
            "new_customers": self.tr("New customers"),
        }
        for column, (key, caption) in enumerate(captions.items()):
            tile = QFrame()
            tile.setObjectName("reportTile")
            box = QVBoxLayout(tile)
            box.setContentsMargins(16, 10, 16, 10)
            number = QLabel("–")
            number.setObjectName("reportNumber")
            label = QLabel(caption)
            label.setObjectName("reportCaption")
            box.addWidget(number)
            box.addWidget(label)
            self.numbers[key] = number
            tiles.addWidget(tile, 0, column)
        layout.addLayout(tiles)
        self.adjustments = QLabel()
        self.adjustments.setObjectName("hint")
        layout.addWidget(self.adjustments)
        self.expiries = QLabel()  # lapsed points: their own line, never a manual adjustment
        self.expiries.setObjectName("hint")
        layout.addWidget(self.expiries)

        self.tabs = QTabWidget()
        self.by_offer = ReportTable(self.tr("Offer"))
        self.by_staff = ReportTable(self.tr("Staff"))
        self.by_day = ReportTable(self.tr("Day"))
        self.tabs.addTab(self.by_offer, self.tr("By offer"))
        self.tabs.addTab(self.by_staff, self.tr("By staff"))
        self.tabs.addTab(self.by_day, self.tr("By day"))
        layout.addWidget(self.tabs, 1)
        self.message = MessageLine()
        layout.addWidget(self.message)

    def activate(self) -> None:
        self.refresh()

    def reset(self) -> None:
        self.outcome = None
        for number in self.numbers.values():
            number.setText("–")
        for table in (self.by_offer, self.by_staff, self.by_day):
            table.setRowCount(0)
        self.message.say("", "")

    def refresh(self) -> None:
        if self.session.actor is not None:
            self.message.say("", self.tr("Counting…"))
            days, actor = self.days, self.session.actor
            self.worker.op(self, lambda s: s.report(days, actor=actor)).success(self.on_report_made).refused(
                self.on_report_refused
            ).run_in_background()

    def on_period_chosen(self, days: int) -> None:
        self.days = days
        self.refresh()

    def on_report_made(self, outcome) -> None:
        if outcome.days != self.days:
            return  # an answer for a period the manager has since left
        self.outcome = outcome
        report = outcome.report
        totals = report.totals
        for key, number in self.numbers.items():
            number.setText(str(getattr(totals, key)))
        self.adjustments.setText(
            arg(
                self.tr("%n manual adjustment(s), %1 stamps in all", "", totals.adjustments),
                f"{totals.adjusted_stamps:+d}",
            )
            if totals.adjustments
            else ""
        )
        self.adjustments.setVisible(bool(totals.adjustments))
        self.expiries.setText(
            self.tr("%n point(s) expired (no visit within the offer's months)", "", totals.expired_points)
        )
        self.expiries.setVisible(bool(totals.expiries))
        self.scope.setText(
            arg(
                self.tr(
                    "From %1 to now, at this kiosk. The cloud's analytics count every kiosk of the shop."
                ),
                report.start.strftime("%Y-%m-%d %H:%M"),
            )
            if outcome.paired
            else arg(self.tr("From %1 to now."), report.start.strftime("%Y-%m-%d %H:%M"))
        )
        unknown = self.tr("unknown")
        self.by_offer.show_rows([(outcome.offer_names.get(pid, pid[:8]), t) for pid, t in report.by_offer])
        self.by_staff.show_rows([(name or unknown, t) for name, t in report.by_staff])
        self.by_day.show_rows([(day.isoformat(), t) for day, t in reversed(report.by_day)])
        self.message.say("", "")
        self.drawn.emit(outcome)

    def on_report_refused(self, outcome) -> None:
        self.message.say("bad", refusal_text(outcome.refusal))
        self.drawn.emit(outcome)
