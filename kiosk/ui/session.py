"""Who is signed in, and signing them out after a stretch of no activity."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.domain.model import Role
from kiosk.services.context import Actor

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
}


class Session(QObject):
    signed_in = Signal(object)
    signed_out = Signal(str)  # why: "idle" or "button"

    def __init__(self, idle_seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.actor: Actor | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self.on_idle_timeout)
        self.set_idle_interval_ms(idle_seconds * 1000)

    def set_idle_interval_ms(self, ms: int) -> None:
        self._idle.setInterval(ms)
        if self._idle.isActive():
            self._idle.start()

    def idle_interval_ms(self) -> int:
        return self._idle.interval()

    def allows(self, role: Role) -> bool:
        return self.actor is not None and self.actor.role.at_least(role)

    def sign_in(self, actor: Actor) -> None:
        self.actor = actor
        self._idle.start()
        self.signed_in.emit(actor)

    def sign_out(self, why: str = "button") -> None:
        self._idle.stop()
        if self.actor is not None:
            self.actor = None
            self.signed_out.emit(why)

    def on_idle_timeout(self) -> None:
        self.sign_out("idle")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # installed on the application: any key or touch counts as "still here"
        if self.actor is not None and event.type() in _ACTIVITY:
            self._idle.start()
        return False
