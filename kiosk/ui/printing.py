"""Printing a customer's card (a new one, or a new code for one): A4/Letter or a 58/80 mm receipt
roll, with preview and PDF."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from kiosk.ui.widgets.qr_view import qr_image

RECEIPT_LENGTH_MM = 120.0
_SCAN_HINT = QT_TRANSLATE_NOOP("PrintedCard", "Show this code at the counter to collect stamps.")


def scan_hint() -> str:
    """The line under every printed code, in the kiosk's language."""
    return QCoreApplication.translate("PrintedCard", _SCAN_HINT)


@dataclass(frozen=True)
class PrintableCard:
    customer_name: str
    program_name: str
    card_number: str
    token: str


def make_printer(receipt_width_mm: int, pdf_path: Path | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if receipt_width_mm in (58, 80):
        size = QPageSize(QSizeF(receipt_width_mm, RECEIPT_LENGTH_MM), QPageSize.Unit.Millimeter, "Receipt")
        printer.setPageLayout(
            QPageLayout(
                size, QPageLayout.Orientation.Portrait, QMarginsF(3, 3, 3, 3), QPageLayout.Unit.Millimeter
            )
        )
    else:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    if pdf_path is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf_path))
    return printer


def render_cards(printer: QPrinter, cards: list[PrintableCard], scan_hint: str) -> None:
    """One card per page: name, offer, the QR code as large as the page allows, the number."""
    painter = QPainter(printer)
    try:
        for index, card in enumerate(cards):
            if index:
                printer.newPage()
            page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            page.moveTo(0, 0)
            line = page.height() / 16
            title = QFont("DejaVu Sans")
            title.setPixelSize(max(8, int(line * 0.6)))
            title.setBold(True)
            painter.setFont(title)
            painter.drawText(
                QRectF(0, 0, page.width(), line), Qt.AlignmentFlag.AlignCenter, card.customer_name
            )
            body = QFont("DejaVu Sans")
            body.setPixelSize(max(8, int(line * 0.45)))
            painter.setFont(body)
            painter.drawText(
                QRectF(0, line, page.width(), line), Qt.AlignmentFlag.AlignCenter, card.program_name
            )
            side = min(page.width(), page.height() - 4 * line)
            image = qr_image(card.token, scale=10)
            target = QRectF((page.width() - side) / 2, 2 * line, side, side)
            painter.drawImage(target, image)
            painter.drawText(
                QRectF(0, 2 * line + side, page.width(), line), Qt.AlignmentFlag.AlignCenter, card.card_number
            )
            painter.drawText(
                QRectF(0, 3 * line + side, page.width(), line), Qt.AlignmentFlag.AlignCenter, scan_hint
            )
    finally:
        painter.end()


def print_to_pdf(cards: list[PrintableCard], path: Path | None, receipt_width_mm: int) -> Path:
    """Print to a PDF file (also what the preview's 'save as PDF' makes); None: a new temp file."""
    target = path or Path(tempfile.mkdtemp(prefix="kiosk-card-")) / "card.pdf"
    render_cards(make_printer(receipt_width_mm, target), cards, scan_hint())
    return target


class CardPreviewDialog(QPrintPreviewDialog):
    """The print preview of cards. It owns its printer: QPrintPreviewDialog only borrows the one
    it is given, so a printer that lived in a local variable was freed while the dialog still
    painted on it (the app crashed on Print…)."""

    def __init__(self, printer: QPrinter, cards: list[PrintableCard], parent: QWidget) -> None:
        super().__init__(printer, parent)
        self.printer = printer
        self.cards = list(cards)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.paintRequested.connect(self.on_paint_requested)

    def on_paint_requested(self, printer: QPrinter) -> None:
        render_cards(printer, self.cards, scan_hint())


def open_preview(parent: QWidget, cards: list[PrintableCard], receipt_width_mm: int) -> CardPreviewDialog:
    dialog = CardPreviewDialog(make_printer(receipt_width_mm), cards, parent)
    dialog.open()  # not exec(): the counter's event loop keeps running
    return dialog
