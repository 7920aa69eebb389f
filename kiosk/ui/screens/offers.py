"""Managers' offers: create, edit, pause, archive, with a live preview of the card. Invalid input
is explained next to its field and nothing is saved."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import Program, ProgramKind, ProgramStatus
from kiosk.domain.offers import ICONS, OfferDraft
from kiosk.ui.messages import problem_text, refusal_text
from kiosk.ui.resources import icon
from kiosk.ui.screens.ab_test_dialog import AbTestDialog
from kiosk.ui.screens.bare_scan import BareScanChoice
from kiosk.ui.screens.happy_hours_dialog import HappyHoursDialog
from kiosk.ui.screens.offers_points import PointsFields
from kiosk.ui.screens.referral_policy_dialog import ReferralPolicyDialog
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.confirm import ConfirmBar
from kiosk.ui.widgets.count_spin import CountSpin
from kiosk.ui.widgets.flow import flow_row
from kiosk.ui.widgets.forms import FieldError, MessageLine, restyle, screen_layout
from kiosk.ui.widgets.stamps import CardPreview
from kiosk.ui.workers import StoreWorker
from loyalty_rules.kinds import KindRules, registered, rules_for

_KIND_CONTEXT = "ProgramKind"  # the kinds' texts are marked in their modules (loyalty_rules.kinds)


def kind_text(text: str) -> str:
    return QCoreApplication.translate(_KIND_CONTEXT, text)


COLOURS = ("#6d4c41", "#2e7d32", "#1565c0", "#ad1457", "#ef6c00", "#4527a0", "#00838f", "#37474f")


def _spin(low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    return spin


class OffersScreen(QWidget):
    def __init__(self, worker: StoreWorker, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.editing: Program | None = None
        self.programs: tuple[Program, ...] = ()
        layout, _ = screen_layout(self, self.tr("Offers"))
        row = QHBoxLayout()
        row.setSpacing(20)
        layout.addLayout(row, 1)

        left = QVBoxLayout()
        self.offer_list = QListWidget()
        self.offer_list.currentRowChanged.connect(self.on_offer_chosen)
        left.addWidget(self.offer_list, 1)
        self.new_button = BigButton(self.tr("New offer"), icon_name="tag")
        self.new_button.clicked.connect(self.on_new_clicked)
        left.addWidget(self.new_button)
        self.ab_button = BigButton(self.tr("A/B test…"))
        self.ab_button.clicked.connect(self.on_ab_clicked)
        self.ab_dialog: AbTestDialog | None = None
        self.happy_button = BigButton(self.tr("Happy hours…"))
        self.happy_button.clicked.connect(self.on_happy_hours_clicked)
        self.happy_dialog: HappyHoursDialog | None = None
        self.referrals_button = BigButton(self.tr("Referrals…"))
        self.referrals_button.clicked.connect(self.on_referrals_clicked)
        self.referrals_dialog: ReferralPolicyDialog | None = None
        # the shop-wide tools side by side, wrapping as the language needs: stacked, they left the
        # offer list one row and pushed the card preview over the bare-scan choice at 1024x768
        left.addWidget(flow_row(self.ab_button, self.happy_button, self.referrals_button))
        self.preview = CardPreview()
        left.addWidget(self.preview)
        self.bare_scan = BareScanChoice(worker, session)
        left.addWidget(self.bare_scan)
        row.addLayout(left, 1)

        form_host = QWidget()
        form = QFormLayout(form_host)
        form.setVerticalSpacing(4)
        # labels above their fields: the form fits 1024 px wide with room for the live preview
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setContentsMargins(0, 0, 8, 0)
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind, rules in registered().items():
            self.kind.addItem(kind_text(rules.texts.name), kind)
        self.units = CountSpin(0, 99)
        self.units_label = QLabel()
        self.per_visit_label = QLabel()
        self.reward = QLineEdit()
        self.per_visit = _spin(0, 99)
        self.cooldown = _spin(0, 999_999, self.tr(" s"))
        self.undo_window = _spin(0, 99_999, self.tr(" s"))
        self.starts_on = QCheckBox(self.tr("Starts on"))
        self.starts = QDateTimeEdit(QDateTime.currentDateTime())
        self.ends_on = QCheckBox(self.tr("Ends on"))
        self.ends = QDateTimeEdit(QDateTime.currentDateTime().addMonths(3))
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.colour = QComboBox()
        self.colour.setEditable(True)
        self.colour.addItems(COLOURS)
        self.icon_choice = QComboBox()
        for name in ICONS:
            self.icon_choice.addItem(icon(name, "#6d4c41"), name, name)
        self.points = PointsFields()  # shown for "Points per spend" only
        self.points.changed.connect(self.on_form_changed)
        self.errors: dict[str, FieldError] = {}
        self.form = form
        self.form_rows: dict[str, int] = {}  # field -> its row (shown or hidden by the kind)
        for key, label, widget in (
            ("name", self.tr("Name"), self.name),
            ("kind", self.tr("Kind"), self.kind),
            ("units_required", self.units_label, self.units),
            ("reward_text", self.tr("Reward"), self.reward),
            ("per_visit_limit", self.per_visit_label, self.per_visit),
            ("points", self.tr("Points per spend"), self.points),
            ("cooldown_seconds", self.tr("Wait between scans"), self.cooldown),
            ("undo_window_seconds", self.tr("Undo possible for"), self.undo_window),
            ("starts_at", self.starts_on, self.starts),
            ("ends_at", self.ends_on, self.ends),
            ("colour", self.tr("Colour"), self.colour),
            ("icon", self.tr("Icon"), self.icon_choice),
        ):
            error = FieldError()
            self.errors[key] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            self.form_rows[key] = form.rowCount()
            form.addRow(label, box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        self.message = MessageLine()
        right.addWidget(self.message)
        self.confirm = ConfirmBar()
        right.addWidget(self.confirm)
        self.save_button = BigButton(self.tr("Save"), kind="primary", icon_name="check")
        self.pause_button = BigButton(self.tr("Pause"))
        self.archive_button = BigButton(self.tr("Archive"), kind="danger")
        self.save_button.clicked.connect(self.on_save_clicked)
        self.pause_button.clicked.connect(self.on_pause_clicked)
        self.archive_button.clicked.connect(self.on_archive_clicked)
        right.addWidget(flow_row(self.save_button, self.pause_button, self.archive_button))
        row.addLayout(right, 1)

        for signal in (self.name.textChanged, self.reward.textChanged, self.colour.currentTextChanged):
            signal.connect(self.on_form_changed)
        self.units.valueChanged.connect(self.on_form_changed)
        self.icon_choice.currentIndexChanged.connect(self.on_form_changed)
        self.kind.currentIndexChanged.connect(self.on_kind_changed)
        self.on_new_clicked()

    def activate(self) -> None:
        self.worker.op(self, lambda s: s.currency_minor_per_unit()).success(
            self.points.set_currency
        ).run_in_background()
        self.worker.op(self, lambda s: s.list_offers()).success(self.on_offers_loaded).run_in_background()
        self.bare_scan.activate()

    def on_ab_clicked(self) -> None:
        self.ab_dialog = AbTestDialog(self.worker, self.session, self.programs, self)
        self.ab_dialog.open()

    def on_happy_hours_clicked(self) -> None:
        self.happy_dialog = HappyHoursDialog(self.worker, self.session, self)
        self.happy_dialog.load()
        self.happy_dialog.open()

    def on_referrals_clicked(self) -> None:
        self.referrals_dialog = ReferralPolicyDialog(self.worker, self.session, self)
        self.referrals_dialog.open()

    def _save(self, call) -> None:
        self.worker.op(self, call).success(self.on_offer_saved).refused(
            self.on_offer_refused
        ).run_in_background()

    def _save_draft(self, draft, program_id: str | None) -> None:
        actor = self.session.actor
        self._save(lambda s: s.save_offer(draft, actor=actor, program_id=program_id))

    def _set_status(self, program_id: str, status: ProgramStatus) -> None:
        actor = self.session.actor
        self._save(lambda s: s.set_offer_status(program_id, status, actor=actor))

    # the list
    def on_offers_loaded(self, programs) -> None:
        self.programs = tuple(programs)
        chosen = self.editing.id if self.editing else None
        self.offer_list.blockSignals(True)
        self.offer_list.clear()
        status_text = {
            ProgramStatus.ACTIVE: self.tr("running"),
            ProgramStatus.PAUSED: self.tr("paused"),
            ProgramStatus.ARCHIVED: self.tr("archived"),
        }
        for program in self.programs:
            item = QListWidgetItem(
                icon(program.icon, program.colour),
                arg(self.tr("%1 (%2)"), program.name, status_text[program.status]),
            )
            item.setData(Qt.ItemDataRole.UserRole, program.id)
            self.offer_list.addItem(item)
            if program.id == chosen:
                self.offer_list.setCurrentItem(item)
        self.offer_list.blockSignals(False)
        self.bare_scan.set_programs(self.programs)

    def on_offer_chosen(self, row: int) -> None:
        if 0 <= row < len(self.programs):
            self.fill(self.programs[row])

    def on_new_clicked(self) -> None:
        self.editing = None
        self.offer_list.clearSelection()
        self.fill(Program("", "", 10, "", per_visit_limit=1, cooldown_seconds=60, undo_window_seconds=120))
        self.name.setFocus()

    def fill(self, program: Program) -> None:
        self.editing = program if program.id else None
        self.name.setText(program.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(program.kind)))
        self.kind.setEnabled(self.editing is None)  # a kind is chosen once, when the offer is made
        self.on_kind_changed()
        self.units.setValue(program.units_required)
        self.points.fill(program.points)
        self.reward.setText(program.reward_text)
        self.per_visit.setValue(program.per_visit_limit)
        self.cooldown.setValue(program.cooldown_seconds)
        self.undo_window.setValue(program.undo_window_seconds)
        for check, edit, when in (
            (self.starts_on, self.starts, program.starts_at),
            (self.ends_on, self.ends, program.ends_at),
        ):
            check.setChecked(when is not None)
            if when is not None:
                edit.setDateTime(QDateTime(when.astimezone()))
        self.colour.setCurrentText(program.colour)
        self.icon_choice.setCurrentIndex(max(0, self.icon_choice.findData(program.icon)))
        self.pause_button.setEnabled(self.editing is not None)
        self.archive_button.setEnabled(self.editing is not None)
        paused = program.status is ProgramStatus.PAUSED
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        archived = program.status is ProgramStatus.ARCHIVED
        self.pause_button.setEnabled(self.editing is not None and not archived)
        self.archive_button.setText(self.tr("Restore") if archived else self.tr("Archive"))
        self.confirm.cancel()
        self.show_field_errors({})
        self.message.say("", "")
        self.on_form_changed()

    # the form
    def draft(self) -> OfferDraft:
        def when(check: QCheckBox, edit: QDateTimeEdit):
            return edit.dateTime().toPython().astimezone(UTC) if check.isChecked() else None

        points = self.points.settings() if self.chosen_kind().kind is ProgramKind.POINTS else None
        return OfferDraft(
            name=self.name.text(),
            # a points offer's shared count is its cheapest reward's cost (loyalty_rules.kinds.points)
            units_required=self.points.cheapest() if points else self.units.value(),
            reward_text=self.reward.text(),
            per_visit_limit=self.per_visit.value(),
            cooldown_seconds=self.cooldown.value(),
            undo_window_seconds=self.undo_window.value(),
            starts_at=when(self.starts_on, self.starts),
            ends_at=when(self.ends_on, self.ends),
            status=self.editing.status if self.editing else ProgramStatus.ACTIVE,
            colour=self.colour.currentText().strip(),
            icon=self.icon_choice.currentData() or "",
            kind=self.chosen_kind().kind,
            points=points,
        )

    def chosen_kind(self) -> KindRules:
        return rules_for(self.kind.currentData() or ProgramKind.STAMPS)

    def on_kind_changed(self, *_args) -> None:
        """The form asks what the chosen kind needs, in its words."""
        rules = self.chosen_kind()
        self.units_label.setText(kind_text(rules.texts.units_needed))
        self.per_visit_label.setText(kind_text(rules.texts.per_visit))
        self.units.set_unit(_KIND_CONTEXT, rules.texts.count)
        if rules.fixed_per_visit is not None:
            self.per_visit.setValue(rules.fixed_per_visit)
        self.per_visit.setEnabled(rules.fixed_per_visit is None)
        points = rules.kind is ProgramKind.POINTS
        self.form.setRowVisible(self.form_rows["points"], points)
        # a points offer's count is worked out: the cheapest reward's cost
        self.form.setRowVisible(self.form_rows["units_required"], not points)
        self.on_form_changed()

    def on_form_changed(self, *_args) -> None:
        points = self.chosen_kind().kind is ProgramKind.POINTS
        shown = self.chosen_kind().preview(self.points.cheapest() if points else self.units.value())
        self.preview.show_card(
            self.name.text() or self.tr("Offer name"),
            self.reward.text(),
            shown.needed,
            self.icon_choice.currentData() or "star",
            self.colour.currentText().strip(),
            filled=shown.towards,
            meter=arg(self.tr("%1 of %2 points"), shown.towards, shown.needed) if points else None,
        )

    def show_field_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.show_error(errors.get(key, ""))
        self.points.show_errors(errors)
        for key, widget in (
            ("name", self.name),
            ("units_required", self.units),
            ("reward_text", self.reward),
        ):
            restyle(widget, "error", key in errors)

    def on_save_clicked(self) -> None:
        draft = self.draft()
        editing = self.editing
        if editing is not None and draft.points is None and editing.units_required != draft.units_required:
            # a running offer's cards hold stamps counted against the old number: say what happens
            self.confirm.ask(
                arg(
                    self.tr(
                        "Change the stamps needed from %1 to %2? Every card keeps its stamps, counted "
                        "against %2 from now on: a card that already has %2 or more can redeem a reward "
                        "at once. You can change the number back later."
                    ),
                    editing.units_required,
                    draft.units_required,
                ),
                self.tr("Yes, change"),
                lambda: self._save_draft(draft, editing.id),
            )
            return
        self._save_draft(draft, editing.id if editing else None)

    def on_pause_clicked(self) -> None:
        if self.editing:
            paused = self.editing.status is ProgramStatus.PAUSED
            status = ProgramStatus.ACTIVE if paused else ProgramStatus.PAUSED
            self._set_status(self.editing.id, status)

    def on_archive_clicked(self) -> None:
        program = self.editing
        if program is None:
            return
        if program.status is ProgramStatus.ARCHIVED:
            self._set_status(program.id, ProgramStatus.ACTIVE)
            return
        self.confirm.ask(
            arg(
                self.tr(
                    "Archive %1? It stops taking stamps and leaves the counter; cards keep their stamps "
                    "and rewards already earned can still be redeemed. Choose it and Restore to undo this."
                ),
                program.name,
            ),
            self.tr("Yes, archive"),
            lambda: self._set_status(program.id, ProgramStatus.ARCHIVED),
        )

    def on_offer_saved(self, outcome) -> None:
        self.editing = outcome.program
        self.on_offers_loaded(outcome.programs)
        self.fill(outcome.program)
        self.message.say("good", arg(self.tr("Saved: %1"), outcome.program.name))

    def on_offer_refused(self, outcome) -> None:
        # each field's problem, in the kiosk's language, right under its field
        self.show_field_errors({name: problem_text(p) for name, p in outcome.field_problems.items()})
        self.message.say(
            "bad",
            self.tr("Not saved: fix the fields marked in red.")
            if outcome.field_errors
            else refusal_text(outcome.refusal),
        )
