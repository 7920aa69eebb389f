"""Pairing, unpairing and the sync details, done on their own thread for the Sync screen.

Pairing talks to the network and the keyring and both can hang for seconds, so the screen only
asks (the request methods emit a queued signal) and listens to the typed signals. Each failure
comes back as a PairingProblem whose `kind` the screen turns into words and, where the owner has
a choice to make (discard the demo data, keep the token in a file), into a button.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.domain.insights import CloudRead
from kiosk.domain.model import Role
from kiosk.services.context import Actor
from kiosk.store import Store
from kiosk.sync import details, pairing
from kiosk.sync.client import NotACloud, Refused, SyncError, Transient
from kiosk.sync.credentials import CredentialError, NoKeyringBackend, credentials_for
from kiosk.sync.engine import SyncEngine, SyncStatus
from kiosk.sync.insights import read_cloud_insights

log = logging.getLogger(__name__)

CODE_REFUSED = "invalid-pairing-code"  # the cloud's slug for unknown, used or expired codes


@dataclass(frozen=True)
class PairingProblem:
    """kind: bad_url | not_owner | already_paired | local_data | no_keyring | credential |
    unreachable | code_refused | not_a_cloud | refused. `detail` is the technical text."""

    kind: str
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class PairRequest:
    url: str
    code: str
    device_name: str
    actor: Actor | None
    discard_local_data: bool = False
    use_token_file: bool = False


@dataclass(frozen=True)
class PairedKiosk:
    result: pairing.PairingResult
    engine: SyncEngine  # built on the control thread, run on the sync thread from then on


def url_problem(url: str) -> str:
    """'' when `url` can name a cloud; else why not (checked before any code is spent)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return "the address must start with https://"
    if not parts.hostname:
        return "the address has no server name"
    if pairing.sends_credential_in_clear(url):
        # the screen has no "send it unencrypted anyway": the command line's --allow-insecure-http does
        return pairing.INSECURE_HTTP.format(url=url)
    return ""


class RoundSlot:
    """The sync thread runs whatever round is in the slot; pairing and unpairing swap it.

    A swap is safe while a round runs: the running round finishes on the old engine, whose
    HTTP client is closed at the start of the next round, on the sync thread that used it."""

    def __init__(self, idle_status: Callable[[], SyncStatus]) -> None:
        self._lock = threading.Lock()
        self._round: Callable | None = None
        self._retired: list[Callable[[], None]] = []
        self._close: Callable[[], None] | None = None
        self._idle_status = idle_status

    def put(self, run_round: Callable | None, close: Callable[[], None] | None = None) -> None:
        with self._lock:
            if self._close is not None:
                self._retired.append(self._close)
            self._round, self._close = run_round, close

    def run_round(self, progress: Callable[[int, int], None]) -> SyncStatus:
        with self._lock:
            retired, self._retired = self._retired, []
            current = self._round
        for close in retired:
            close()
        if current is None:  # unpaired (or never paired): say so, cheaply
            return self._idle_status()
        return current(progress)

    def close(self) -> None:
        """At shutdown, after the sync thread has stopped."""
        self.put(None)
        with self._lock:
            retired, self._retired = self._retired, []
        for close in retired:
            close()


def close_engine(engine: SyncEngine) -> Callable[[], None]:
    """The closer RoundSlot.put wants for an engine's HTTP client."""
    return lambda: engine.client.close() if engine.client is not None else None


