"""Pass update pushes, as background jobs: a kiosk's sync push or offer upload, or a manager's change
in the cloud (an offer renamed or recoloured, a card deleted, a customer renamed or erased), names
the cards or offers it changed; one job per changed pass that phones are registered for sends an
APNs push to each of those phones (cloud/wallet/apns.py). A phone whose token APNs calls gone is forgotten.

The jobs are tasks of a huey queue (cloud/wallet/jobqueue.py: Redis, the PostgreSQL database or a
SQLite file), so a job queued and not yet run when the cloud stops runs after it starts again. The
sync push answers before any push is sent. A push APNs cannot take yet (429, 5xx, no connection) is
tried again by a later job for just those phones, after an exponential backoff with jitter, up to
`Backoff.attempts` tries in all.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from huey.api import Huey
from sqlalchemy import String, cast, delete, select

from cloud.clock import utcnow
from cloud.db import Database
from cloud.join.mail import SmtpConfig
from cloud.join.mail_jobs import MailJobs
from cloud.keyseal import KeySealer
from cloud.models import (
    Card,
    Device,
    WalletApnsKey,
    WalletAppleConfig,
    WalletDevice,
    WalletPass,
    WalletRegistration,
)
from cloud.wallet import google_store
from cloud.wallet.apns import ApnsClient, PushOutcome
from cloud.wallet.apns_key import stored_apns_key
from cloud.wallet.google_api import GoogleWalletClient
from cloud.wallet.google_jobs import GoogleJobs
from cloud.wallet.google_updates import GoogleSent
from cloud.wallet.holder import HolderKind
from cloud.wallet.jobqueue import InProcessConsumer
from cloud.wallet.sealing import WalletSealer

log = logging.getLogger("cloud.wallet.updates")
_CHUNK = 500  # card ids per IN (…) list


@dataclass(frozen=True)
class JobContext:
    db: Database
    sealer: WalletSealer
    apns: ApnsClient
    # Google Wallet: the REST client, the business keys that sign a card's code (an object Google
    # lost is inserted again with it), and the clock the 3-notifications-a-day rule counts by
    google: GoogleWalletClient | None = None
    keys: KeySealer | None = None
    clock: Callable[[], datetime] = utcnow


@dataclass(frozen=True)
class PassUpdateSent:
    """What one job did: pushes APNs took, phones forgotten, pushes that failed, and the phones
    (Wallet device library ids) to try again later."""

    serial: str
    delivered: int = 0
    gone: int = 0
    failed: int = 0
    retry: tuple[str, ...] = ()
    retry_after: float | None = None  # the longest wait APNs asked for


# --- the jobs -----------------------------------------------------------------------------------


def passes_to_update(ctx: JobContext, device_token_hash: str, card_ids: Sequence[int]) -> list[str]:
    """The serials of the passes of these cards (of the pushing kiosk's business) that phones are
    registered for, when the business has an APNs key to push with."""
    with ctx.db.read_session() as session:
        business_id = session.scalar(select(Device.business_id).where(Device.token_hash == device_token_hash))
        if business_id is None or session.get(WalletApnsKey, business_id) is None:
            return []
        return passes_of_cards(session, business_id, card_ids)


def passes_of_business_cards(ctx: JobContext, business_id: int, card_ids: Sequence[int]) -> list[str]:
    """As passes_to_update, for a change made in the cloud itself (no kiosk pushed it)."""
    with ctx.db.read_session() as session:
        if session.get(WalletApnsKey, business_id) is None:
            return []
        return passes_of_cards(session, business_id, card_ids)


def passes_of_offers(ctx: JobContext, business_id: int, offer_ids: Sequence[str]) -> list[str]:
    """The registered passes of every card of these offers: their name, reward, target or colour
    is on each of those passes."""
    with ctx.db.read_session() as session:
        if session.get(WalletApnsKey, business_id) is None:
            return []
        return sorted(
            session.scalars(
                select(WalletPass.serial)
                .distinct()
                .join(WalletRegistration, WalletRegistration.serial == WalletPass.serial)
                .join(
                    Card,
                    (Card.business_id == WalletPass.business_id)
                    & (cast(Card.id, String) == WalletPass.holder_id),
                )
                .where(
                    WalletPass.business_id == business_id,
                    WalletPass.holder_kind == HolderKind.CARD.value,
                    Card.program_id.in_([str(o) for o in offer_ids]),
                )
            )
        )


def passes_of_cards(session, business_id: int, card_ids: Sequence[int]) -> list[str]:
    holders = sorted({str(c) for c in card_ids})
    serials: set[str] = set()
    for start in range(0, len(holders), _CHUNK):
        serials.update(
            session.scalars(
                select(WalletPass.serial)
                .join(WalletRegistration, WalletRegistration.serial == WalletPass.serial)
                .where(
                    WalletPass.business_id == business_id,
                    WalletPass.holder_kind == HolderKind.CARD.value,
                    WalletPass.holder_id.in_(holders[start : start + _CHUNK]),
                )
            )
        )
    return sorted(serials)


def send_pass_update(
    ctx: JobContext, serial: str, only_devices: Sequence[str] | None = None, *, last_try: bool = True
) -> PassUpdateSent:
    """Push to every phone registered for the pass (or to those of `only_devices` still registered);
    forget the phones APNs says are gone. Phones APNs could not take a push for yet are named in
    `retry`, unless this is the last try: then they count as failed."""
    with ctx.db.read_session() as session:
        found = session.execute(
            select(WalletPass.business_id, WalletAppleConfig.pass_type_id)
            .join(WalletAppleConfig, WalletAppleConfig.business_id == WalletPass.business_id)
            .where(WalletPass.serial == serial)
        ).first()
        if found is None:  # the pass or the business's certificate went meanwhile
            return PassUpdateSent(serial)
        key = stored_apns_key(session, found.business_id, ctx.sealer)
        query = (
            select(WalletDevice.id, WalletDevice.push_token)
            .join(WalletRegistration, WalletRegistration.device_id == WalletDevice.id)
            .where(WalletRegistration.serial == serial)
            .order_by(WalletDevice.id)
        )
        if only_devices is not None:
            query = query.where(WalletDevice.id.in_(list(only_devices)))
        devices = session.execute(query).all()
    if key is None:
        return PassUpdateSent(serial)
    attempts = {device: ctx.apns.push(key, found.pass_type_id, device.push_token) for device in devices}
    outcomes = {device: attempt.outcome for device, attempt in attempts.items()}
    gone = [device for device, outcome in outcomes.items() if outcome is PushOutcome.GONE]
    if gone:
        forget_devices(ctx.db, gone)
    again = [device for device, outcome in outcomes.items() if outcome is PushOutcome.RETRY]
    if again and last_try:
        log.warning("APNs took no pass update push for %s after the last try", found.pass_type_id)
    waits = [a.retry_after for a in attempts.values() if a.retry_after is not None]
    counted = list(outcomes.values())
    return PassUpdateSent(
        serial,
        delivered=counted.count(PushOutcome.DELIVERED),
        gone=len(gone),
        failed=counted.count(PushOutcome.FAILED) + (len(again) if last_try else 0),
        retry=() if last_try else tuple(device.id for device in again),
        retry_after=max(waits, default=None),
    )


def forget_devices(db: Database, devices: Iterable) -> None:
    """Remove the phones (and their registrations) whose push token APNs no longer knows; a phone
    that registered again with a new token meanwhile stays."""
    with db.writing() as session:
        for device in devices:
            still = session.scalar(
                select(WalletDevice.id).where(
                    WalletDevice.id == device.id, WalletDevice.push_token == device.push_token
                )
            )
            if still is None:
                continue
            session.execute(delete(WalletRegistration).where(WalletRegistration.device_id == device.id))
            session.execute(delete(WalletDevice).where(WalletDevice.id == device.id))
            log.info("forgot a Wallet device APNs no longer reaches")


@dataclass
class PassUpdateTotals:
    """What the jobs of this process did so far (for tests, benchmarks and the log)."""

    delivered: int = 0
    gone: int = 0
    failed: int = 0
    passes: int = 0
    google: dict = field(default_factory=dict)  # GoogleSent -> how many Google Wallet jobs ended so
    google_notified: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, sent: PassUpdateSent, *, first_try: bool = True) -> None:
        with self._lock:
            self.delivered += sent.delivered
            self.gone += sent.gone
            self.failed += sent.failed
            self.passes += 1 if first_try else 0

    def add_google(self, sent: GoogleSent, notified: bool) -> None:
        with self._lock:
            self.google[sent] = self.google.get(sent, 0) + 1
            self.google_notified += 1 if notified else 0


# --- running them -------------------------------------------------------------------------------


class PassUpdateQueue(GoogleJobs, MailJobs):
    """Queues the jobs on a huey queue (cloud/wallet/jobqueue.py) and, once `start`ed, runs them in
    this process's consumer threads. Queued jobs outlive the process: they run after a restart."""

    def __init__(self, ctx: JobContext, huey: Huey, workers: int, smtp: SmtpConfig | None = None) -> None:
        self.ctx = ctx
        self.huey = huey
        self.sent = PassUpdateTotals()
        self._workers = workers
        self._consumer: InProcessConsumer | None = None
        self._idle = threading.Condition()
        self._pending: set[str] = set()  # ids of jobs this process queued and has not seen finish
        # the task names are the queue's contract with jobs queued by an earlier run: keep them
        self._send_task = huey.task(context=True, name="wallet.send_pass_update")(self._send)
        self._spread_task = huey.task(context=True, name="wallet.spread")(self._spread)
        self._google_tasks(huey)
        self._mail_tasks(huey, smtp)  # members' emails (cloud/join/mail_jobs.py) share the queue

    def cards_changed(self, device_token_hash: str, card_ids: Sequence[int]) -> None:
        """A kiosk's push changed these cards: queue a push job for each of their passes phones are
        registered for now (looked up here, so a phone that registers later gets no push for a
        change its pass already shows)."""
        if not card_ids:
            return
        try:
            serials = passes_to_update(self.ctx, device_token_hash, card_ids)
        except Exception:  # the push is committed; Wallet still fetches the change when it next asks
            log.exception("the passes of a push's cards could not be looked up")
            serials = []
        self.passes_changed(serials)
        self._queue_google_of_device(device_token_hash, list(card_ids))

    def after_push(self, device_token_hash: str, events: Sequence[dict], results: Sequence) -> None:
        """The one call a sync push makes once its events are committed."""
        self.cards_changed(device_token_hash, accepted_cards(events, results))

    def cards_edited(self, business_id: int, card_ids: Sequence[int]) -> None:
        """A change made in the cloud (committed) altered what these cards' passes show."""
        if card_ids:
            self._queue_passes_of(passes_of_business_cards, business_id, list(card_ids))
            self._queue_google(google_store.objects_of_cards, business_id, list(card_ids))

    def offers_edited(self, business_id: int, offer_ids: Sequence[str]) -> None:
        """These offers' name, reward, target or colour changed (committed): every pass shows them."""
        if offer_ids:
            self._queue_passes_of(passes_of_offers, business_id, [str(o) for o in offer_ids])
            self._queue_google_offers(business_id, [str(o) for o in offer_ids])

    def _queue_passes_of(self, look_up, business_id: int, ids: list) -> None:
        try:
            serials = look_up(self.ctx, business_id, ids)
        except Exception:  # the change is committed; Wallet still fetches it when it next asks
            log.exception("the passes of a cloud change could not be looked up")
            return
        self.passes_changed(serials)

    def passes_changed(self, serials: Iterable[str]) -> None:
        """Queue a push job per pass; many passes go in one job that queues theirs, so that the
        caller (a sync push answering its kiosk) writes one job, not a thousand."""
        serials = list(serials)
        if len(serials) > 1:
            self._queue(self._spread_task.s(serials))
        elif serials:
            self._queue(self._send_task.s(serials[0], None, 0))

    def _queue(self, task) -> None:
        with self._idle:
            self._pending.add(task.id)  # before the queue has it: a worker may finish it at once
        try:
            self.huey.enqueue(task)
        except Exception:  # storage unreachable: Wallet still fetches the change when it next asks
            log.exception("a pass update job could not be queued")
            self._finished(task.id)

    # --- the tasks (run by the consumer's threads) ----------------------------------------------

    def _spread(self, serials: list[str], task=None) -> None:
        with self._job(task):
            for serial in serials:
                self._queue(self._send_task.s(serial, None, 0))

    def _send(self, serial: str, only_devices: list[str] | None, attempt: int, task=None) -> None:
        with self._job(task):
            backoff = self.ctx.apns.backoff
            sent = send_pass_update(self.ctx, serial, only_devices, last_try=attempt + 1 >= backoff.attempts)
            self.sent.add(sent, first_try=attempt == 0)
            if sent.retry:
                delay = backoff.delay(attempt, sent.retry_after)
                self._queue(self._send_task.s(serial, list(sent.retry), attempt + 1, delay=delay))

    @contextmanager
    def _job(self, task):
        try:
            yield
        except Exception:  # a job's failure must not end the worker; no arguments in the log
            log.exception("a pass update job failed")
        finally:
            if task is not None:
                self._finished(task.id)

    def _finished(self, task_id: str) -> None:
        with self._idle:
            self._pending.discard(task_id)
            self._idle.notify_all()

    # --- starting and stopping ------------------------------------------------------------------

    def start(self) -> None:
        """Run queued jobs (those left by an earlier run too) in this process from now on."""
        if self._consumer is None:
            self._consumer = InProcessConsumer(self.huey, self._workers)
            self._consumer.start()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every job this process queued (and those they queued) finished and nothing
        waits in the queue's storage (for tests and benchmarks)."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while True:
                if not self._pending and not self.huey.pending_count() and not self.huey.scheduled_count():
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(min(left, 0.05))  # also looks at storage: jobs of an earlier run

    def close(self) -> None:
        """Stop: a running job finishes; jobs not started stay queued and run after the next start."""
        if self._consumer is not None:
            self._consumer.stop_and_wait()
            self._consumer = None
        else:
            self.huey.storage.close()
        self.ctx.apns.close()
        if self.ctx.google is not None:
            self.ctx.google.close()


def accepted_cards(events: Sequence[dict], results: Sequence) -> list[int]:
    """The cards a push changed: those of its accepted events."""
    cards = set()
    for raw, result in zip(events, results, strict=False):
        status = result.get("status") if isinstance(result, dict) else getattr(result, "status", None)
        if status == "accepted" and isinstance(raw, dict):
            try:
                cards.add(int(raw["card_id"]))
            except (KeyError, TypeError, ValueError):
                continue
    return sorted(cards)


# what an offer's pass shows of it (cloud/wallet/store.py): a change to any of these is pushed
SHOWN_OFFER_FIELDS = frozenset({"name", "reward_text", "stamps_required", "colour"})
