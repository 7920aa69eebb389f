"""Video files of generated frames, written per test (never committed)."""

from __future__ import annotations

from pathlib import Path

import cv2

from kiosk.scanner.synthetic import Hardness, blank_frame, make_frame


def write_video(
    path: Path, text: str, fps: float = 30.0, before: int = 10, showing: int = 20, after: int = 10
) -> Path:
    """Blank frames, then the code held in view, then blank again; MJPG in .avi works headless."""
    size = (640, 480)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size)
    assert writer.isOpened(), "OpenCV cannot write MJPG video here"
    try:
        for i in range(before):
            writer.write(blank_frame(seed=i))
        for i in range(showing):
            writer.write(make_frame(text, Hardness.CLEAN, seed=i).image)
        for i in range(after):
            writer.write(blank_frame(seed=100 + i))
    finally:
        writer.release()
    return path
