"""An application-wide key filter that takes keyboard-wedge scans out of the key stream.

Installed on the QApplication, it sees every key press before any widget does. Each
press is swallowed where it is first seen (the QWindow under a real X server, the
widget itself for synthesized events), so a key is counted once even though an
app-wide filter is offered it again for every widget in the focus chain. The pure
parser (kiosk.scanner.wedge) decides: a scanner burst becomes `code_scanned`; anything
else is replayed, in order, to the widget that has focus, marked so the filter lets
the replay through. Key releases and modifier-only presses pass untouched; a press with
Ctrl/Alt/Meta is a shortcut, never part of a scan: held keys are released first.

A burst typed while a text field has the focus is the person's typing (a fast typist's name
and Enter look like a scan by timing alone) unless it is a complete card code or carries the
scanner's configured prefix. A replayed key is a press and its release, so a button that acts
on release (Space on a focused button) acts on a replayed key too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from kiosk.scanner.wedge import (
    ReleasedKeys,
    SpecialKey,
    WedgeKey,
    WedgeParser,
    WedgeScan,
    WedgeSettings,
    is_card_code,
)

_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
}
_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


class WedgeFilter(QObject):
    code_scanned = Signal(str)
    keys_released = Signal(int)  # how many held keys were given back as typing (for tests and logs)

    def __init__(
        self,
        settings: WedgeSettings = WedgeSettings(),
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._parser = WedgeParser(settings)
        self._settings = settings
        self._clock = clock
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_gap_timeout)

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def uninstall(self, app: QApplication) -> None:
        app.removeEventFilter(self)
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self._replaying:
            return False
        if not isinstance(watched, QWindow | QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        key = Qt.Key(event.key())
        if key in _MODIFIER_KEYS:
            return False  # scanners press Shift for capitals: that must not break a burst
        if event.modifiers() & _SHORTCUT_MODIFIERS:
            self._handle(self._parser.poll(float("inf")))
            return False
        self._handle(self._parser.feed(_wedge_key(event, self._clock())))
        return True

    def _handle(self, results: list) -> None:
        for result in results:
            if isinstance(result, WedgeScan) and self._is_users_typing(result):
                self._replay(result.keys)
            elif isinstance(result, WedgeScan):
                self.code_scanned.emit(result.text)
            elif isinstance(result, ReleasedKeys) and result.keys:
                self._replay(result.keys)
        self._arm_timer()

    def _is_users_typing(self, scan: WedgeScan) -> bool:
        if not _is_text_field(QApplication.focusWidget()):
            return False
        return not self._settings.prefix and not is_card_code(scan.text)

    def _replay(self, keys: tuple[WedgeKey, ...]) -> None:
        target = QApplication.focusWidget() or QGuiApplication.focusWindow()
        self._replaying = True
        try:
            for key in keys:
                code, modifiers, text = key.token
                if target is not None:
                    QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, code, modifiers, text))
                    QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyRelease, code, modifiers, text))
        finally:
            self._replaying = False
        self.keys_released.emit(len(keys))

    def _arm_timer(self) -> None:
        deadline = self._parser.deadline()
        if deadline is None:
            self._timer.stop()
            return
        self._timer.start(max(1, int((deadline - self._clock()) * 1000) + 1))

    def _on_gap_timeout(self) -> None:
        self._handle(self._parser.poll(self._clock()))


def _is_text_field(widget: QWidget | None) -> bool:
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        return widget.isEnabled() and not (isinstance(widget, QLineEdit) and widget.isReadOnly())
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return False


def _wedge_key(event: QKeyEvent, now: float) -> WedgeKey:
    key = event.key()
    token = (key, event.modifiers(), event.text())
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return WedgeKey("", now, SpecialKey.ENTER, token)
    if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        return WedgeKey("", now, SpecialKey.TAB, token)
    text = event.text()
    if len(text) != 1 or not text.isprintable():
        return WedgeKey("", now, SpecialKey.OTHER, token)
    return WedgeKey(text, now, None, token)
