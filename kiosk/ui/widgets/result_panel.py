"""What the last scan did, in the same frame as the prompt: a green or red banner readable from
two metres, the customer's first name, and every card with its stamps, rewards and actions."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.model import CardStatus, Program
from kiosk.domain.outcomes import CardView
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import MIN_TOUCH, BigButton
from kiosk.ui.widgets.fitting import ElidedLabel
from kiosk.ui.widgets.stamps import StampStrip


@dataclass(frozen=True)
class UndoOffer:
    """What the Undo button on screen takes back: one event of one card, and nothing else."""

    card_id: int
    event_id: str | None
    label: str


class CardRow(QFrame):
    """One card: offer name, stamps as icons, 'n of m', its own "+1", rewards ready and a Redeem
    button."""

    redeem_requested = Signal(object)  # CardView
    earn_requested = Signal(str)  # the program's id: one stamp there, one tap

    def __init__(self, view: CardView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardRow")
        self.view = view
        program = view.program
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        top = QHBoxLayout()
        self.title = ElidedLabel(program.name)
        self.title.setObjectName("cardTitle")
        # a card that just filled up shows as full ("10 of 10"), not as an empty next card
        shown = program.units_required if view.rewards_ready and view.progress == 0 else view.progress
        self.count = QLabel(arg(self.tr("%1 of %2"), shown, program.units_required))
        self.count.setObjectName("stampCount")
        top.addWidget(self.title, 1)
        top.addWidget(self.count)
        self.earn_button = PlusOneButton(program.name, self)
        self.earn_button.clicked.connect(lambda: self.earn_requested.emit(program.id))
        top.addWidget(self.earn_button)
        layout.addLayout(top)
        if program.points is not None:
            # points earn from the sale's amount and buy from a catalogue: the points panel of
            # the counter does both, so this row only states the balance (no "+1", no strip)
            self.count.setText(self.tr("%n point(s)", "", view.card.balance.units))
            self.earn_button.hide()
            self.stamps = None
            self.reward = None
            self.redeem_button = None
            return
        self.stamps = StampStrip(stamp_size=32)
        self.stamps.show_stamps(shown, program.units_required, program.icon, program.colour)
        layout.addWidget(self.stamps)
        ready = view.rewards_ready
        if ready:
            bottom = QHBoxLayout()
            self.reward = QLabel(arg(self.tr("%n reward(s) ready: %1", "", ready), program.reward_text))
            self.reward.setObjectName("rewardReady")
            self.reward.setWordWrap(True)
            self.redeem_button = BigButton(self.tr("Redeem"), kind="good", icon_name="gift")
            self.redeem_button.clicked.connect(lambda: self.redeem_requested.emit(self.view))
            bottom.addWidget(self.reward, 1)
            bottom.addWidget(self.redeem_button)
            layout.addLayout(bottom)
        else:
            self.reward = None
            self.redeem_button = None


class PlusOneButton(BigButton):
    """A program's own "+1": one tap earns one stamp there, under the rules of a scan."""

    def __init__(self, program_name: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("+1"), parent, kind="primary")
        self.setObjectName("earnButton")
        self.setMinimumWidth(MIN_TOUCH + 24)  # a thumb's width: the busiest button of the counter
        self.setToolTip(arg(self.tr("One stamp in %1"), program_name))


