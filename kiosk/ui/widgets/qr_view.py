"""A card's QR code as a pixmap, made with segno (PNG bytes in memory, no temp files)."""

from __future__ import annotations

import io

import segno
from PySide6.QtGui import QImage, QPixmap


def qr_image(text: str, scale: int = 8) -> QImage:
    buffer = io.BytesIO()
    segno.make(text, error="m", boost_error=False).save(buffer, kind="png", scale=scale, border=4)
    image = QImage()
    image.loadFromData(buffer.getvalue(), "PNG")
    return image


def qr_pixmap(text: str, scale: int = 8) -> QPixmap:
    return QPixmap.fromImage(qr_image(text, scale))
