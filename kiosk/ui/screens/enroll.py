"""Enrolling a new customer: name, optional email and phone, consent unticked; then the card's
QR code big on screen, ready to scan from the customer's phone or to print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.settings import KioskSettings
from kiosk.ui.messages import refusal_text
from kiosk.ui.printing import PrintableCard, open_preview, print_to_pdf
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.fitting import WrapCheckBox
from kiosk.ui.widgets.forms import MessageLine, screen_layout
from kiosk.ui.widgets.paper import PaperChoice
from kiosk.ui.widgets.qr_view import qr_pixmap
from kiosk.ui.workers import StoreWorker


class EnrollScreen(QWidget):
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
        self.consent = WrapCheckBox(self.tr("Wants offers by email or text message"))
        self.consent.setChecked(False)  # consent is asked, never assumed
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow("", self.consent)
        form_box.addLayout(form)
        self.enroll_button = BigButton(self.tr("Create the card"), kind="primary", icon_name="person-add")
        self.enroll_button.clicked.connect(self.on_enroll_clicked)
        self.phone.returnPressed.connect(self.on_enroll_clicked)
        form_box.addWidget(self.enroll_button)
        self.message = MessageLine()
        form_box.addWidget(self.message)
        form_box.addStretch(1)
        row.addLayout(form_box, 1)

        qr_box = QVBoxLayout()
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
        row.addLayout(qr_box, 1)
        worker.enrolled.connect(self.on_enrolled)
        worker.enroll_refused.connect(self.on_enroll_refused)

    def activate(self) -> None:
        self.name.setFocus()

    def reset(self) -> None:
        for field in (self.name, self.email, self.phone):
            field.clear()
        self.consent.setChecked(False)
        self.cards = []
        self.qr.clear()
        self.card_choice.hide()
        self.print_button.setEnabled(False)
        self.message.say("", "")

    def on_enroll_clicked(self) -> None:
        self.enroll_button.setEnabled(False)
        self.message.say("", self.tr("Creating the card…"))
        self.worker.enroll(
            self.name.text(),
            self.email.text(),
            self.phone.text(),
            self.consent.isChecked(),
            self.session.actor,
        )

    def on_enrolled(self, outcome) -> None:
        self.enroll_button.setEnabled(True)
        self.cards = [
            PrintableCard(outcome.customer.name, v.program.name, v.card_number, outcome.tokens[v.card.id])
            for v in outcome.cards
        ]
        self.message.say(
            "good", arg(self.tr("Welcome, %1! Scan or print the card."), outcome.customer.first_name)
        )
        for field in (self.name, self.email, self.phone):
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

    def on_enroll_refused(self, outcome) -> None:
        self.enroll_button.setEnabled(True)
        self.message.say("bad", refusal_text(outcome.refusal))

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
