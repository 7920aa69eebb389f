"""One sync round: push the outbox, then pull since the cursor, page by page.

Safe to cut at any instant. An event leaves the outbox only after the cloud answered for it,
and the cloud is idempotent by event id, so a retry after a lost answer counts nothing twice.
Each pulled page is applied with its cursor in one transaction, so a crash re-pulls at most
one page. Order always comes from the server's sequence numbers, never this kiosk's clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from kiosk.domain.connection import Connection
from kiosk.store import StorageError, Store, meta, plan_holds, sync_repo
from kiosk.sync.client import CloudClient, DeviceRevoked, Refused, SyncError, Transient, Unauthorised
from kiosk.sync.offers_push import push_waiting_offers
from kiosk.sync.plan_holds import take_held_for_plan
from kiosk.sync.settings_push import push_waiting_experiments, push_waiting_happy_hours
from kiosk.sync.till_join import refresh_if_due

PUSH_BATCH = 1000
PULL_PAGE = 1000
MAX_PUSH_BATCHES_PER_ROUND = 50  # a kiosk stamping non-stop still gets to pull
SKEW_WARNING = timedelta(minutes=5)

LAST_SUCCESS = "sync_last_success"
LAST_ERROR = "sync_last_error"
STOPPED = "sync_stopped"  # SyncState.REVOKED | UNAUTHORISED: no more rounds until paired again
STATE = "sync_state"  # SyncState.ONLINE | OFFLINE: how the last round ended, for `status` and the screen
CREDENTIAL_SHARED = "sync_credential_shared"  # the cloud saw another till use this credential
CREDENTIAL_SHARED_ADVICE = (
    "the cloud saw this kiosk's device credential used by another till too (a copy of this "
    "kiosk's data folder). Owner: revoke this kiosk in the dashboard's devices, then pair each "
    "till again with its own pairing code; events not yet synced stay on each till and are sent "
    "after pairing"
)

Progress = Callable[[int, int], None]  # (items pulled so far, total or 0 when unknown)


class SyncState(StrEnum):
    """How sync stands after the last round (its value is what the settings table keeps)."""

    ONLINE = "online"
    OFFLINE = "offline"
    UNPAIRED = "unpaired"  # standalone: no cloud configured
    REVOKED = "revoked"  # the cloud revoked this device: no rounds until paired again
    UNAUTHORISED = "unauthorised"  # the cloud refuses the credential: no rounds until paired again
    STORAGE_ERROR = "storage_error"  # the ledger could not be written: sync paused

    @property
    def stopped(self) -> bool:
        """No round is worth trying until an owner pairs the kiosk (again)."""
        return self in (SyncState.REVOKED, SyncState.UNAUTHORISED, SyncState.UNPAIRED)


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar, the sync details view and `loyalty-kiosk status` show."""

    state: SyncState
    pending: int = 0
    rejected: int = 0
    last_success: datetime | None = None
    last_error: str | None = None
    pushed: int = 0  # out of the outbox this round: accepted + duplicates (the cloud has them)
    accepted: int = 0  # new to the cloud this round
    duplicates: int = 0  # the cloud had them already (a retry after a lost answer)
    rejected_now: int = 0
    pulled: int = 0
    first_sync: bool = False
    first_sync_done: bool = False
    clock_skew_seconds: float | None = None
    clock_warning: str | None = None
    retry_in: float | None = None  # seconds before another round is worth trying
    credential_shared: bool = False  # see CREDENTIAL_SHARED_ADVICE
    held: int = 0  # of `pending`: events the cloud's plan holds back (kiosk.store.plan_holds)
    held_members: int = 0  # the members whose enrolment those are
    held_now: int = 0  # answered "held for the plan" this round

    @property
    def online(self) -> bool:
        return self.state is SyncState.ONLINE

    @property
    def stopped(self) -> bool:
        return self.state.stopped

    def pushed_text(self) -> str:
        return (
            f"{self.accepted} accepted, {self.duplicates} already in the cloud, {self.rejected_now} rejected"
        )

    def summary(self) -> str:
        if self.state is SyncState.ONLINE:
            text = f"synced: {self.pushed_text()}, {self.pulled} pulled, {self.pending} pending"
        else:
            text = f"{self.state.value}: {self.last_error or 'not synced'}"
            if self.pushed or self.rejected_now or self.pulled:
                text += f"; before that {self.pushed_text()}, {self.pulled} pulled"
            text += f"; {self.pending} pending"
        if self.held_members:
            text += (
                f"; {self.held_members} member(s) waiting for a plan upgrade (the cloud's plan allows no "
                "more members; they work here and are sent once the plan allows)"
            )
        if self.clock_warning:
            text += f" ({self.clock_warning})"
        if self.credential_shared:
            text += f"\nwarning: {CREDENTIAL_SHARED_ADVICE}"
        return text


