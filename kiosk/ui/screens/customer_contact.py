"""Correcting a customer's name, email or phone (managers; audited by the service). Shown on the
Customers screen under the person chosen; every field's problem shows at once, under its field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.domain.problems import Problem
from kiosk.domain.refusals import Reason
from kiosk.ui.messages import problem_text, refusal_text
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.forms import FieldError


class ContactEditor(QFrame):
    save_requested = Signal(str, str, str, str)  # customer id, name, email, phone

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.fields = {"Name": QLineEdit(), "Email": QLineEdit(), "Phone": QLineEdit()}
        self.errors = {key: FieldError() for key in self.fields}
        labels = {"Name": self.tr("Name"), "Email": self.tr("Email"), "Phone": self.tr("Phone")}
        for key, field in self.fields.items():
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(field)
            box.addWidget(self.errors[key])
            form.addRow(labels[key], box)
            field.returnPressed.connect(self.on_save_clicked)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = BigButton(self.tr("Save contact details"), kind="primary", icon_name="check")
        self.cancel_button = BigButton(self.tr("Cancel"))
        self.save_button.clicked.connect(self.on_save_clicked)
        self.cancel_button.clicked.connect(self.hide)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.hide()

    def edit(self, customer) -> None:
        self.customer_id = customer.id
        self.fields["Name"].setText(customer.name)
        self.fields["Email"].setText(customer.email or "")
        self.fields["Phone"].setText(customer.phone or "")
        self.show_problems(())
        self.show()
        self.fields["Name"].setFocus()

    def on_save_clicked(self) -> None:
        if self.customer_id is not None:
            self.show_problems(())
            self.save_requested.emit(
                self.customer_id, *(self.fields[k].text() for k in ("Name", "Email", "Phone"))
            )

    def show_problems(self, problems) -> bool:
        """Each field's problem under it; True when any was shown (the first such field gets focus)."""
        texts = dict.fromkeys(self.fields, "")
        for refusal in problems:
            key = refusal.params.get("field")
            if key in texts:
                texts[key] = self._text(refusal)
        for key, text in texts.items():
            self.errors[key].show_error(text)
        marked = [key for key in self.fields if texts[key]]
        if marked:
            self.fields[marked[0]].setFocus()
        return bool(marked)

    def _text(self, refusal) -> str:
        if refusal.reason is Reason.DUPLICATE:
            if refusal.params.get("field") == "Email":
                return self.tr("Another customer already has this email.")
            return self.tr("Another customer already has this phone number.")
        problem = refusal.params.get("problem_code")
        if isinstance(problem, Problem):
            return problem_text(problem, refusal.params.get("problem_params"))
        return refusal_text(refusal)
