"""Synthetic camera frames with QR codes in them, for tests, benchmarks and the demo camera.

Frames are generated, never stored: a code rendered by segno, placed on a textured
background with a perspective warp, then degraded the way counter webcams degrade
them (blur, glare, sensor noise, low contrast, a small code far away, a phone theme
showing it light-on-dark). Everything is seeded, so a failing case can be replayed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import cv2
import numpy as np
import segno


class Hardness(enum.Enum):
    CLEAN = "clean"
    BLUR = "blur"
    GLARE = "glare"
    PERSPECTIVE = "perspective"
    NOISE = "noise"
    SMALL = "small"
    INVERTED = "inverted"
    LOW_CONTRAST = "low_contrast"
    ROTATED = "rotated"
    COMBINED = "combined"  # perspective + blur + noise + glare at once


@dataclass(frozen=True, slots=True)
class SyntheticFrame:
    image: np.ndarray  # BGR, uint8
    text: str
    hardness: Hardness
    seed: int


def qr_modules(text: str, error: str = "m", border: int = 4) -> np.ndarray:
    """The code's modules as a uint8 array, 1 = dark, with a quiet zone of `border` modules."""
    code = segno.make(text, error=error, micro=False)
    return np.array(list(code.matrix_iter(scale=1, border=border)), dtype=np.uint8)


def render_code(text: str, module_px: int = 6, error: str = "m") -> np.ndarray:
    """A clean grayscale image of the code: dark modules 0, light 255."""
    modules = qr_modules(text, error)
    image = np.where(modules == 1, 0, 255).astype(np.uint8)
    return cv2.resize(image, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)


def background(width: int, height: int, rng: np.random.Generator) -> np.ndarray:
    """A counter-like scene: smooth gradients plus a little texture and a few shapes (no codes)."""
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    base = 120 + 60 * np.sin(xs / (width / rng.uniform(1, 4))) * np.cos(ys / (height / rng.uniform(1, 4)))
    image = np.clip(base, 0, 255).astype(np.uint8)
    image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    for _ in range(6):
        color = tuple(int(c) for c in rng.integers(0, 255, 3))
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        cv2.rectangle(
            image, (x, y), (x + int(rng.integers(20, 200)), y + int(rng.integers(20, 120))), color, -1
        )
    texture = rng.normal(0, 6, image.shape).astype(np.int16)
    return np.clip(image.astype(np.int16) + texture, 0, 255).astype(np.uint8)


def place_code(
    scene: np.ndarray, code: np.ndarray, corners: np.ndarray, ink: int = 20, paper: int = 235
) -> np.ndarray:
    """Warp the code image onto `corners` (4×2, clockwise from top-left) of the scene."""
    h, w = code.shape[:2]
    source = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners.astype(np.float32))
    size = (scene.shape[1], scene.shape[0])
    toned = np.where(code < 128, ink, paper).astype(np.uint8)
    warped = cv2.warpPerspective(toned, matrix, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full_like(code, 255), matrix, size, flags=cv2.INTER_LINEAR)
    alpha = (mask.astype(np.float32) / 255.0)[..., None]
    warped_bgr = cv2.cvtColor(warped, cv2.COLOR_GRAY2BGR).astype(np.float32)
    return (scene.astype(np.float32) * (1 - alpha) + warped_bgr * alpha).astype(np.uint8)


def _square(cx: float, cy: float, side: float, angle_deg: float = 0.0) -> np.ndarray:
    half = side / 2
    pts = np.array([[-half, -half], [half, -half], [half, half], [-half, half]], dtype=np.float32)
    a = np.deg2rad(angle_deg)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], dtype=np.float32)
    return pts @ rot.T + np.array([cx, cy], dtype=np.float32)


def make_frame(
    text: str, hardness: Hardness, seed: int = 0, width: int = 640, height: int = 480
) -> SyntheticFrame:
    """One frame of the given kind; the same (text, hardness, seed, size) gives the same pixels."""
    rng = np.random.default_rng(seed)
    scene = background(width, height, rng)
    code = render_code(text)
    short = min(width, height)
    side = short * (rng.uniform(0.1, 0.2) if hardness is Hardness.SMALL else rng.uniform(0.45, 0.65))
    cx = width / 2 + rng.uniform(-0.1, 0.1) * width
    cy = height / 2 + rng.uniform(-0.1, 0.1) * height
    angle = rng.uniform(20, 70) if hardness is Hardness.ROTATED else rng.uniform(-6, 6)
    corners = _square(cx, cy, side, angle)
    if hardness in (Hardness.PERSPECTIVE, Hardness.COMBINED):
        corners = corners + rng.uniform(-0.12, 0.12, corners.shape).astype(np.float32) * side
    ink, paper = (235, 25) if hardness is Hardness.INVERTED else (20, 235)
    if hardness is Hardness.LOW_CONTRAST:
        ink = int(rng.integers(95, 115))
        paper = ink + int(rng.integers(18, 40))
    image = place_code(scene, code, corners, ink=ink, paper=paper)
    if hardness in (Hardness.BLUR, Hardness.COMBINED):
        sigma = rng.uniform(1.0, 2.0) if hardness is Hardness.COMBINED else rng.uniform(1.5, 3.5)
        image = cv2.GaussianBlur(image, (0, 0), sigma)
    if hardness in (Hardness.GLARE, Hardness.COMBINED):
        image = _glare(image, rng, corners)
    if hardness in (Hardness.NOISE, Hardness.COMBINED):
        sigma = rng.uniform(8, 16) if hardness is Hardness.COMBINED else rng.uniform(20, 45)
        noise = rng.normal(0, sigma, image.shape).astype(np.int16)
        image = np.clip(image.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    return SyntheticFrame(image=image, text=text, hardness=hardness, seed=seed)


def _glare(image: np.ndarray, rng: np.random.Generator, corners: np.ndarray) -> np.ndarray:
    """A soft bright blob over part of the code, like a ceiling light on a phone screen."""
    h, w = image.shape[:2]
    centre = corners.mean(axis=0) + rng.uniform(-0.2, 0.2, 2) * (corners.max(axis=0) - corners.min(axis=0))
    radius = float(np.linalg.norm(corners[0] - corners[2])) * rng.uniform(0.15, 0.3)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    d2 = (xs - centre[0]) ** 2 + (ys - centre[1]) ** 2
    light = rng.uniform(150, 260) * np.exp(-d2 / (2 * radius**2))
    return np.clip(image.astype(np.float32) + light[..., None], 0, 255).astype(np.uint8)


def blank_frame(seed: int = 0, width: int = 640, height: int = 480) -> np.ndarray:
    """A scene with no code in it (what the camera sees most of the day)."""
    return background(width, height, np.random.default_rng(seed))


def token_like_text(seed: int) -> str:
    """127 uppercase base32 characters, the shape of a real card token (QR version 6, level M)."""
    rng = np.random.default_rng(seed)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    return "".join(alphabet[i] for i in rng.integers(0, 32, 127))


def hard_frames(count_per_kind: int = 4, width: int = 640, height: int = 480) -> list[SyntheticFrame]:
    """A fixed suite: every kind of hardness, a few seeds each, token-shaped texts."""
    frames = []
    for kind_index, kind in enumerate(Hardness):
        for i in range(count_per_kind):
            seed = 1000 * kind_index + i
            frames.append(make_frame(token_like_text(seed), kind, seed, width, height))
    return frames