class OpenProgramRow(QFrame):
    """A running program the member has no card in yet: at 0, and she joins at her first stamp."""

    earn_requested = Signal(str)  # the program's id

    def __init__(self, program: Program, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardRow")
        self.program = program
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        top = QHBoxLayout()
        self.title = ElidedLabel(program.name)
        self.title.setObjectName("cardTitle")
        self.count = QLabel(arg(self.tr("%1 of %2"), 0, program.units_required))
        self.count.setObjectName("stampCount")
        self.earn_button = PlusOneButton(program.name, self)
        self.earn_button.clicked.connect(lambda: self.earn_requested.emit(program.id))
        top.addWidget(self.title, 1)
        top.addWidget(self.count)
        top.addWidget(self.earn_button)
        layout.addLayout(top)
        points = program.points is not None
        if points:  # a points offer earns from a sale's amount (the points panel), never a "+1"
            self.count.setText(self.tr("%n point(s)", "", 0))
            self.earn_button.hide()
        self.hint = QLabel(
            self.tr("Joins at the first sale") if points else self.tr("Joins at the first stamp")
        )
        self.hint.setObjectName("joinHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)


class ResultPanel(QFrame):
    redeem_confirmed = Signal(object)  # card id (64-bit: not a Qt int)
    undo_requested = Signal(object)  # UndoOffer: the card and the event the button named
    earn_requested = Signal(str)  # a program's "+1" on the member shown: the program's id
    painted = Signal()  # the benchmark measures a scan up to here

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.rows: list[CardRow] = []
        self.open_rows: list[OpenProgramRow] = []  # running programs she joins at a first stamp
        self._pending_redeem: CardView | None = None
        self._undo: UndoOffer | None = None
        self._undo_expiry = QTimer(self)
        self._undo_expiry.setSingleShot(True)
        self._undo_expiry.timeout.connect(self.on_undo_window_closed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.banner.setMinimumHeight(72)
        layout.addWidget(self.banner)
        self.name = ElidedLabel()
        self.name.setObjectName("customerName")
        layout.addWidget(self.name)
        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(8)
        layout.addLayout(self.cards_box)
        self.open_box = QVBoxLayout()
        self.open_box.setSpacing(8)
        layout.addLayout(self.open_box)

        self.confirm_bar = QFrame()
        self.confirm_bar.setObjectName("confirmBar")
        confirm = QHBoxLayout(self.confirm_bar)
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_yes = BigButton(self.tr("Yes, give it"), kind="good", icon_name="check")
        self.confirm_yes.setAutoDefault(True)  # Enter gives it too (Space already does) when focused
        self.confirm_no = BigButton(self.tr("Cancel"))
        self.confirm_yes.clicked.connect(self.on_confirm_yes)
        self.confirm_no.clicked.connect(self.on_confirm_no)
        confirm.addWidget(self.confirm_text, 1)
        confirm.addWidget(self.confirm_yes)
        confirm.addWidget(self.confirm_no)
        layout.addWidget(self.confirm_bar)

        self.undo_button = BigButton("", icon_name="undo")
        self.undo_button.setToolTip(self.tr("Alt+Z"))
        self.undo_button.clicked.connect(self.on_undo_clicked)
        layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.show_idle()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()

    # what is shown
    def show_idle(self) -> None:
        self._set_banner("idle", self.tr("Ready for the next customer"))
        self.name.clear()
        self._set_cards(())
        self._set_open_programs(())
        self._close_undo()

    def show_result(
        self,
        state: str,
        message: str,
        cards: tuple[CardView, ...],
        focus_card=None,
        open_programs: tuple[Program, ...] | None = None,
    ) -> None:
        """`state`: good, reward or bad. `cards`: all of the customer's cards, newest values.
        `open_programs`: running programs she has no card in (None: keep those on screen).
        A new result replaces the last one's Undo: an Undo only ever acts on the result on screen."""
        self._close_undo()
        self._set_banner(state, message)
        self.name.setText(cards[0].customer.first_name if cards else "")
        if focus_card is not None:
            cards = tuple(sorted(cards, key=lambda v: v.card.id != focus_card))
        self._set_cards(cards)
        if open_programs is not None or not cards:
            self._set_open_programs(open_programs or ())

    def member_card_id(self) -> int | None:
        """A live card of the member on screen: what a program's "+1" names her by (a revoked
        one earns nowhere, so it is named only when she has no other)."""
        live = [r.view.card for r in self.rows if r.view.card.status is CardStatus.ACTIVE]
        cards = live or [r.view.card for r in self.rows]
        return cards[0].id if cards else None

    def replace_card(self, view: CardView) -> None:
        """A redeem or undo changed one card: swap its row, keep the others."""
        current = tuple(view if r.view.card.id == view.card.id else r.view for r in self.rows)
        self._set_cards(current or (view,))

    def offer_undo(self, offer: UndoOffer, window_seconds: int) -> None:
        """Show an Undo for the result just shown, labelled with what it takes back."""
        if window_seconds <= 0:
            self._close_undo()
            return
        self._undo = offer
        self.undo_button.setText(offer.label)
        self.undo_button.show()
        self._undo_expiry.start(window_seconds * 1000)

    def offer_redeem(self) -> bool:
        """Ask at once whether to give the reward of the first card on screen that has one ready:
        one tap on Yes, or Enter at the counter (ScanScreen), gives it. False: nothing to give."""
        # a points reward is chosen from its catalogue on the points panel, never asked here
        ready = next(
            (row.view for row in self.rows if row.view.rewards_ready and row.view.program.points is None),
            None,
        )
        if ready is None:
            return False
        self._ask_redeem(ready)
        return True

    def pending_redeem(self) -> CardView | None:
        return self._pending_redeem

    # slots
    def on_undo_clicked(self) -> None:
        if self._undo is not None:
            offer = self._undo
            self._close_undo()
            self.undo_requested.emit(offer)

    def on_undo_window_closed(self) -> None:
        self._close_undo()

    def on_redeem_requested(self, view: CardView) -> None:
        self._ask_redeem(view)
        self.confirm_yes.setFocus()

    def _ask_redeem(self, view: CardView) -> None:
        self._pending_redeem = view
        self.confirm_text.setText(
            arg(self.tr("Give %1 %2?"), view.customer.first_name, view.program.reward_text)
        )
        self.confirm_bar.show()

    def on_confirm_yes(self) -> None:
        if self._pending_redeem is not None:
            self.redeem_confirmed.emit(self._pending_redeem.card.id)
        self.on_confirm_no()

    def on_confirm_no(self) -> None:
        self._pending_redeem = None
        self.confirm_bar.hide()

    # inside
    def _close_undo(self) -> None:
        self._undo = None
        self._undo_expiry.stop()
        self.undo_button.hide()

    def _set_banner(self, state: str, message: str) -> None:
        self.banner.setProperty("state", state)
        self.banner.setText(message)
        # a dynamic property only restyles after a re-polish
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)

    def _set_cards(self, cards: tuple[CardView, ...]) -> None:
        for row in self.rows:
            self.cards_box.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for view in cards:
            row = CardRow(view, self)
            row.redeem_requested.connect(self.on_redeem_requested)
            row.earn_requested.connect(self.earn_requested)
            self.cards_box.addWidget(row)
            self.rows.append(row)
        self.on_confirm_no()

    def _set_open_programs(self, programs: tuple[Program, ...]) -> None:
        for row in self.open_rows:
            self.open_box.removeWidget(row)
            row.deleteLater()
        self.open_rows = []
        for program in programs:
            row = OpenProgramRow(program, self)
            row.earn_requested.connect(self.earn_requested)
            self.open_box.addWidget(row)
            self.open_rows.append(row)
