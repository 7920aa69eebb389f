"""Reading image files for decoding, with a clear reason when a file is not an image."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np


class ImageReadError(Exception):
    pass


def read_image_file(path: str | Path) -> np.ndarray:
    """A BGR image from a file; ImageReadError saying why not (missing, a folder, not an image)."""
    file = Path(path)
    if not file.exists():
        raise ImageReadError(f"{path}: no such file")
    if file.is_dir():
        raise ImageReadError(f"{path}: is a directory")
    try:
        data = np.fromfile(file, dtype=np.uint8)  # cv2.imread cannot say why it failed
    except OSError as exc:
        raise ImageReadError(f"{path}: {exc.strerror or exc}") from exc
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise ImageReadError(f"{path}: not an image file OpenCV can read")
    return image
