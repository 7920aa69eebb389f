"""Frame sources: a webcam by index or path, a video file paced like a camera, replayed images.

Every failure is a value (`CameraError`), never an exception the capture loop has to
guess about: no camera, unplugged, busy in another program, a file that cannot be read.
`cv2.VideoCapture(-1)` segfaults in current OpenCV, so negative indexes are refused
before OpenCV sees them.
"""

from __future__ import annotations

import enum
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np


class CameraProblem(enum.Enum):
    NO_CAMERA = "no_camera"  # nothing at that index or path
    BUSY = "busy"  # it exists but will not open: another program has it, or no permission
    UNPLUGGED = "unplugged"  # it was working and stopped delivering frames
    UNREADABLE = "unreadable"  # a file that is not a video OpenCV can read
    ENDED = "ended"  # a video file or image list ran out (not looping)
    INVALID = "invalid"  # a setting that can never work (a negative index)


@dataclass(frozen=True, slots=True)
class CameraError:
    problem: CameraProblem
    message: str

    @property
    def retryable(self) -> bool:
        return self.problem in (CameraProblem.NO_CAMERA, CameraProblem.BUSY, CameraProblem.UNPLUGGED)


class SourceKind(enum.Enum):
    AUTO = "auto"  # the first camera present
    DEVICE_INDEX = "device_index"
    DEVICE_PATH = "device_path"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class CameraSource:
    kind: SourceKind
    index: int = 0
    path: str = ""
    loop: bool = False  # files only: start over at the end, like a camera that never stops

    def describe(self) -> str:
        if self.kind is SourceKind.AUTO:
            return "the camera"
        return f"camera {self.index}" if self.kind is SourceKind.DEVICE_INDEX else self.path


def parse_camera_source(text: str, loop: bool = False) -> CameraSource:
    """ "auto" → the first camera; "0" → device 0; "/dev/video2" → that device; else a video file."""
    text = text.strip()
    if text.lower() in ("", "auto"):
        return CameraSource(SourceKind.AUTO)
    if re.fullmatch(r"-?\d+", text):
        return CameraSource(SourceKind.DEVICE_INDEX, index=int(text))
    if text.startswith("/dev/"):
        return CameraSource(SourceKind.DEVICE_PATH, path=text)
    return CameraSource(SourceKind.FILE, path=text, loop=loop)


def first_camera_index() -> int | None:
    """The lowest N with a /dev/videoN (Linux); 0 elsewhere, where OpenCV has to find out itself."""
    dev = Path("/dev")
    if os.name != "posix" or not dev.is_dir():
        return 0
    indexes = sorted(int(p.name[5:]) for p in dev.glob("video*") if p.name[5:].isdigit())
    return indexes[0] if indexes else None


class FrameSource(Protocol):
    def open(self) -> CameraError | None: ...

    def read(self) -> np.ndarray | CameraError:
        """The next frame (BGR). May wait for it; a file source waits to keep its own pace."""
        ...

    def close(self) -> None: ...


Wait = Callable[[float], None]


