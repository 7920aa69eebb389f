"""Where bundled icons, sounds, styles and translations live, and loading them as Qt objects."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer


def _resources_dir() -> Path:
    """resources/ at the top of the repository (DESIGN.md's layout); the PyInstaller bundle
    carries it at the same name beside the frozen code."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


RESOURCES = _resources_dir()
ICONS = RESOURCES / "icons"
SOUNDS = RESOURCES / "sounds"
STYLES = RESOURCES / "style"
TRANSLATIONS = RESOURCES / "translations"


@cache
def _renderer(name: str) -> QSvgRenderer:
    path = ICONS / f"{name}.svg"
    return QSvgRenderer(str(path if path.exists() else ICONS / "star.svg"))


def icon_image(name: str, size: int, colour: str | QColor) -> QImage:
    """The icon drawn at `size` px in one colour: the SVGs are black shapes used as a mask."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _renderer(name).render(painter, QRectF(0, 0, size, size))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), QColor(colour))
    painter.end()
    return image


def render_icon(painter: QPainter, name: str, rect: QRectF, colour: str | QColor) -> None:
    side = max(1, int(min(rect.width(), rect.height())))
    painter.drawImage(rect.toRect(), icon_image(name, side, colour))


def icon(name: str, colour: str = "#ffffff", size: int = 64) -> QIcon:
    return QIcon(QPixmap.fromImage(icon_image(name, size, colour)))
