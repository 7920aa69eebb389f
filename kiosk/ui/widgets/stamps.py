"""Stamps drawn as icons (7 of 10), and a whole loyalty card as customers would see it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.resources import render_icon
from kiosk.ui.theme import current_palette


class StampStrip(QWidget):
    """N of M icons in rows; filled ones in the offer's colour, the rest as faint outlines."""

    def __init__(self, parent: QWidget | None = None, *, stamp_size: int = 40) -> None:
        super().__init__(parent)
        self.filled = 0
        self.total = 10
        self.icon_name = "coffee"
        self.colour = "#6d4c41"
        self.stamp_size = stamp_size
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("stamps")

    def show_stamps(self, filled: int, total: int, icon_name: str, colour: str) -> None:
        self.filled, self.total = max(0, filled), max(1, total)
        self.icon_name, self.colour = icon_name, colour
        self.setAccessibleDescription(f"{self.filled} / {self.total}")
        self.updateGeometry()
        self.update()

    def _per_row(self, width: int) -> int:
        return max(1, min(self.total, width // (self.stamp_size + 5)))

    def sizeHint(self) -> QSize:
        return QSize(min(self.total, 10) * (self.stamp_size + 5), self.heightForWidth(400))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = -(-self.total // self._per_row(max(width, self.stamp_size + 5)))
        return rows * (self.stamp_size + 5)

    def resizeEvent(self, event) -> None:
        self.setFixedHeight(self.heightForWidth(self.width()))
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:
        palette = current_palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        step = self.stamp_size + 5
        per_row = self._per_row(self.width())
        for i in range(self.total):
            x, y = (i % per_row) * step + 3, (i // per_row) * step + 3
            circle = QRectF(x, y, self.stamp_size, self.stamp_size)
            if i < self.filled:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(self.colour))
                painter.drawEllipse(circle)
                render_icon(painter, self.icon_name, circle.adjusted(8, 8, -8, -8), "#ffffff")
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(QColor(palette.empty_stamp), 2, Qt.PenStyle.DashLine))
                painter.drawEllipse(circle.adjusted(1, 1, -1, -1))
                render_icon(painter, self.icon_name, circle.adjusted(10, 10, -10, -10), palette.empty_stamp)
        painter.end()


class CardPreview(QWidget):
    """The offer as a card: name, stamps, reward. Used live in the offer editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = ""
        self.reward = ""
        self.total = 10
        self.filled = 3
        self.icon_name = "coffee"
        self.colour = "#6d4c41"
        self.meter: str | None = None
        self.setMinimumSize(320, 200)

    def show_card(
        self,
        name: str,
        reward: str,
        total: int,
        icon_name: str,
        colour: str,
        *,
        filled: int = 3,
        meter: str | None = None,
    ) -> None:
        """`meter`: a balance counted in points rather than stamps ("35 of 50 points"), drawn as
        a bar with these words, since fifty stamps would not mean anything on a card."""
        self.name, self.reward, self.meter = name, reward, meter
        self.total = max(1, total if meter else min(total, 50))
        self.filled = max(0, min(filled, self.total))
        self.icon_name = icon_name
        self.colour = colour if QColor.isValidColorName(colour) else "#888888"
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        path = QPainterPath()
        path.addRoundedRect(rect, 18, 18)
        painter.fillPath(path, QColor(self.colour))
        painter.setPen(QColor("#ffffff"))
        title = QFont(self.font())
        title.setPixelSize(22)  # the QSS sets sizes in px, so there is no point size to scale
        title.setBold(True)
        painter.setFont(title)
        # a long offer name or reward ends in "…" on the card instead of running off its edge
        inner = rect.adjusted(20, 14, -20, -14)
        width = int(inner.width())
        name = QFontMetrics(title).elidedText(self.name or "…", Qt.TextElideMode.ElideRight, width)
        painter.drawText(inner, Qt.AlignmentFlag.AlignTop, name)
        painter.setFont(self.font())
        reward = self.fontMetrics().elidedText(self.reward, Qt.TextElideMode.ElideRight, width)
        painter.drawText(inner, Qt.AlignmentFlag.AlignBottom, reward)
        if self.meter is not None:
            self._paint_meter(painter, inner)
            painter.end()
            return
        per_row = min(self.total, 10)
        size = min(36.0, (rect.width() - 40) / per_row - 6)
        top = rect.top() + 60
        for i in range(self.total):
            x = rect.left() + 20 + (i % per_row) * (size + 6)
            y = top + (i // per_row) * (size + 6)
            if y + size > rect.bottom() - 36:
                break  # more stamps than fit: the preview shows the first rows only
            circle = QRectF(x, y, size, size)
            painter.setPen(QPen(QColor("#ffffff"), 2))
            painter.setBrush(QColor("#ffffff") if i < self.filled else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(circle)
            colour = self.colour if i < self.filled else "#ffffff"
            render_icon(painter, self.icon_name, circle.adjusted(7, 7, -7, -7), colour)
        painter.end()

    def _paint_meter(self, painter: QPainter, inner: QRectF) -> None:
        bar = QRectF(inner.left(), inner.top() + 56, inner.width(), 26)
        painter.setPen(QPen(QColor("#ffffff"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(bar, 13, 13)
        share = self.filled / self.total
        if share > 0:
            filled = QRectF(bar.left(), bar.top(), max(bar.height(), bar.width() * share), bar.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ffffff"))
            painter.drawRoundedRect(filled, 13, 13)
        render_icon(painter, self.icon_name, QRectF(inner.left(), bar.bottom() + 10, 28, 28), "#ffffff")
        painter.setPen(QColor("#ffffff"))
        words = QRectF(inner.left() + 36, bar.bottom() + 10, inner.width() - 36, 28)
        painter.drawText(words, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.meter or "")
