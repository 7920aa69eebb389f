"""The manager's choice, on the offers screen, of the program a bare scan stamps when several run
(kiosk.services.members). Unset, a scan stamps the scanned card's own program, as it always did."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QStyle, QStyleOptionComboBox, QVBoxLayout, QWidget

from kiosk.domain.model import Program, ProgramStatus
from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.workers import StoreWorker


class ElidingCombo(QComboBox):
    """Long offer names end in "…" to fit the field (the whole name is the item's tooltip)."""

    def full_names(self) -> list[str]:
        return [self.itemData(i, Qt.ItemDataRole.ToolTipRole) or "" for i in range(self.count())]

    def add_named(self, name: str, data) -> None:
        self.addItem(name, data)
        self.setItemData(self.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        self._elide(self.count() - 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for i in range(self.count()):
            self._elide(i)

    def _elide(self, index: int) -> None:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        room = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        name = self.itemData(index, Qt.ItemDataRole.ToolTipRole) or ""
        elided = self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, max(40, room.width() - 4))
        self.setItemText(index, elided)


class BareScanChoice(QWidget):
    def __init__(self, worker: StoreWorker, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bareScanChoice")
        self.worker = worker
        self.session = session
        self.chosen: str | None = None  # the stored choice (a program id), None: the scanned card's own
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.label = QLabel(self.tr("A scan without a tap stamps"))
        self.label.setWordWrap(True)
        self.choice = ElidingCombo()
        self.choice.setMinimumHeight(48)
        self.choice.activated.connect(self.on_choice_activated)  # the manager's pick only
        self.message = QLabel()
        self.message.setObjectName("bareScanMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.label)
        layout.addWidget(self.choice)
        layout.addWidget(self.message)
        self.set_programs(())

    def activate(self) -> None:
        self.worker.op(self, lambda s: s.bare_scan_program()).success(self.on_loaded).run_in_background()

    def set_programs(self, programs) -> None:
        """The offers a bare scan may stamp: those not archived (a paused one stamps again when it
        resumes; until then a scan stamps the scanned card's own)."""
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.add_named(self.tr("the scanned card's own offer"), None)
        for program in programs:
            if program.status is not ProgramStatus.ARCHIVED:
                self.choice.add_named(program.name, program.id)
        self.choice.blockSignals(False)
        self._show_chosen()

    def on_loaded(self, program: Program | None) -> None:
        self.chosen = program.id if program is not None else None
        self._show_chosen()

    def on_choice_activated(self, index: int) -> None:
        program_id, actor = self.choice.itemData(index), self.session.actor
        if program_id == self.chosen:
            return
        self.worker.op(self, lambda s: s.set_bare_scan_program(program_id, actor=actor)).success(
            self.on_chosen
        ).refused(self.on_refused).run_in_background()

    def on_chosen(self, outcome) -> None:
        self.on_loaded(outcome.program)
        if outcome.program is None:
            self.message.setText(self.tr("A scan stamps the scanned card's own offer."))
        else:
            self.message.setText(arg(self.tr("A scan stamps %1 now."), outcome.program.name))

    def on_refused(self, outcome) -> None:
        self.message.setText(refusal_text(outcome.refusal))
        self._show_chosen()  # the stored choice stays on screen

    def _show_chosen(self) -> None:
        index = self.choice.findData(self.chosen) if self.chosen is not None else 0
        self.choice.blockSignals(True)
        self.choice.setCurrentIndex(max(0, index))
        self.choice.blockSignals(False)
