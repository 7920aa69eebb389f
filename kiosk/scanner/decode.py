"""The QR decoder pipeline: zxing-cpp first, cheaper-than-it-looks fallbacks after.

Measured on this machine (benchmarks/bench_decode.py): zxing-cpp alone reads more
frames than pyzbar or OpenCV and is 10-20x faster, but each of the others, and zxing-cpp
itself on a lightly blurred or contrast-equalised copy, reads a few frames it misses
(photos-2/28 needs any of them; low-contrast and noisy synthetic frames need the
contrast or blur pass). The primary pass runs on every frame; the fallback steps run
only when the primary pass reads nothing:

- for a still image (`decode_image`, the CLI and the tests) every step, cheap first;
- for live frames (`LiveDecoder`) one step per `fallback_interval_s`, rotating through
  the steps, so a frame with no code costs what zxing-cpp alone costs in the common case
  and a code held in view still gets every step within a fraction of a second.

We tried a cheap "is there anything QR-like here" gate (finder-pattern contours or
connected components on a downscaled frame) first: it cost 0.8-2 ms on a 720p frame in
Python, more than the whole 1.3x budget, so the schedule replaced it.

Never a misread: only texts a decoder reports as fully decoded are returned. pyzbar and
OpenCV guess the character set of non-UTF-8 codes wrongly (Shift-JIS, Big5 photos come
back as other characters), so their results are kept only when the text is plain ASCII,
which every card token and card number is. zxing-cpp honours ECI and is trusted as is.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

try:  # libzbar is a system library; without it the pyzbar steps are simply skipped
    from pyzbar import pyzbar as _pyzbar
except ImportError:  # pragma: no cover - libzbar0 is installed on kiosks and CI
    _pyzbar = None


class DecoderName(enum.Enum):
    """Which step read a code: useful in logs and in the benchmark, never for logic."""

    ZXING = "zxing-cpp"
    ZXING_BLURRED = "zxing-cpp+blur"
    ZXING_EQUALISED = "zxing-cpp+clahe"
    PYZBAR = "pyzbar"
    PYZBAR_INVERTED = "pyzbar+inverted"
    OPENCV = "opencv"


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class DecodedCode:
    """One code read from a frame. `corners` are in the frame's pixels, for the preview outline."""

    text: str
    corners: tuple[Point, ...]
    decoder: DecoderName


_QR = zxingcpp.BarcodeFormat.QRCode
_CLAHE = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
_QR_ONLY = [_pyzbar.ZBarSymbol.QRCODE] if _pyzbar is not None else []


def to_gray(image: np.ndarray) -> np.ndarray:
    """A contiguous 8-bit grayscale view of a BGR, BGRA or gray frame."""
    if image.ndim == 2:
        gray = image
    elif image.shape[2] == 4:
        gray = cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    else:
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if gray.dtype != np.uint8:
        raise ValueError(f"expected an 8-bit image, got {gray.dtype}")
    return np.ascontiguousarray(gray)


def _zxing(gray: np.ndarray, name: DecoderName) -> list[DecodedCode]:
    found = []
    # Plain text mode: HRI mode rewrites control characters as "<SOH>" and would alter the text
    for barcode in zxingcpp.read_barcodes(gray, formats=_QR, text_mode=zxingcpp.TextMode.Plain):
        if not barcode.valid or not barcode.text:
            continue
        p = barcode.position
        corners = tuple(
            Point(float(c.x), float(c.y)) for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
        )
        found.append(DecodedCode(barcode.text, corners, name))
    return found


def _charset_safe(text: str) -> bool:
    return bool(text) and text.isascii()


def _pyzbar_read(gray: np.ndarray, name: DecoderName) -> list[DecodedCode]:
    if _pyzbar is None:
        return []
    found = []
    for symbol in _pyzbar.decode(gray, symbols=_QR_ONLY):
        try:
            text = symbol.data.decode("ascii")
        except UnicodeDecodeError:
            continue  # zbar's charset guess cannot be trusted for non-ASCII (see module doc)
        if not _charset_safe(text):
            continue
        corners = tuple(Point(float(pt.x), float(pt.y)) for pt in symbol.polygon)
        found.append(DecodedCode(text, corners, name))
    return found


