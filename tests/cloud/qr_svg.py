"""Reads the QR code of a card page: its inline SVG (segno's one-path form) drawn into pixels,
then decoded by the kiosk's own decoder pipeline, so a test sees what a camera would read."""

from __future__ import annotations

import re

import numpy as np

from kiosk.scanner.decode import decode_image

SVG = re.compile(r"<svg[^>]*viewBox=\"0 0 (\d+) (\d+)\".*?</svg>", re.S)
PATH = re.compile(r'<path class="qrline"[^>]*\sd="([^"]+)"')
STEP = re.compile(r"([Mmhv])(-?[\d.]+)(?:\s(-?[\d.]+))?")


def svg_pixels(svg: str, zoom: int = 8) -> np.ndarray:
    """The code as a white image with black modules; segno draws each dark run as a 1-unit-wide
    horizontal line at y + 0.5 (M/m move, h draws)."""
    size = SVG.search(svg)
    path = PATH.search(svg)
    assert size, "no SVG with a viewBox in the page"
    assert path, "no segno QR path in the SVG"
    width = int(size.group(1))
    grid = np.full((width, width), 255, dtype=np.uint8)
    x = y = 0.0
    for op, a, b in STEP.findall(path.group(1)):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        elif op == "h":
            end = x + float(a)
            grid[int(y), int(min(x, end)) : int(max(x, end))] = 0
            x = end
        else:  # pragma: no cover - segno writes no vertical lines in this form
            raise AssertionError(f"unexpected path step {op}")
    return np.kron(grid, np.ones((zoom, zoom), dtype=np.uint8))


def decode_svg(svg: str) -> list[str]:
    return [code.text for code in decode_image(svg_pixels(svg))]