class Backoff:
    """Exponential backoff with full jitter, so a shop's kiosks do not retry in lockstep."""

    def __init__(self, base: float = 2.0, cap: float = 300.0, rng: random.Random | None = None) -> None:
        self.base, self.cap = base, cap
        self.rng = rng or random.Random()
        self.failures = 0

    def failed(self, at_least: float | None = None) -> float:
        self.failures += 1
        ceiling = min(self.cap, self.base * 2 ** (self.failures - 1))
        delay = self.rng.uniform(ceiling / 2, ceiling)
        return max(delay, at_least or 0.0)

    def succeeded(self) -> None:
        self.failures = 0


def skew_warning(server_time: datetime, local_time: datetime) -> tuple[float, str | None]:
    skew = (local_time - server_time).total_seconds()
    if abs(skew) <= SKEW_WARNING.total_seconds():
        return skew, None
    direction = "ahead of" if skew > 0 else "behind"
    return (
        skew,
        f"this kiosk's clock is {abs(skew) / 60:.0f} min {direction} the cloud's; check the time setting",
    )


class SyncEngine:
    """Runs rounds for one store against one cloud. Not thread-safe: one sync thread owns it."""

    def __init__(
        self,
        store: Store,
        client: CloudClient | None,
        *,
        clock: Callable[[], datetime],
        backoff: Backoff | None = None,
        push_batch: int = PUSH_BATCH,
        pull_page: int = PULL_PAGE,
    ) -> None:
        self.store = store
        self.client = client
        self.clock = clock
        self.backoff = backoff or Backoff()
        self.push_batch = push_batch
        self.pull_page = pull_page

    # --- status ---------------------------------------------------------------------------------

    def status(self, **changes) -> SyncStatus:
        with self.store.reading() as conn:
            counts = sync_repo.outbox_counts(conn)
            held_members = plan_holds.members_waiting_for_plan(conn) if counts["held"] else 0
            s = meta.all_settings(conn)
            paired = meta.connection(conn) is Connection.PAIRED
        last = s.get(LAST_SUCCESS)
        saved = SyncState.ONLINE if s.get(STATE) == SyncState.ONLINE.value else SyncState.OFFLINE
        stopped = s.get(STOPPED)
        state = SyncState(stopped) if stopped else (saved if paired else SyncState.UNPAIRED)
        base = SyncStatus(
            state=state,
            pending=counts["pending"],
            rejected=counts["rejected"],
            last_success=datetime.fromisoformat(last) if last else None,
            last_error=s.get(LAST_ERROR) or None,
            credential_shared=bool(s.get(CREDENTIAL_SHARED)) and paired,
            held=counts["held"],
            held_members=held_members,
        )
        return replace(base, **changes)

    def _remember(self, **values: str | None) -> None:
        try:
            with self.store.transaction() as conn:
                for key, value in values.items():
                    if value is None:
                        meta.delete_setting(conn, key)
                    else:
                        meta.put_setting(conn, key, value)
        except StorageError:
            pass  # the round's own status still says what happened

    # --- a round --------------------------------------------------------------------------------

    def run_round(self, progress: Progress | None = None) -> SyncStatus:
        current = self.status()
        if current.stopped or self.client is None:
            return current
        tally = {
            "pushed": 0,
            "accepted": 0,
            "duplicates": 0,
            "rejected_now": 0,
            "held_now": 0,
            "pulled": 0,
            "first_sync": False,
            "first_sync_done": False,
        }
        skew: tuple[float | None, str | None] = (None, None)
        try:
            push_waiting_offers(self.store, self.client)  # first: events may enrol in a new offer
            push_waiting_experiments(self.store, self.client)  # after its offers, which it names
            # before the events: the cloud checks a boosted earn by the happy hour it names
            push_waiting_happy_hours(self.store, self.client)
            skew = self._push(tally) or skew
            skew = self._pull(tally, progress) or skew
            refresh_if_due(self.store, self.client, self.clock)  # never fails the round
        except DeviceRevoked as exc:
            return self._stop(SyncState.REVOKED, exc, tally)
        except Unauthorised as exc:
            return self._stop(SyncState.UNAUTHORISED, exc, tally)
        except Transient as exc:
            delay = self.backoff.failed(exc.retry_after)
            return self._failed(SyncState.OFFLINE, str(exc), tally, delay)
        except Refused as exc:
            delay = self.backoff.failed()
            return self._failed(SyncState.OFFLINE, f"the cloud refused a sync request: {exc}", tally, delay)
        except StorageError as exc:
            delay = self.backoff.failed()
            return self._failed(SyncState.STORAGE_ERROR, f"cannot write to the ledger: {exc}", tally, delay)
        self.backoff.succeeded()
        now = self.clock()
        self._remember(**{LAST_SUCCESS: now.isoformat(), LAST_ERROR: None, STATE: SyncState.ONLINE.value})
        return self.status(
            state=SyncState.ONLINE, clock_skew_seconds=skew[0], clock_warning=skew[1], retry_in=None, **tally
        )

    def _stop(self, state: SyncState, exc: SyncError, tally: dict) -> SyncStatus:
        message = (
            "this kiosk was revoked in the cloud; sync stopped until an owner pairs it again"
            if state is SyncState.REVOKED
            else f"the cloud no longer accepts this kiosk's credential ({exc}); sync stopped"
        )
        self._remember(**{STOPPED: state.value, LAST_ERROR: message, STATE: None})
        return self.status(**tally)

    def _failed(self, state: SyncState, message: str, tally: dict, delay: float) -> SyncStatus:
        self._remember(**{LAST_ERROR: message, STATE: SyncState.OFFLINE.value})
        return self.status(state=state, last_error=message, retry_in=delay, **tally)

    def _push(self, tally: dict) -> tuple[float, str | None] | None:
        skew = None
        after = 0  # each pending event is offered once a round (held ones stay pending)
        for _ in range(MAX_PUSH_BATCHES_PER_ROUND):
            with self.store.reading() as conn:
                batch = sync_repo.pending_batch(conn, self.push_batch, after)
            if not batch:
                break
            after = batch[-1].n
            try:
                answer = self.client.push(batch)
            except Transient as exc:
                with self.store.transaction() as conn:
                    sync_repo.note_attempt(conn, (p.n for p in batch), str(exc))
                raise
            skew = skew_warning(answer.server_time, self.clock())
            accepted: dict[str, int | None] = {}
            rejected: dict[str, str] = {}
            for sent, result in zip(batch, answer.results, strict=True):
                if result.status == "rejected":
                    # kept in the outbox as refused, listed on the Sync screen; an `id_conflict`
                    # (the cloud holds another event under this id) among them, never dropped
                    rejected[sent.event.id] = result.reason or "rejected"
                else:
                    accepted[sent.event.id] = result.seq
                    tally["duplicates" if result.status == "duplicate" else "accepted"] += 1
            held = take_held_for_plan(self.store, batch, rejected)
            with self.store.transaction() as conn:
                sync_repo.mark_accepted(conn, accepted)
                sync_repo.mark_rejected(conn, rejected)
                plan_holds.hold_for_plan(conn, held)
                if answer.credential_shared:
                    meta.put_setting(conn, CREDENTIAL_SHARED, "1")
            tally["pushed"] += len(accepted)
            tally["rejected_now"] += len(rejected)
            tally["held_now"] += len(held)
            if len(batch) < self.push_batch:
                break
        return skew

    def _pull(self, tally: dict, progress: Progress | None) -> tuple[float, str | None] | None:
        with self.store.reading() as conn:
            cursor = sync_repo.get_cursor(conn)
            business_id = int(meta.get_setting(conn, "business_id", "0") or 0)
        tally["first_sync"] = cursor == 0
        skew = None
        while True:
            answer = self.client.pull(cursor, business_id, self.pull_page)
            skew = skew_warning(answer.server_time, self.clock())
            if answer.cursor < cursor:
                raise Transient(f"the cloud's cursor went backwards ({cursor} -> {answer.cursor})")
            with self.store.transaction() as conn:
                sync_repo.apply_page(
                    conn, answer.page, business_id=business_id, cursor=answer.cursor, now=self.clock()
                )
                if answer.credential_shared:
                    meta.put_setting(conn, CREDENTIAL_SHARED, "1")
            tally["pulled"] += answer.page.size
            if progress is not None and tally["first_sync"]:
                progress(tally["pulled"], 0)
            stalled = answer.cursor == cursor
            cursor = answer.cursor
            if not answer.has_more or stalled:
                break
        tally["first_sync_done"] = tally["first_sync"]
        return skew


def sync_until_idle(engine: SyncEngine, *, max_rounds: int, progress: Progress | None = None) -> SyncStatus:
    """Rounds back to back until nothing is pending or a round fails (the CLI and tests). The
    counts are those of all rounds: what got through before a failure is not hidden by it."""
    status = engine.run_round(progress)
    totals = {name: getattr(status, name) for name in _COUNTED}
    for _ in range(max_rounds - 1):
        if not status.online or status.pending == status.held:  # held ones wait for the plan
            break
        status = engine.run_round(progress)
        for name in _COUNTED:
            totals[name] += getattr(status, name)
    return replace(status, **totals)


_COUNTED = ("pushed", "accepted", "duplicates", "rejected_now", "held_now", "pulled")
