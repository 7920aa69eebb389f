"""The audit list for managers: every action with who did it and when."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from kiosk.domain.refusals import Refusal
from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.widgets.forms import MessageLine, screen_layout
from kiosk.ui.workers import StoreWorker


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
        # the store records what happened in its own words; a manager reads them in theirs
        self.action_text = {
            "signed_in": self.tr("Signed in"),
            "staff_locked_out": self.tr("Locked out after wrong PINs"),
            "staff_added": self.tr("Staff member added"),
            "staff_changed": self.tr("Staff member changed"),
            "customer_enrolled": self.tr("Customer enrolled"),
            "balance_adjusted": self.tr("Balance adjusted"),
            "card_code_replaced": self.tr("New QR code made"),
            "offer_created": self.tr("Offer created"),
            "offer_saved": self.tr("Offer changed"),
            "offer_status": self.tr("Offer paused, resumed or archived"),
            "business_created": self.tr("Shop set up"),
            "kiosk_paired": self.tr("Kiosk paired with the cloud"),
            "kiosk_unpaired": self.tr("Kiosk unpaired from the cloud"),
        }
        self.key_text = {
            "customer": self.tr("customer"),
            "card": self.tr("card"),
            "units": self.tr("change"),
            "reason": self.tr("reason"),
            "offer": self.tr("offer"),
            "status": self.tr("status"),
            "staff": self.tr("staff member"),
            "role": self.tr("role"),
            "pin_reset": self.tr("new PIN"),
            "active": self.tr("active"),
            "name": self.tr("name"),
            "location": self.tr("location"),
            "consent": self.tr("marketing consent"),
            "cloud": self.tr("cloud"),
            "via": self.tr("from"),
            "discarded": self.tr("local data discarded"),
            "discarded_counts": self.tr("what was discarded"),
            "pending_kept": self.tr("events kept to sync later"),
        }
        self.yes_no = (self.tr("no"), self.tr("yes"))
        self.value_text = {
            "cashier": self.tr("cashier"),
            "manager": self.tr("manager"),
            "owner": self.tr("owner"),
            "active": self.tr("active"),
            "paused": self.tr("paused"),
            "archived": self.tr("archived"),
            "screen": self.tr("the Sync screen"),
            "command line": self.tr("the command line"),
        }

    def detail_text(self, detail: dict) -> str:
        # ids mean nothing to a manager reading the list; names and values do
        shown = [(k, v) for k, v in detail.items() if v not in (None, "") and not k.endswith("_id")]
        return ", ".join(f"{self.key_text.get(k, k)}: {self._value(v)}" for k, v in shown)

    def _value(self, value) -> str:
        if isinstance(value, bool):  # before numbers: True == 1, and units of 1 are not "yes"
            return self.yes_no[value]
        if isinstance(value, str):
            return self.value_text.get(value, value)
        return str(value)

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
                self.action_text.get(entry["action"], entry["action"].replace("_", " ")),
                self.detail_text(entry["detail"]),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.message.say("", self.tr("%n entries", "", len(entries)))
