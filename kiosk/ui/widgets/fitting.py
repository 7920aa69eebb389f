"""Text that always fits its room: a one-line label that elides (the whole text in its tooltip)
and a check box whose text wraps. tests/ui/test_no_clipped_text.py finds text that does not."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)


class ElidedLabel(QLabel):
    """One line; when the room is too small it ends in "…" instead of pushing its neighbours (a
    long customer name must never hide the "3 of 8" beside it). text() is the whole text."""

    elides = True  # tests/ui/text_fit.py: the text is drawn to fit

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text if self.shown_text() != text else "")

    def shown_text(self) -> str:
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.setToolTip(self.text() if self.shown_text() != self.text() else "")

    def paintEvent(self, event) -> None:
        QFrame.paintEvent(self, event)  # the frame and the QSS background; the text follows
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            self.shown_text(),
            self.foregroundRole(),
        )
        painter.end()


class WrapLabel(QLabel):
    """Word-wrapped, and as high as its wrapped lines need: a layout sizes a plain wrapped label
    for one guessed width and cuts off the last lines when it is narrower than that."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class WrapCheckBox(QCheckBox):
    """A check box whose text wraps onto more lines when its row is narrow (a German sentence is
    longer than the English one). Clicking the text ticks it, as with any check box."""

    wraps = True  # tests/ui/text_fit.py: its text is the word-wrapped label inside

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        indicator = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, self)
        spacing = self.style().pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, option, self)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.setContentsMargins(indicator + spacing, 0, 0, 0)  # the text where a check box's own text is
        row.addWidget(self.label)
        self.setAccessibleName(text)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)  # the box's own text is empty: screen readers read this

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint().expandedTo(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize().expandedTo(super().minimumSizeHint())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(super().sizeHint().height(), self.layout().heightForWidth(width))

    def hitButton(self, pos) -> bool:
        return self.rect().contains(pos)
