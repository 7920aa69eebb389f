"""Scanner checks for `loyalty-kiosk self-check`: both decoders read a QR made on the spot, OpenCV
(camera capture and the last fallback decoder) loads and works, and the cameras the system
offers are listed without opening any of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PROBE_TEXT = "LOYALTY-KIOSK-SELF-CHECK"
_VIDEO_NODE = re.compile(r"^video(\d+)$")


@dataclass(frozen=True)
class Camera:
    device: str
    name: str


def probe_qr_image():
    """A clean QR as an 8-bit grayscale numpy array: 4 px per module, with its quiet zone.

    Made with segno in memory at check time, so the check depends on no resource file."""
    import numpy as np
    import segno

    matrix = np.array(segno.make(PROBE_TEXT, error="m", micro=False).matrix, dtype=np.uint8)
    modules = np.pad(matrix, 4)  # the 4-module quiet zone the standard asks for
    image = np.where(modules > 0, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(np.kron(image, np.ones((4, 4), dtype=np.uint8)))


def read_with_zxing(image) -> str:
    """What zxing-cpp reads (raises when the module or its library does not load)."""
    import zxingcpp

    found = [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode) if b.valid]
    return found[0] if found else ""


def read_with_pyzbar(image) -> tuple[str, str]:
    """(text read, path of the libzbar loaded): pyzbar raises ImportError when libzbar is missing."""
    from pyzbar import pyzbar, zbar_library

    found = [
        s.data.decode("ascii", "replace") for s in pyzbar.decode(image, symbols=[pyzbar.ZBarSymbol.QRCODE])
    ]
    library, _ = zbar_library.load()  # cached by the OS loader; only asked for its file name
    return (found[0] if found else ""), str(getattr(library, "_name", "?"))


def check_opencv(image) -> tuple[bool, str]:
    """(works, description): OpenCV's QR detector reads the probe image, its capture backends are
    listed, and a 120x120 linear system is solved.

    The solve goes through the BLAS/LAPACK OpenCV links (it hands matrices of 100+ rows to
    LAPACK); in the bundle that is the reference LAPACK build/loyalty-kiosk.spec relinks it to."""
    import cv2
    import numpy as np

    text, _, _ = cv2.QRCodeDetector().detectAndDecode(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR))
    backends = [cv2.videoio_registry.getBackendName(b) for b in cv2.videoio_registry.getCameraBackends()]
    size = 120
    a = np.eye(size) * size + np.arange(size * size, dtype=np.float64).reshape(size, size) % 7
    x = np.arange(1, size + 1, dtype=np.float64).reshape(size, 1)
    solved, found = cv2.solve(a, a @ x, flags=cv2.DECOMP_LU)
    solve_ok = bool(solved) and float(np.max(np.abs(found - x))) < 1e-6
    works = text == PROBE_TEXT and solve_ok
    return works, (
        f"OpenCV {cv2.__version__}: QR detector read {text!r}, "
        f"camera backends {', '.join(backends) or 'none'}, linear solve {'ok' if solve_ok else 'WRONG'}"
    )


def list_cameras(dev: Path = Path("/dev"), sysfs: Path = Path("/sys/class/video4linux")) -> list[Camera]:
    """V4L2 capture nodes with their names, in device-number order, without opening them: a camera
    in use by a running kiosk stays undisturbed, and OpenCV's index -1 ("any camera", which opens
    devices to find one) is never used."""
    numbered = sorted(
        (int(match.group(1)), node) for node in dev.glob("video*") if (match := _VIDEO_NODE.match(node.name))
    )
    cameras = []
    for _, node in numbered:
        try:
            name = (sysfs / node.name / "name").read_text(encoding="utf-8").strip()
        except OSError:
            name = "unknown"
        cameras.append(Camera(str(node), name))
    return cameras
