"""Finding a customer without their phone: by phone, email, name or card number."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from kiosk.domain.outcomes import LookupOutcome
from kiosk.domain.phones import last_digits
from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.forms import MessageLine, screen_layout, search_row
from kiosk.ui.workers import StoreWorker


def card_line(view) -> str:
    return arg(
        QCoreApplication.translate("CardLine", "%1 — %2: %3 of %4 · card %5"),
        view.customer.name,
        view.program.name,
        view.progress,
        view.program.units_required,
        view.card_number,
    )


def match_line(view) -> str:
    """A search result: the card, and the end of the phone number to tell two Anas apart."""
    tail = last_digits(view.customer.phone)
    line = card_line(view)
    return arg(QCoreApplication.translate("CardLine", "%1 · phone …%2"), line, tail) if tail else line


class LookupScreen(QWidget):
    stamp_requested = Signal(str)  # the chosen card's number, stamped at the counter

    def __init__(self, worker: StoreWorker, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.searching: str | None = None  # the query being looked up now
        self.stamp_when_found = False  # an Enter typed again while it was
        layout, _ = screen_layout(self, self.tr("Find a customer"))
        row, self.query, self.search_button = search_row(
            self.tr("Name, phone (or its last 4 digits), email or card number"),
            self.tr("Search"),
            self.on_search,
        )
        layout.addLayout(row)
        self.message = MessageLine()
        layout.addWidget(self.message)
        self.results = QListWidget()
        self.results.itemActivated.connect(lambda _item: self.on_stamp_clicked())
        layout.addWidget(self.results, 1)
        self.stamp_button = BigButton(
            self.tr("Stamp this card at the counter"), kind="good", icon_name="check"
        )
        self.stamp_button.clicked.connect(self.on_stamp_clicked)
        layout.addWidget(self.stamp_button, 0, Qt.AlignmentFlag.AlignRight)

    def activate(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def reset(self) -> None:
        self.query.clear()
        self.results.clear()
        self.message.say("", "")

    def on_search(self) -> None:
        query = self.query.text()
        if self.searching == query:
            # Enter again before the answer: the cashier's "stamp the chosen card", typed ahead.
            # Kept, and done only if every card found is one customer's (see on_looked_up)
            self.stamp_when_found = True
            return
        self.searching, self.stamp_when_found = query, False
        self.worker.op(self, lambda s: s.lookup(query)).success(self.on_looked_up).failure(
            self.on_search_failed
        ).run_in_background()

    def on_search_failed(self, _error: Exception) -> None:
        self.searching, self.stamp_when_found = None, False

    def on_looked_up(self, outcome: LookupOutcome) -> None:
        stamp_ahead = self.stamp_when_found
        self.searching, self.stamp_when_found = None, False
        self.results.clear()
        if not outcome.ok:
            self.message.say("bad", refusal_text(outcome.refusal))
            return
        for match in outcome.matches:
            for view in match.cards:
                item = QListWidgetItem(match_line(view))
                item.setData(Qt.ItemDataRole.UserRole, view.card_number)
                self.results.addItem(item)
        count = self.results.count()
        self.message.say("" if count else "bad", self.tr("%n card(s) found", "", count))
        if count:
            self.results.setCurrentRow(0)
            self.results.setFocus()
        # a typed-ahead Enter stamps the first card only when nobody else could be meant
        if stamp_ahead and count and len(outcome.matches) == 1:
            self.on_stamp_clicked()

    def on_stamp_clicked(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.stamp_requested.emit(item.data(Qt.ItemDataRole.UserRole))
