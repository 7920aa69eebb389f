"""Analytics for managers and owners: visits per day, the popular offers, new members per week,
which joiners came back, the RFM segments, the members at risk and the A/B tests' results, over
the last 30, 90 or 365 days, and the lot as a PDF report. The store thread counts this kiosk's own figures
(kiosk/services/analytics.py); a paired kiosk then asks the cloud, which sees every till, on the
sync control thread (kiosk/sync/insights.py) and draws its answer with the same code, saying
whose figures they are. This screen only draws the Insights value it gets."""

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
from kiosk.domain.insights import CloudProblem, CloudRead, Insights, Source
from kiosk.ui.analytics_pdf import ReportTexts, render_pdf
from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.text import arg, day_text
from kiosk.ui.theme import PALETTES, Palette, current_palette
from kiosk.ui.widgets.ab_results_page import AbResultsPage
from kiosk.ui.widgets.analytics_charts import ChartView, CohortTable, offers_chart, visits_chart, weeks_chart
from kiosk.ui.widgets.at_risk_page import AtRiskPage
from kiosk.ui.widgets.buttons import BigButton, period_choice
from kiosk.ui.widgets.forms import MessageLine, screen_layout
from kiosk.ui.widgets.insights_views import segment_name, segments_chart
from kiosk.ui.workers import StoreWorker


