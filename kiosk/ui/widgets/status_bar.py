"""The line at the bottom: who is signed in, where, online or not, what waits to sync."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from kiosk.sync.engine import SyncState
from kiosk.ui.text import arg
from kiosk.ui.workers import StatusInfo


class KioskStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.staff = QLabel()
        self.location = QLabel()
        self.online = QLabel()
        self.pending = QLabel()
        self.last_sync = QLabel()
        for label in (self.staff, self.location):
            self.addWidget(label)
        for label in (self.online, self.pending, self.last_sync):
            self.addPermanentWidget(label)
        self.show_status(StatusInfo())

    def show_status(self, info: StatusInfo) -> None:
        self.staff.setText(
            arg(self.tr("Signed in: %1"), info.staff_name) if info.staff_name else self.tr("Nobody signed in")
        )
        self.location.setText(info.location)
        self.pending.setText(self.tr("%n event(s) waiting to sync", "", info.pending))
        counted = False  # whether the state's own text already says how many events wait
        if info.sync_state in (SyncState.REVOKED, SyncState.UNAUTHORISED):
            # syncing has stopped for good: only the owner can fix it, by pairing again
            state, text = "offline", self.tr("Sync stopped: the owner must pair this kiosk again")
        elif info.online is None:
            state, text = "standalone", self.tr("Standalone (no cloud)")
        elif info.online:
            state, text = "online", self.tr("Online")
        else:
            state, text = "offline", self.tr("Offline — %n event(s) waiting", "", info.pending)
            counted = True
        self.online.setProperty("state", state)
        self.online.setText(text)
        self.online.style().unpolish(self.online)
        self.online.style().polish(self.online)
        # a standalone kiosk never syncs: a growing "waiting" count would only alarm the owner
        standalone = info.online is None
        # offline already says how many wait, in red: once is clearer than twice
        self.pending.setVisible(not standalone and not counted)
        self.last_sync.setVisible(not standalone)
        self.last_sync.setText(
            arg(self.tr("Last sync %1"), info.last_sync.astimezone().strftime("%H:%M"))
            if info.last_sync
            else self.tr("Never synced")
        )
