"""Enrolling a new customer: name, optional email and phone, consent unticked; then the card's
QR code big on screen, ready to scan from the customer's phone or to print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.problems import Problem
from kiosk.domain.refusals import Reason
from kiosk.domain.till_join import NoJoinLink
from kiosk.settings import KioskSettings
from kiosk.ui.messages import problem_text, refusal_text
from kiosk.ui.printing import PrintableCard, open_preview, print_to_pdf
from kiosk.ui.screens.enroll_join import JoinOnPhonePanel
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.fitting import WrapCheckBox
from kiosk.ui.widgets.forms import FieldError, MessageLine, screen_layout
from kiosk.ui.widgets.paper import PaperChoice
from kiosk.ui.widgets.qr_view import qr_pixmap
from kiosk.ui.workers import StoreWorker


def _with_error(field: QLineEdit, error: FieldError) -> QVBoxLayout:
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(field)
    box.addWidget(error)
    return box


class EnrollScreen(QWidget):
    stamp_requested = Signal(str)  # the new card's number, stamped at the counter for this visit
    join_link_wanted = Signal()  # paired, but the till's join link is not here yet: sync soon

    def __init__(self, worker: StoreWorker, session: Session, settings: KioskSettings, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.cards: list[PrintableCard] = []
        self._preview = None
        layout, _ = screen_layout(self, self.tr("New customer"))
        row = QHBoxLayout()
        row.setSpacing(24)
        layout.addLayout(row, 1)

        form_box = QVBoxLayout()
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("First and last name"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("optional"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("optional"))
        # a referral (issue 15): the referring member's code, scanned (a scan while this field has
        # the focus lands here, kiosk.ui.app.scan_router) or typed, or her card number
        self.referred_by = QLineEdit()
        self.referred_by.setObjectName("referredBy")
        self.referred_by.setPlaceholderText(self.tr("optional: scan her code"))
        self.consent = WrapCheckBox(self.tr("Wants offers by email or text message"))
        self.consent.setChecked(False)  # consent is asked, never assumed
        self.errors = {
            "Name": FieldError(),
            "Email": FieldError(),
            "Phone": FieldError(),
            "Referred by": FieldError(),
        }
        self.fields = {
            "Name": self.name,
            "Email": self.email,
            "Phone": self.phone,
            "Referred by": self.referred_by,
        }
        form.addRow(self.tr("Name"), _with_error(self.name, self.errors["Name"]))
        form.addRow(self.tr("Email"), _with_error(self.email, self.errors["Email"]))
        form.addRow(self.tr("Phone"), _with_error(self.phone, self.errors["Phone"]))
        form.addRow(self.tr("Referred by"), _with_error(self.referred_by, self.errors["Referred by"]))
        form.addRow("", self.consent)
        form_box.addLayout(form)
        self.enroll_button = BigButton(self.tr("Create the card"), kind="primary", icon_name="person-add")
        self.enroll_button.clicked.connect(self.on_enroll_clicked)
        for field in self.fields.values():  # Enter in any field submits the form
            field.returnPressed.connect(self.on_enroll_clicked)
        form_box.addWidget(self.enroll_button)
        # the visit that brought the customer in earns its stamp at once: Enter after the card is made
        self.stamp_button = BigButton(self.tr("Stamp this visit"), kind="good", icon_name="check")
        self.stamp_button.clicked.connect(self.on_stamp_clicked)
        self.stamp_button.setEnabled(False)
        self.stamp_button.setAutoDefault(True)  # Enter presses it when it has the focus, as Space does
        form_box.addWidget(self.stamp_button)
        # the person is a member already (her email or phone): add her to the offers instead;
        # her code stays her code
        self.member = None
        self.stamp_when_made = False  # an Enter typed while the card was being made
        self.join_button = BigButton("", kind="primary", icon_name="person-add")
        self.join_button.setObjectName("joinButton")
        self.join_button.clicked.connect(self.on_join_clicked)
        self.join_button.hide()
        form_box.addWidget(self.join_button)
        self.message = MessageLine()
        form_box.addWidget(self.message)
        form_box.addStretch(1)
        # she can join on her own phone instead (the cloud's join page, bound to this till)
        self.phone_join_button = BigButton(self.tr("Join on your phone"), icon_name="scan")
        self.phone_join_button.setObjectName("phoneJoinButton")
        self.phone_join_button.clicked.connect(self.on_phone_join_clicked)
        form_box.addWidget(self.phone_join_button)
        row.addLayout(form_box, 1)

        self.right = QStackedWidget()
        card_side = QWidget()
        qr_box = QVBoxLayout(card_side)
        qr_box.setContentsMargins(0, 0, 0, 0)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(300, 300)
        self.qr_caption = QLabel(self.tr("The new card's QR code appears here."))
        self.qr_caption.setObjectName("qrCaption")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setWordWrap(True)
        self.card_choice = QComboBox()
        self.card_choice.currentIndexChanged.connect(self.on_card_chosen)
        self.card_choice.hide()
        qr_box.addWidget(self.qr, 1)
        qr_box.addWidget(self.qr_caption)
        qr_box.addWidget(self.card_choice)
        prints = QHBoxLayout()
        self.paper = PaperChoice(settings.receipt_width_mm)
        self.print_button = BigButton(self.tr("Print…"), icon_name="print")
        self.print_button.clicked.connect(self.on_print_clicked)
        self.print_button.setEnabled(False)
        prints.addWidget(self.paper, 1)
        prints.addWidget(self.print_button)
        qr_box.addLayout(prints)
        self.join_panel = JoinOnPhonePanel()
        self.join_panel.closed.connect(self.close_join_panel)
        self.right.addWidget(card_side)
        self.right.addWidget(self.join_panel)
        row.addWidget(self.right, 1)

    def activate(self) -> None:
        self.name.setFocus()

    def takes_scan(self, code: str) -> bool:
        """A scanner's code read while "Referred by" has the focus is the referrer's: it goes into
        the field (replacing what was there), not to the counter."""
        if not (self.isVisible() and self.referred_by.hasFocus()):
            return False
        self.referred_by.setText(code.strip())
        self.errors["Referred by"].show_error("")
        return True

    def on_phone_join_clicked(self) -> None:
        """The till's join link is read from the store (sync keeps it there), off the UI thread."""
        self.phone_join_button.setEnabled(False)
        self._read_join_link(ask_sync=True)

    def _read_join_link(self, *, ask_sync: bool) -> None:
        def shown(found) -> None:
            self.show_join_panel(found)
            if ask_sync and found is NoJoinLink.NOT_FETCHED:
                self.join_link_wanted.emit()  # a sync round fetches it; on_sync_finished shows it

        self.worker.op(self, lambda s: s.till_join_link()).success(shown).failure(
            lambda _error: self.phone_join_button.setEnabled(True)
        ).run_in_background()

    def show_join_panel(self, found) -> None:
        self.phone_join_button.setEnabled(True)
        self.join_panel.show_link(found)
        self.right.setCurrentWidget(self.join_panel)

    def on_sync_finished(self, _status) -> None:
        """A round may have fetched the link the open panel is waiting for."""
        if self.right.currentWidget() is self.join_panel and self.join_panel.link is None:
            self._read_join_link(ask_sync=False)

    def close_join_panel(self) -> None:
        self.right.setCurrentIndex(0)
        self.name.setFocus()

    def reset(self) -> None:
        self.right.setCurrentIndex(0)
        for field in self.fields.values():
            field.clear()
        self.consent.setChecked(False)
        self.cards = []
        self.qr.clear()
        self.card_choice.hide()
        self.print_button.setEnabled(False)
        self.stamp_button.setEnabled(False)
        self._offer_join(None)
        self._show_field_errors(())
        self.message.say("", "")

    def on_enroll_clicked(self) -> None:
        if not self.enroll_button.isEnabled():
            # already creating: a second Enter must not make a second customer. It is the
            # cashier's "stamp this visit", typed ahead: kept, and done once the card exists
            self.stamp_when_made = True
            return
        self.stamp_when_made = False
        self.enroll_button.setEnabled(False)
        self._offer_join(None)
        self._show_field_errors(())
        self.message.say("", self.tr("Creating the card…"))
        name, email, phone = self.name.text(), self.email.text(), self.phone.text()
        consent, actor, referred_by = self.consent.isChecked(), self.session.actor, self.referred_by.text()
        self.worker.op(
            self,
            lambda s: s.enroll(
                name,
                email=email,
                phone=phone,
                marketing_consent=consent,
                actor=actor,
                referred_by=referred_by or None,
            ),
        ).success(self.on_enrolled).refused(self.on_enroll_refused).failure(
            self.on_failed
        ).records_events().run_in_background()

    def on_failed(self, _error: Exception) -> None:
        self.stamp_when_made = False
        self.enroll_button.setEnabled(True)  # the window has said what went wrong: try again
        self.message.say("", "")

    def on_enrolled(self, outcome) -> None:
        first = outcome.customer.first_name
        text = arg(self.tr("Welcome, %1! Scan or print the card."), first)
        referral = outcome.referral
        if referral is not None and referral.refusal is not None:
            # she joined all the same; the cashier can tell both why there is no bonus
            why = QCoreApplication.translate("Referral", referral.refusal.value)
            text = arg(self.tr("%1\nNo referral bonus: %2"), text, why)
        elif referral is not None and outcome.referrer is not None:
            text = arg(
                self.tr("%1\nReferred by %2: both get the referral bonus at %3's first visit."),
                text,
                outcome.referrer.name,
                first,
            )
        self.message.say("good", text)
        self._show_cards(outcome)

    def on_join_clicked(self) -> None:
        member, actor = self.member, self.session.actor
        if member is None or not self.join_button.isEnabled():
            return
        self.join_button.setEnabled(False)
        self.worker.op(self, lambda s: s.join_programs(member.id, actor=actor)).success(
            self.on_joined
        ).refused(self.on_enroll_refused).failure(self.on_failed).records_events().run_in_background()

    def on_joined(self, outcome) -> None:
        """She is in every running offer now; her code (her member card's) is the one shown."""
        first = outcome.customer.first_name
        if outcome.joined:
            names = ", ".join(p.name for p in outcome.joined)
            text = arg(self.tr("%1 is in %2 now; %1's code stays the same."), first, names)
        else:
            text = arg(self.tr("%1 is in every running offer already; %1's code stays the same."), first)
        self._offer_join(None)
        self._show_field_errors(())
        self.message.say("good", text)
        self._show_cards(outcome)

    def _offer_join(self, member) -> None:
        self.member = member
        self.join_button.setVisible(member is not None)
        self.join_button.setEnabled(member is not None)
        if member is not None:
            self.join_button.setText(self.tr("Add to the offers"))

    def _show_cards(self, outcome) -> None:
        self.enroll_button.setEnabled(True)
        self.right.setCurrentIndex(0)  # the new card's QR, in place of the join panel
        # in the counter's order (stamp cards first): "Stamp this visit" stamps the first one
        self.cards = [
            PrintableCard(outcome.customer.name, v.program.name, v.card_number, outcome.tokens[v.card.id])
            for v in outcome.cards
            if v.card.id in outcome.tokens  # a member's: her code only, the one she keeps
        ]
        for field in self.fields.values():
            field.clear()
        self.consent.setChecked(False)
        self.card_choice.blockSignals(True)
        self.card_choice.clear()
        for card in self.cards:
            self.card_choice.addItem(card.program_name)
        self.card_choice.blockSignals(False)
        self.card_choice.setVisible(len(self.cards) > 1)
        self.on_card_chosen(0)
        self.print_button.setEnabled(bool(self.cards))
        self.stamp_button.setEnabled(bool(self.cards))
        if self.cards:
            self.stamp_button.setFocus()
        if self.stamp_when_made and self.cards:
            self.stamp_when_made = False
            self.on_stamp_clicked()

    def on_enroll_refused(self, outcome) -> None:
        self.stamp_when_made = False  # nothing was made: the typed-ahead Enter stamps nothing
        self.enroll_button.setEnabled(True)
        marked = self._show_field_errors(outcome.problems)
        member = getattr(outcome, "member", None)
        self._offer_join(member)
        if member is not None:
            # one tap adds her; the focus stays on the field, for a cashier who mistyped it
            self.message.say("bad", arg(self.tr("%1 is already a member."), member.name))
            if marked:
                self.fields[marked[0]].setFocus()
        elif marked:
            self.message.say("bad", self.tr("Please correct the fields marked below."))
            self.fields[marked[0]].setFocus()  # the first field to fix, never another control
        else:
            self.message.say("bad", refusal_text(outcome.refusal))

    def _show_field_errors(self, problems) -> list[str]:
        """Each problem under its own field, all at once; returns the fields marked, in form order."""
        texts = dict.fromkeys(self.errors, "")
        for refusal in problems:
            name = refusal.params.get("field")
            if name in texts:
                texts[name] = self._field_problem(refusal)
        for name, text in texts.items():
            self.errors[name].show_error(text)
        return [name for name in self.errors if texts[name]]

    def _field_problem(self, refusal) -> str:
        if refusal.reason is Reason.DUPLICATE:
            if refusal.params.get("field") == "Email":
                return self.tr("Another customer already has this email.")
            return self.tr("Another customer already has this phone number.")
        problem = refusal.params.get("problem_code")
        if isinstance(problem, Problem):
            return problem_text(problem, refusal.params.get("problem_params"))
        return refusal_text(refusal)

    def on_stamp_clicked(self) -> None:
        index = max(self.card_choice.currentIndex(), 0)
        if self.stamp_button.isEnabled() and index < len(self.cards):
            self.stamp_button.setEnabled(False)  # one stamp for this visit
            self.stamp_requested.emit(self.cards[index].card_number)

    def on_card_chosen(self, index: int) -> None:
        if 0 <= index < len(self.cards):
            card = self.cards[index]
            side = max(260, min(self.qr.width(), self.qr.height()))
            self.qr.setPixmap(qr_pixmap(card.token, 8).scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
            self.qr_caption.setText(arg(self.tr("%1 · card number %2"), card.program_name, card.card_number))

    def receipt_width(self) -> int:
        return self.paper.receipt_width()

    def on_print_clicked(self) -> None:
        self._preview = open_preview(self, self.cards, self.receipt_width())

    def print_pdf(self, path: Path | None = None) -> Path:
        """Print the new cards to a PDF file (also what the preview's 'save as PDF' produces)."""
        return print_to_pdf(self.cards, path, self.receipt_width())
