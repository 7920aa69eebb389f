"""Small helpers every form uses: a titled screen frame, a message line, field errors."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.fitting import WrapLabel


def restyle(widget: QWidget, name: str, value) -> None:
    """Set a property the QSS selects on and re-polish so the new look applies at once."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class MessageLine(WrapLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("formMessage")

    def say(self, state: str, text: str) -> None:
        restyle(self, "state", state)
        self.setText(text)


class FieldError(WrapLabel):
    """Shown right under its field; hidden when the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("fieldError")
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def screen_layout(widget: QWidget, title: str) -> tuple[QVBoxLayout, QLabel]:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(24, 18, 24, 18)
    layout.setSpacing(12)
    heading = QLabel(title)
    heading.setObjectName("title")
    layout.addWidget(heading)
    return layout, heading


def search_row(placeholder: str, button_text: str, on_search) -> tuple[QHBoxLayout, QLineEdit, QPushButton]:
    """A search field with its big button; Enter in the field searches too. Texts come in
    translated by the screen, so each screen keeps its own wording."""
    row = QHBoxLayout()
    query = QLineEdit()
    query.setPlaceholderText(placeholder)
    query.returnPressed.connect(on_search)
    button = BigButton(button_text, kind="primary", icon_name="search")
    button.clicked.connect(on_search)
    row.addWidget(query, 1)
    row.addWidget(button)
    return row, query, button
