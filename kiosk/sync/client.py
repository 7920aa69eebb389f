"""The kiosk's HTTP client for the cloud: synchronous httpx (QtAsyncio cannot open sockets),
run from the sync worker thread only. Every failure comes out as one typed exception:

- `Unauthorised` (401) and its kind `DeviceRevoked`: stop syncing, tell the owner;
- `Transient` (5xx, 429, timeouts, resets, unreadable answers): retry later with backoff;
- `Refused` (any other 4xx): this request will never succeed as sent.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

from kiosk.domain.model import Program
from kiosk.store.sync_repo import PendingEvent
from kiosk.sync import wire
from kiosk.sync.installation import Installation
from loyalty_rules.experiments import Experiment
from loyalty_rules.happy_hours import HappyHour

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)
PROBLEM_MEDIA = "application/problem+json"
USER_AGENT = "loyalty-kiosk/0.1"


@dataclass(frozen=True, slots=True)
class Problem:
    """An RFC 9457 problem the cloud answered with (or one made up for a bare error)."""

    status: int
    type: str = "about:blank"
    title: str = ""
    detail: str = ""
    errors: tuple[dict, ...] = field(default_factory=tuple)

    @property
    def slug(self) -> str:
        return self.type.rstrip("/").rsplit("/", 1)[-1]

    def describe(self) -> str:
        text = self.detail or self.title or f"HTTP {self.status}"
        return f"{text} ({self.status} {self.slug})" if self.status else text


class SyncError(Exception):
    def __init__(self, message: str, problem: Problem | None = None) -> None:
        super().__init__(message)
        self.problem = problem


class Unauthorised(SyncError):
    """The cloud does not accept this kiosk's credential: syncing stops until it is paired again."""


class DeviceRevoked(Unauthorised):
    pass


class Transient(SyncError):
    """Worth trying again later: the server or the network failed, or asked us to slow down."""

    def __init__(
        self, message: str, problem: Problem | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, problem)
        self.retry_after = retry_after


class NotACloud(Transient):
    """Something answered at that address, but not a Loyalty Kiosk cloud (a web page, a 404 where
    the API should be). Retried like a network fault: a portal or a half-done deployment passes."""


class Refused(SyncError):
    """A 4xx other than 401/429: sending the same request again will not help."""


def parse_problem(response: httpx.Response) -> Problem:
    body: Any = None
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        errors = body.get("errors") or ()
        return Problem(
            status=int(body.get("status") or response.status_code),
            type=str(body.get("type") or "about:blank"),
            title=str(body.get("title") or ""),
            detail=str(body.get("detail") or ""),
            errors=tuple(e for e in errors if isinstance(e, dict)),
        )
    return Problem(status=response.status_code, title=response.reason_phrase or "")


def _retry_after(response: httpx.Response) -> float | None:
    raw = response.headers.get("Retry-After")
    try:
        return max(0.0, float(raw)) if raw is not None else None
    except ValueError:
        return None  # an HTTP date: the backoff decides instead


def _is_problem(response: httpx.Response) -> bool:
    return response.headers.get("content-type", "").split(";")[0].strip() == PROBLEM_MEDIA


def not_a_cloud_message(response: httpx.Response) -> str:
    kind = response.headers.get("content-type", "").split(";")[0].strip() or "no content type"
    return (
        f"this address is not a Loyalty Kiosk cloud: {response.request.url.path} answered "
        f"HTTP {response.status_code} ({kind}); check the cloud address"
    )


