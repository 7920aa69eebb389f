"""Pushes to Wallet through APNs: HTTP/2, token-based authentication.

Apple's "Adding a Web Service to Update Passes": the server tells a device that a pass changed by
sending a push to the device's push token with the pass type identifier as the topic and an empty
JSON dictionary as the payload; Wallet then asks the web service what changed. No alert, no
`apns-push-type` (Apple documents none for passes), nothing about the pass in the push.

The provider token (an ES256 JWT: kid = key id, iss = team id, iat) is reused for up to 50
minutes: APNs refuses tokens older than an hour and answers TooManyProviderTokenUpdates to a new
one more often than every 20 minutes.
"""

from __future__ import annotations

import enum
import logging
import random
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import jwt

from cloud.wallet.apns_key import ApnsKey

log = logging.getLogger("cloud.wallet.apns")
# hpack logs every header it encodes at DEBUG, the provider token in `authorization` too: a
# credential for the next 50 minutes. Quiet unless an operator set hpack's level on purpose.
if logging.getLogger("hpack").level == logging.NOTSET:
    logging.getLogger("hpack").setLevel(logging.INFO)
PRODUCTION_HOST = "api.push.apple.com:443"
TOKEN_LIFETIME = 50 * 60  # seconds
EMPTY_PAYLOAD = b"{}"
# the device's token is gone: the registration goes with it (Apple's reasons for 400 and 410)
GONE_REASONS = frozenset({"BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class PushOutcome(enum.Enum):
    DELIVERED = "delivered"  # APNs took it (200)
    GONE = "gone"  # the token no longer reaches a Wallet: forget the device
    FAILED = "failed"  # refused for a reason retrying cannot fix (logged), or retries spent
    RETRY = "retry"  # 429, 5xx or no connection: worth another try after a while


@dataclass(frozen=True)
class PushAttempt:
    outcome: PushOutcome
    retry_after: float | None = None  # seconds APNs asked us to wait (Retry-After), if it did


@dataclass(frozen=True)
class Backoff:
    """How often and how far apart the job queue tries a push APNs could not take yet."""

    attempts: int = 5
    first: float = 0.5  # seconds; doubles each time, with jitter, up to `most`
    most: float = 30.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        wait = min(self.most, self.first * 2**attempt) * (0.5 + random.random() / 2)
        return max(wait, min(retry_after or 0.0, self.most))


class ProviderTokens:
    """One provider token per key, made again after TOKEN_LIFETIME; shared by the sending threads."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: dict[tuple[str, str], tuple[float, str]] = {}

    def token(self, key: ApnsKey) -> str:
        now = self._clock()
        with self._lock:
            made = self._tokens.get((key.team_id, key.key_id))
            if made is None or now - made[0] >= TOKEN_LIFETIME:
                signed = jwt.encode(
                    {"iss": key.team_id, "iat": int(now)},
                    key.private_key,
                    algorithm="ES256",
                    headers={"kid": key.key_id},
                )
                made = (now, signed)
                self._tokens[(key.team_id, key.key_id)] = made
            return made[1]

    def forget(self, key: ApnsKey) -> None:
        with self._lock:
            self._tokens.pop((key.team_id, key.key_id), None)


class ApnsClient:
    """HTTP/2 connections to APNs kept open for the whole cloud process (APNs wants connections
    kept open, not one per push): one per job thread, because httpcore's HTTP/2 connection is not
    safe for streams from several threads (encode/httpx#3072: a bare KeyError, the push's fate
    unknown). A handful of job threads means a handful of connections."""

    def __init__(
        self,
        host: str = PRODUCTION_HOST,
        *,
        ca_file: str = "",
        backoff: Backoff | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.base_url = f"https://{host}"
        self.backoff = backoff or Backoff()
        self.tokens = ProviderTokens()
        self._ca_file, self._timeout = ca_file, timeout
        self._local = threading.local()
        self._clients: list[httpx.Client] = []
        self._clients_lock = threading.Lock()

    def _http(self) -> httpx.Client:
        client = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(
                http2=True,
                # a CA file instead of the system's trust: for a stand-in of APNs (tests, benchmarks)
                verify=ssl.create_default_context(cafile=self._ca_file) if self._ca_file else True,
                timeout=self._timeout,
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            )
            with self._clients_lock:
                self._clients.append(client)
            self._local.client = client
        return client

    def close(self) -> None:
        with self._clients_lock:
            clients, self._clients = self._clients, []
        for client in clients:
            client.close()

    def push(self, key: ApnsKey, topic: str, push_token: str) -> PushAttempt:
        """Tell the device behind `push_token` that a pass of `topic` changed: one try. 429, 5xx and
        connection errors answer RETRY; the job queue tries again later (cloud/wallet/updates.py)."""
        for _token_renewed in range(2):  # a provider token APNs calls expired is made again at once
            try:
                r = self._http().post(
                    f"{self.base_url}/3/device/{push_token}",
                    content=EMPTY_PAYLOAD,
                    headers={
                        "authorization": f"bearer {self.tokens.token(key)}",
                        "apns-topic": topic,
                        "content-type": "application/json",
                    },
                )
            except (httpx.TransportError, KeyError) as exc:
                # KeyError: httpcore's HTTP/2 may raise it in place of a connection error (see the
                # class); a push sent twice is harmless, one lost is not
                log.debug("APNs push for %s: %s, to be tried again", topic, type(exc).__name__)
                return PushAttempt(PushOutcome.RETRY)
            if r.status_code == 200:
                return PushAttempt(PushOutcome.DELIVERED)
            reason = _reason(r)
            if r.status_code == 410 or (r.status_code == 400 and reason in GONE_REASONS):
                return PushAttempt(PushOutcome.GONE)
            if r.status_code == 403 and reason == "ExpiredProviderToken":
                self.tokens.forget(key)
                continue
            if r.status_code in RETRY_STATUSES:
                log.debug("APNs push for %s: %s %s, to be tried again", topic, r.status_code, reason)
                return PushAttempt(PushOutcome.RETRY, _seconds(r.headers.get("retry-after")))
            log.warning("APNs refused a pass update push for %s: %s %s", topic, r.status_code, reason)
            return PushAttempt(PushOutcome.FAILED)
        return PushAttempt(PushOutcome.RETRY)


def _reason(response: httpx.Response) -> str:
    try:
        return str(response.json().get("reason", ""))[:100]
    except ValueError:
        return ""


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None
