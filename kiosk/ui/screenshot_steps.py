"""The steps every docs screenshot takes: the window's size, letting the event loop settle, a
sign-in at the PIN pad, and saving the window's picture (kiosk.ui.screenshots and
kiosk.ui.screenshots_analytics both use them)."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.services.context import Context
from kiosk.services.facade import Services
from kiosk.settings import KioskSettings
from kiosk.store import Store, open_store
from kiosk.ui.app import Kiosk, build_main_window
from kiosk.ui.i18n import install_translations
from kiosk.ui.i18n_build import build as build_translations
from kiosk.ui.resources import TRANSLATIONS

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


def staff_button(kiosk: Kiosk, name: str) -> str:
    """The id of `name`'s button on the sign-in screen, once the roster is on it: the store thread
    reads it, which on a busy machine takes longer than one settle."""
    screen = kiosk.window.signin
    settle()
    deadline = time.monotonic() + 60
    while not any(b.text() == name for b in screen.staff_buttons.values()):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name} never appeared on the sign-in screen")
        settle(kiosk.worker.settled, 500)
    return next(sid for sid, b in screen.staff_buttons.items() if b.text() == name)


def sign_in(kiosk: Kiosk, name: str, pin: str) -> None:
    screen = kiosk.window.signin
    staff_id = staff_button(kiosk, name)
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


@contextmanager
def shop_window(
    language: str = "en",
    theme: str = "light",
    seed: Callable[[Store], None] | None = None,
    data: Path | None = None,
    **settings: object,
) -> Iterator[tuple[Kiosk, Services]]:
    """A kiosk window at SIZE, shown, on a new ledger in `data` (a temporary folder if None;
    `seed` fills it), in `language`, with any other kiosk `settings`; closed and its
    translators removed afterwards."""
    app = QApplication.instance() or QApplication(sys.argv)
    if not (TRANSLATIONS / f"kiosk_{language}.qm").exists():
        build_translations()
    translators = install_translations(app, language)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) if data is None else data
        store = open_store(data, now=datetime.now(UTC))
        if seed is not None:
            seed(store)
        services = Services(Context(store))
        looks = KioskSettings(sound=False, language=language, theme=theme, **settings)
        kiosk = build_main_window(services, looks, data_dir=data, app=app)
        try:
            kiosk.window.resize(*SIZE)
            kiosk.window.show()
            yield kiosk, services
        finally:
            kiosk.window.close()
            kiosk.shutdown()
            store.close()
            for translator in translators:
                app.removeTranslator(translator)