def raise_for(response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    if status in (404, 405) and not _is_problem(response):
        # the cloud answers every error of /api/v1 as a problem; a bare 404 is another server
        raise NotACloud(not_a_cloud_message(response), Problem(status, title=response.reason_phrase or ""))
    problem = parse_problem(response)
    if status == 401:
        kind = DeviceRevoked if problem.slug == "device-revoked" else Unauthorised
        raise kind(problem.describe(), problem)
    if status == 429 or status >= 500:
        raise Transient(problem.describe(), problem, _retry_after(response))
    raise Refused(problem.describe(), problem)


class CloudClient:
    """One cloud, one device credential. Give it an `http` client to talk to an in-process app
    (FastAPI's TestClient is an httpx.Client) or through a test proxy."""

    def __init__(
        self,
        base_url: str,
        device_token: str | None = None,
        *,
        http: httpx.Client | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        installation: Installation | None = None,
    ) -> None:
        self._owns_http = http is None
        self.http = http or httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout, trust_env=False)
        self.device_token = device_token
        self.timeout = timeout
        self.installation = installation  # None: sent as a wire v1 kiosk (no clone check)

    def close(self) -> None:
        if self._owns_http:
            self.http.close()

    def __enter__(self) -> CloudClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _headers(self, auth: bool) -> dict[str, str]:
        headers = {"User-Agent": USER_AGENT, "Accept": f"application/json, {PROBLEM_MEDIA}"}
        if auth:
            if not self.device_token:
                raise Unauthorised("this kiosk has no device credential; pair it first")
            headers["Authorization"] = f"Device {self.device_token}"
        return headers

    def _send(
        self, method: str, path: str, *, auth: bool = True, extra_headers: dict | None = None, **kwargs
    ) -> Any:
        headers = {**self._headers(auth), **(extra_headers or {})}
        try:
            response = self.http.request(method, path, headers=headers, timeout=self.timeout, **kwargs)
        except httpx.TimeoutException as exc:
            raise Transient(f"the cloud did not answer in time ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise Transient(f"cannot reach the cloud: {exc or type(exc).__name__}") from exc
        raise_for(response)
        if "html" in response.headers.get("content-type", "").lower():
            raise NotACloud(not_a_cloud_message(response))
        try:
            return response.json()
        except ValueError as exc:
            raise Transient("the cloud's answer was not JSON (cut short?)") from exc

    def pair(
        self,
        code: str,
        device_name: str,
        public_key: bytes,
        key_id: int,
        expected_business_id: int | None = None,
    ) -> wire.Paired:
        request = wire.pair_body(code, device_name, public_key, key_id, expected_business_id)
        body = self._send("POST", wire.PAIR_PATH, auth=False, json=request)
        return _readable(wire.parse_paired, body)

    def push(self, batch: list[PendingEvent]) -> wire.PushAnswer:
        if self.installation is None:
            body = self._send("POST", wire.PUSH_PATH, json=wire.push_body(batch))
            return _readable(wire.parse_push, body, batch)
        with contextlib.ExitStack() as held:
            try:
                installation_id, sequence = held.enter_context(self.installation.pushing())
                headers = {wire.INSTALLATION_HEADER: installation_id, wire.SEQUENCE_HEADER: str(sequence)}
            except OSError:
                # the folder cannot take the number (disk full, read-only): sync as a v1 kiosk
                # rather than not at all; the clone check resumes with the next push that can
                log.warning("cannot record this kiosk's push number; pushing without it", exc_info=True)
                headers = None
            body = self._send("POST", wire.PUSH_PATH, json=wire.push_body(batch), extra_headers=headers)
        return _readable(wire.parse_push, body, batch)

    def push_offers(self, offers: list[Program]) -> tuple[wire.OfferResult, ...]:
        """Offers made or changed here, answered one by one (docs/wire.md, "Offers made at a kiosk")."""
        body = self._send("PUT", wire.OFFERS_PATH, json=wire.offers_body(offers))
        return _readable(wire.parse_offers, body, offers)

    def push_experiments(self, found: list[Experiment]) -> tuple[wire.OfferResult, ...]:
        """A/B tests set up or stopped here, answered one by one like offers."""
        body = self._send("PUT", wire.EXPERIMENTS_PATH, json=wire.experiments_body(found))
        return _readable(wire.parse_offers, body, found)

    def push_happy_hours(self, found: list[HappyHour]) -> tuple[wire.OfferResult, ...]:
        """Happy hours set up, changed or ended here, answered one by one like offers."""
        body = self._send("PUT", wire.HAPPY_HOURS_PATH, json=wire.happy_hours_body(found))
        return _readable(wire.parse_offers, body, found)

    def till_join_link(self) -> Any:
        """This till's own join link (made by the cloud on the first ask, the same ever after)."""
        return self._send("PUT", wire.TILL_JOIN_PATH)

    def get_json(self, path: str, params: dict | None = None) -> Any:
        """A read-only GET with the device credential (the analytics: kiosk/sync/insights.py)."""
        return self._send("GET", path, params=params)

    def pull(self, cursor: int, business_id: int, limit: int = 500) -> wire.PullAnswer:
        body = self._send("GET", wire.PULL_PATH, params={"cursor": cursor, "limit": limit})
        return _readable(wire.parse_pull, body, business_id)


def _readable(parse, *args):
    # a 200 we cannot read (a proxy cut it, a half-deployed cloud) is retried, never applied
    try:
        return parse(*args)
    except wire.WireError as exc:
        raise Transient(str(exc)) from exc
