"""The counter's points sale: the member's points offer, a field for the sale amount with an
on-screen keypad (the physical keyboard's digits type into the same field), Enter to add the
points, and the catalogue rewards her balance pays for, each a tap and a confirmation away.

The field is read with the locale's decimal separator ("12,50" in German, "12.50" in English)
into integer minor units (kiosk.domain.amounts): what is typed wrong is refused with its reason
and stays in the field to correct; nothing is recorded.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.domain.amounts import decimals_of, parse_amount
from kiosk.domain.model import Program
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.flow import FlowLayout
from loyalty_rules.kinds.points import Reward, affordable, tier_may_take
from loyalty_rules.tiers import Measure, Standing


def is_points_program(program: Program) -> bool:
    return program.points is not None


class PointsSalePanel(QFrame):
    sale_entered = Signal(object)  # the amount in minor units (int): add its points
    amount_refused = Signal(object)  # the Problem with what was typed; nothing was recorded
    reward_confirmed = Signal(str)  # a catalogue reward's id: give it for its points
    empty_enter = Signal()  # Enter on an empty field: the question on screen is answered

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pointsSale")
        self.program: Program | None = None
        self.first_name = ""
        self.balance = 0
        self.tier: str | None = None  # her tier's name in the offer's tiers; None: unknown or none
        self.reward_buttons: list[BigButton] = []
        self._pending_reward: Reward | None = None
        self.separator = QLocale().decimalPoint()

        # the field, its Enter and the rewards at the left, the keypad at the right: the member's
        # cards above keep most of the height
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        row = QHBoxLayout()
        row.setSpacing(12)
        layout.addLayout(row)
        left = QVBoxLayout()
        left.setSpacing(6)
        row.addLayout(left, 1)
        self.title = QLabel()
        self.title.setObjectName("pointsTitle")
        self.title.setWordWrap(True)
        left.addWidget(self.title)
        # her tier and the step to the next ("Silver · 40 points to Gold"); hidden without tiers
        self.tier_line = QLabel()
        self.tier_line.setObjectName("tierLine")
        self.tier_line.setWordWrap(True)
        self.tier_line.hide()
        left.addWidget(self.tier_line)
        self.amount_entry = QLineEdit()
        self.amount_entry.setObjectName("amountEntry")
        self.amount_entry.setMaxLength(16)
        self.amount_entry.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_entry.setToolTip(self.tr("The sale amount, then Enter"))
        self.amount_entry.returnPressed.connect(self.on_enter)
        self.enter_button = BigButton(self.tr("Add points"), kind="primary", icon_name="check")
        self.enter_button.setObjectName("addPointsButton")
        self.enter_button.clicked.connect(self.on_enter)
        left.addWidget(self.amount_entry)
        left.addWidget(self.enter_button)
        left.addStretch(1)

        pad = QGridLayout()
        pad.setSpacing(6)
        keys = ("7", "8", "9", "4", "5", "6", "1", "2", "3", self.separator, "0", "⌫")
        self.keys: dict[str, BigButton] = {}
        for index, key in enumerate(keys):
            button = BigButton(key)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keyboard's focus
            button.setFixedWidth(58)
            button.clicked.connect(lambda _=False, k=key: self.on_key(k))
            pad.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        self.keys["⌫"].setToolTip(self.tr("Delete the last digit"))
        row.addLayout(pad)
        # the rewards across the whole width: a long reward's name never runs under the keypad
        self.redeem_title = QLabel(self.tr("Redeem"))
        self.redeem_title.setObjectName("redeemTitle")
        self.redeem_title.setWordWrap(True)
        layout.addWidget(self.redeem_title)
        self.rewards_box = FlowLayout()
        layout.addLayout(self.rewards_box)

        self.confirm_bar = QFrame()
        self.confirm_bar.setObjectName("confirmBar")
        # the question above its buttons: beside them, a German "Ja, ausgeben" had no room
        confirm = QVBoxLayout(self.confirm_bar)
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_yes = BigButton(self.tr("Yes, give it"), kind="good", icon_name="check")
        self.confirm_yes.setAutoDefault(True)
        self.confirm_no = BigButton(self.tr("Cancel"))
        self.confirm_yes.clicked.connect(self.on_confirm_yes)
        self.confirm_no.clicked.connect(self.on_confirm_no)
        confirm.addWidget(self.confirm_text)
        answers = QHBoxLayout()
        answers.addWidget(self.confirm_yes)
        answers.addWidget(self.confirm_no)
        answers.addStretch(1)
        confirm.addLayout(answers)
        layout.addWidget(self.confirm_bar)
        self.confirm_bar.hide()
        self.hide()

    # what is shown
    def show_member(self, program: Program, first_name: str, balance: int) -> None:
        """The member on screen and her balance in the points offer `program`; a new member
        starts the field empty."""
        self.program, self.first_name = program, first_name
        self.tier = None
        self.tier_line.hide()
        self.amount_entry.setReadOnly(False)
        self.amount_entry.clear()
        self.separator = QLocale().decimalPoint()
        self.keys[self._separator_key()].setText(self.separator)
        self.keys[self._separator_key()].setVisible(self._decimals() > 0)
        self.amount_entry.setPlaceholderText(arg(self.tr("e.g. %1"), self._example()))
        self.set_balance(balance)
        self.show()

    def set_balance(self, balance: int) -> None:
        """After a sale, a reward or an undo: the balance and the rewards it pays for now."""
        self.balance = balance
        program = self.program
        if program is None or program.points is None:
            return
        self.title.setText(arg(self.tr("%1 · %2: %n point(s)", "", balance), program.name, self.first_name))
        self.on_confirm_no()
        for button in self.reward_buttons:
            self.rewards_box.removeWidget(button)
            button.deleteLater()
        self.reward_buttons = []
        rewards = affordable(balance, program.points)
        for reward in rewards:
            text = arg(self.tr("%1 · %n point(s)", "", reward.cost), reward.name)
            kept = self._kept_from_her(reward)
            button = BigButton(f"{text} · {kept}" if kept else text, kind="plain" if kept else "good")
            button.setObjectName("rewardButton")
            button.setEnabled(not kept)  # her tier may not take it: shown, so she sees what Gold gives
            button.clicked.connect(lambda _=False, r=reward: self.on_reward_tapped(r))
            self.rewards_box.addWidget(button)
            self.reward_buttons.append(button)
        self.redeem_title.setText(
            self.tr("She can redeem now:") if rewards else self.tr("Not enough points for a reward yet")
        )

    def set_standing(self, standing: Standing | None) -> None:
        """Her tier and the step to the next one; the rewards her tier may not take are marked."""
        program = self.program
        scheme = program.points.tiers if program and program.points else None
        if standing is None or scheme is None:
            self.tier = None
            self.tier_line.hide()
            return
        self.tier = standing.tier.name
        if standing.next_tier is None:
            step = self.tr("the top tier")
        elif scheme.measure is Measure.VISITS:
            step = arg(self.tr("%n visit(s) to %1", "", standing.missing), standing.next_tier.name)
        else:
            step = arg(self.tr("%n point(s) to %1", "", standing.missing), standing.next_tier.name)
        self.tier_line.setText(f"{standing.tier.name} · {step}")
        self.tier_line.show()
        self.set_balance(self.balance)

    def _kept_from_her(self, reward: Reward) -> str:
        """ "Gold only" on a reward her tier may not take; empty when she may."""
        points = self.program.points if self.program else None
        if points is None or points.tiers is None or reward.lowest_tier is None or self.tier is None:
            return ""
        if tier_may_take(points, self.tier, reward):
            return ""
        if reward.lowest_tier == points.tiers.tiers[-1].name:
            return arg(self.tr("%1 only"), reward.lowest_tier)
        return arg(self.tr("%1 and above"), reward.lowest_tier)

    def clear_member(self) -> None:
        self.program = None
        self.tier = None
        self.tier_line.hide()
        self.amount_entry.setReadOnly(False)
        self.amount_entry.clear()
        self.on_confirm_no()
        self.hide()

    def sale_answered(self, recorded: bool) -> None:
        """The store answered the sale: a recorded one empties the field for the next; a refused
        one stays in it, selected, to be corrected."""
        self.amount_entry.setReadOnly(False)
        if recorded:
            self.amount_entry.clear()
        else:
            self.keep_typed()

    def keep_typed(self) -> None:
        """A refused amount stays in the field, selected, to be corrected or typed over."""
        self.amount_entry.setFocus()
        self.amount_entry.selectAll()

    def pending_reward(self) -> Reward | None:
        return self._pending_reward

    # slots
    def on_key(self, key: str) -> None:
        if key == "⌫":
            self.amount_entry.backspace()
        else:
            self.amount_entry.insert(key if key.isdigit() else self.separator)
        self.amount_entry.setFocus()

    def on_enter(self) -> None:
        text = self.amount_entry.text()
        if not text.strip():
            self.empty_enter.emit()
            return
        if self.amount_entry.isReadOnly():
            return  # this sale is being recorded: a second Enter must not record it twice
        parsed = parse_amount(text, self.separator, self._decimals())
        if isinstance(parsed, int):
            self.amount_entry.setReadOnly(True)  # until the store answers (sale_answered)
            self.sale_entered.emit(parsed)
        else:
            self.keep_typed()
            self.amount_refused.emit(parsed)

    def on_reward_tapped(self, reward: Reward) -> None:
        self._pending_reward = reward
        self.confirm_text.setText(
            arg(self.tr("Give %1 %2 for %n point(s)?", "", reward.cost), self.first_name, reward.name)
        )
        self.confirm_bar.show()
        self.confirm_yes.setFocus()

    def on_confirm_yes(self) -> None:
        reward = self._pending_reward
        self.on_confirm_no()
        if reward is not None:
            self.reward_confirmed.emit(reward.id)

    def on_confirm_no(self) -> None:
        self._pending_reward = None
        self.confirm_bar.hide()

    # inside
    def _decimals(self) -> int:
        points = self.program.points if self.program else None
        return decimals_of(points.minor_per_unit) if points else 2

    def _separator_key(self) -> str:
        return next(k for k in self.keys if k not in "0123456789⌫")

    def _example(self) -> str:
        decimals = self._decimals()
        return f"12{self.separator}{'5' + '0' * (decimals - 1)}" if decimals else "1200"