class SyncControl(QObject):
    paired = Signal(object)  # PairedKiosk
    pairing_refused = Signal(object)  # PairingProblem
    unpaired = Signal()
    unpair_failed = Signal(str)
    sync_status_read = Signal(object)  # kiosk.sync.details.SyncOverview
    conflicts_read = Signal(object)  # list[kiosk.sync.details.ConflictView]
    engine_built = Signal(object)  # SyncEngine, for a paired kiosk whose rounds are not running yet
    engine_failed = Signal(str)
    insights_read = Signal(object)  # kiosk.domain.insights.CloudRead, for the Analytics screen
    _job_requested = Signal(object)

    def __init__(
        self,
        store: Store,
        data_dir: Path,
        *,
        clock: Callable[[], datetime],
        engine_options: dict | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.data_dir = data_dir
        self.clock = clock
        self.engine_options = dict(engine_options or {})
        self._job_requested.connect(self._on_job_requested, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_job_requested(self, job: Callable[[], None]) -> None:
        try:
            job()
        except Exception:  # a bug here must not kill the thread the Sync screen relies on
            log.exception("sync control job failed")

    # requests (any thread)
    def pair(self, request: PairRequest) -> None:
        self._job_requested.emit(lambda: self._pair(request))

    def unpair(self, actor: Actor | None) -> None:
        self._job_requested.emit(lambda: self._unpair(actor))

    def read_status(self) -> None:
        self._job_requested.emit(
            lambda: self.sync_status_read.emit(details.read_overview(self.store, self.clock))
        )

    def read_conflicts(self) -> None:
        self._job_requested.emit(lambda: self.conflicts_read.emit(details.read_conflicts(self.store)))

    def read_insights(self, days: int, zone: tzinfo) -> None:
        """The cloud's analytics for the Analytics screen, asked on this thread (never the UI's)."""
        self._job_requested.emit(lambda: self.insights_read.emit(self._read_insights(days, zone)))

    def _read_insights(self, days: int, zone: tzinfo) -> CloudRead:
        credentials = credentials_for(self.data_dir)
        return read_cloud_insights(self.store, credentials, days, zone, http=self.engine_options.get("http"))

    def build_engine(self) -> None:
        self._job_requested.emit(self._build_engine)

    def idle_status(self) -> SyncStatus:
        """What a round says when nothing is paired (the sync thread calls this)."""
        return SyncEngine(self.store, None, clock=self.clock).status()

    # the work (this object's thread)
    def _pair(self, request: PairRequest) -> None:
        if request.actor is None or request.actor.role is not Role.OWNER:
            self.pairing_refused.emit(PairingProblem("not_owner"))
            return
        url = request.url.strip().rstrip("/")
        why = url_problem(url)
        if why:
            self.pairing_refused.emit(PairingProblem("bad_url", why, url))
            return
        credentials = credentials_for(self.data_dir, use_file=request.use_token_file)
        try:
            result = pairing.pair(
                self.store,
                credentials,
                url,
                request.code.strip(),
                device_name=request.device_name.strip() or "Kiosk",
                now=self.clock,
                discard_local_data=request.discard_local_data,
                staff=(request.actor.staff_id, request.actor.name),
            )
            engine = pairing.engine_for(self.store, credentials, clock=self.clock, **self.engine_options)
        except Exception as exc:  # every failure becomes words on the screen, never a crash
            self.pairing_refused.emit(self._problem(exc, url))
            return
        self.paired.emit(PairedKiosk(result, engine))

    def _problem(self, exc: Exception, url: str) -> PairingProblem:
        detail = str(exc)
        if isinstance(exc, pairing.PairingRefused):
            return PairingProblem(exc.kind, detail, url)
        if isinstance(exc, NoKeyringBackend):
            return PairingProblem("no_keyring", detail, url)
        if isinstance(exc, CredentialError):
            return PairingProblem("credential", detail, url)
        if isinstance(exc, NotACloud):
            return PairingProblem("not_a_cloud", detail, url)
        if isinstance(exc, Transient):
            return PairingProblem("unreachable", detail, url)
        if isinstance(exc, Refused) and exc.problem is not None:
            if exc.problem.slug == CODE_REFUSED:
                return PairingProblem("code_refused", detail, url)
            if exc.problem.status in (404, 405):  # some other web server answered at that address
                return PairingProblem("not_a_cloud", detail, url)
        if not isinstance(exc, SyncError):
            log.exception("pairing failed unexpectedly", exc_info=exc)
        return PairingProblem("refused", detail, url)

    def _build_engine(self) -> None:
        try:
            engine = pairing.engine_for(
                self.store, credentials_for(self.data_dir), clock=self.clock, **self.engine_options
            )
        except Exception as exc:  # a locked or missing keyring: the screen says why sync is off
            self.engine_failed.emit(str(exc) or type(exc).__name__)
            return
        if engine.client is None:
            self.engine_failed.emit(
                "no cloud credential for this kiosk: the owner must unpair and pair again"
            )
            return
        self.engine_built.emit(engine)

    def _unpair(self, actor: Actor | None) -> None:
        if actor is None or actor.role is not Role.OWNER:
            self.unpair_failed.emit("only the owner can unpair this kiosk")
            return
        try:
            pairing.unpair(
                self.store, credentials_for(self.data_dir), now=self.clock, staff=(actor.staff_id, actor.name)
            )
        except Exception as exc:  # the keyring refused, or the disk: the owner is told
            self.unpair_failed.emit(str(exc) or type(exc).__name__)
            return
        self.unpaired.emit()
