"""The paper a card is printed on: an A4 page or a 58/80 mm receipt roll."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget


class PaperChoice(QComboBox):
    def __init__(self, receipt_width_mm: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for label, width in (
            (self.tr("A4 page"), 0),
            (self.tr("Receipt 80 mm"), 80),
            (self.tr("Receipt 58 mm"), 58),
        ):
            self.addItem(label, width)
        self.setCurrentIndex(max(0, self.findData(receipt_width_mm)))

    def receipt_width(self) -> int:
        """0 for A4, else the roll's width in mm (kiosk/ui/printing.py)."""
        return int(self.currentData())
