"""The audit list for managers: every action with who did it and when."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from kiosk.domain.refusals import Refusal
from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.widgets.forms import MessageLine, screen_layout
from kiosk.ui.workers import StoreWorker


def _detail_text(detail: dict) -> str:
    # ids mean nothing to a manager reading the list; names and values do
    shown = {k: v for k, v in detail.items() if v not in (None, "") and not k.endswith("_id")}
    return ", ".join(f"{key}: {value}" for key, value in shown.items())


class AuditScreen(QWidget):
    def __init__(self, worker: StoreWorker, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        layout, _ = screen_layout(self, self.tr("Audit log"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Details")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.message = MessageLine()
        layout.addWidget(self.message)
        worker.audit_loaded.connect(self.on_audit_loaded)

    def activate(self) -> None:
        if self.session.actor is not None:
            self.worker.load_audit(self.session.actor)

    def on_audit_loaded(self, entries) -> None:
        if isinstance(entries, Refusal):
            self.message.say("bad", refusal_text(entries))
            self.table.setRowCount(0)
            return
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            when = entry["at"].astimezone().strftime("%Y-%m-%d %H:%M:%S") if entry["at"] else ""
            cells = (
                when,
                entry["staff_name"] or "",
                entry["action"].replace("_", " "),
                _detail_text(entry["detail"]),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.message.say("", self.tr("%n entries", "", len(entries)))