class AnalyticsScreen(QWidget):
    drawn = Signal(object)  # the AnalyticsOutcome just drawn (tests and screenshots wait on it)
    cloud_answered = Signal(object)  # the CloudRead just shown (the cloud's figures, or why not)
    exported = Signal(object)  # the SavedFile outcome of an export, saved or refused
    reports_requested = Signal()  # back to the Reports tables, where this screen is reached from

    def __init__(self, worker: StoreWorker, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.days = 30
        self.outcome = None
        self.insights: Insights | None = None  # what is drawn: the cloud's or this kiosk's
        self.ask_cloud = None  # (days, zone) -> None, answered by on_cloud_read; set when syncing
        self.export_path: Path | None = None  # set by tests instead of asking with a dialog
        self.file_dialog: QFileDialog | None = None  # the last "Export PDF" dialog opened
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
        # seven tabs in 1024 px, German included (its shorter names there): narrower tabs than the
        # theme's (analyticsTabs)
        self.tabs.setObjectName("analyticsTabs")
        self.charts = {name: ChartView() for name in ("visits", "offers", "weeks", "segments")}
        self.tabs.addTab(self.charts["visits"], self.tr("Visits"))
        self.tabs.addTab(self.charts["offers"], self.tr("Popular offers"))
        self.tabs.addTab(self.charts["weeks"], self.tr("New members"))
        self.tabs.addTab(self.charts["segments"], self.tr("Segments"))
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
        self.risk_page = AtRiskPage()
        self.risk_note, self.at_risk = self.risk_page.note, self.risk_page.table
        self.tabs.addTab(self.risk_page, self.tr("At risk"))
        self.ab_page = AbResultsPage()
        self.tabs.addTab(self.ab_page, self.tr("A/B tests"))
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
        return arg(self.tr("%1 (%2 joined)"), day_text(cohort.month, self.tr("MMM yyyy")), cohort.size)

    def use_cloud(self, ask) -> None:
        """`ask(days, zone)` asks the cloud off the UI thread; its answer comes to on_cloud_read."""
        self.ask_cloud = ask

    def activate(self) -> None:
        self.refresh()

    def reset(self) -> None:
        self.outcome = None
        self.insights = None
        self.risk_page.clear()
        self.ab_page.clear()
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
        self.show_insights(outcome.insights)
        if outcome.paired and self.ask_cloud is not None:
            self.scope.setText(self.period_text() + ". " + self.tr("Asking the cloud…"))
            self.ask_cloud(outcome.days, outcome.analytics.start.tzinfo)
        self.drawn.emit(outcome)

    def on_cloud_read(self, read: CloudRead) -> None:
        if self.outcome is None or read.days != self.days or read.days != self.outcome.days:
            return  # signed out, or an answer for a period the manager has since left
        if read.insights is not None:
            self.show_insights(read.insights)
        else:
            self.scope.setText(self.scope_text(read.problem))
            self.scope.setToolTip(read.detail)
        self.cloud_answered.emit(read)

    def show_insights(self, insights: Insights) -> None:
        self.insights = insights
        palette = current_palette()
        self.scope.setText(self.scope_text())
        self.scope.setToolTip("")
        if insights.analytics.empty:
            self.pages.setCurrentWidget(self.nothing)
        else:
            self.draw_charts(palette)
            self.cohorts.show_cohorts(insights.analytics.cohorts, palette, self.month_label)
            self.risk_page.show_churn(self.insights.churn, palette)
            self.ab_page.show_tests(insights.experiments, insights.source, palette)
            self.pages.setCurrentWidget(self.tabs)
        self.export_button.setEnabled(True)
        self.message.say("", "")

    def draw_charts(self, palette: Palette) -> None:
        made = self.insights.analytics
        visits_chart(
            self.charts["visits"],
            made.days,
            palette,
            self.tr("Visits per day"),
            (self.tr("d MMM"), self.tr("MMM yy")),
        )
        offers_chart(self.charts["offers"], made.offers, palette, self.tr("Stamps per offer"))
        weeks_title = self.tr("New members per week")
        weeks_chart(self.charts["weeks"], made.weeks, palette, weeks_title, self.tr("d MMM"))
        segments_chart(
            self.charts["segments"],
            self.insights.segments,
            palette,
            arg(
                self.tr("Members by segment (%1 with a visit in the last 365 days)"),
                self.insights.scored_members,
            ),
        )

    def on_refused(self, outcome) -> None:
        self.message.say("bad", refusal_text(outcome.refusal))
        self.drawn.emit(outcome)

    def period_text(self) -> str:
        made = self.insights.analytics
        end = made.end.astimezone(made.start.tzinfo)
        return arg(
            self.tr("The last %1 days: %2 to %3"),
            self.outcome.days,
            day_text(made.start.date(), self.tr("d MMM yyyy")),
            day_text(end.date(), self.tr("d MMM yyyy")) + end.strftime(" %H:%M"),
        )

    def source_text(self, problem: CloudProblem | None = None) -> str:
        """Whose figures these are, in one line."""
        insights = self.insights
        if insights.source is Source.CLOUD:
            zone = insights.analytics.start.tzinfo
            return arg(self.tr("From the cloud, as of %1"), insights.as_of.astimezone(zone).strftime("%H:%M"))
        if insights.source is Source.STANDALONE:
            return self.tr("Computed on this kiosk (not paired)")
        if problem is CloudProblem.REFUSED:
            return self.tr("The cloud refused this kiosk — showing this kiosk's figures")
        if problem is CloudProblem.NOT_PAIRED:
            return self.tr("No cloud credential here — showing this kiosk's figures")
        return self.tr("Cloud unreachable — showing this kiosk's figures")

    def scope_text(self, problem: CloudProblem | None = None) -> str:
        return self.period_text() + ". " + self.source_text(problem) + "."

    def totals_text(self) -> str:
        made = self.insights.analytics
        days = made.days
        return arg(
            self.tr("%1 visits, %2 stamps given, %3 rewards redeemed, %4 new members"),
            made.visits,
            sum(d.stamps for d in days),
            sum(d.rewards for d in days),
            sum(w.new_members for w in made.weeks if w.monday >= days[0].day),
        )

    def report_texts(self) -> ReportTexts:
        made = self.insights.analytics
        churn = self.insights.churn
        risky = self.risk_page.members(churn)
        return ReportTexts(
            title=self.tr("Analytics report"),
            shop=self.outcome.shop or self.tr("Loyalty Kiosk"),
            period=self.period_text(),
            scope=self.scope.text().removeprefix(self.period_text() + ". "),
            totals=self.totals_text() if not made.empty else self.nothing.text(),
            offers_heading=self.tr("Offers"),
            offer_lines=tuple(
                arg(self.tr("%1: %2 visits, %3 stamps, %4 rewards"), o.name, o.visits, o.stamps, o.rewards)
                for o in made.offers
            ),
            segments_heading=self.tr("Members by segment"),
            segment_lines=tuple(
                arg(self.tr("%1: %2 members"), segment_name(c.segment), c.members)
                for c in self.insights.segments
            ),
            risk_heading=self.tr("At risk"),
            risk_lines=tuple(
                arg(
                    self.tr("%1: %2 still a customer, %3 visit days"),
                    m.name,
                    self.risk_page.percent(m.probability_alive),
                    m.visit_days,
                )
                for m in risky
            )
            or (self.risk_page.note_text(churn),),
            cohort_heading=self.tr("Returning members"),
            cohort_note=self.cohort_note_text(),
            ab=self.ab_page.report_texts(self.insights.experiments, self.insights.source),
            page=self.tr("Page %1 of %2"),
        )

    def on_export_clicked(self) -> None:
        if self.outcome is None or self.insights is None or self.session.actor is None:
            return
        if self.export_path is not None:
            self.export_to(self.export_path)
            return
        dialog = QFileDialog(
            self,
            self.tr("Export PDF"),
            f"analytics-{self.outcome.days}d.pdf",
            self.tr("PDF files (*.pdf)"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        # Qt's own dialog: in the kiosk's language and theme on every system, and opened without a
        # nested event loop (open(), not exec()), so the counter's threads keep answering
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.fileSelected.connect(lambda chosen: self.export_to(Path(chosen)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def export_to(self, path: Path) -> None:
        if self.outcome is None or self.insights is None or self.session.actor is None:
            return  # signed out while the dialog was open
        data = self.report_bytes()
        actor = self.session.actor
        self.export_button.setEnabled(False)
        self.message.say("", self.tr("Saving…"))
        self.worker.op(self, lambda s: s.save_report(path, data, actor=actor)).success(self.on_saved).refused(
            self.on_save_refused
        ).failure(lambda _: self.export_button.setEnabled(True)).run_in_background()

    def report_bytes(self) -> bytes:
        """The PDF report of the figures drawn, made here on the UI thread, where painting belongs
        (benchmarks/bench_dashboard.py times it)."""
        made, palette = self.insights.analytics, current_palette()
        paper = palette != PALETTES["light"] and not made.empty
        if paper:  # dark charts on white paper would print as black boxes
            self.draw_charts(PALETTES["light"])
        ab_views = self.ab_page.paper_views(self.insights.experiments) if not made.empty else []
        data = render_pdf(made, self.report_texts(), self.charts, self.month_label, self, ab_views)
        if paper:
            self.draw_charts(palette)
        for view in ab_views:
            if view is not None:
                view.deleteLater()
        return data

    def on_saved(self, saved) -> None:
        self.export_button.setEnabled(True)
        self.message.say("good", arg(self.tr("Saved the report to %1."), str(saved.path)))
        self.exported.emit(saved)

    def on_save_refused(self, saved) -> None:
        self.export_button.setEnabled(True)
        self.message.say("bad", refusal_text(saved.refusal))
        self.exported.emit(saved)
