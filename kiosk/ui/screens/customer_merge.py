"""A manager merges two members who are one person (kiosk/services/merging.py), from the
Customers screen: choose the member to keep in the list, "Merge with…", pick the other sign-up
among the people found, and confirm a sentence naming both members and what adds up. Everything
it says comes from the search's values already on screen; the merge itself goes through the store
worker like every request."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.model import CardStatus
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.confirm import ConfirmBar


def _stamps_by_offer(match) -> dict[str, int]:
    """Live accounts' stamps by offer name (the search's views: one account per offer)."""
    return {v.program.name: v.card.balance.units for v in match.cards if v.card.status is CardStatus.ACTIVE}


class MergeBar(QWidget):
    merge_confirmed = Signal(str, str)  # kept customer id, absorbed customer id
    nobody_to_merge = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kept = None  # the CustomerMatch chosen in the people list
        self.others: list = []  # the other people found, candidates to absorb
        # the question gets the whole width below the controls: it names two people and sums
        # every offer, and German makes it long
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        controls = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setPlaceholderText(self.tr("Who is the same person?"))
        self.picker.activated.connect(self.on_other_chosen)
        self.picker.hide()
        self.confirm = ConfirmBar()
        self.merge_button = BigButton(self.tr("Merge with…"), icon_name="person-add")
        self.merge_button.clicked.connect(self.on_merge_clicked)
        # while the question is asked it takes the button's row too: the screen is short at 768
        self.confirm.yes_button.clicked.connect(self.merge_button.show)
        self.confirm.no_button.clicked.connect(self.merge_button.show)
        controls.addWidget(self.picker, 1)
        controls.addStretch(0)
        controls.addWidget(self.merge_button)
        layout.addLayout(controls)
        layout.addWidget(self.confirm)
        self.show_choices(None, [])

    def show_choices(self, kept, others: list) -> None:
        self.kept, self.others = kept, list(others)
        self.picker.hide()
        self.confirm.cancel()
        self.merge_button.show()
        self.merge_button.setEnabled(kept is not None)

    def on_merge_clicked(self) -> None:
        if self.kept is None:
            return
        if not self.others:
            self.nobody_to_merge.emit()
            return
        self.picker.clear()
        for match in self.others:
            self.picker.addItem(match.customer.name, match.customer.id)
        self.picker.setCurrentIndex(-1)
        self.picker.show()
        self.picker.setFocus()

    def on_other_chosen(self, index: int) -> None:
        if self.kept is None or not 0 <= index < len(self.others):
            return
        other = self.others[index]
        self.picker.hide()
        self.merge_button.hide()
        kept_id, other_id = self.kept.customer.id, other.customer.id
        self.confirm.ask(
            self.question(self.kept, other),
            self.tr("Yes, merge"),
            lambda: self.merge_confirmed.emit(kept_id, other_id),
        )

    def question(self, kept, other) -> str:
        """Both names, what adds up, what stays: the manager reads it before saying yes."""
        mine, theirs = _stamps_by_offer(kept), _stamps_by_offer(other)
        sums = [
            arg(self.tr("%1: %2 + %3 = %4 stamps"), name, mine[name], theirs[name], mine[name] + theirs[name])
            for name in sorted(mine.keys() & theirs.keys())
        ]
        text = arg(
            self.tr(
                "Merge %1 into %2? %1's cards and codes become %2's, and every code still scans. "
                "Both histories stay."
            ),
            other.customer.name,
            kept.customer.name,
        )
        if sums:
            text += " " + "; ".join(sums) + "."
        return text + " " + self.tr("This cannot be undone.")
