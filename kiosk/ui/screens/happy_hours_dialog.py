"""A manager's happy hours (issue 15), from the Offers screen: the list, and a form for one: its
name, weekday + time rows of the shop's clock, the boost (a multiplier or bonus units a visit)
and the offers it boosts. Every problem the shared rule finds (loyalty_rules.happy_hours.problems)
shows under its field and nothing is saved; "End" switches one off for good."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QCoreApplication, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import Program
from kiosk.domain.refusals import Reason
from kiosk.services.happy_hours import HappyHourDraft, HappyHourOutcome, HappyHoursOutcome
from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.flow import flow_row
from kiosk.ui.widgets.forms import FieldError, MessageLine
from kiosk.ui.workers import StoreWorker
from loyalty_rules.happy_hours import Boost, HappyHour, HappyHourProblem, Weekday, Window

_PROBLEM_CONTEXT = "HappyHour"  # the problems' texts are marked in loyalty_rules.happy_hours


def problem_text(problem: HappyHourProblem) -> str:
    return QCoreApplication.translate(_PROBLEM_CONTEXT, problem.value)


class WindowRow(QWidget):
    """One weekday and its start and end time; an end at or before the start runs past midnight."""

    removed = Signal(object)

    def __init__(self, window: Window | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.weekday = QComboBox()
        names = (
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        )
        for day, name in zip(Weekday, names, strict=True):
            self.weekday.addItem(name, day)
        self.starts, self.ends = QTimeEdit(), QTimeEdit()
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("HH:mm")
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        row.addWidget(self.weekday, 2)
        row.addWidget(self.starts, 1)
        row.addWidget(self.ends, 1)
        row.addWidget(self.remove_button)
        window = window or Window(Weekday.FRIDAY, time(17), time(19))
        self.weekday.setCurrentIndex(int(window.weekday))
        self.starts.setTime(QTime(window.starts.hour, window.starts.minute))
        self.ends.setTime(QTime(window.ends.hour, window.ends.minute))

    def window(self) -> Window:
        start, end = self.starts.time(), self.ends.time()
        return Window(
            self.weekday.currentData(), time(start.hour(), start.minute()), time(end.hour(), end.minute())
        )


class HappyHoursDialog(QDialog):
    saved = Signal(object)  # the HappyHourOutcome of a save or an end

    def __init__(self, worker: StoreWorker, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker, self.session = worker, session
        self.hours: tuple[HappyHour, ...] = ()
        self.editing: HappyHour | None = None
        self.setWindowTitle(self.tr("Happy hours"))
        self.setMinimumWidth(860)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(20)

        left = QVBoxLayout()
        self.hour_list = QListWidget()
        self.hour_list.currentRowChanged.connect(self.on_hour_chosen)
        left.addWidget(self.hour_list, 1)
        self.new_button = BigButton(self.tr("New happy hour"))
        self.new_button.clicked.connect(self.on_new_clicked)
        left.addWidget(self.new_button)
        layout.addLayout(left, 2)

        right = QVBoxLayout()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # German labels are long
        form.setVerticalSpacing(4)
        self.name = QLineEdit()
        self.windows_box = QVBoxLayout()
        self.window_rows: list[WindowRow] = []
        self.add_window_button = QPushButton(self.tr("Add a day and time"))
        self.add_window_button.clicked.connect(lambda: self.add_window(None))
        windows_host = QVBoxLayout()
        windows_host.addLayout(self.windows_box)
        windows_host.addWidget(self.add_window_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.boost = QComboBox()
        self.boost.addItem(self.tr("Multiply what a visit earns"), Boost.MULTIPLY)
        self.boost.addItem(self.tr("Bonus stamps or points a visit"), Boost.BONUS)
        self.amount = QSpinBox()
        self.amount.setRange(0, 99)  # the rule's range is checked on save, and said at the field
        self.offers = QListWidget()
        self.offers.setMinimumHeight(120)  # two offers in view even with two time rows
        self.offers.setMaximumHeight(160)
        self.errors: dict[str, FieldError] = {}
        for key, label, content in (
            ("name", self.tr("Name"), self.name),
            ("windows", self.tr("Days and times (the shop's clock)"), windows_host),
            ("boost", self.tr("Boost"), self.boost),
            ("amount", self.tr("Multiplier or bonus"), self.amount),
            ("programs", self.tr("Offers it applies to"), self.offers),
        ):
            error = FieldError()
            error.setObjectName("fieldError")
            self.errors[key] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            if isinstance(content, QWidget):
                box.addWidget(content)
            else:
                box.addLayout(content)
            box.addWidget(error)
            form.addRow(label, box)
        right.addLayout(form, 1)
        self.message = MessageLine()
        right.addWidget(self.message)
        self.save_button = BigButton(self.tr("Save"), kind="primary", icon_name="check")
        self.end_button = BigButton(self.tr("End this happy hour"), kind="danger")
        self.close_button = BigButton(self.tr("Close"))
        self.save_button.clicked.connect(self.on_save_clicked)
        self.end_button.clicked.connect(self.on_end_clicked)
        self.close_button.clicked.connect(self.accept)
        right.addWidget(flow_row(self.save_button, self.end_button, self.close_button))
        layout.addLayout(right, 3)
        self.on_new_clicked()

    # loading
    def load(self) -> None:
        self.worker.op(self, lambda s: s.list_happy_hours()).success(self.on_loaded).run_in_background()

    def on_loaded(self, outcome: HappyHoursOutcome) -> None:
        if not outcome.ok:
            self.message.say("bad", refusal_text(outcome.refusal))
            return
        chosen = self.editing.id if self.editing else None
        self.hours = outcome.hours
        checked = self.chosen_offers()
        self.offers.clear()
        for program in outcome.offers:
            self._add_offer(program, program.id in checked)
        self.hour_list.blockSignals(True)
        self.hour_list.clear()
        for hour in self.hours:
            text = hour.name if hour.active else arg(self.tr("%1 (ended)"), hour.name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, hour.id)
            self.hour_list.addItem(item)
        self.hour_list.blockSignals(False)
        row = next((i for i, h in enumerate(self.hours) if h.id == chosen), -1)
        if row >= 0:
            self.hour_list.setCurrentRow(row)

    def _add_offer(self, program: Program, checked: bool) -> None:
        item = QListWidgetItem(program.name)
        item.setData(Qt.ItemDataRole.UserRole, program.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.offers.addItem(item)

    # the form
    def add_window(self, window: Window | None) -> WindowRow:
        row = WindowRow(window)
        row.removed.connect(self.remove_window)
        self.window_rows.append(row)
        self.windows_box.addWidget(row)
        return row

    def remove_window(self, row: WindowRow) -> None:
        self.window_rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def chosen_offers(self) -> frozenset[str]:
        items = (self.offers.item(i) for i in range(self.offers.count()))
        return frozenset(
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def fill(self, hour: HappyHour | None) -> None:
        self.editing = hour
        for row in list(self.window_rows):
            self.remove_window(row)
        self.name.setText(hour.name if hour else "")
        for window in hour.windows if hour else (None,):
            self.add_window(window)
        self.boost.setCurrentIndex(self.boost.findData(hour.boost if hour else Boost.MULTIPLY))
        self.amount.setValue(hour.amount if hour else 2)
        for i in range(self.offers.count()):
            item = self.offers.item(i)
            on = hour is not None and item.data(Qt.ItemDataRole.UserRole) in hour.programs
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.end_button.setEnabled(hour is not None and hour.active)
        self.save_button.setEnabled(hour is None or hour.active)  # an ended one is not changed again
        self.show_field_errors({})
        self.message.say("idle", "")

    def on_hour_chosen(self, row: int) -> None:
        if 0 <= row < len(self.hours):
            self.fill(self.hours[row])

    def on_new_clicked(self) -> None:
        self.hour_list.clearSelection()
        self.fill(None)
        self.name.setFocus()

    def draft(self) -> HappyHourDraft:
        return HappyHourDraft(
            name=self.name.text(),
            windows=tuple(r.window() for r in self.window_rows),
            boost=self.boost.currentData(),
            amount=self.amount.value(),
            programs=self.chosen_offers(),
            id=self.editing.id if self.editing else None,
        )

    def show_field_errors(self, problems: dict[str, str]) -> None:
        for key, error in self.errors.items():
            error.show_error(problems.get(key, ""))

    # saving
    def on_save_clicked(self) -> None:
        draft, actor = self.draft(), self.session.actor
        self.save_button.setEnabled(False)
        self.worker.op(self, lambda s: s.save_happy_hour(draft, actor=actor)).success(self.on_saved).refused(
            self.on_refused
        ).run_in_background()

    def on_end_clicked(self) -> None:
        if self.editing is None:
            return
        hour_id, actor = self.editing.id, self.session.actor
        self.worker.op(self, lambda s: s.end_happy_hour(hour_id, actor=actor)).success(self.on_saved).refused(
            self.on_refused
        ).run_in_background()

    def on_saved(self, outcome: HappyHourOutcome) -> None:
        self.editing = hour = outcome.hour
        self.save_button.setEnabled(hour is None or hour.active)
        self.show_field_errors({})
        done = self.tr("Saved: %1") if hour is None or hour.active else self.tr("Ended: %1")
        self.message.say("good", arg(done, hour.name if hour else ""))
        self.end_button.setEnabled(hour is not None and hour.active)
        self.saved.emit(outcome)
        self.load()

    def on_refused(self, outcome: HappyHourOutcome) -> None:
        self.save_button.setEnabled(True)
        refusal = outcome.refusal
        if outcome.problems:
            self.show_field_errors({k: problem_text(p) for k, p in outcome.problems.items()})
            self.message.say("bad", self.tr("Please correct the marked fields."))
        elif (
            refusal is not None
            and refusal.reason is Reason.INVALID_INPUT
            and refusal.params.get("field") in self.errors
        ):
            self.show_field_errors({refusal.params["field"]: self.tr("That offer no longer exists.")})
            self.message.say("bad", self.tr("Please correct the marked fields."))
        else:
            self.show_field_errors({})
            self.message.say("bad", refusal_text(refusal))
