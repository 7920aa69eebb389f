"""Wiring the Sync screen, its control thread and the sync worker into the running kiosk.

Sync rounds can start at launch (the composition root found the kiosk paired), after the owner
pairs on the Sync screen, or when "Sync now" finds no rounds running. Whichever comes first
starts the one sync worker; later engines replace the round in its slot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kiosk.domain.model import Role
from kiosk.services.facade import Services
from kiosk.ui.main_window import ScreenEntry
from kiosk.ui.screens.sync import SyncScreen
from kiosk.ui.sync_control import PairedKiosk, RoundSlot, SyncControl, close_engine
from kiosk.ui.sync_worker import SyncThread, SyncWorker
from kiosk.ui.workers import WorkerThread


@dataclass
class SyncParts:
    control: SyncControl
    slot: RoundSlot
    screen: SyncScreen
    control_thread: WorkerThread
    worker: SyncWorker | None = None
    worker_thread: SyncThread | None = None

    def stop(self) -> None:
        """Rounds first (they may wait on the network), then pairing, then the HTTP clients."""
        if self.worker_thread is not None:
            self.worker_thread.stop()
        self.control_thread.stop()
        self.slot.close()


def install_sync(
    kiosk,
    services: Services,
    data_dir: Path,
    *,
    clock: Callable[[], datetime] | None = None,
    engine_options: dict | None = None,
) -> SyncParts:
    """The Sync screen (managers; pairing for the owner) and the thread behind it."""
    control = SyncControl(
        services.ctx.store, data_dir, clock=clock or services.ctx.clock, engine_options=engine_options
    )
    control_thread = WorkerThread(control, "sync-control")
    screen = SyncScreen(control, kiosk.session)
    parts = SyncParts(control, RoundSlot(control.idle_status), screen, control_thread)
    kiosk.sync = parts
    kiosk.window.add_screen(
        ScreenEntry("sync", QCoreApplication.translate("Nav", "Sync"), "sync", Role.MANAGER, screen, "F10")
    )
    kiosk.screens["sync"] = screen

    def on_paired(paired: PairedKiosk) -> None:
        start_rounds(kiosk, paired.engine.run_round, close_engine(paired.engine))

    def on_unpaired() -> None:
        parts.slot.put(None)
        if parts.worker is not None:
            parts.worker.request_round()  # says "unpaired" to the status bar at once

    def on_sync_requested() -> None:
        if parts.worker is not None:
            parts.worker.request_round()
        else:  # paired, but nothing runs rounds yet (e.g. the keyring was locked at launch)
            control.build_engine()

    enroll = kiosk.screens.get("enroll")
    if enroll is not None:  # its join panel asks for a round when the till's link is missing
        enroll.join_link_wanted.connect(on_sync_requested)
    analytics = kiosk.screens.get("analytics")
    if analytics is not None:  # a paired kiosk's Analytics screen asks the cloud through this thread
        analytics.use_cloud(control.read_insights)
        control.insights_read.connect(analytics.on_cloud_read)
    control.paired.connect(on_paired)
    control.unpaired.connect(on_unpaired)
    control.engine_built.connect(lambda engine: start_rounds(kiosk, engine.run_round, close_engine(engine)))
    screen.sync_requested.connect(on_sync_requested)
    # shutdown walks kiosk.threads backwards: store worker first, then everything sync
    kiosk.threads.insert(0, parts)
    control_thread.start()
    return parts


def start_rounds(kiosk, run_round: Callable, close: Callable[[], None] | None = None) -> None:
    """Run `run_round` on the sync thread from now on: on a timer, after new events, on request."""
    parts: SyncParts = kiosk.sync
    parts.slot.put(run_round, close)
    if parts.worker is not None:
        parts.worker.request_round()
        return
    worker = SyncWorker(parts.slot.run_round, interval_ms=kiosk.settings.sync_interval_seconds * 1000)
    kiosk.worker.events_recorded.connect(worker.on_events_recorded)
    enroll = kiosk.screens.get("enroll")
    for finished in (worker.sync_succeeded, worker.sync_failed):
        finished.connect(kiosk.window.on_sync_finished)
        finished.connect(parts.screen.on_sync_finished)
        if enroll is not None:
            finished.connect(enroll.on_sync_finished)
    worker.first_sync_progressed.connect(parts.screen.on_first_sync_progressed)
    parts.worker = worker
    parts.worker_thread = SyncThread(worker)
    parts.worker_thread.start()