class OpenCvCamera:
    """A webcam or video file through cv2.VideoCapture.

    A file is paced at its own FPS against `clock`: if the reader falls behind, frames
    that are already past are skipped (dropped), never queued — like a live camera.
    For devices the driver's buffer is asked to hold one frame, for the same reason.
    """

    def __init__(
        self, source: CameraSource, clock: Callable[[], float] = time.monotonic, wait: Wait = time.sleep
    ):
        self.source = source
        self._clock = clock
        self._wait = wait
        self._capture: cv2.VideoCapture | None = None
        self._fps = 0.0
        self._started_at = 0.0
        self._next_index = 0

    def open(self) -> CameraError | None:
        self.close()
        src = self.source
        if src.kind is SourceKind.AUTO:
            found = first_camera_index()
            if found is None:
                return CameraError(CameraProblem.NO_CAMERA, "no camera is connected")
            src = CameraSource(SourceKind.DEVICE_INDEX, index=found)
        if src.kind is SourceKind.DEVICE_INDEX:
            if src.index < 0:
                return CameraError(CameraProblem.INVALID, f"camera index {src.index} is not valid")
            # Linux only exposes a device's node while it is plugged in: check first, OpenCV is slow to fail
            if os.name == "posix" and Path("/dev").is_dir() and not Path(f"/dev/video{src.index}").exists():
                return CameraError(CameraProblem.NO_CAMERA, f"no camera at index {src.index}")
            capture = cv2.VideoCapture(src.index)
        elif src.kind is SourceKind.DEVICE_PATH:
            if not Path(src.path).exists():
                return CameraError(CameraProblem.NO_CAMERA, f"no camera at {src.path}")
            capture = cv2.VideoCapture(src.path)
        else:
            if not Path(src.path).is_file():
                return CameraError(CameraProblem.UNREADABLE, f"video file not found: {src.path}")
            capture = cv2.VideoCapture(src.path)
        if not capture.isOpened():
            capture.release()
            if src.kind is SourceKind.FILE:
                return CameraError(CameraProblem.UNREADABLE, f"not a video OpenCV can read: {src.path}")
            return CameraError(
                CameraProblem.BUSY, f"{src.describe()} will not open: in use by another program?"
            )
        if src.kind is not SourceKind.FILE:
            # one-frame driver buffer: a slow decoder sees the newest frame, not a queue of old ones
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        fps = capture.get(cv2.CAP_PROP_FPS) if src.kind is SourceKind.FILE else 0.0
        self._fps = fps if 0 < fps < 1000 else 30.0
        self._capture = capture
        self._started_at = self._clock()
        self._next_index = 0
        return None

    def read(self) -> np.ndarray | CameraError:
        if self._capture is None:
            return CameraError(CameraProblem.UNPLUGGED, f"{self.source.describe()} is not open")
        if self.source.kind is SourceKind.FILE:
            return self._read_paced()
        ok, frame = self._capture.read()
        if not ok or frame is None:
            return CameraError(CameraProblem.UNPLUGGED, f"{self.source.describe()} stopped delivering frames")
        return frame

    def _read_paced(self) -> np.ndarray | CameraError:
        assert self._capture is not None
        due_at = self._started_at + self._next_index / self._fps
        delay = due_at - self._clock()
        if delay > 0:
            self._wait(delay)
        # skip frames whose time has already passed: a slow reader drops, never queues
        behind = int((self._clock() - self._started_at) * self._fps) - self._next_index
        for _ in range(max(0, behind)):
            if not self._capture.grab():
                break
            self._next_index += 1
        ok, frame = self._capture.read()
        if not ok or frame is None:
            if self.source.loop and self._next_index > 0:
                self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
                self._started_at = self._clock()
                self._next_index = 0
                ok, frame = self._capture.read()
            if not ok or frame is None:
                return CameraError(CameraProblem.ENDED, f"end of video {self.source.path}")
        self._next_index += 1
        return frame

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class ImageReplayCamera:
    """A fake camera that replays images (arrays or files) at `fps`, for tests and demos."""

    def __init__(
        self,
        images: Sequence[np.ndarray | str | Path],
        fps: float = 30.0,
        loop: bool = False,
        wait: Wait = time.sleep,
        failures: Sequence[CameraError] = (),
    ) -> None:
        self._images = list(images)
        self._interval = 1.0 / fps if fps > 0 else 0.0
        self._loop = loop
        self._wait = wait
        self._failures = list(failures)  # returned by open(), one per attempt, before it succeeds
        self._position = 0
        self._open = False

    def open(self) -> CameraError | None:
        if self._failures:
            return self._failures.pop(0)
        self._open = True
        return None

    def read(self) -> np.ndarray | CameraError:
        if not self._open:
            return CameraError(CameraProblem.UNPLUGGED, "replay camera is not open")
        if self._position >= len(self._images):
            if not self._loop or not self._images:
                return CameraError(CameraProblem.ENDED, "no more images to replay")
            self._position = 0
        item = self._images[self._position]
        self._position += 1
        if self._interval:
            self._wait(self._interval)
        if isinstance(item, np.ndarray):
            return item
        frame = cv2.imread(str(item), cv2.IMREAD_COLOR)
        if frame is None:
            return CameraError(CameraProblem.UNREADABLE, f"cannot read image {item}")
        return frame

    def close(self) -> None:
        self._open = False
