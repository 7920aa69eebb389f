"""A replacement QR code for a customer's card, big enough to scan from the screen, ready to
print (kiosk/services/replacement.py makes it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.printing import PrintableCard, open_preview, print_to_pdf
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.fitting import ElidedLabel
from kiosk.ui.widgets.paper import PaperChoice
from kiosk.ui.widgets.qr_view import qr_pixmap

QR_SIDE = 320


class CardCodeDialog(QDialog):
    def __init__(self, outcome, receipt_width_mm: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        view = outcome.card
        self.card = PrintableCard(view.customer.name, view.program.name, view.card_number, outcome.token)
        self.setWindowTitle(self.tr("New QR code"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        title = ElidedLabel(arg(self.tr("New QR code for %1"), view.customer.name))
        title.setObjectName("cardTitle")
        layout.addWidget(title)
        note = QLabel(
            self.tr(
                "Same card, same stamps. This code works at every kiosk of the shop, also when the "
                "card's first code came from a kiosk that has since been taken out of service."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setPixmap(
            qr_pixmap(outcome.token, 8).scaled(QR_SIDE, QR_SIDE, Qt.AspectRatioMode.KeepAspectRatio)
        )
        layout.addWidget(self.qr, 1)
        caption = QLabel(arg(self.tr("%1 · card number %2"), view.program.name, view.card_number))
        caption.setObjectName("qrCaption")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setWordWrap(True)
        layout.addWidget(caption)
        buttons = QHBoxLayout()
        self.paper = PaperChoice(receipt_width_mm)
        self.print_button = BigButton(self.tr("Print…"), icon_name="print")
        self.print_button.clicked.connect(self.on_print_clicked)
        self.close_button = BigButton(self.tr("Close"), kind="primary")
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.paper, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._preview = None

    def on_print_clicked(self) -> None:
        self._preview = open_preview(self, [self.card], self.paper.receipt_width())

    def print_pdf(self, path: Path | None = None) -> Path:
        return print_to_pdf([self.card], path, self.paper.receipt_width())
