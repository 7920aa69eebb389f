"""The cashier's screen (the default): camera or scanner, a big prompt, quantity, and the result
of each scan in the same frame."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import EventKind, ProgramStatus
from kiosk.domain.outcomes import ScanOutcome
from kiosk.ui.messages import refusal_text
from kiosk.ui.screens.scan_points import PointsCounter
from kiosk.ui.session import Session
from kiosk.ui.sound import SoundPlayer
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.happy_hour_banner import HappyHourBanner
from kiosk.ui.widgets.points_sale import PointsSalePanel
from kiosk.ui.widgets.result_panel import ResultPanel, UndoOffer
from kiosk.ui.workers import StoreWorker

MAX_QUANTITY = 20  # the most any offer allows per visit (kiosk.domain.offers); until offers are read


def quantity_bound(programs) -> int:
    """The stepper's top: the largest per-visit limit of a running offer (a scan earns on one of
    them), so it never offers a count every offer would refuse."""
    limits = [p.per_visit_limit for p in programs if p.status is ProgramStatus.ACTIVE]
    return max(1, min(MAX_QUANTITY, max(limits))) if limits else MAX_QUANTITY


class CameraView(QLabel):
    """The live preview, or a clear 'use the scanner' state when there is no camera."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraView")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(300, 190))
        self.setWordWrap(True)
        self.live = False
        self.show_no_camera(self.tr("No camera: use the hand scanner or type the card number."))

    def show_no_camera(self, why: str) -> None:
        self.live = False
        self.setProperty("live", False)
        self.setPixmap(QPixmap())
        self.setText(why)

    def show_frame(self, frame: QImage) -> None:
        self.live = True
        scaled = frame.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        self.setPixmap(QPixmap.fromImage(scaled))


