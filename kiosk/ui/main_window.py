"""The window: a navigation bar gated by role, the screens in a stack, and the status bar."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import Role
from kiosk.services.context import Actor
from kiosk.sync.engine import SyncState
from kiosk.ui.resources import icon
from kiosk.ui.screens.first_run import FirstRunScreen
from kiosk.ui.screens.signin import LEAVE_KIOSK, SignInScreen
from kiosk.ui.session import Session
from kiosk.ui.text import arg
from kiosk.ui.widgets.status_bar import KioskStatusBar
from kiosk.ui.workers import StatusInfo, StoreWorker, status_call

STATUS_REFRESH_MS = 15_000


@dataclass
class ScreenEntry:
    name: str
    title: str
    icon_name: str
    role: Role
    widget: QWidget
    shortcut: str = ""
    # a screen reached from another one's (Analytics from Reports) has no navigation button of its
    # own: the bar is full at 768 px high; that screen's button shows where one is
    under: str = ""


class MainWindow(QMainWindow):
    screen_changed = Signal(str)
    access_denied = Signal(str)  # the screen someone tried to open without the role for it

    def __init__(self, worker: StoreWorker, session: Session, shop_name: str = "") -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Loyalty Kiosk"))
        self.setMinimumSize(QSize(1000, 700))
        self.worker = worker
        self.session = session
        self.kiosk_mode = False
        self.entries: dict[str, ScreenEntry] = {}
        self.nav_buttons: dict[str, QPushButton] = {}

        self.nav = QFrame()
        self.nav.setObjectName("navBar")
        self.nav.setFixedWidth(212)
        self.nav_layout = QVBoxLayout(self.nav)
        self.nav_layout.setContentsMargins(10, 12, 10, 12)
        self.nav_layout.setSpacing(6)
        # before the first run there is no shop name: the app's own name, never a blank header
        self.shop_label = QLabel(shop_name or self.tr("Loyalty Kiosk"))
        self.shop_label.setObjectName("shopName")
        self.shop_label.setWordWrap(True)
        self.nav_layout.addWidget(self.shop_label)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_end = QVBoxLayout()
        self.nav_layout.addStretch(1)
        self.nav_layout.addLayout(self.nav_end)
        self.kiosk_button = self._nav_button(self.tr("Leave kiosk mode"), "lock")
        self.kiosk_button.setCheckable(False)
        self.kiosk_button.clicked.connect(self.on_leave_kiosk_clicked)
        self.kiosk_button.hide()
        self.sign_out_button = self._nav_button(self.tr("Sign out"), "sign-out")
        self.sign_out_button.setCheckable(False)
        self.sign_out_button.clicked.connect(lambda: self.session.sign_out("button"))
        self.nav_end.addWidget(self.kiosk_button)
        self.nav_end.addWidget(self.sign_out_button)

        self.stack = QStackedWidget()
        self.signin = SignInScreen(worker)
        self.signin.actor_verified.connect(self.on_actor_verified)
        self.signin.cancelled.connect(self.on_signin_cancelled)
        self.stack.addWidget(self.signin)
        self.first_run = FirstRunScreen(worker)
        self.first_run.shop_ready.connect(self.on_shop_ready)
        self.signin.first_run_needed.connect(self.show_first_run)
        self.stack.addWidget(self.first_run)

        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.status = KioskStatusBar()
        self.setStatusBar(self.status)
        self._status_info = StatusInfo()

        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        worker.events_recorded.connect(self.refresh_status)
        worker.job_failed.connect(self.on_job_failed)
        session.signed_in.connect(self.on_signed_in)
        session.signed_out.connect(self.on_signed_out)
        self.show_signin()

    # screens
    def add_screen(self, entry: ScreenEntry) -> None:
        self.entries[entry.name] = entry
        self.stack.addWidget(entry.widget)
        if entry.shortcut:
            QShortcut(QKeySequence(entry.shortcut), self, lambda n=entry.name: self.show_screen(n))
        if entry.under:
            return
        button = self._nav_button(entry.title, entry.icon_name)
        button.clicked.connect(lambda _=False, n=entry.name: self.show_screen(n))
        self.nav_group.addButton(button)
        self.nav_layout.insertWidget(self.nav_layout.count() - 2, button)
        self.nav_buttons[entry.name] = button
        self._gate_nav()

    def _nav_button(self, text: str, icon_name: str) -> QPushButton:
        button = QPushButton(text)
        button.setCheckable(True)
        button.setMinimumHeight(52)
        button.setIcon(icon(icon_name, "#f6efe9"))
        button.setIconSize(QSize(24, 24))
        return button

    def show_screen(self, name: str) -> bool:
        """Open a screen if the signed-in person's role allows it; say no otherwise."""
        entry = self.entries.get(name)
        if entry is None:
            return False
        if not self.session.allows(entry.role):
            self.status.showMessage(arg(self.tr("%1 is for managers and owners only."), entry.title), 6000)
            self.access_denied.emit(name)
            return False
        self.stack.setCurrentWidget(entry.widget)
        self.nav_buttons[entry.under or name].setChecked(True)
        if hasattr(entry.widget, "activate"):
            entry.widget.activate()
        self.screen_changed.emit(name)
        return True

    def current_screen(self) -> str:
        current = self.stack.currentWidget()
        if current is self.signin:
            return "signin"
        if current is self.first_run:
            return "first_run"
        return next((n for n, e in self.entries.items() if e.widget is current), "")

    def show_signin(self) -> None:
        self.nav.setEnabled(False)
        self.signin.start("sign_in")
        self.stack.setCurrentWidget(self.signin)
        self.screen_changed.emit("signin")

    def show_first_run(self) -> None:
        self.nav.setEnabled(False)
        self.first_run.start()
        self.stack.setCurrentWidget(self.first_run)
        self.screen_changed.emit("first_run")

    def on_shop_ready(self, outcome) -> None:
        """The shop is set up: its name heads the window, and the owner signs in with the new PIN
        (the only person on the roster, so their tile is the one preselected)."""
        self.shop_label.setText(outcome.identity.business_name)
        self.show_signin()
        self.signin.message.setText(self.tr("The shop is set up. Sign in with your new PIN."))

    def _gate_nav(self) -> None:
        for name, button in self.nav_buttons.items():
            button.setVisible(self.session.allows(self.entries[name].role))
        # signed out, there is nobody to sign out: the button would only puzzle the next person
        self.sign_out_button.setVisible(self.session.actor is not None)

    # people
    def on_actor_verified(self, actor: Actor, purpose: str) -> None:
        if purpose == LEAVE_KIOSK:
            self.set_kiosk_mode(False)
            self.show_screen("scan")
            return
        self.session.sign_in(actor)

    def on_signin_cancelled(self) -> None:
        self.show_screen("scan")

    def on_signed_in(self, actor: Actor) -> None:
        # the name is known here already; the rest of the line follows from the worker
        self.on_status_read(replace(self._status_info, staff_name=actor.name))
        self.nav.setEnabled(True)
        self._gate_nav()
        self.refresh_status()
        self.show_screen("scan")

    def on_signed_out(self, _why: str) -> None:
        self.on_status_read(replace(self._status_info, staff_name=""))
        for entry in self.entries.values():
            if hasattr(entry.widget, "reset"):
                entry.widget.reset()
        self._gate_nav()
        self.refresh_status()
        self.show_signin()

    # kiosk mode: full screen, no window controls, leaving needs a manager's PIN
    def set_kiosk_mode(self, on: bool) -> None:
        self.kiosk_mode = on
        self.kiosk_button.setVisible(on)
        flags = self.windowFlags()
        if on:
            self.setWindowFlags(flags | Qt.WindowType.FramelessWindowHint)
            self.showFullScreen()
        else:
            self.setWindowFlags(flags & ~Qt.WindowType.FramelessWindowHint)
            self.showNormal()

    def on_leave_kiosk_clicked(self) -> None:
        self.signin.start(LEAVE_KIOSK)
        self.stack.setCurrentWidget(self.signin)

    def closeEvent(self, event) -> None:
        if self.kiosk_mode:
            event.ignore()  # no closing the counter from the keyboard in kiosk mode
            return
        super().closeEvent(event)

    # status
    def on_job_failed(self, why: str) -> None:
        """A use case crashed (a bug; its traceback is in the log): say so rather than wait forever."""
        self.status.showMessage(
            arg(self.tr("Something went wrong (%1). The details are in the log; please try again."), why),
            10_000,
        )

    def refresh_status(self) -> None:
        name = self.session.actor.name if self.session.actor else ""
        self.worker.op(self, status_call(name)).success(self.on_status_read).run_in_background()

    def on_status_read(self, info: StatusInfo) -> None:
        if self._status_info.online is not None and info.online is None:
            # the store worker knows nothing of the cloud: keep what the last sync round said
            info = replace(
                info,
                online=self._status_info.online,
                last_sync=self._status_info.last_sync,
                sync_state=self._status_info.sync_state,
            )
        self._show_status(info)

    def _show_status(self, info: StatusInfo) -> None:
        self._status_info = info
        self.status.show_status(info)

    def on_sync_finished(self, status) -> None:
        """A sync round's SyncStatus (kiosk.sync.engine): online/offline, pending, last success."""
        if status is None:
            return  # the round itself crashed (logged by the worker); the next one will say more
        # straight to the bar: on_status_read would keep the old online state when unpaired
        self._show_status(
            replace(
                self._status_info,
                # unpaired again: back to "standalone", not "offline"
                online=None if status.state is SyncState.UNPAIRED else bool(status.online),
                pending=status.pending,
                last_sync=status.last_success,
                sync_state=status.state,
            )
        )
