"""Pass update pushes, as background jobs: a kiosk's sync push or offer upload, or a manager's change
in the cloud (an offer renamed or recoloured, a card deleted, a customer renamed or erased), names
the cards or offers it changed; one job per changed pass that phones are registered for sends an
APNs push to each of those phones (cloud/wallet/apns.py). A phone whose token APNs calls gone is forgotten.

The jobs are plain functions of a `JobContext` and JSON-able arguments (a serial number, card ids),
the shape a job queue library's task takes. `PassUpdateQueue` runs them in this process on a small
thread pool, so the sync push answers before any push is sent.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import String, cast, delete, select

from cloud.db import Database
from cloud.models import (
    Card,
    Device,
    WalletApnsKey,
    WalletAppleConfig,
    WalletDevice,
    WalletPass,
    WalletRegistration,
)
from cloud.wallet.apns import ApnsClient, PushOutcome
from cloud.wallet.apns_key import stored_apns_key
from cloud.wallet.holder import HolderKind
from cloud.wallet.sealing import WalletSealer

log = logging.getLogger("cloud.wallet.updates")
_CHUNK = 500  # card ids per IN (…) list


@dataclass(frozen=True)
class JobContext:
    db: Database
    sealer: WalletSealer
    apns: ApnsClient


@dataclass(frozen=True)
class PassUpdateSent:
    """What one job did: pushes APNs took, phones forgotten, pushes that failed."""

    serial: str
    delivered: int = 0
    gone: int = 0
    failed: int = 0


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


def send_pass_update(ctx: JobContext, serial: str) -> PassUpdateSent:
    """Push to every phone registered for the pass; forget the phones APNs says are gone."""
    with ctx.db.read_session() as session:
        found = session.execute(
            select(WalletPass.business_id, WalletAppleConfig.pass_type_id)
            .join(WalletAppleConfig, WalletAppleConfig.business_id == WalletPass.business_id)
            .where(WalletPass.serial == serial)
        ).first()
        if found is None:  # the pass or the business's certificate went meanwhile
            return PassUpdateSent(serial)
        key = stored_apns_key(session, found.business_id, ctx.sealer)
        devices = session.execute(
            select(WalletDevice.id, WalletDevice.push_token)
            .join(WalletRegistration, WalletRegistration.device_id == WalletDevice.id)
            .where(WalletRegistration.serial == serial)
            .order_by(WalletDevice.id)
        ).all()
    if key is None:
        return PassUpdateSent(serial)
    outcomes = {device: ctx.apns.push(key, found.pass_type_id, device.push_token) for device in devices}
    gone = [device for device, outcome in outcomes.items() if outcome is PushOutcome.GONE]
    if gone:
        forget_devices(ctx.db, gone)
    counted = list(outcomes.values())
    return PassUpdateSent(
        serial,
        delivered=counted.count(PushOutcome.DELIVERED),
        gone=len(gone),
        failed=counted.count(PushOutcome.FAILED),
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
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, sent: PassUpdateSent) -> None:
        with self._lock:
            self.delivered += sent.delivered
            self.gone += sent.gone
            self.failed += sent.failed
            self.passes += 1


# --- running them -------------------------------------------------------------------------------


class PassUpdateQueue:
    """Runs the jobs in this process, off the request's thread."""

    def __init__(self, ctx: JobContext, workers: int) -> None:
        self.ctx = ctx
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="pass-updates")
        self._idle = threading.Condition()
        self._pending = 0  # jobs submitted and not finished
        self.sent = PassUpdateTotals()

    def cards_changed(self, device_token_hash: str, card_ids: Sequence[int]) -> None:
        """A kiosk's push changed these cards: find their registered passes and push, later."""
        if card_ids:
            self._submit(self._fan_out, device_token_hash, list(card_ids))

    def after_push(self, device_token_hash: str, events: Sequence[dict], results: Sequence) -> None:
        """The one call a sync push makes once its events are committed."""
        self.cards_changed(device_token_hash, accepted_cards(events, results))

    def cards_edited(self, business_id: int, card_ids: Sequence[int]) -> None:
        """A change made in the cloud (committed) altered what these cards' passes show."""
        if card_ids:
            self._submit(self._fan_out_cards, business_id, list(card_ids))

    def offers_edited(self, business_id: int, offer_ids: Sequence[str]) -> None:
        """These offers' name, reward, target or colour changed (committed): every pass shows them."""
        if offer_ids:
            self._submit(self._fan_out_offers, business_id, [str(o) for o in offer_ids])

    def passes_changed(self, serials: Iterable[str]) -> None:
        for serial in serials:
            self._submit(self._send, serial)

    def _send(self, serial: str) -> None:
        self.sent.add(send_pass_update(self.ctx, serial))

    def _submit(self, job, *args) -> None:
        with self._idle:
            self._pending += 1
        try:
            self._pool.submit(self._guarded, job, *args)
        except RuntimeError:  # shutting down: Wallet still fetches the change when it next asks
            self._finished()

    def _finished(self) -> None:
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every job submitted so far (and those they submitted) finished."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def _fan_out(self, device_token_hash: str, card_ids: list[int]) -> None:
        self.passes_changed(passes_to_update(self.ctx, device_token_hash, card_ids))

    def _fan_out_cards(self, business_id: int, card_ids: list[int]) -> None:
        self.passes_changed(passes_of_business_cards(self.ctx, business_id, card_ids))

    def _fan_out_offers(self, business_id: int, offer_ids: list[str]) -> None:
        self.passes_changed(passes_of_offers(self.ctx, business_id, offer_ids))

    def _guarded(self, job, *args) -> None:
        try:
            job(*args)
        except Exception:  # a job's failure must not end the worker; no arguments in the log
            log.exception("a pass update job failed")
        finally:
            self._finished()

    def close(self) -> None:
        """Stop: jobs not started are dropped (Wallet still fetches the change when it next asks)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.ctx.apns.close()


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
