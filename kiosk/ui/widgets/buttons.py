"""Buttons sized for fingers at a counter (at least 48 px), styled by role in the QSS."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from kiosk.ui.resources import icon
from kiosk.ui.theme import current_palette

MIN_TOUCH = 48
FOCUS_BORDER_EXTRA = 4


class BigButton(QPushButton):
    """`kind` picks the QSS look: primary, good, danger, or plain."""

    def __init__(
        self, text: str, parent: QWidget | None = None, *, kind: str = "plain", icon_name: str = ""
    ) -> None:
        super().__init__(text, parent)
        self.setProperty("kind", kind)
        # height only: an explicit minimum width would let a layout squeeze the button below its
        # text ("Speichern" cut to "peicher"); sizeHint keeps it at least a finger wide
        self.setMinimumHeight(MIN_TOUCH + 8)
        self.icon_name = icon_name
        if icon_name:
            self.setIconSize(QSize(24, 24))
            self._colour_icon()

    def _colour_icon(self) -> None:
        if getattr(self, "icon_name", ""):  # Qt polishes the button before __init__ has set it
            plain = self.property("kind") == "plain"
            self.setIcon(icon(self.icon_name, current_palette().text if plain else "#ffffff"))

    def changeEvent(self, event) -> None:
        # a new theme re-polishes every widget: a plain button's icon follows the text colour
        if event.type() == QEvent.Type.StyleChange:
            self._colour_icon()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        # + 4 px: the focus border (3 px, QSS) is 2 px wider each side than the normal one
        return (super().sizeHint() + QSize(FOCUS_BORDER_EXTRA, 0)).expandedTo(QSize(MIN_TOUCH, MIN_TOUCH + 8))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


def period_choice(
    owner: QWidget, labels: dict[int, str], chosen: int, on_chosen
) -> tuple[QHBoxLayout, QButtonGroup]:
    """A row of checkable buttons, one per period in days (`labels`: days -> its words), `chosen`
    checked; `on_chosen(days)` when one is clicked. The row ends in a stretch, so a screen can add
    its own buttons at the right."""
    row = QHBoxLayout()
    group = QButtonGroup(owner)
    for days, label in labels.items():
        button = BigButton(label)
        button.setCheckable(True)
        group.addButton(button, days)
        row.addWidget(button)
    group.button(chosen).setChecked(True)
    group.idClicked.connect(on_chosen)
    row.addStretch(1)
    return row, group
