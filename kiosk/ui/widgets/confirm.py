"""An inline 'are you sure?' bar for an action that takes something away: it says what happens
and how to reverse it, and the action runs only on its Yes. Inline, not a modal box, so a
sign-out or a scan is never held up by a dialog waiting on the counter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.ui.widgets.buttons import BigButton


class ConfirmBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmBar")
        layout = QHBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.yes_button = BigButton("", kind="danger")
        self.no_button = BigButton(self.tr("Cancel"))
        self.yes_button.clicked.connect(self.on_yes)
        self.no_button.clicked.connect(self.cancel)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.yes_button)
        layout.addWidget(self.no_button)
        self._action: Callable[[], None] | None = None
        self.hide()

    def ask(self, text: str, yes_text: str, action: Callable[[], None]) -> None:
        self.text.setText(text)
        self.yes_button.setText(yes_text)
        self._action = action
        self.show()
        self.no_button.setFocus()  # Enter on a reflex does not take anything away

    def cancel(self) -> None:
        self._action = None
        self.hide()

    def on_yes(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()
