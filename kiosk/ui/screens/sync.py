"""The Sync screen: is this kiosk in touch with the cloud, what waits, what clashed.

Managers see the status, the conflicts the cloud found (one reward redeemed twice) and the
events and offer changes it refused; the owner also pairs and unpairs here. Every read and every network call
goes through the SyncControl thread; the screen only shows what its signals bring.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QTabWidget, QWidget

from kiosk.domain.model import Role
from kiosk.sync.details import SyncOverview
from kiosk.sync.engine import SyncState
from kiosk.ui.screens.sync_lists import ConflictsTable, RejectedOffersTable, RejectedTable, when_text
from kiosk.ui.screens.sync_pairing import PairingPanel
from kiosk.ui.session import Session
from kiosk.ui.sync_control import SyncControl
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.forms import MessageLine, restyle, screen_layout
from loyalty_rules.plans import PlanRefusal

STOPPED = (SyncState.REVOKED, SyncState.UNAUTHORISED)
# what the screen shows before a round has answered: not states of sync itself
READING, WAITING = "reading", "waiting"


class SyncScreen(QWidget):
    sync_requested = Signal()  # "Sync now": the composition root hands it to the sync worker

    def __init__(self, control: SyncControl, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.control = control
        self.session = session
        self.overview: SyncOverview | None = None
        self.round_status = None  # the last round's SyncStatus: online, and the clock check
        self._syncing = False
        layout, _ = screen_layout(self, self.tr("Sync"))

        self.status_frame = QFrame()
        self.status_frame.setObjectName("syncPanel")
        grid = QGridLayout(self.status_frame)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(16)
        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        self.state_label.setWordWrap(True)
        self.sync_button = BigButton(self.tr("Sync now"), kind="primary", icon_name="sync")
        self.sync_button.clicked.connect(self.on_sync_now_clicked)
        self.cloud_label = QLabel()
        self.cloud_label.setWordWrap(True)
        self.pending_label = QLabel()
        self.rejected_label = QLabel()
        self.last_label = QLabel()
        for label in (self.pending_label, self.rejected_label, self.last_label):
            label.setWordWrap(True)  # "50 Ereignisse warten auf Abgleich" is longer than its column
        self.error_label = QLabel()
        self.error_label.setObjectName("hint")
        self.error_label.setWordWrap(True)
        self.clock_label = QLabel()
        # what a manager cannot do here and must ask the owner for (pairing is the owner's)
        self.owner_hint = QLabel()
        self.owner_hint.setObjectName("ownerHint")
        self.owner_hint.setWordWrap(True)
        self.clock_label.setObjectName("clockWarning")
        self.clock_label.setWordWrap(True)
        self.shared_label = QLabel()  # two tills behind one credential: the owner must act
        self.shared_label.setObjectName("clockWarning")
        self.shared_label.setWordWrap(True)
        self.plan_label = QLabel()  # members the cloud's plan holds back: the owner must upgrade
        self.plan_label.setObjectName("clockWarning")
        self.plan_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        grid.addWidget(self.state_label, 0, 0, 1, 2)
        grid.addWidget(self.sync_button, 0, 2)
        grid.addWidget(self.cloud_label, 1, 0, 1, 3)
        grid.addWidget(self.pending_label, 2, 0)
        grid.addWidget(self.rejected_label, 2, 1)
        grid.addWidget(self.last_label, 2, 2)
        grid.addWidget(self.error_label, 3, 0, 1, 3)
        grid.addWidget(self.clock_label, 4, 0, 1, 3)
        grid.addWidget(self.shared_label, 5, 0, 1, 3)
        grid.addWidget(self.owner_hint, 6, 0, 1, 3)
        grid.addWidget(self.plan_label, 7, 0, 1, 3)
        grid.addWidget(self.progress_label, 8, 0)
        grid.addWidget(self.progress, 8, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addWidget(self.status_frame)

        self.pairing = PairingPanel(control, session)
        layout.addWidget(self.pairing)
        self.tabs = QTabWidget()
        self.conflicts = ConflictsTable()
        self.rejected = RejectedTable()
        self.rejected_offers = RejectedOffersTable()
        self.tabs.addTab(self.conflicts, "")
        self.tabs.addTab(self.rejected, "")
        self.tabs.addTab(self.rejected_offers, "")
        layout.addWidget(self.tabs, 1)
        self.message = MessageLine()
        layout.addWidget(self.message)

        control.sync_status_read.connect(self.on_sync_status_read)
        control.conflicts_read.connect(self.on_conflicts_read)
        control.paired.connect(self.on_paired)
        control.unpaired.connect(self.on_unpaired)
        control.engine_failed.connect(self.on_engine_failed)
        self.on_conflicts_read([])
        self._hide_progress()
        self._show()

    # asking
    def activate(self) -> None:
        self.pairing.setVisible(self.session.allows(Role.OWNER))
        self._show()  # what it says depends on who is signed in, at once
        self.refresh()

    def refresh(self) -> None:
        self.control.read_status()
        self.control.read_conflicts()

    def reset(self) -> None:
        self.pairing.reset()
        self.message.say("", "")

    def on_sync_now_clicked(self) -> None:
        self._set_syncing(True)
        self.sync_requested.emit()

    def _set_syncing(self, syncing: bool) -> None:
        self._syncing = syncing
        self.sync_button.setText(self.tr("Syncing…") if syncing else self.tr("Sync now"))
        self._show()

    # answers
    def on_sync_status_read(self, overview: SyncOverview) -> None:
        self.overview = overview
        self._show()

    def on_conflicts_read(self, conflicts) -> None:
        self.conflicts.show_conflicts(conflicts)
        self.tabs.setTabText(0, self.tr("Conflicts (%n)", "", len(conflicts)))

    def on_sync_finished(self, status) -> None:
        """A round ended (sync worker): its status now, then the fresh details from the store."""
        if status is not None:
            self.round_status = status
        self._hide_progress()
        self._set_syncing(False)
        if self.isVisible():
            self.refresh()

    def on_first_sync_progressed(self, done: int, total: int) -> None:
        # the cloud does not say how much a first sync holds: a busy bar and a count, then
        self.progress.setRange(0, total)
        if total:
            self.progress.setValue(done)
        self.progress_label.setText(self.tr("First sync: %n item(s) received", "", done))
        self.progress.show()
        self.progress_label.show()

    def on_paired(self, _paired) -> None:
        self.round_status = None
        self.refresh()

    def on_unpaired(self) -> None:
        self.round_status = None
        self.refresh()

    def on_engine_failed(self, why: str) -> None:
        self.message.say("bad", arg(self.tr("Sync cannot start: %1"), why))
        self._set_syncing(False)

    def _hide_progress(self) -> None:
        self.progress.hide()
        self.progress_label.hide()

    # showing
    def state_of(self) -> SyncState | str:
        """A SyncState, or READING / WAITING before the store or the first round has answered."""
        if self.overview is None:
            return READING
        stored = self.overview.status.state
        if stored.stopped:
            return stored  # written by the engine or by unpairing: newer than any round's answer
        if self.round_status is None:
            return WAITING
        return self.round_status.state

    def _show(self) -> None:
        state = self.state_of()
        overview = self.overview
        pending = overview.status.pending if overview else 0
        texts = {
            READING: self.tr("Reading the sync status…"),
            WAITING: self.tr("Paired: waiting for the first sync"),
            SyncState.ONLINE: self.tr("Online: in sync with the cloud"),
            SyncState.OFFLINE: self.tr("Offline — %n event(s) waiting", "", pending),
            SyncState.UNPAIRED: self.tr("Not paired: this kiosk works on its own"),
            SyncState.REVOKED: self.tr(
                "Revoked in the cloud: the owner must unpair and pair this kiosk again"
            ),
            SyncState.UNAUTHORISED: self.tr(
                "The cloud no longer accepts this kiosk: the owner must unpair and pair it again"
            ),
            SyncState.STORAGE_ERROR: self.tr("Cannot write to this kiosk's ledger: sync is paused"),
        }
        self.state_label.setText(texts.get(state, state))
        looks = {SyncState.ONLINE: "good", SyncState.UNPAIRED: "idle", READING: "idle", WAITING: "idle"}
        look = looks.get(state, "bad")
        restyle(self.state_label, "state", look)
        paired = bool(overview and overview.paired)
        self.sync_button.setEnabled(paired and state not in STOPPED and not self._syncing)
        if paired:
            self.cloud_label.setText(
                arg(
                    self.tr("Cloud: %1 · %2, %3"),
                    overview.cloud_url,
                    overview.business_name,
                    overview.location_name,
                )
            )
        elif self.session.allows(Role.OWNER):
            self.cloud_label.setText(self.tr("Cloud: none. The owner pairs this kiosk below."))
        else:
            self.cloud_label.setText(self.tr("Cloud: none."))
        self.owner_hint.setText(self._owner_hint(state))
        self.owner_hint.setVisible(bool(self.owner_hint.text()))
        # a kiosk on its own never syncs: counts of waiting events would only alarm
        for label in (self.pending_label, self.rejected_label, self.last_label):
            label.setVisible(paired)
        self.pending_label.setText(self.tr("%n event(s) waiting to sync", "", pending))
        rejected = overview.status.rejected if overview else 0
        self.rejected_label.setText(self.tr("%n event(s) refused by the cloud", "", rejected))
        last = overview.status.last_success if overview else None
        self.last_label.setText(
            arg(self.tr("Last sync: %1"), when_text(last)) if last else self.tr("Never synced")
        )
        error = overview.status.last_error if overview and state is not SyncState.ONLINE else None
        self.error_label.setText(arg(self.tr("Last error: %1"), error) if error else "")
        self.error_label.setVisible(bool(error))
        self.clock_label.setText(self._clock_text())
        self.clock_label.setVisible(bool(self.clock_label.text()))
        shared = bool(overview and paired and overview.status.credential_shared) or bool(
            self.round_status is not None and self.round_status.credential_shared
        )
        self.shared_label.setText(
            self.tr(
                "This kiosk's cloud credential is also in use by another till (a copy of this kiosk's "
                "data folder). Owner: revoke this kiosk in the dashboard's devices, then pair each till "
                "again with its own pairing code. Events not yet synced stay on each till and are sent "
                "after pairing."
            )
            if shared
            else ""
        )
        self.shared_label.setVisible(shared)
        waiting = overview.status.held_members if overview and paired else 0
        self.plan_label.setText(self._plan_text(waiting) if waiting else "")
        self.plan_label.setVisible(bool(waiting))
        if overview is not None:
            self.rejected.show_rejected(overview.rejected)
            self.tabs.setTabText(1, self.tr("Refused events (%n)", "", len(overview.rejected)))
            self.rejected_offers.show_rejected(overview.rejected_offers)
            self.tabs.setTabText(2, self.tr("Refused offer changes (%n)", "", len(overview.rejected_offers)))
            self.pairing.show_paired(overview.cloud_url)

    def _plan_text(self, waiting: int) -> str:
        refusal = QCoreApplication.translate("Plan", PlanRefusal.MEMBER_LIMIT.value)
        return " ".join(
            (
                self.tr("%n member(s) waiting for a plan upgrade.", "", waiting),
                refusal,
                self.tr(
                    "They work at this counter as usual and are sent to the cloud by the first sync "
                    "after the owner upgrades the plan."
                ),
            )
        )

    def _owner_hint(self, state: SyncState | str) -> str:
        if self.session.allows(Role.OWNER):
            return ""
        if state is SyncState.UNPAIRED:
            return self.tr(
                "To sync with the cloud, the owner signs in on this kiosk, opens Sync and pairs it with a "
                "pairing code from the cloud dashboard (Locations). Until then everything is kept here."
            )
        if state in STOPPED:
            return self.tr(
                "Ask the owner to sign in on this kiosk, open Sync, unpair it and pair it again with a new "
                "pairing code. Stamps keep being recorded here meanwhile and nothing is lost."
            )
        return ""

    def _clock_text(self) -> str:
        status = self.round_status
        if status is None or not status.clock_warning or status.clock_skew_seconds is None:
            return ""
        minutes = round(abs(status.clock_skew_seconds) / 60)
        if status.clock_skew_seconds > 0:
            return self.tr(
                "This kiosk's clock is %n minute(s) ahead of the cloud's. Check the time setting.",
                "",
                minutes,
            )
        return self.tr(
            "This kiosk's clock is %n minute(s) behind the cloud's. Check the time setting.", "", minutes
        )
