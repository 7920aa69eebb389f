"""The owner's data section of the settings: export the shop's data as spreadsheets, and where
a customer's erasure is done. The export runs on the store worker; this only shows its answer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.forms import MessageLine
from kiosk.ui.workers import StoreWorker


class DataSection(QWidget):
    def __init__(self, worker: StoreWorker, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        title = QLabel(self.tr("Export the shop's data"))
        title.setObjectName("cardTitle")
        layout.addWidget(title)
        explain = QLabel(
            self.tr(
                "Customers, cards and every stamp and reward, as three spreadsheet files (CSV) in a new "
                "folder. They hold personal data: keep them safe."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        row = QHBoxLayout()
        self.folder = QLineEdit(str(Path.home()))
        self.choose_button = BigButton(self.tr("Choose…"))
        self.choose_button.clicked.connect(self.on_choose_clicked)
        self.export_button = BigButton(self.tr("Export"), kind="primary")
        self.export_button.clicked.connect(self.on_export_clicked)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.message = MessageLine()
        layout.addWidget(self.message)
        erase_title = QLabel(self.tr("Erasing a customer"))
        erase_title.setObjectName("cardTitle")
        layout.addWidget(erase_title)
        erase = QLabel(
            self.tr(
                "When a customer asks for their data to be erased, find them under Customers and choose "
                "Erase customer. Their stamps and history stay, without their name."
            )
        )
        erase.setWordWrap(True)
        layout.addWidget(erase)
        layout.addStretch(1)

    def on_choose_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export into"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def on_export_clicked(self) -> None:
        if self.session.actor is None:
            return
        self.export_button.setEnabled(False)  # one export at a time; back on with the answer
        self.message.say("idle", self.tr("Exporting…"))
        folder, actor = Path(self.folder.text().strip() or "."), self.session.actor
        self.worker.op(self, lambda s: s.export_data(folder, actor=actor)).success(
            self.on_data_exported
        ).refused(self.on_export_refused).failure(self.on_failed).run_in_background()

    def on_failed(self, _error: Exception) -> None:
        self.export_button.setEnabled(True)  # the window has said what went wrong: try again
        self.message.say("", "")

    def on_data_exported(self, outcome) -> None:
        self.export_button.setEnabled(True)
        self.message.say(
            "good",
            arg(
                self.tr("Exported %1 customers, %2 cards and %3 events to %4"),
                outcome.customers,
                outcome.cards,
                outcome.events,
                outcome.folder,
            ),
        )

    def on_export_refused(self, outcome) -> None:
        self.export_button.setEnabled(True)
        self.message.say("bad", refusal_text(outcome.refusal))
