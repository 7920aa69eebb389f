"""The store worker: runs Services calls one at a time on its own thread, never on the UI's.

Screens ask through the request methods (safe to call from the UI thread: they only emit a
queued signal) and listen to the typed signals, named for what happened.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from kiosk.domain.model import ProgramStatus, Role
from kiosk.domain.offers import OfferDraft
from kiosk.domain.shop import ShopSetup
from kiosk.services.context import Actor
from kiosk.services.facade import Services
from kiosk.settings import KioskSettings, SettingsError, save_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StatusInfo:
    """What the status bar shows; the sync engine will fill `online` and `last_sync`."""

    staff_name: str = ""
    location: str = ""
    online: bool | None = None  # None: this kiosk is standalone (no cloud configured)
    pending: int = 0
    last_sync: datetime | None = None
    sync_state: str = ""  # the last round's state (kiosk.sync.engine.SyncStatus.state), "" before one


@dataclass(frozen=True)
class SettingsNotSaved:
    """A full disk or a read-only folder: the settings screen says why and keeps the form."""

    reason: str
    ok: bool = False


@dataclass(frozen=True)
class _Job:
    call: Callable[[Services], object]
    done: str  # the signal emitted with the result
    refused: str | None = None  # emitted instead when the result is a refused outcome


def _is_refused(result: object) -> bool:
    return getattr(result, "ok", True) is False


class StoreWorker(QObject):
    scan_recorded = Signal(object)
    scan_refused = Signal(object)
    redeemed = Signal(object)
    redeem_refused = Signal(object)
    undone = Signal(object)
    undo_refused = Signal(object)
    enrolled = Signal(object)
    enroll_refused = Signal(object)
    looked_up = Signal(object)
    customers_found = Signal(object)
    history_loaded = Signal(object)
    adjusted = Signal(object)
    phone_region_read = Signal(object)  # the shop's country code, or a Refusal after a set
    contact_changed = Signal(object)  # ContactOutcome
    contact_refused = Signal(object)
    adjust_refused = Signal(object)
    card_code_made = Signal(object)  # NewCodeOutcome: a replacement QR for a card
    card_code_refused = Signal(object)
    report_made = Signal(object)  # ReportOutcome
    report_refused = Signal(object)
    data_exported = Signal(object)  # ExportOutcome
    export_refused = Signal(object)
    customer_erased = Signal(object)  # EraseOutcome
    erase_refused = Signal(object)
    owner_checked = Signal(bool)
    roster_loaded = Signal(object)
    signed_in = Signal(object)
    sign_in_refused = Signal(object)
    staff_saved = Signal(object)
    staff_refused = Signal(object)
    offers_loaded = Signal(object)
    offer_saved = Signal(object)
    offer_refused = Signal(object)
    audit_loaded = Signal(object)
    status_read = Signal(object)
    shop_choices_read = Signal(object)  # first_run.ShopChoices: the zones, currencies and guesses
    shop_set_up = Signal(object)  # ShopOutcome: the shop, its owner and first offer are saved
    shop_refused = Signal(object)  # ShopOutcome with every field's problem; nothing was saved
    settings_saved = Signal(object)  # the KioskSettings now on disk
    settings_save_failed = Signal(object)  # SettingsNotSaved
    backup_checked = Signal(object)  # the new backup's path, or None when today's exists
    job_failed = Signal(str)
    # internal: carries a job from the UI thread to this object's thread
    _job_requested = Signal(object)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self._job_requested.connect(self._on_job_requested, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_job_requested(self, job: _Job) -> None:
        try:
            result = job.call(self._services)
        except Exception as exc:  # a bug must not kill the worker: the counter has to keep going
            log.error("store job failed: %s", traceback.format_exc())
            self.job_failed.emit(str(exc) or type(exc).__name__)
            return
        name = job.refused if job.refused and _is_refused(result) else job.done
        getattr(self, name).emit(result)

    def _submit(self, call: Callable[[Services], object], done: str, refused: str | None = None) -> None:
        self._job_requested.emit(_Job(call, done, refused))

    # the counter
    def scan(self, code: str, quantity: int, actor: Actor | None) -> None:
        self._submit(
            lambda s: s.record_scan(code, quantity=quantity, actor=actor), "scan_recorded", "scan_refused"
        )

    def redeem(self, card_id: int, actor: Actor | None) -> None:
        self._submit(lambda s: s.redeem(card_id, actor=actor), "redeemed", "redeem_refused")

    def undo(self, card_id: int, actor: Actor | None, event_id: str | None = None) -> None:
        self._submit(lambda s: s.undo(card_id, actor=actor, event_id=event_id), "undone", "undo_refused")

    def enroll(self, name: str, email: str, phone: str, consent: bool, actor: Actor | None) -> None:
        self._submit(
            lambda s: s.enroll(name, email=email, phone=phone, marketing_consent=consent, actor=actor),
            "enrolled",
            "enroll_refused",
        )

    def lookup(self, query: str) -> None:
        self._submit(lambda s: s.lookup(query), "looked_up")

    def search_customers(self, query: str) -> None:
        self._submit(lambda s: s.lookup(query), "customers_found")

    def load_history(self, card_id: int) -> None:
        self._submit(lambda s: s.card_history(card_id), "history_loaded")

    def read_phone_region(self) -> None:
        self._submit(lambda s: s.phone_region(), "phone_region_read")

    def set_phone_region(self, code: str, actor: Actor) -> None:
        self._submit(lambda s: s.set_phone_region(code, actor=actor), "phone_region_read")

    def update_contact(self, customer_id: str, name: str, email: str, phone: str, actor: Actor) -> None:
        self._submit(
            lambda s: s.update_contact(customer_id, name, email=email, phone=phone, actor=actor),
            "contact_changed",
            "contact_refused",
        )

    def adjust(self, card_id: int, units: int, reason: str, actor: Actor) -> None:
        self._submit(lambda s: s.adjust(card_id, units, reason, actor=actor), "adjusted", "adjust_refused")

    def export_data(self, folder: Path, actor: Actor) -> None:
        self._submit(lambda s: s.export_data(folder, actor=actor), "data_exported", "export_refused")

    def erase_customer(self, customer_id: str, actor: Actor) -> None:
        self._submit(lambda s: s.erase_customer(customer_id, actor=actor), "customer_erased", "erase_refused")

    def make_report(self, days: int, actor: Actor) -> None:
        self._submit(lambda s: s.report(days, actor=actor), "report_made", "report_refused")

    def make_card_code(self, card_id: int, actor: Actor) -> None:
        self._submit(lambda s: s.new_card_code(card_id, actor=actor), "card_code_made", "card_code_refused")

    # people
    def check_owner(self) -> None:
        self._submit(lambda s: s.needs_owner(), "owner_checked")

    def load_roster(self) -> None:
        self._submit(lambda s: s.roster(), "roster_loaded")

    def sign_in(self, staff_id: str, pin: str) -> None:
        self._submit(lambda s: s.sign_in(staff_id, pin), "signed_in", "sign_in_refused")

    def add_staff(self, name: str, role: Role, pin: str, actor: Actor | None) -> None:
        self._submit(lambda s: s.add_staff(name, role, pin, actor=actor), "staff_saved", "staff_refused")

    def change_staff(self, staff_id: str, actor: Actor, **changes) -> None:
        self._submit(
            lambda s: s.change_staff(staff_id, actor=actor, **changes), "staff_saved", "staff_refused"
        )

    def load_audit(self, actor: Actor, **filters) -> None:
        """filters: staff_name, action, since (see services.staff.audit_list)"""
        self._submit(lambda s: s.audit_list(actor=actor, **filters), "audit_loaded")

    # offers
    def load_offers(self) -> None:
        self._submit(lambda s: s.list_offers(), "offers_loaded")

    def save_offer(self, draft: OfferDraft, actor: Actor, program_id: str | None) -> None:
        self._submit(
            lambda s: s.save_offer(draft, actor=actor, program_id=program_id), "offer_saved", "offer_refused"
        )

    def set_offer_status(self, program_id: str, status: ProgramStatus, actor: Actor) -> None:
        self._submit(
            lambda s: s.set_offer_status(program_id, status, actor=actor), "offer_saved", "offer_refused"
        )

    # the first run
    def read_shop_choices(self, language: str) -> None:
        self._submit(lambda s: s.shop_choices(language), "shop_choices_read")

    def set_up_shop(self, setup: ShopSetup) -> None:
        self._submit(lambda s: s.set_up_shop(setup), "shop_set_up", "shop_refused")

    # the kiosk
    def read_status(self, staff_name: str) -> None:
        def call(s: Services) -> StatusInfo:
            who = s.identity()
            return StatusInfo(staff_name, who.location_name, None, s.pending_sync_count(), None)

        self._submit(call, "status_read")

    def save_settings(self, data_dir: Path, settings: KioskSettings) -> None:
        def call(services: Services) -> KioskSettings | SettingsNotSaved:
            try:
                save_settings(data_dir, settings)
            except (OSError, SettingsError) as exc:
                return SettingsNotSaved(str(exc))
            # the counter's rules read it here, on this same thread: the next redeem obeys it
            services.ctx.offline_redemption_cap = settings.offline_redemption_cap
            return settings

        self._submit(call, "settings_saved", "settings_save_failed")

    def backup_if_due(self, data_dir: Path) -> None:
        # a failed backup surfaces through job_failed (logged); the counter keeps going
        self._submit(lambda s: s.backup_if_due(data_dir), "backup_checked")


class WorkerThread:
    """Owns the worker's QThread: start once, stop (and join) at shutdown."""

    def __init__(self, worker: QObject, name: str) -> None:
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName(name)
        worker.moveToThread(self.thread)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        if self.thread.isRunning():
            self.thread.quit()
            self.thread.wait()
