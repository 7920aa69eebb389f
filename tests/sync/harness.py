"""Shared test kit: the real cloud (in process or as a uvicorn subprocess), an owner driving it
over HTTP, and kiosks (a real store in a tmp folder, the real services, the real sync engine)."""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import httpx

import cardtoken
from kiosk.domain.model import EventKind
from kiosk.services import counter, customers
from kiosk.services.context import Context
from kiosk.services.identity import set_up_business
from kiosk.store import ledger as store_ledger
from kiosk.store import open_store
from kiosk.sync import pairing
from kiosk.sync.credentials import KeyringCredentials, account_for
from kiosk.sync.engine import Backoff, SyncEngine
from tests.helpers import real_now

PASSWORD = "password-1"
HIGH_LIMITS = {
    "RATE_DASHBOARD_PER_HOUR": "1000000",
    "RATE_SIGNUP_PER_HOUR": "1000000",
    "RATE_PUBLIC_PER_MINUTE": "1000000",
    "RATE_DEVICE_PER_MINUTE": "1000000",
    "RATE_LOGIN_FAILURES_PER_HOUR": "1000000",
    "ARGON2_TIME_COST": "1",
    "ARGON2_MEMORY_KIB": "1024",
}
VENV_BIN = Path(sys.executable).parent


class Clock:
    """A clock a test moves by hand (optionally offset from another's). It starts at the machine's
    real now, because a live cloud in a subprocess runs on the real clock: a kiosk "a day ahead"
    must be ahead of that, on any date."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or real_now()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


class OwnerApi:
    """The shop owner, over HTTP (TestClient or a real socket)."""

    def __init__(
        self, http: httpx.Client, email: str, password: str = PASSWORD, business_id: int | None = None
    ) -> None:
        self.http = http
        body = {"email": email, "password": password}
        if business_id is not None:  # needed when this password opens accounts in several businesses
            body["business_id"] = business_id
        r = http.post("/api/v1/auth/login", json=body)
        assert r.status_code == 200, r.text
        self.headers = {"Authorization": f"Bearer {r.json()['access_token']}"}

    def _ok(self, r: httpx.Response, status: int = 200):
        assert r.status_code == status, r.text
        return r.json() if r.content else None

    def location(self, name: str = "Main street") -> str:
        return self._ok(self.http.post("/api/v1/locations", json={"name": name}, headers=self.headers), 201)[
            "id"
        ]

    def offer(self, **fields) -> str:
        body = {"name": "Coffee", "stamps_required": 5, "reward_text": "Free coffee", **fields}
        return self._ok(self.http.post("/api/v1/offers", json=body, headers=self.headers), 201)["id"]

    def pairing_code(self, location_id: str) -> str:
        body = {"location_id": location_id, "name": "Till"}
        r = self.http.post("/api/v1/devices/pairing-codes", json=body, headers=self.headers)
        return self._ok(r, 201)["code"]

    def card(self, card_id: int) -> dict:
        return self._ok(self.http.get(f"/api/v1/cards/{card_id}", headers=self.headers))

    def conflicts(self) -> list[dict]:
        return self._ok(self.http.get("/api/v1/conflicts", headers=self.headers))

    def revoke(self, device_id: str) -> None:
        self._ok(self.http.delete(f"/api/v1/devices/{device_id}", headers=self.headers), 204)


# --- the cloud in a subprocess -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cloud_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({f"LOYALTY_CLOUD_{k}": v for k, v in HIGH_LIMITS.items()})
    env.update(extra or {})
    return env


def create_owner(
    data_dir: Path,
    email: str,
    business: str = "Cafe",
    *extra: str,
    check: bool = True,
    plan: str = "enterprise",
) -> subprocess.CompletedProcess:
    """`loyalty-cloud create-owner`; `extra` e.g. "--another-business" for an email that
    already signs in to a business (emails are unique per business only). Enterprise unless
    told: tests of other things are not about the plan's limits (tests of plans name theirs)."""
    return subprocess.run(
        [
            str(VENV_BIN / "loyalty-cloud"),
            "create-owner",
            "--data-dir",
            str(data_dir),
            "--email",
            email,
            "--password",
            PASSWORD,
            "--business-name",
            business,
            "--plan",
            plan,
            *extra,
        ],
        check=check,
        env=cloud_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )


class CloudProcess:
    """`loyalty-cloud serve` on a free loopback port; kill() is SIGKILL, start() starts it again."""

    def __init__(
        self, data_dir: Path, port: int | None = None, args: tuple[str, ...] = (), env: dict | None = None
    ) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.args = args  # more `serve` options, e.g. ("--workers", "2")
        self.env = env or {}  # more environment, e.g. a rate limit as LOYALTY_CLOUD_RATE_…
        self.proc: subprocess.Popen | None = None
        self.log = data_dir / "serve.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [
                    str(VENV_BIN / "loyalty-cloud"),
                    "serve",
                    "--data-dir",
                    str(self.data_dir),
                    "--port",
                    str(self.port),
                    "--log-level",
                    "warning",
                    "--no-access-log",
                    *self.args,
                ],
                env=cloud_env(self.env),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"cloud exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)  # polling a subprocess with a deadline
        raise RuntimeError("cloud did not start in time")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


# --- kiosks ------------------------------------------------------------------------------------


_ids = itertools.count(1)


@dataclass
class Kiosk:
    data_dir: Path
    clock: Clock
    ctx: Context = field(init=False)
    existing: bool = False  # open a data folder as it is (a copy of a paired kiosk's)

    def __post_init__(self) -> None:
        self.store = open_store(self.data_dir, now=self.clock())
        self.ctx = Context(self.store, clock=self.clock)
        if not self.existing:
            set_up_business(self.ctx, "Cafe", "Till")
        self.credentials = KeyringCredentials(account_for(self.data_dir))

    def pair(self, url: str, code: str, http: httpx.Client | None = None) -> pairing.PairingResult:
        return pairing.pair(
            self.store,
            self.credentials,
            url,
            code,
            device_name=f"Till {next(_ids)}",
            now=self.clock,
            # an in-process TestClient ("http://testserver"): nothing crosses a network
            allow_insecure_http=http is not None,
            http=http,
        )

    def engine(self, http: httpx.Client | None = None, **options) -> SyncEngine:
        options.setdefault("backoff", Backoff(base=0.01, cap=0.05))
        return pairing.engine_for(self.store, self.credentials, clock=self.clock, http=http, **options)

    def enroll(self, name: str | None = None) -> tuple[int, str]:
        out = customers.enroll(self.ctx, name or f"Customer {uuid.uuid4().hex[:6]}")
        assert out.refusal is None, out.refusal
        ((card_id, token),) = out.tokens.items()
        return card_id, token

    def stamp(self, code: str | int, quantity: int = 1):
        text = code if isinstance(code, str) else cardtoken.format_card_number(code)
        return counter.record_scan(self.ctx, text, quantity=quantity)

    def redeem(self, card_id: int):
        return counter.redeem(self.ctx, card_id)

    def card(self, card_id: int):
        with self.store.reading() as conn:
            return store_ledger.get_card(conn, card_id)

    def pending(self) -> int:
        with self.store.reading() as conn:
            return store_ledger.pending_count(conn)

    def close(self) -> None:
        self.store.close()


def stamps_of(kiosk: Kiosk, card_id: int) -> int:
    with kiosk.store.reading() as conn:
        return sum(
            e.units for e in store_ledger.events_of_card(conn, card_id) if e.kind is not EventKind.ENROLL
        )
