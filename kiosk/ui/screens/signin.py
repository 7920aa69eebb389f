"""Staff sign-in with a PIN (big keypad, lockout countdown), and the first run's owner set-up.

The same screen checks a manager's PIN before the kiosk mode can be left. The pad preselects
whoever signed in last at this kiosk and submits by itself once the selected person's PIN has
as many digits as theirs (the length is kept when a PIN is set or typed right; until it is known,
OK or Enter submits). Lockouts are per person: a refusal counts for the person it was typed for,
whoever is selected when the answer comes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import Role
from kiosk.services.context import Actor
from kiosk.ui.messages import refusal_text
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.fitting import WrapLabel
from kiosk.ui.workers import StoreWorker

SIGN_IN = "sign_in"
LEAVE_KIOSK = "leave_kiosk"


class SignInScreen(QWidget):
    actor_verified = Signal(object, str)  # Actor, purpose
    cancelled = Signal()
    first_run_needed = Signal()  # no owner yet: the first-run screen sets up the shop and its owner

    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signinScreen")
        self.worker = worker
        self.purpose = SIGN_IN
        self.staff_buttons: dict[str, BigButton] = {}
        self._roster: tuple = ()
        self._checking = False  # a PIN is being checked: a second Enter must not count as a try
        self._submitted_for: str | None = None  # whose PIN the worker is checking
        self._locks: dict[str, int] = {}  # staff id -> seconds left; others can still sign in
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self.on_countdown_tick)

        panel = QFrame()
        panel.setObjectName("signinPanel")
        panel.setMinimumWidth(600)
        panel.setMaximumWidth(760)
        box = QVBoxLayout(panel)
        box.setContentsMargins(32, 24, 32, 24)
        box.setSpacing(12)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        box.addWidget(self.title)
        self.staff_row = QGridLayout()
        self.staff_row.setSpacing(8)
        self.staff_group = QButtonGroup(self)
        self.staff_group.setExclusive(True)
        box.addLayout(self.staff_row)

        self.pin_entry = QLineEdit()
        self.pin_entry.setObjectName("pinEntry")
        self.pin_entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_entry.setMaxLength(8)
        self.pin_entry.setPlaceholderText(self.tr("PIN"))
        self.pin_entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_entry.returnPressed.connect(self.on_submit)
        self.pin_entry.textChanged.connect(self.on_pin_changed)
        box.addWidget(self.pin_entry)

        keypad = QGridLayout()
        keypad.setSpacing(8)
        self.keys: dict[str, BigButton] = {}
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for i, label in enumerate(labels):
            key = BigButton(
                self.tr("OK") if label == "OK" else label, kind="primary" if label == "OK" else "key"
            )
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard users type into the PIN field
            key.clicked.connect(lambda _=False, k=label: self.on_key(k))
            keypad.addWidget(key, i // 3, i % 3)
            self.keys[label] = key
        box.addLayout(keypad)

        self.message = QLabel()
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        self.lockout = WrapLabel()  # "Zu viele falsche PINs. Erneut versuchen in 60 s." is long
        self.lockout.setObjectName("lockout")
        self.lockout.hide()
        box.addWidget(self.lockout)
        self.cancel_button = BigButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancelled.emit)
        box.addWidget(self.cancel_button)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

        self.start(SIGN_IN)

    # modes
    def start(self, purpose: str) -> None:
        """Show the PIN pad for `purpose`; asks the worker whether an owner exists first."""
        self.purpose = purpose
        self.title.setText(
            self.tr("Who is signing in?")
            if purpose == SIGN_IN
            else self.tr("A manager's PIN is needed to leave kiosk mode")
        )
        self.cancel_button.setVisible(purpose != SIGN_IN)
        self.pin_entry.clear()
        self._say("", "")
        self._show_lock_state()
        self._set_pin_mode(True)
        self.worker.op(self, lambda s: s.needs_owner()).success(self.on_owner_checked).run_in_background()

    def _set_pin_mode(self, on: bool) -> None:
        self.pin_entry.setVisible(on)
        for key in self.keys.values():
            key.setVisible(on)

    def on_owner_checked(self, needs_owner: bool) -> None:
        if needs_owner:
            self.first_run_needed.emit()
        else:
            self._load_roster()

    def _load_roster(self) -> None:
        self.worker.op(self, lambda s: s.roster()).success(self.on_roster_loaded).run_in_background()

    def on_roster_loaded(self, roster) -> None:
        for button in self.staff_buttons.values():
            self.staff_group.removeButton(button)
            button.deleteLater()
        self.staff_buttons = {}
        needed = Role.MANAGER if self.purpose == LEAVE_KIOSK else Role.CASHIER
        self._roster = tuple(s for s in roster if s.active and s.role.at_least(needed))
        for index, member in enumerate(self._roster):
            button = BigButton(member.name)
            button.setCheckable(True)
            button.toggled.connect(self.on_staff_toggled)
            self.staff_group.addButton(button)
            self.staff_row.addWidget(button, index // 3, index % 3)
            self.staff_buttons[member.id] = button
        if self._roster:
            self.staff_buttons[last_signed_in(self._roster).id].setChecked(True)
        self.pin_entry.setFocus()

    def on_staff_toggled(self, _checked: bool) -> None:
        self._show_lock_state()
        self.pin_entry.setFocus()

    def select_staff(self, staff_id: str) -> None:
        self.staff_buttons[staff_id].setChecked(True)

    def selected_staff_id(self) -> str | None:
        return next((sid for sid, b in self.staff_buttons.items() if b.isChecked()), None)

    # the PIN
    def on_key(self, key: str) -> None:
        if key == "⌫":
            self.pin_entry.backspace()
        elif key == "OK":
            self.on_submit()
        else:
            self.pin_entry.insert(key)

    def on_pin_changed(self, text: str) -> None:
        member = next((s for s in self._roster if s.id == self.selected_staff_id()), None)
        if member is not None and member.pin_length and len(text) == member.pin_length:
            self.on_submit()

    def on_submit(self) -> None:
        staff_id = self.selected_staff_id()
        if self._is_locked() or self._checking:
            return
        if not self.pin_entry.text():
            return  # an Enter after the PIN submitted itself: never a wrong attempt
        if staff_id is None:
            self._say("bad", self.tr("Choose your name first."))
            return
        self._checking = True
        self._submitted_for = staff_id
        pin = self.pin_entry.text()
        self.pin_entry.clear()
        self.worker.op(self, lambda s: s.sign_in(staff_id, pin)).success(self.on_signed_in).refused(
            self.on_sign_in_refused
        ).failure(self.on_failed).run_in_background()

    def on_failed(self, _error: Exception) -> None:
        self._checking = False  # the window has said what went wrong: the PIN may be typed again

    def on_signed_in(self, outcome) -> None:
        self._checking = False
        actor: Actor = outcome.actor
        if self.purpose == LEAVE_KIOSK and not actor.role.at_least(Role.MANAGER):
            self._say("bad", self.tr("Only a manager or the owner can leave kiosk mode."))
            return
        self._say("", "")
        self.actor_verified.emit(actor, self.purpose)

    def on_sign_in_refused(self, outcome) -> None:
        self._checking = False
        if outcome.locked_seconds:
            self._start_lockout(self._submitted_for, outcome.locked_seconds)
            self._say("bad", "")
        elif outcome.attempts_left:
            self._say(
                "bad", self.tr("Wrong PIN. %n attempt(s) left before a lockout.", "", outcome.attempts_left)
            )
        else:
            self._say("bad", refusal_text(outcome.refusal))

    def _is_locked(self) -> bool:
        return self._locks.get(self.selected_staff_id() or "", 0) > 0

    def _start_lockout(self, staff_id: str | None, seconds: int) -> None:
        if staff_id is not None:
            self._locks[staff_id] = seconds
            self._countdown.start()
        self._show_lock_state()

    def on_countdown_tick(self) -> None:
        self._locks = {sid: left - 1 for sid, left in self._locks.items() if left > 1}
        if not self._locks:
            self._countdown.stop()
        self._show_lock_state()

    def _show_lock_state(self) -> None:
        locked = self._is_locked()
        self.lockout.setVisible(locked)
        for key in self.keys.values():
            key.setEnabled(not locked)
        self.pin_entry.setEnabled(not locked)
        if locked:
            self._show_countdown()

    def _show_countdown(self) -> None:
        left = self._locks.get(self.selected_staff_id() or "", 0)
        self.lockout.setText(arg(self.tr("Too many wrong PINs. Try again in %1 s."), left))

    def _say(self, state: str, text: str) -> None:
        self.message.setProperty("state", state)
        self.message.setText(text)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)


def last_signed_in(roster: tuple) -> object:
    """Whoever signed in last at this kiosk; the first in the list when nobody has yet."""
    return max(
        roster, key=lambda s: (s.last_signed_in_at is not None, s.last_signed_in_at or 0), default=None
    )