def _opencv_read(gray: np.ndarray) -> list[DecodedCode]:
    detector = cv2.QRCodeDetector()  # per call: the detector keeps state and is not thread-safe
    try:
        text, points, _ = detector.detectAndDecode(gray)
    except (cv2.error, UnicodeDecodeError):
        return []  # a non-UTF-8 payload makes the binding raise; treat it as not read
    if not _charset_safe(text) or points is None:
        return []
    corners = tuple(Point(float(x), float(y)) for x, y in np.asarray(points).reshape(-1, 2))
    return [DecodedCode(text, corners, DecoderName.OPENCV)]


def decode_primary(gray: np.ndarray) -> list[DecodedCode]:
    """zxing-cpp on the frame as it is (QR only; it tries inverted, rotated and downscaled itself)."""
    return _zxing(gray, DecoderName.ZXING)


@dataclass(frozen=True, slots=True)
class FallbackStep:
    name: DecoderName
    read: Callable[[np.ndarray], list[DecodedCode]]


# Cheapest first. Each earns its place in the benchmark: see the module doc.
FALLBACK_STEPS: tuple[FallbackStep, ...] = (
    FallbackStep(
        DecoderName.ZXING_BLURRED,
        lambda g: _zxing(cv2.GaussianBlur(g, (3, 3), 0), DecoderName.ZXING_BLURRED),
    ),
    FallbackStep(DecoderName.ZXING_EQUALISED, lambda g: _zxing(_CLAHE.apply(g), DecoderName.ZXING_EQUALISED)),
    FallbackStep(DecoderName.PYZBAR, lambda g: _pyzbar_read(g, DecoderName.PYZBAR)),
    FallbackStep(DecoderName.PYZBAR_INVERTED, lambda g: _pyzbar_read(255 - g, DecoderName.PYZBAR_INVERTED)),
    FallbackStep(DecoderName.OPENCV, _opencv_read),
)


def _unique(codes: Sequence[DecodedCode]) -> tuple[DecodedCode, ...]:
    seen: set[str] = set()
    out = []
    for code in codes:
        if code.text not in seen:
            seen.add(code.text)
            out.append(code)
    return tuple(out)


def decode_image(image: np.ndarray, *, fallback: bool = True) -> tuple[DecodedCode, ...]:
    """Every code in one still image: the primary pass, then each fallback step until one reads."""
    gray = to_gray(image)
    found = decode_primary(gray)
    if found or not fallback:
        return _unique(found)
    for step in FALLBACK_STEPS:
        found = step.read(gray)
        if found:
            return _unique(found)
    return ()


class LiveDecoder:
    """Decodes a stream of frames: primary pass always, fallback steps on a schedule.

    Per-instance state only (which step is next, when one last ran); time is passed in.
    Not thread-safe: one capture loop owns one LiveDecoder.
    """

    def __init__(
        self, fallback_interval_s: float = 0.25, steps: Sequence[FallbackStep] = FALLBACK_STEPS
    ) -> None:
        self.fallback_interval_s = fallback_interval_s
        self._steps = tuple(steps)
        self._next_step = 0
        self._last_fallback_at: float | None = None

    def decode(self, image: np.ndarray, now: float) -> tuple[DecodedCode, ...]:
        gray = to_gray(image)
        found = decode_primary(gray)
        if found or not self._steps:
            return _unique(found)
        due = self._last_fallback_at is None or now - self._last_fallback_at >= self.fallback_interval_s
        if not due:
            return ()
        self._last_fallback_at = now
        step = self._steps[self._next_step]
        self._next_step = (self._next_step + 1) % len(self._steps)
        return _unique(step.read(gray))
