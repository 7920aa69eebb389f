"""Preview frames for the scan screen: downscaled, RGB, with code outlines in preview pixels.

Done here rather than in the UI because only the scanner package may use OpenCV; the UI
wraps the array in a QImage as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.scanner.decode import DecodedCode

Outline = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class PreviewFrame:
    rgb: np.ndarray  # height × width × 3, uint8, C-contiguous
    outlines: tuple[Outline, ...]  # one polygon per code, in preview pixels
    scale: float  # preview pixels per frame pixel


def make_preview(frame: np.ndarray, codes: Sequence[DecodedCode], max_width: int = 640) -> PreviewFrame:
    height, width = frame.shape[:2]
    scale = min(1.0, max_width / width) if width else 1.0
    if scale < 1.0:
        # INTER_AREA would look nicer but costs ~3x more; the preview is small and moving anyway
        frame = cv2.resize(
            frame,
            (max(1, round(width * scale)), max(1, round(height * scale))),
            interpolation=cv2.INTER_LINEAR,
        )
    if frame.ndim == 2:
        rgb = cv2.cvtColor(frame, cv2.COLOR_GRAY2RGB)
    else:
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
    outlines = tuple(tuple((p.x * scale, p.y * scale) for p in code.corners) for code in codes)
    return PreviewFrame(np.ascontiguousarray(rgb), outlines, scale)
