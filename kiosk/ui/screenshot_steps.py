"""The steps every docs screenshot takes: the window's size, letting the event loop settle, a
sign-in at the PIN pad, and saving the window's picture (kiosk.ui.screenshots and
kiosk.ui.screenshots_analytics both use them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from kiosk.ui.app import Kiosk

SIZE = (1024, 768)


def settle(signal=None, timeout_ms: int = 3000) -> None:
    """Run the event loop until `signal` fires (or briefly, for pending work), then repaint."""
    loop = QEventLoop()
    if signal is not None:
        signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms if signal is not None else 120, loop.quit)
    loop.exec()
    if signal is not None:
        signal.disconnect(loop.quit)
    QCoreApplication.processEvents()


def sign_in(kiosk: Kiosk, name: str, pin: str) -> None:
    screen = kiosk.window.signin
    settle()
    staff_id = next(sid for sid, b in screen.staff_buttons.items() if b.text() == name)
    screen.select_staff(staff_id)
    screen.pin_entry.setText(pin)
    screen.on_submit()
    settle(kiosk.session.signed_in)


def save(kiosk: Kiosk, outdir: Path, name: str) -> Path:
    settle()
    path = outdir / f"{name}.png"
    kiosk.window.grab().save(str(path))
    print(path)
    return path
