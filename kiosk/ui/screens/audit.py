"""The audit list for managers: every action with who did it and when, narrowed by who, what and
since when; the chosen entry's details in full below the list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

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
        self.who = QComboBox()
        self.who.addItem(self.tr("Everyone"), None)
        self.what = QComboBox()
        self.when = QComboBox()
        for text, days in (
            (self.tr("Any time"), None),
            (self.tr("Today"), 0),
            (self.tr("Last 7 days"), 6),
            (self.tr("Last 30 days"), 29),
        ):
            self.when.addItem(text, days)
        # who and when on one row, what (the longest choices, e.g. "Offer paused, resumed or
        # archived") on its own, full width
        filters = QGridLayout()
        filters.addWidget(QLabel(self.tr("Who")), 0, 0)
        filters.addWidget(self.who, 0, 1)
        filters.addWidget(QLabel(self.tr("When")), 0, 2)
        filters.addWidget(self.when, 0, 3)
        filters.addWidget(QLabel(self.tr("What")), 1, 0)
        filters.addWidget(self.what, 1, 1, 1, 3)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        layout.addLayout(filters)
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
        self.table.currentCellChanged.connect(self.on_entry_chosen)
        layout.addWidget(self.table, 1)
        self.details = QLabel()  # the chosen entry's details, whole, however long
        self.details.setObjectName("auditDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.message = MessageLine()
        layout.addWidget(self.message)
        # the store records what happened in its own words; a manager reads them in theirs
        self.action_text = {
            "signed_in": self.tr("Signed in"),
            "staff_locked_out": self.tr("Locked out after wrong PINs"),
            "staff_added": self.tr("Staff member added"),
            "staff_changed": self.tr("Staff member changed"),
            "customer_enrolled": self.tr("Customer enrolled"),
            "customer_changed": self.tr("Customer's contact details changed"),
            "phone_region_set": self.tr("Country for phone numbers set"),
            "balance_adjusted": self.tr("Balance adjusted"),
            "card_code_replaced": self.tr("New QR code made"),
            "offer_created": self.tr("Offer created"),
            "offer_saved": self.tr("Offer changed"),
            "offer_status": self.tr("Offer paused, resumed or archived"),
            "business_created": self.tr("Shop set up"),
            "zone_currency_set": self.tr("Time zone and currency set"),
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
            "email": self.tr("email"),
            "phone": self.tr("phone"),
            "region": self.tr("country"),
            "location": self.tr("location"),
            "time_zone": self.tr("time zone"),
            "currency": self.tr("currency"),
            "consent": self.tr("marketing consent"),
            "cloud": self.tr("cloud"),
            "via": self.tr("from"),
            "discarded": self.tr("local data discarded"),
            "discarded_counts": self.tr("what was discarded"),
            "pending_kept": self.tr("events kept to sync later"),
        }
        self.what.addItem(self.tr("Every action"), None)
        for action, text in self.action_text.items():
            self.what.addItem(text, action)
        for box in (self.who, self.what, self.when):
            box.currentIndexChanged.connect(self.load)
        self.entries: list[dict] = []
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
        if isinstance(value, list) and len(value) == 2:  # a change: what was there, what is now
            before, after = (self._value(v) if v not in (None, "") else "—" for v in value)
            return f"{before} → {after}"
        if isinstance(value, bool):  # before numbers: True == 1, and units of 1 are not "yes"
            return self.yes_no[value]
        if isinstance(value, str):
            return self.value_text.get(value, value)
        return str(value)

    def activate(self) -> None:
        self.load()

    def filters(self) -> dict:
        days = self.when.currentData()
        since = None
        if days is not None:
            midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
            since = (midnight - timedelta(days=days)).astimezone(UTC)
        return {"staff_name": self.who.currentData(), "action": self.what.currentData(), "since": since}

    def load(self, *_args) -> None:
        if self.session.actor is not None:
            actor, filters = self.session.actor, self.filters()
            self.worker.op(self, lambda s: s.audit_list(actor=actor, **filters)).success(
                self.on_audit_loaded
            ).run_in_background()

    def _remember_people(self, entries) -> None:
        """Who can be chosen: everyone seen in the log so far (the list only grows)."""
        known = {self.who.itemData(i) for i in range(self.who.count())}
        self.who.blockSignals(True)
        for name in sorted({e["staff_name"] for e in entries if e["staff_name"]} - known):
            self.who.addItem(name, name)
        self.who.blockSignals(False)

    def on_entry_chosen(self, row: int, *_args) -> None:
        self.details.setText(
            self.detail_text(self.entries[row]["detail"]) if 0 <= row < len(self.entries) else ""
        )

    def on_audit_loaded(self, entries) -> None:
        if isinstance(entries, Refusal):
            self.message.say("bad", refusal_text(entries))
            self.table.setRowCount(0)
            return
        self.entries = list(entries)
        self._remember_people(self.entries)
        self.details.clear()
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
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long detail is cut in its cell: whole on hover and below
                self.table.setItem(row, column, item)
        self.message.say("", self.tr("%n entries", "", len(entries)))
