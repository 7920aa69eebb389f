"""Analytics for managers and owners: visits per day, the popular offers, new members per week and
which joiners came back, over the last 30, 90 or 365 days, and the lot as a PDF report. The store
thread counts (kiosk/services/analytics.py); this screen only draws the Analytics value it gets,
so a paired kiosk's cloud figures can be drawn by the same code later."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.analytics import ANALYTICS_PERIODS, Cohort
from kiosk.ui.analytics_pdf import ReportTexts, render_pdf
from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.theme import PALETTES, Palette, current_palette
from kiosk.ui.widgets.analytics_charts import ChartView, CohortTable, offers_chart, visits_chart, weeks_chart
from kiosk.ui.widgets.buttons import BigButton, period_choice
from kiosk.ui.widgets.forms import MessageLine, screen_layout
from kiosk.ui.workers import StoreWorker


class AnalyticsScreen(QWidget):
    drawn = Signal(object)  # the AnalyticsOutcome just drawn (tests and screenshots wait on it)
    exported = Signal(object)  # the SavedFile outcome of an export, saved or refused
    reports_requested = Signal()  # back to the Reports tables, where this screen is reached from

    def __init__(self, worker: StoreWorker, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.days = 30
        self.outcome = None
        self.export_path: Path | None = None  # set by tests instead of asking with a dialog
        layout, _ = screen_layout(self, self.tr("Analytics"))

        labels = {30: self.tr("30 days"), 90: self.tr("90 days"), 365: self.tr("365 days")}
        choice, self.period_buttons = period_choice(
            self, {days: labels[days] for days in ANALYTICS_PERIODS}, self.days, self.on_period_chosen
        )
        self.tables_button = BigButton(self.tr("Tables"), icon_name="list")
        self.tables_button.clicked.connect(self.reports_requested)
        choice.addWidget(self.tables_button)
        self.export_button = BigButton(self.tr("Export PDF"), kind="primary")
        self.export_button.clicked.connect(self.on_export_clicked)
        self.export_button.setEnabled(False)
        choice.addWidget(self.export_button)
        layout.addLayout(choice)
        self.scope = QLabel()
        self.scope.setObjectName("hint")
        self.scope.setWordWrap(True)
        layout.addWidget(self.scope)

        self.pages = QStackedWidget()
        self.nothing = QLabel(self.tr("No visits yet. The charts appear here after the first stamps."))
        self.nothing.setObjectName("hint")
        self.nothing.setWordWrap(True)
        self.pages.addWidget(self.nothing)
        self.tabs = QTabWidget()
        self.charts = {name: ChartView() for name in ("visits", "offers", "weeks")}
        self.tabs.addTab(self.charts["visits"], self.tr("Visits"))
        self.tabs.addTab(self.charts["offers"], self.tr("Popular offers"))
        self.tabs.addTab(self.charts["weeks"], self.tr("New members"))
        cohort_page = QWidget()
        cohort_box = QVBoxLayout(cohort_page)
        cohort_box.setContentsMargins(0, 6, 0, 0)
        self.cohort_note = QLabel(self.cohort_note_text())
        self.cohort_note.setObjectName("hint")
        self.cohort_note.setWordWrap(True)
        self.cohorts = CohortTable()
        cohort_box.addWidget(self.cohort_note)
        cohort_box.addWidget(self.cohorts, 1)
        self.tabs.addTab(cohort_page, self.tr("Coming back"))
        self.pages.addWidget(self.tabs)
        layout.addWidget(self.pages, 1)
        self.message = MessageLine()
        layout.addWidget(self.message)

    def cohort_note_text(self) -> str:
        return self.tr(
            "Each row is the members who joined in that month; each column, the share of them "
            "who came in that many months later (+0: the month they joined)."
        )

    def month_label(self, cohort: Cohort) -> str:
        return arg(self.tr("%1 (%2 joined)"), cohort.month.strftime("%Y-%m"), cohort.size)

    def activate(self) -> None:
        self.refresh()

    def reset(self) -> None:
        self.outcome = None
        self.export_button.setEnabled(False)
        self.scope.setText("")
        for view in self.charts.values():
            view.series = None
            if view.chart() is not None:
                view.chart().removeAllSeries()
        self.cohorts.setRowCount(0)
        self.pages.setCurrentWidget(self.nothing)
        self.message.say("", "")

    def refresh(self) -> None:
        if self.session.actor is None:
            return
        self.message.say("", self.tr("Counting…"))
        days, actor = self.days, self.session.actor
        self.worker.op(self, lambda s: s.analytics(days, actor=actor)).success(self.on_counted).refused(
            self.on_refused
        ).run_in_background()

    def on_period_chosen(self, days: int) -> None:
        self.days = days
        self.refresh()

    def on_counted(self, outcome) -> None:
        if outcome.days != self.days:
            return  # an answer for a period the manager has since left
        self.outcome = outcome
        made, palette = outcome.analytics, current_palette()
        self.scope.setText(self.scope_text())
        if made.empty:
            self.pages.setCurrentWidget(self.nothing)
        else:
            self.draw_charts(palette)
            self.cohorts.show_cohorts(made.cohorts, palette, self.month_label)
            self.pages.setCurrentWidget(self.tabs)
        self.export_button.setEnabled(True)
        self.message.say("", "")
        self.drawn.emit(outcome)

    def draw_charts(self, palette: Palette) -> None:
        made = self.outcome.analytics
        visits_chart(self.charts["visits"], made.days, palette, self.tr("Visits per day"))
        offers_chart(self.charts["offers"], made.offers, palette, self.tr("Stamps per offer"))
        weeks_chart(self.charts["weeks"], made.weeks, palette, self.tr("New members per week"))

    def on_refused(self, outcome) -> None:
        self.message.say("bad", refusal_text(outcome.refusal))
        self.drawn.emit(outcome)

    def period_text(self) -> str:
        made = self.outcome.analytics
        return arg(
            self.tr("The last %1 days: %2 to %3"),
            self.outcome.days,
            made.start.strftime("%Y-%m-%d"),
            made.end.astimezone(made.start.tzinfo).strftime("%Y-%m-%d %H:%M"),
        )

    def scope_text(self) -> str:
        if self.outcome.paired:
            return arg(
                self.tr("%1, at this kiosk only. The cloud's analytics count every kiosk of the shop."),
                self.period_text(),
            )
        return self.period_text() + "."

    def totals_text(self) -> str:
        made = self.outcome.analytics
        days = made.days
        return arg(
            self.tr("%1 visits, %2 stamps given, %3 rewards redeemed, %4 new members"),
            made.visits,
            sum(d.stamps for d in days),
            sum(d.rewards for d in days),
            sum(w.new_members for w in made.weeks if w.monday >= days[0].day),
        )

    def report_texts(self) -> ReportTexts:
        made = self.outcome.analytics
        return ReportTexts(
            title=self.tr("Analytics report"),
            shop=self.outcome.shop or self.tr("Loyalty Kiosk"),
            period=self.period_text(),
            scope=self.tr("At this kiosk only: the cloud's analytics count every kiosk of the shop.")
            if self.outcome.paired
            else "",
            totals=self.totals_text() if not made.empty else self.nothing.text(),
            offers_heading=self.tr("Offers"),
            offer_lines=tuple(
                arg(self.tr("%1: %2 visits, %3 stamps, %4 rewards"), o.name, o.visits, o.stamps, o.rewards)
                for o in made.offers
            ),
            cohort_heading=self.tr("Returning members"),
            cohort_note=self.cohort_note_text(),
            page=self.tr("Page %1 of %2"),
        )

    def on_export_clicked(self) -> None:
        if self.outcome is None or self.session.actor is None:
            return
        path = self.export_path
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export PDF"),
                f"analytics-{self.outcome.days}d.pdf",
                self.tr("PDF files (*.pdf)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        made, palette = self.outcome.analytics, current_palette()
        paper = palette != PALETTES["light"] and not made.empty
        if paper:  # dark charts on white paper would print as black boxes
            self.draw_charts(PALETTES["light"])
        data = render_pdf(made, self.report_texts(), self.charts, self.month_label, self)
        if paper:
            self.draw_charts(palette)
        actor = self.session.actor
        self.export_button.setEnabled(False)
        self.message.say("", self.tr("Saving…"))
        self.worker.op(self, lambda s: s.save_report(path, data, actor=actor)).success(self.on_saved).refused(
            self.on_save_refused
        ).failure(lambda _: self.export_button.setEnabled(True)).run_in_background()

    def on_saved(self, saved) -> None:
        self.export_button.setEnabled(True)
        self.message.say("good", arg(self.tr("Saved the report to %1."), str(saved.path)))
        self.exported.emit(saved)

    def on_save_refused(self, saved) -> None:
        self.export_button.setEnabled(True)
        self.message.say("bad", refusal_text(saved.refusal))
        self.exported.emit(saved)
