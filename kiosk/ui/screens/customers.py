"""Managers' customers: search lists people (one row each, with the end of their phone); the
chosen person's cards, contact details to correct (audited), her whole history across her cards
(which card, who, where, why; customer_history.py), a manual adjustment that always carries a
reason, a new QR code for a lost card, and merging two members who are one person (managers), and
(owners) erasure."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from kiosk.domain.model import Role
from kiosk.domain.phones import last_digits
from kiosk.settings import KioskSettings
from kiosk.ui.messages import refusal_text
from kiosk.ui.screens.card_code_dialog import CardCodeDialog
from kiosk.ui.screens.customer_contact import ContactEditor
from kiosk.ui.screens.customer_erase import EraseBar
from kiosk.ui.screens.customer_history import HistoryTable
from kiosk.ui.screens.customer_merge import MergeBar
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.fitting import WrapLabel
from kiosk.ui.widgets.forms import MessageLine, screen_layout, search_row
from kiosk.ui.workers import StoreWorker

OFFER_NAME_PX = 150  # an offer's name in the card picker, at most


class CustomersScreen(QWidget):
    def __init__(self, worker: StoreWorker, session: Session, settings: KioskSettings, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.settings = settings
        self.card_id: int | None = None
        self.matches: list = []  # CustomerMatch per row of the people list
        self.code_dialog: CardCodeDialog | None = None
        layout, _ = screen_layout(self, self.tr("Customers"))
        search, self.query, self.search_button = search_row(
            self.tr("Phone, email, name or card number"), self.tr("Search"), self.on_search
        )
        layout.addLayout(search)
        self.people = QListWidget()
        self.people.setMaximumHeight(150)
        self.people.currentRowChanged.connect(self.on_person_chosen)
        layout.addWidget(self.people)
        person_row = QHBoxLayout()
        self.cards = QComboBox()  # the chosen person's cards, one per offer
        self.cards.currentIndexChanged.connect(self.on_card_chosen)
        self.edit_button = BigButton(self.tr("Edit contact…"), icon_name="person-add")
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.on_edit_clicked)
        person_row.addWidget(self.cards, 1)
        person_row.addWidget(self.edit_button)
        layout.addLayout(person_row)
        self.contact = ContactEditor()
        self.contact.save_requested.connect(self.on_contact_save)
        layout.addWidget(self.contact)
        card_row = QHBoxLayout()
        self.summary = WrapLabel()
        self.summary.setObjectName("cardTitle")
        self.new_code_button = BigButton(self.tr("New QR code…"), icon_name="scan")
        self.new_code_button.setEnabled(False)
        self.new_code_button.clicked.connect(self.on_new_code_clicked)
        card_row.addWidget(self.summary, 1)
        card_row.addWidget(self.new_code_button)
        layout.addLayout(card_row)
        self.history = HistoryTable()
        layout.addWidget(self.history, 1)

        adjust = QHBoxLayout()
        self.adjust_units = QSpinBox()
        self.adjust_units.setRange(-1000, 1000)
        self.adjust_units.setSuffix(self.tr(" stamps"))
        self.adjust_reason = QLineEdit()
        self.adjust_reason.setPlaceholderText(self.tr("Reason (required)"))
        self.adjust_reason.setToolTip(self.tr("Say why, e.g. a stamp forgotten yesterday"))
        self.adjust_button = BigButton(self.tr("Adjust"), kind="primary")
        self.adjust_button.clicked.connect(self.on_adjust_clicked)
        adjust.addWidget(self.adjust_units)
        adjust.addWidget(self.adjust_reason, 1)
        adjust.addWidget(self.adjust_button)
        layout.addLayout(adjust)
        self.merge = MergeBar()
        self.merge.merge_confirmed.connect(self.on_merge_confirmed)
        self.merge.nobody_to_merge.connect(self.on_nobody_to_merge)
        layout.addWidget(self.merge)
        self.erase = EraseBar()
        self.erase.erase_confirmed.connect(self.on_erase_confirmed)
        layout.addWidget(self.erase)
        self.message = MessageLine()
        layout.addWidget(self.message)

    def _ask(self, call, done, refused=None) -> None:
        op = self.worker.op(self, call).success(done)
        if refused is not None:
            op.refused(refused)
        op.run_in_background()

    def _load_history(self, card_id: int) -> None:
        self._ask(lambda s: s.card_history(card_id), self.on_history_loaded)

    def activate(self) -> None:
        self.erase.setVisible(self.session.allows(Role.OWNER))
        self.merge.setVisible(self.session.allows(Role.MANAGER))
        self.query.setFocus()

    def reset(self) -> None:
        self.query.clear()
        self.matches = []
        self.people.clear()
        self.cards.clear()
        self.contact.hide()
        self.edit_button.setEnabled(False)
        self.history.setRowCount(0)
        self.summary.clear()
        self.card_id = None
        self.new_code_button.setEnabled(False)
        self.erase.show_customer(None, "")
        self.merge.show_choices(None, [])
        if self.code_dialog is not None:
            self.code_dialog.close()  # a signed-out manager's card stays off the screen
        self.message.say("", "")

    def on_search(self) -> None:
        query = self.query.text()
        self._ask(lambda s: s.lookup(query), self.on_customers_found)

    def person_line(self, match) -> str:
        customer = match.customer
        parts = [customer.name]
        tail = last_digits(customer.phone)
        if tail:
            parts.append(arg(self.tr("phone …%1"), tail))
        if customer.email:
            parts.append(customer.email)
        parts.append(self.tr("%n card(s)", "", len(match.cards)))
        return " · ".join(parts)

    def card_text(self, view) -> str:
        # the offer's name is shortened so that progress and card number always show; the whole
        # line is the item's tooltip
        name = self.cards.fontMetrics().elidedText(
            view.program.name, Qt.TextElideMode.ElideRight, OFFER_NAME_PX
        )
        return arg(
            self.tr("%1: %2 of %3 · card %4"),
            name,
            view.progress,
            view.program.units_required,
            view.card_number,
        )

    def on_customers_found(self, outcome) -> None:
        self.people.blockSignals(True)
        self.people.clear()
        self.people.blockSignals(False)
        self.matches = []
        self.cards.clear()
        self.card_id = None
        self.new_code_button.setEnabled(False)
        self.edit_button.setEnabled(False)
        self.contact.hide()
        self.merge.show_choices(None, [])
        if not outcome.ok:
            self.message.say("bad", refusal_text(outcome.refusal))
            return
        self.matches = list(outcome.matches)
        self.people.blockSignals(True)
        for match in self.matches:
            self.people.addItem(QListWidgetItem(self.person_line(match)))
        self.people.blockSignals(False)
        self.message.say("", self.tr("%n customer(s) found", "", len(self.matches)))
        # a scanned code or typed card number names one card: open its owner, and that card
        named = [i for i, m in enumerate(self.matches) if any(v.card.id == outcome.card_id for v in m.cards)]
        self._named_card = outcome.card_id
        if self.matches:
            self.people.setCurrentRow(named[0] if named else 0)

    def on_person_chosen(self, row: int) -> None:
        self.contact.hide()
        if not 0 <= row < len(self.matches):
            return
        match = self.matches[row]
        self.edit_button.setEnabled(True)
        self.merge.show_choices(match, [m for m in self.matches if m is not match])
        self.cards.blockSignals(True)
        self.cards.clear()
        for view in match.cards:
            self.cards.addItem(self.card_text(view), view.card.id)
            self.cards.setItemData(self.cards.count() - 1, view.program.name, Qt.ItemDataRole.ToolTipRole)
        self.cards.blockSignals(False)
        named = self.cards.findData(getattr(self, "_named_card", None))
        self.cards.setCurrentIndex(-1)
        self.cards.setCurrentIndex(max(named, 0))
        if not match.cards:
            self.erase.show_customer(match.customer.id, match.customer.name)

    def on_card_chosen(self, index: int) -> None:
        card_id = self.cards.itemData(index) if index >= 0 else None
        if card_id is not None:
            self.card_id = int(card_id)
            self._load_history(self.card_id)

    def _chosen_match(self):
        row = self.people.currentRow()
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def on_edit_clicked(self) -> None:
        match = self._chosen_match()
        if match is not None:
            self.contact.edit(match.customer)

    def on_contact_save(self, customer_id: str, name: str, email: str, phone: str) -> None:
        actor = self.session.actor
        self._ask(
            lambda s: s.update_contact(customer_id, name, email=email, phone=phone, actor=actor),
            self.on_contact_changed,
            self.on_contact_refused,
        )

    def on_contact_changed(self, outcome) -> None:
        self.contact.hide()
        self._replace_person(outcome.customer.id, customer=outcome.customer, cards=outcome.cards)
        self.message.say("good", arg(self.tr("Saved: %1"), outcome.customer.name))

    def on_contact_refused(self, outcome) -> None:
        if not self.contact.show_problems(outcome.problems):
            self.message.say("bad", refusal_text(outcome.refusal))

    def _replace_person(self, customer_id: str, **changes) -> None:
        """Redraw one person's row (and their cards) from what a use case returned."""
        for row, match in enumerate(self.matches):
            if match.customer.id == customer_id:
                self.matches[row] = replace(match, **changes)
                self.people.item(row).setText(self.person_line(self.matches[row]))
                if row == self.people.currentRow():
                    for view in self.matches[row].cards:
                        index = self.cards.findData(view.card.id)
                        if index >= 0:
                            self.cards.setItemText(index, self.card_text(view))

    def on_history_loaded(self, outcome) -> None:
        if not outcome.ok:
            self.message.say("bad", refusal_text(outcome.refusal))
            return
        view = outcome.card
        if view.card.id != self.card_id:  # the answer for a card chosen before this one
            return
        self.new_code_button.setEnabled(True)
        self.erase.show_customer(view.customer.id, view.customer.name)
        # the account as the card list shows it: after a merge, her cards in this offer added up
        account = next((v for m in self.matches for v in m.cards if v.card.id == view.card.id), view)
        self.summary.setText(
            arg(
                self.tr("%1 · %2: %n stamp(s) now, %3 rewards redeemed", "", account.card.balance.units),
                view.customer.name,
                view.program.name,
                account.card.balance.redemptions,
            )
        )
        self.history.show_history(outcome)

    def on_adjust_clicked(self) -> None:
        if self.card_id is None:
            self.message.say("bad", self.tr("Choose a card first."))
            return
        card_id, units, reason = self.card_id, self.adjust_units.value(), self.adjust_reason.text()
        actor = self.session.actor
        self.worker.op(self, lambda s: s.adjust(card_id, units, reason, actor=actor)).success(
            self.on_adjusted
        ).refused(self.on_adjust_refused).records_events().run_in_background()

    def on_adjusted(self, outcome) -> None:
        units = outcome.card.card.balance.units
        self.message.say("good", self.tr("Adjusted: %n stamp(s) now.", "", units))
        view = outcome.card
        for match in self.matches:
            if match.customer.id == view.customer.id:
                cards = tuple(view if v.card.id == view.card.id else v for v in match.cards)
                self._replace_person(match.customer.id, cards=cards)
        self.adjust_reason.clear()
        self.adjust_units.setValue(0)
        self._load_history(outcome.card.card.id)

    def on_adjust_refused(self, outcome) -> None:
        self.message.say("bad", refusal_text(outcome.refusal))

    def on_new_code_clicked(self) -> None:
        if self.card_id is None:
            self.message.say("bad", self.tr("Choose a card first."))
            return
        card_id, actor = self.card_id, self.session.actor
        self._ask(
            lambda s: s.new_card_code(card_id, actor=actor),
            lambda outcome: self.on_card_code_made(outcome, card_id),
            self.on_card_code_refused,
        )

    def on_card_code_made(self, outcome, asked_for: int | None = None) -> None:
        """The code is the member's (her first card's), whichever of her cards was chosen."""
        if (asked_for if asked_for is not None else outcome.card.card.id) != self.card_id:
            return  # the manager moved on to another card meanwhile
        self.message.say("good", arg(self.tr("New QR code made for card %1."), outcome.card.card_number))
        if self.code_dialog is not None:
            self.code_dialog.close()
        self.code_dialog = CardCodeDialog(outcome, self.settings.receipt_width_mm, self)
        self.code_dialog.open()  # not exec(): the worker's answers keep arriving

    def on_card_code_refused(self, outcome) -> None:
        self.message.say("bad", refusal_text(outcome.refusal))

    def on_nobody_to_merge(self) -> None:
        self.message.say(
            "bad", self.tr("Search so that both sign-ups are listed, then choose the member to keep.")
        )

    def on_merge_confirmed(self, keep_id: str, absorb_id: str) -> None:
        self.message.say("", self.tr("Merging…"))
        actor = self.session.actor
        self._ask(
            lambda s: s.merge_members(keep_id, absorb_id, actor=actor),
            self.on_members_merged,
            self.on_merge_refused,
        )

    def on_members_merged(self, outcome) -> None:
        """One row goes, the kept member's row shows her summed accounts: from the outcome."""
        self.matches = [
            replace(m, customer=outcome.kept, cards=outcome.accounts)
            if m.customer.id == outcome.kept.id
            else m
            for m in self.matches
            if m.customer.id != outcome.absorbed.id
        ]
        self.people.blockSignals(True)
        self.people.clear()
        for match in self.matches:
            self.people.addItem(QListWidgetItem(self.person_line(match)))
        self.people.blockSignals(False)
        kept = [i for i, m in enumerate(self.matches) if m.customer.id == outcome.kept.id]
        self.people.setCurrentRow(kept[0] if kept else -1)  # her row, cards and history redrawn
        self.message.say(
            "good",
            arg(
                self.tr("Merged: %1 is now part of %2 (%n card(s) moved).", "", outcome.cards_moved),
                outcome.absorbed.name,
                outcome.kept.name,
            ),
        )

    def on_merge_refused(self, outcome) -> None:
        self.message.say("bad", refusal_text(outcome.refusal))

    def on_erase_confirmed(self, customer_id: str) -> None:
        self.message.say("", self.tr("Erasing…"))
        actor = self.session.actor
        self._ask(
            lambda s: s.erase_customer(customer_id, actor=actor),
            self.on_customer_erased,
            self.on_erase_refused,
        )

    def on_customer_erased(self, outcome) -> None:
        self.message.say(
            "good",
            self.tr("Erased: the customer's name, email and phone are gone, and their cards are revoked."),
        )
        self.erase.show_customer(None, "")
        for widget in (self.people, self.cards):  # the lists still show the name: it goes too
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        self.matches = []
        self.edit_button.setEnabled(False)
        if self.card_id is not None:
            self._load_history(self.card_id)  # the same card, now anonymous and revoked

    def on_erase_refused(self, outcome) -> None:
        self.message.say("bad", refusal_text(outcome.refusal))
