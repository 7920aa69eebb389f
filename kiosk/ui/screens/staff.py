"""Staff: add people, change a role, reset a PIN, deactivate (after a confirmation) and reactivate.
The services enforce who may; the role lists offer only roles the signed-in person may give."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import Role
from kiosk.ui.messages import refusal_text
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.confirm import ConfirmBar
from kiosk.ui.widgets.flow import flow_row
from kiosk.ui.widgets.forms import MessageLine, screen_layout
from kiosk.ui.workers import StoreWorker


class StaffScreen(QWidget):
    def __init__(self, worker: StoreWorker, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.roster: tuple = ()
        self.role_text = {
            Role.CASHIER: self.tr("Cashier"),
            Role.MANAGER: self.tr("Manager"),
            Role.OWNER: self.tr("Owner"),
        }
        layout, _ = screen_layout(self, self.tr("Staff"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Status")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._label_active_button())
        layout.addWidget(self.table, 1)
        self.confirm = ConfirmBar()
        layout.addWidget(self.confirm)

        self.change_role = self._role_box()
        self.role_button = BigButton(self.tr("Change role"))
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setPlaceholderText(self.tr("New PIN"))
        self.pin_button = BigButton(self.tr("Reset PIN"))
        self.deactivate_button = BigButton(self.tr("Deactivate"), kind="danger")
        self.role_button.clicked.connect(self.on_change_role)
        self.pin_button.clicked.connect(self.on_reset_pin)
        self.deactivate_button.clicked.connect(self.on_deactivate)
        self.new_pin.setMinimumWidth(140)  # its placeholder ("Neue PIN") stays readable
        layout.addWidget(
            flow_row(
                self.change_role, self.role_button, self.new_pin, self.pin_button, self.deactivate_button
            )
        )

        add_box = QVBoxLayout()
        form = QFormLayout()
        self.add_name = QLineEdit()
        self.add_role = self._role_box()
        self.add_pin = QLineEdit()
        self.add_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_pin.setPlaceholderText(self.tr("4 to 8 digits"))
        form.addRow(self.tr("Name"), self.add_name)
        form.addRow(self.tr("Role"), self.add_role)
        form.addRow(self.tr("PIN"), self.add_pin)
        add_box.addLayout(form)
        self.add_button = BigButton(self.tr("Add person"), kind="primary", icon_name="person-add")
        self.add_button.clicked.connect(self.on_add)
        add_box.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(add_box)
        self.message = MessageLine()
        layout.addWidget(self.message)

    def _role_box(self) -> QComboBox:
        box = QComboBox()
        self._fill_roles(box, Role.OWNER)
        return box

    def _fill_roles(self, box: QComboBox, highest: Role) -> None:
        """Only the roles `highest` may give: a manager is never offered Owner."""
        box.clear()
        for role in Role:
            if highest.at_least(role) and (highest is Role.OWNER or role is not Role.OWNER):
                box.addItem(self.role_text[role], role)

    def activate(self) -> None:
        actor = self.session.actor
        highest = actor.role if actor else Role.CASHIER
        for box in (self.change_role, self.add_role):
            self._fill_roles(box, highest)
        self.confirm.cancel()
        self.worker.op(self, lambda s: s.roster()).success(self.on_roster_loaded).run_in_background()

    def on_roster_loaded(self, roster) -> None:
        self.roster = tuple(roster)
        self.table.setRowCount(len(self.roster))
        for row, member in enumerate(self.roster):
            status = self.tr("active") if member.active else self.tr("deactivated")
            for column, text in enumerate((member.name, self.role_text[member.role], status)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._label_active_button()

    def _label_active_button(self) -> None:
        member = self.selected()
        inactive = member is not None and not member.active
        self.deactivate_button.setText(self.tr("Reactivate") if inactive else self.tr("Deactivate"))

    def selected(self):
        row = self.table.currentRow()
        return self.roster[row] if 0 <= row < len(self.roster) else None

    def _change(self, member=None, **changes) -> None:
        member = member or self.selected()
        if member is None:
            self.message.say("bad", self.tr("Choose a person in the list first."))
            return
        self.message.say("", "")
        staff_id, actor = member.id, self.session.actor
        self._save(lambda s: s.change_staff(staff_id, actor=actor, **changes))

    def _save(self, call) -> None:
        self.worker.op(self, call).success(self.on_staff_saved).refused(
            self.on_staff_refused
        ).run_in_background()

    def on_change_role(self) -> None:
        self._change(role=self.change_role.currentData())

    def on_reset_pin(self) -> None:
        self._change(pin=self.new_pin.text())
        self.new_pin.clear()

    def on_deactivate(self) -> None:
        member = self.selected()
        if member is None:
            self.message.say("bad", self.tr("Choose a person in the list first."))
        elif not member.active:
            self._change(active=True)  # giving access back takes nothing away: no question
        else:
            self.confirm.ask(
                arg(
                    self.tr(
                        "Deactivate %1? They can no longer sign in; their stamps and history stay. "
                        "Choose them again and Reactivate to undo this."
                    ),
                    member.name,
                ),
                self.tr("Yes, deactivate"),
                lambda: self._change(member, active=False),  # the person asked about, whatever is chosen now
            )

    def on_add(self) -> None:
        self.message.say("", "")
        name, role, pin = self.add_name.text(), self.add_role.currentData(), self.add_pin.text()
        actor = self.session.actor
        self._save(lambda s: s.add_staff(name, role, pin, actor=actor))

    def on_staff_saved(self, outcome) -> None:
        self.on_roster_loaded(outcome.roster)
        self.add_name.clear()
        self.add_pin.clear()
        self.message.say("good", arg(self.tr("Saved: %1"), outcome.staff.name))

    def on_staff_refused(self, outcome) -> None:
        self.message.say("bad", refusal_text(outcome.refusal))
