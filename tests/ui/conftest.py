"""A demo shop in tmp_path and the whole GUI built on it, shut down (threads joined) after."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from kiosk.services.context import Context
from kiosk.services.demo import create_demo_shop
from kiosk.services.facade import Services
from kiosk.settings import KioskSettings
from kiosk.store import open_store
from kiosk.ui.app import build_main_window
from kiosk.ui.i18n import install_translations
from tests.helpers import today_at


class Clock:
    """A clock the test moves: cooldowns and undo windows without sleeping."""

    def __init__(self) -> None:
        self.now = today_at(9)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    opened = open_store(tmp_path / "data", now=clock())
    yield opened
    opened.close()


@pytest.fixture
def demo(store, clock):
    return create_demo_shop(Context(store, clock=clock))


@pytest.fixture
def services(store, clock):
    return Services(Context(store, clock=clock))


@pytest.fixture
def make_kiosk(qapp, qtbot, services, tmp_path):
    made = []
    translators = []

    def make(settings: KioskSettings | None = None, language: str | None = "en", **kwargs):
        if language and not translators:
            translators.extend(install_translations(qapp, language))
        kiosk = build_main_window(
            services, settings or KioskSettings(sound=False), data_dir=tmp_path / "data", app=qapp, **kwargs
        )
        if not kiosk.window.kiosk_mode:
            kiosk.window.resize(1024, 768)
            kiosk.window.show()
        qtbot.addWidget(kiosk.window)
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.window.kiosk_mode = False
        kiosk.shutdown()
    for translator in translators:
        QApplication.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English))  # install_translations moved it


def sign_in(qtbot, kiosk, name: str, pin: str) -> None:
    screen = kiosk.window.signin
    qtbot.waitUntil(lambda: any(b.text() == name for b in screen.staff_buttons.values()))
    staff_id = next(sid for sid, b in screen.staff_buttons.items() if b.text() == name)
    screen.select_staff(staff_id)
    with qtbot.waitSignal(kiosk.session.signed_in, timeout=5000):
        qtbot.keyClicks(screen.pin_entry, pin)
        qtbot.keyClick(screen.pin_entry, "\r")


def flush_store(qtbot, kiosk, timeout: int = 5000) -> None:
    """Every store request asked for so far has been answered on the UI thread: the worker runs
    them in order, so one more request's own answer comes after all of theirs."""
    answered: list[object] = []
    kiosk.worker.op(None, lambda _services: True).success(answered.append).run_in_background()
    qtbot.waitUntil(lambda: bool(answered), timeout=timeout)


def scan_answers(kiosk) -> tuple[list, list]:
    """What the scan screen shows from now on, split into recorded and refused outcomes."""
    recorded: list[object] = []
    refused: list[object] = []
    kiosk.screens["scan"].result_shown.connect(
        lambda outcome: (refused if getattr(outcome, "ok", True) is False else recorded).append(outcome)
    )
    return recorded, refused
