"""A manager sets up an A/B test of offers (issue 17): two offers, or one offer against the
control (members who get none of it), what to measure, and the effect worth finding. The
sample-size calculator (loyalty_rules.experiments, the same formula the cloud's statistics use)
turns that into the members per arm, fixed before the test starts: the results stay "not enough
data yet" until every arm has them, so nobody stops early on a lucky streak."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import Program
from kiosk.domain.problems import Problem
from kiosk.domain.refusals import Reason
from kiosk.services.experiments import ExperimentDraft
from kiosk.ui.messages import problem_text, refusal_text
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.flow import flow_row
from kiosk.ui.widgets.forms import MessageLine
from kiosk.ui.workers import StoreWorker
from loyalty_rules.experiments import MAX_DAYS, Metric, sample_size_means, sample_size_proportions


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


def _decimal(low: float, high: float, value: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSingleStep(0.1)
    spin.setValue(value)
    return spin


class AbTestDialog(QDialog):
    experiment_created = Signal(object)  # the ExperimentOutcome

    def __init__(
        self,
        worker: StoreWorker,
        session: Session,
        programs: tuple[Program, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker, self.session = worker, session
        self.horizon: int | None = None
        self.setWindowTitle(self.tr("A/B test"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        note = QLabel(
            self.tr(
                "Members are split by their code, the same at every kiosk. The number of members per "
                "group is fixed now; results show once every group has reached it."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        # labels above their fields, as on the offer form: German labels are long
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(6)
        self.name = QLineEdit()
        self.arm_a, self.arm_b = QComboBox(), QComboBox()
        self.arm_a.addItem(self.tr("Control: no offer"), None)
        running = [p for p in programs if p.status.value == "active"]
        for program in running:
            self.arm_a.addItem(program.name, program.id)
            self.arm_b.addItem(program.name, program.id)
        self.measure = QComboBox()
        self.measure.addItem(self.tr("Members who come back within the days"), Metric.RETURN_WITHIN_DAYS)
        self.measure.addItem(self.tr("Visits per member within the days"), Metric.VISITS_PER_MEMBER)
        self.days = _spin(1, MAX_DAYS, 30, self.tr(" days"))
        self.baseline = _spin(1, 99, 40, " %")
        self.effect = _spin(1, 50, 10, self.tr(" points"))
        self.difference = _decimal(0.1, 50, 0.5)
        self.spread = _decimal(0.1, 50, 2.0)
        self.members = QLabel()
        self.members.setObjectName("cardTitle")
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Group A"), self.arm_a)
        form.addRow(self.tr("Group B"), self.arm_b)
        form.addRow(self.tr("Measure"), self.measure)
        form.addRow(self.tr("Within"), self.days)
        self.proportion_rows = (
            (self.tr("Share that comes back today"), self.baseline),
            (self.tr("Smallest change worth finding"), self.effect),
        )
        self.mean_rows = (
            (self.tr("Smallest change worth finding (visits)"), self.difference),
            (self.tr("Spread of visits per member (standard deviation)"), self.spread),
        )
        self.form = form
        for label, widget in (*self.proportion_rows, *self.mean_rows):
            form.addRow(label, widget)
        form.addRow(self.tr("Members per group"), self.members)
        layout.addLayout(form)
        self.message = MessageLine()
        layout.addWidget(self.message)
        self.save_button = BigButton(self.tr("Start the test"), kind="primary", icon_name="check")
        self.cancel_button = BigButton(self.tr("Cancel"))
        self.save_button.clicked.connect(self.on_save_clicked)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(flow_row(self.save_button, self.cancel_button))
        for spin in (self.baseline, self.effect):
            spin.valueChanged.connect(self.on_sizes_changed)
        for decimal in (self.difference, self.spread):
            decimal.valueChanged.connect(self.on_sizes_changed)
        self.measure.currentIndexChanged.connect(self.on_sizes_changed)
        self.on_sizes_changed()

    def on_sizes_changed(self, *_args) -> None:
        by_share = self.measure.currentData() is Metric.RETURN_WITHIN_DAYS
        for rows, shown in ((self.proportion_rows, by_share), (self.mean_rows, not by_share)):
            for _label, widget in rows:
                self.form.setRowVisible(widget, shown)
        try:
            if by_share:
                base = self.baseline.value() / 100
                self.horizon = sample_size_proportions(base, base + self.effect.value() / 100)
            else:
                self.horizon = sample_size_means(self.difference.value(), self.spread.value())
        except ValueError:  # the change would take the share past 100 %
            self.horizon = None
        if self.horizon is None:
            self.members.setText(self.tr("Choose a change that keeps the share under 100 %."))
        else:
            self.members.setText(
                arg(self.tr("%1 (95 % confidence, 80 % power)"), f"{self.horizon:,}".replace(",", " "))
            )

    def draft(self) -> ExperimentDraft:
        return ExperimentDraft(
            name=self.name.text(),
            offer_a=self.arm_a.currentData(),
            offer_b=self.arm_b.currentData() or "",
            metric=self.measure.currentData(),
            days=self.days.value(),
            horizon=self.horizon or 0,
        )

    def on_save_clicked(self) -> None:
        draft, actor = self.draft(), self.session.actor
        self.save_button.setEnabled(False)
        self.worker.op(self, lambda s: s.create_experiment(draft, actor=actor)).success(
            self.on_created
        ).refused(self.on_refused).run_in_background()

    def on_created(self, outcome) -> None:
        self.experiment_created.emit(outcome)
        self.accept()

    def on_refused(self, outcome) -> None:
        self.save_button.setEnabled(True)
        refusal = outcome.refusal
        problem = refusal.params.get("problem_code") if refusal else None
        if refusal is not None and refusal.reason is Reason.INVALID_INPUT and isinstance(problem, Problem):
            text = problem_text(problem, refusal.params.get("problem_params"))
        else:
            text = refusal_text(refusal)
        self.message.say("error", text)
