"""A manager sets the shop's referral rules (issue 15): the bonus the referring member gets, the
bonus the new member gets at her first visit, and how many referrals a month earn a bonus. Each
problem the shared rule finds (loyalty_rules.referrals.policy_problems) is shown at its field;
nothing is saved then."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.flow import flow_row
from kiosk.ui.widgets.forms import FieldError, MessageLine
from kiosk.ui.workers import StoreWorker
from loyalty_rules.referrals import ReferralPolicy

FIELDS = ("referrer_bonus", "newcomer_bonus", "monthly_cap")


def _spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 999)  # wider than the rule allows: the rule, not the box, says what is wrong
    return spin


class ReferralPolicyDialog(QDialog):
    def __init__(self, worker: StoreWorker, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker, self.session = worker, session
        self.setWindowTitle(self.tr("Referrals"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        note = QLabel(
            self.tr(
                "A member who brings a friend gets a bonus, and so does the friend, once the friend's "
                "first visit is recorded. Undoing that visit takes both bonuses back."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # German labels are long
        form.setVerticalSpacing(6)
        self.spins = {name: _spin() for name in FIELDS}
        self.errors = {name: FieldError() for name in FIELDS}
        labels = {
            "referrer_bonus": self.tr("Bonus for the member who refers (stamps or points)"),
            "newcomer_bonus": self.tr("Bonus for the new member, at her first visit"),
            "monthly_cap": self.tr("Referrals per member and month that earn a bonus"),
        }
        for name in FIELDS:
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(self.spins[name])
            box.addWidget(self.errors[name])
            form.addRow(labels[name], box)
        layout.addLayout(form)
        self.message = MessageLine()
        layout.addWidget(self.message)
        self.save_button = BigButton(self.tr("Save"), kind="primary", icon_name="check")
        self.cancel_button = BigButton(self.tr("Cancel"))
        self.save_button.clicked.connect(self.on_save_clicked)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(flow_row(self.save_button, self.cancel_button))
        self.save_button.setEnabled(False)  # until the shop's rules are read
        self.worker.op(self, lambda s: s.referral_policy()).success(self.fill).run_in_background()

    def fill(self, policy: ReferralPolicy) -> None:
        for name in FIELDS:
            self.spins[name].setValue(getattr(policy, name))
        self.save_button.setEnabled(True)

    def chosen(self) -> ReferralPolicy:
        return ReferralPolicy(**{name: self.spins[name].value() for name in FIELDS})

    def on_save_clicked(self) -> None:
        chosen, actor = self.chosen(), self.session.actor
        self.save_button.setEnabled(False)
        self.worker.op(self, lambda s: s.set_referral_policy(chosen, actor=actor)).success(
            self.on_saved
        ).refused(self.on_refused).failure(
            lambda _error: self.save_button.setEnabled(True)
        ).run_in_background()

    def on_saved(self, _outcome) -> None:
        self.save_button.setEnabled(True)
        self._show_problems({})
        self.message.say("good", self.tr("Referral rules saved."))
        self.accept()

    def on_refused(self, outcome) -> None:
        self.save_button.setEnabled(True)
        self._show_problems(outcome.problems)
        if outcome.problems:
            self.message.say("bad", self.tr("Nothing was saved: correct the marked fields."))
            self.spins[next(n for n in FIELDS if n in outcome.problems)].setFocus()
        else:
            self.message.say("bad", refusal_text(outcome.refusal))

    def _show_problems(self, problems) -> None:
        for name in FIELDS:
            problem = problems.get(name)
            text = QCoreApplication.translate("Referral", problem.value) if problem else ""
            self.errors[name].show_error(text)
