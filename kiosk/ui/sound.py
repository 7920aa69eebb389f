"""Feedback sounds for the counter: loud enough to hear from two metres, and mutable."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from kiosk.ui.resources import SOUNDS


class SoundPlayer(QObject):
    """Plays good (a stamp) / bad (a refusal) / reward / undo
    (kiosk/ui/sounds_build.py makes them). QtMultimedia is loaded lazily (it costs start-up time) and
    a machine without audio falls back to the system beep."""

    def __init__(self, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._effects: dict = {}
        self.played: list[str] = []  # what was asked for, for tests and diagnostics

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        self.played.append(name)
        effect = self._effect(name)
        if effect is None:
            QApplication.beep()
            return
        effect.play()

    def _effect(self, name: str):
        if name in self._effects:
            return self._effects[name]
        effect = None
        path = SOUNDS / f"{name}.wav"
        try:
            from PySide6.QtMultimedia import QSoundEffect

            if path.exists():
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                effect.setVolume(1.0)
        except ImportError:
            effect = None
        self._effects[name] = effect
        return effect
