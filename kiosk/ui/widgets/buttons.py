"""Buttons sized for fingers at a counter (at least 48 px), styled by role in the QSS."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.resources import icon
from kiosk.ui.theme import current_palette

MIN_TOUCH = 48


class BigButton(QPushButton):
    """`kind` picks the QSS look: primary, good, danger, or plain."""

    def __init__(
        self, text: str, parent: QWidget | None = None, *, kind: str = "plain", icon_name: str = ""
    ) -> None:
        super().__init__(text, parent)
        self.setProperty("kind", kind)
        self.setMinimumHeight(MIN_TOUCH + 8)
        self.setMinimumWidth(MIN_TOUCH)
        if icon_name:
            colour = current_palette().text if kind == "plain" else "#ffffff"
            self.setIcon(icon(icon_name, colour))
            self.setIconSize(QSize(24, 24))