class ScanScreen(QWidget):
    result_shown = Signal(object)  # the outcome now on screen

    def __init__(self, worker: StoreWorker, session: Session, sounds: SoundPlayer, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("scanScreen")
        self.worker = worker
        self.session = session
        self.sounds = sounds
        self.quantity = 1
        self.max_quantity = MAX_QUANTITY
        self.last_outcome: object = None

        left = QVBoxLayout()
        left.setSpacing(12)
        self.camera = CameraView()
        left.addWidget(self.camera)
        self.prompt = QLabel(self.tr("Scan the customer's card"))
        self.prompt.setObjectName("prompt")
        self.prompt.setWordWrap(True)
        left.addWidget(self.prompt)
        self.code_entry = QLineEdit()
        self.code_entry.setObjectName("codeEntry")
        self.code_entry.setPlaceholderText(self.tr("Card code, then Enter"))
        self.code_entry.setMaxLength(600)
        self.code_entry.returnPressed.connect(self.on_code_entered)
        left.addWidget(self.code_entry)

        qty = QHBoxLayout()
        self.minus_button = BigButton("−")
        self.minus_button.setToolTip(self.tr("One stamp fewer (Ctrl+−)"))
        self.plus_button = BigButton("+")
        self.plus_button.setToolTip(self.tr("One stamp more (Ctrl++)"))
        self.quantity_label = QLabel()
        self.quantity_label.setObjectName("quantity")
        self.quantity_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.minus_button.clicked.connect(lambda: self.set_quantity(self.quantity - 1))
        self.plus_button.clicked.connect(lambda: self.set_quantity(self.quantity + 1))
        qty.addWidget(self.minus_button)
        qty.addWidget(self.quantity_label, 1)
        qty.addWidget(self.plus_button)
        left.addLayout(qty)
        self.stamp_button = BigButton(self.tr("Stamp"), kind="primary", icon_name="check")
        self.stamp_button.clicked.connect(self.on_code_entered)
        left.addWidget(self.stamp_button)
        left.addStretch(1)
        self.mute_button = BigButton("")
        self.mute_button.setCheckable(True)
        self.mute_button.toggled.connect(self.on_mute_toggled)
        self.mute_button.setChecked(not sounds.enabled)
        self._label_mute()
        left.addWidget(self.mute_button)

        left_box = QFrame()
        left_box.setObjectName("scanControls")
        left_box.setLayout(left)
        left_box.setFixedWidth(340)

        self.result = ResultPanel()
        self.result.redeem_confirmed.connect(self.on_redeem_confirmed)
        self.result.undo_requested.connect(self.on_undo_requested)
        self.result.earn_requested.connect(self.on_earn_requested)
        scroll = QScrollArea()
        scroll.setObjectName("resultScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.result)
        # a points offer's sale amount and catalogue, under the member's cards (scan_points)
        self.points_panel = PointsSalePanel()
        self.points = PointsCounter(self.points_panel, self.result, worker, session, sounds)
        self.points.shown.connect(self._shown)
        self.points_panel.empty_enter.connect(self.on_empty_enter)
        self.banner = HappyHourBanner(worker)  # shown while a happy hour runs
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self.banner)
        right.addWidget(scroll, 1)
        right.addWidget(self.points_panel)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(20)
        layout.addWidget(left_box)
        layout.addLayout(right, 1)
        self.set_quantity(1)

        for keys, slot in (
            ("Ctrl++", lambda: self.set_quantity(self.quantity + 1)),
            ("Ctrl+=", lambda: self.set_quantity(self.quantity + 1)),
            ("Ctrl+-", lambda: self.set_quantity(self.quantity - 1)),
            ("Alt+Z", self.result.on_undo_clicked),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # input
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.code_entry.setFocus()
        self.banner.refresh()  # a happy hour set up (or ended) meanwhile shows at once
        # the stepper's bound follows the offers a manager may have changed
        self.worker.op(self, lambda s: s.list_offers()).success(self.on_offers_loaded).run_in_background()

    def on_offers_loaded(self, programs) -> None:
        self.max_quantity = quantity_bound(programs)
        self.set_quantity(self.quantity)

    def set_quantity(self, quantity: int) -> None:
        self.quantity = max(1, min(self.max_quantity, quantity))
        self.quantity_label.setText(self.tr("%n stamp(s)", "", self.quantity))
        self.minus_button.setEnabled(self.quantity > 1)
        self.plus_button.setEnabled(self.quantity < self.max_quantity)

    def on_code_entered(self) -> None:
        code = self.code_entry.text().strip()
        self.code_entry.clear()
        if code:
            self.submit_code(code)
        else:
            self.on_empty_enter()

    def on_empty_enter(self) -> None:
        if self.result.pending_redeem() is not None:
            # Enter on the empty field answers the question on screen: "Give Ana a free coffee?"
            self.result.on_confirm_yes()

    def on_code_scanned(self, code: str) -> None:
        """From the camera worker or the wedge filter: same as typing it and pressing Enter."""
        self.submit_code(code)

    def submit_code(self, code: str) -> None:
        self.prompt.setText(self.tr("Checking the card…"))
        quantity, actor = self.quantity, self.session.actor
        self.worker.op(self, lambda s: s.record_scan(code, quantity=quantity, actor=actor)).success(
            self.on_scan_recorded
        ).refused(self.on_scan_refused).failure(self.on_failed).records_events().run_in_background()

    def on_earn_requested(self, program_id: str) -> None:
        """A program's "+1" on the member's panel: one stamp there, as a scan of her code would
        give (cooldown, per-visit limit), joining the program if she is new to it."""
        card_id, actor = self.result.member_card_id(), self.session.actor
        if card_id is None:
            return
        self.prompt.setText(self.tr("Checking the card…"))
        self.worker.op(
            self, lambda s: s.record_scan(card_id, quantity=1, actor=actor, program_id=program_id)
        ).success(self.on_earn_recorded).refused(self.on_scan_refused).failure(
            self.on_failed
        ).records_events().run_in_background()

    def on_earn_recorded(self, outcome: ScanOutcome) -> None:
        self.on_scan_recorded(outcome, tapped=True)

    def on_failed(self, _error: Exception) -> None:
        # the window has said what went wrong; the counter is ready for the next scan
        self.prompt.setText(self.tr("Scan the customer's card"))
        self.code_entry.setFocus()

    def on_mute_toggled(self, muted: bool) -> None:
        self.sounds.set_enabled(not muted)
        self._label_mute()

    def _label_mute(self) -> None:
        muted = self.mute_button.isChecked()
        self.mute_button.setText(self.tr("Sound: off") if muted else self.tr("Sound: on"))

    # camera
    def on_frame_captured(self, frame: QImage, _outline=None) -> None:
        self.camera.show_frame(frame)

    def on_camera_failed(self, why: str) -> None:
        self.camera.show_no_camera(arg(self.tr("Camera unavailable (%1). Use the hand scanner."), why))

    def on_camera_recovered(self) -> None:
        # the failure message goes at once; the next frame replaces this text with the preview
        self.camera.show_no_camera(self.tr("Camera connected: starting the preview…"))

    # serial scanner (its state shows where a camera preview would be; a live preview wins)
    def on_scanner_failed(self, why: str) -> None:
        if not self.camera.live:
            self.camera.show_no_camera(
                arg(self.tr("Scanner unavailable (%1). Retrying; type the card number meanwhile."), why)
            )

    def on_scanner_connected(self, port: str) -> None:
        if not self.camera.live:
            self.camera.show_no_camera(arg(self.tr("Scanner ready on %1."), port))

    # results
    def on_scan_recorded(self, outcome: ScanOutcome, tapped: bool = False) -> None:
        """`tapped`: a program's "+1", which names the program and keeps the rows where they are
        (the next tap lands where the cashier's finger is)."""
        program = outcome.card.program
        if outcome.event is None and outcome.sale_program is not None:
            self.points.ask_for_sale(outcome)  # a points offer's member: the amount comes next
            self._shown(outcome)
            return
        added = (
            self.tr("+%n stamp(s) (happy hour)", "", outcome.units_added)
            if outcome.happy_hour is not None
            else self.tr("%n stamp(s) added", "", outcome.units_added)
        )
        if outcome.rewards_unlocked:
            state = "reward"
            message = arg(self.tr("Reward unlocked: %1!"), program.reward_text)
            if outcome.happy_hour is not None:  # the boost stays visible beside the reward
                message = arg(self.tr("%1 %2"), message, added)
            self.sounds.play("reward")
        else:
            state = "good"
            message = added
            self.sounds.play("good")
        if tapped:
            message = arg(self.tr("%1: %2"), program.name, message)
        if outcome.joined:
            who = outcome.card.customer.first_name
            message = arg(self.tr("%1 (%2 joined %3)"), message, who, program.name)
        if outcome.layout_corrected:
            message = arg(self.tr("%1 (the scanner's keyboard layout is wrong: check it)"), message)
        self.result.show_result(
            state,
            message,
            outcome.customer_cards,
            focus_card=None if tapped else outcome.card.card.id,
            open_programs=outcome.open_programs,
        )
        label = arg(self.tr("Undo %1's +%2"), outcome.card.customer.first_name, outcome.units_added)
        event_id = outcome.event.id if outcome.event else None
        self.result.offer_undo(UndoOffer(outcome.card.card.id, event_id, label), program.undo_window_seconds)
        self.result.offer_redeem()
        self.points.show_for(outcome)
        self.set_quantity(1)
        self._shown(outcome)

    def on_scan_refused(self, outcome: ScanOutcome) -> None:
        self.sounds.play("bad")
        cards = outcome.customer_cards
        why = refusal_text(outcome.refusal)
        self.result.show_result("bad", why, cards, open_programs=outcome.open_programs)
        self.result.offer_redeem()  # a stamp refused (say, in the cooldown) still leaves a reward to give
        self.points.show_for(outcome)  # and a sale in her points offer
        self.set_quantity(1)  # the count was for this scan: the next customer starts from one
        self._shown(outcome)

    def on_redeemed(self, outcome) -> None:
        self.sounds.play("reward")
        self.result.replace_card(outcome.card)
        self.result.show_result(
            "good",
            arg(self.tr("Reward given: %1"), outcome.card.program.reward_text),
            tuple(r.view for r in self.result.rows),
        )
        event_id = outcome.event.id if outcome.event else None
        offer = UndoOffer(outcome.card.card.id, event_id, self.tr("Undo reward"))
        self.result.offer_undo(offer, outcome.card.program.undo_window_seconds)
        self.points.on_card_changed(outcome.card)
        self._shown(outcome)

    def on_undone(self, outcome) -> None:
        self.sounds.play("undo")
        self.result.replace_card(outcome.card)
        voided = outcome.voided
        if voided is not None and voided.kind is EventKind.REDEEM:
            message = self.tr("Undone: the reward was taken back")
        elif outcome.card is not None and outcome.card.program.points is not None:
            message = self.tr("Undone: %n point(s) taken back", "", voided.units if voided else 0)
        else:
            message = self.tr("Undone: %n stamp(s) taken back", "", voided.units if voided else 1)
        self.result.show_result("idle", message, tuple(r.view for r in self.result.rows))
        self.points.on_card_changed(outcome.card)
        self._shown(outcome)

    def on_action_refused(self, outcome) -> None:
        self.sounds.play("bad")
        rows = tuple(r.view for r in self.result.rows)
        self.result.show_result("bad", refusal_text(outcome.refusal), rows)
        self._shown(outcome)

    def on_redeem_confirmed(self, card_id: int) -> None:
        actor = self.session.actor
        self.worker.op(self, lambda s: s.redeem(card_id, actor=actor)).success(self.on_redeemed).refused(
            self.on_action_refused
        ).records_events().run_in_background()

    def on_undo_requested(self, offer: UndoOffer) -> None:
        actor = self.session.actor
        self.worker.op(self, lambda s: s.undo(offer.card_id, actor=actor, event_id=offer.event_id)).success(
            self.on_undone
        ).refused(self.on_action_refused).records_events().run_in_background()

    def _shown(self, outcome) -> None:
        self.last_outcome = outcome
        self.prompt.setText(self.tr("Scan the customer's card"))
        # a points member's sale amount is typed next, unless a stamp reward's question is on
        # screen (Enter in the code field answers it); anyone else's next input is a code
        selling = self.points.member_card_id is not None and self.result.pending_redeem() is None
        (self.points_panel.amount_entry if selling else self.code_entry).setFocus()
        self.result_shown.emit(outcome)

    def reset(self) -> None:
        self.result.show_idle()
        self.points.clear()
        self.set_quantity(1)
        self.code_entry.clear()
