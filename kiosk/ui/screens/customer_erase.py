"""The owner erases a customer's personal data (kiosk/services/privacy.py), behind a confirmation
that says what goes and what stays. The Customers screen holds it under the card's history."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton


class EraseBar(QWidget):
    erase_confirmed = Signal(str)  # the customer id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_id: str | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.erase_button = BigButton(self.tr("Erase customer…"), kind="danger")
        self.erase_button.clicked.connect(self.on_erase_clicked)
        self.confirm_bar = QFrame()
        self.confirm_bar.setObjectName("confirmBar")
        confirm = QHBoxLayout(self.confirm_bar)
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_yes = BigButton(self.tr("Yes, erase"), kind="danger")
        self.confirm_no = BigButton(self.tr("Cancel"))
        self.confirm_yes.clicked.connect(self.on_erase_confirmed)
        self.confirm_no.clicked.connect(self.confirm_bar.hide)
        confirm.addWidget(self.confirm_text, 1)
        confirm.addWidget(self.confirm_yes)
        confirm.addWidget(self.confirm_no)
        layout.addWidget(self.confirm_bar, 1)
        layout.addStretch(0)
        layout.addWidget(self.erase_button)
        self.show_customer(None, "")

    def show_customer(self, customer_id: str | None, name: str) -> None:
        self.customer_id = customer_id
        self.name = name
        self.confirm_bar.hide()
        self.erase_button.setEnabled(customer_id is not None)

    def on_erase_clicked(self) -> None:
        if self.customer_id is None:
            return
        self.confirm_text.setText(
            arg(
                self.tr(
                    "Erase %1's name, email and phone, and revoke their cards? Their stamps and history "
                    "stay, without a name. This cannot be undone."
                ),
                self.name,
            )
        )
        self.confirm_bar.show()

    def on_erase_confirmed(self) -> None:
        self.confirm_bar.hide()
        if self.customer_id is not None:
            self.erase_confirmed.emit(self.customer_id)
