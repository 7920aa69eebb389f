"""Waiting on a real kiosk window in a benchmark: an event loop with a deadline, a signal awaited,
the demo manager signed in. Shared by the benchmarks that open screens (analytics, dashboard)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer


def run_until(loop: QEventLoop, ms: int = 60_000) -> None:
    """loop.exec() with a deadline that cannot quit a later loop (a stray singleShot would)."""
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(ms)
    loop.exec()
    deadline.stop()


def wait(signal, ms: int = 60_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    run_until(loop, ms)
    signal.disconnect(loop.quit)


def sign_in_manager(kiosk, pin: str) -> None:
    """The demo shop's Max Manager signs in, as at the counter; returns once the session says so."""
    wait(kiosk.worker.settled)
    signin = kiosk.window.signin
    max_id = next(sid for sid, b in signin.staff_buttons.items() if b.text() == "Max Manager")
    signin.select_staff(max_id)
    signin.pin_entry.setText(pin)
    signin.on_submit()
    wait(kiosk.session.signed_in)
