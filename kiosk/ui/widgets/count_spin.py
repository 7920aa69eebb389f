"""A spin box that shows its number with its unit in the right plural form ("1 stamp", "3 stamps",
"1 Stempel"), by Qt's plural rules for the kiosk's language."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox

_NUMBER = re.compile(r"\d+")


class CountSpin(QSpinBox):
    def __init__(self, low: int, high: int, parent=None) -> None:
        super().__init__(parent)
        self.setRange(low, high)
        self.context, self.count_text = "", ""

    def set_unit(self, context: str, count_text: str) -> None:
        """`count_text` is a numerus message of `context`, like "%n stamp(s)"."""
        self.context, self.count_text = context, count_text
        self.lineEdit().setText(self.textFromValue(self.value()))
        self.updateGeometry()

    def textFromValue(self, value: int) -> str:
        if not self.count_text:
            return str(value)
        return QCoreApplication.translate(self.context, self.count_text, "", value)

    def valueFromText(self, text: str) -> int:
        found = _NUMBER.search(text)
        return int(found.group()) if found else self.value()

    def validate(self, text: str, pos: int):
        found = _NUMBER.search(text)
        if found is None:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= int(found.group()) <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos
