"""The scanner's part of the kiosk settings: one frozen value, parsed and checked once."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ScannerKind(enum.Enum):
    CAMERA = "camera"
    WEDGE = "wedge"  # a USB scanner that types like a keyboard
    SERIAL = "serial"  # a CDC-ACM scanner on a serial port


@dataclass(frozen=True, slots=True)
class ScannerSettings:
    kind: ScannerKind = ScannerKind.CAMERA
    # "0" (device index), "/dev/video2" (device path) or a video file path; see camera.parse_camera_source
    camera_source: str = "0"
    serial_port: str = "/dev/ttyACM0"
    serial_baud: int = 9600
    # scanners send a key every few ms; people rarely sustain < 50 ms (Odoo allows 100)
    wedge_max_gap_ms: int = 50
    wedge_prefix: str = ""
    wedge_suffix: str = ""
    debounce_ms: int = 1500  # the same code again within this is the same scan
    gone_after_ms: int = 500  # out of view this long and it may be scanned again

    def __post_init__(self) -> None:
        if self.serial_baud <= 0:
            raise ValueError("serial baud rate must be positive")
        if not 1 <= self.wedge_max_gap_ms <= 1000:
            raise ValueError("wedge max gap must be between 1 and 1000 ms")
        if self.debounce_ms < 0 or self.gone_after_ms < 0:
            raise ValueError("debounce times cannot be negative")
