"""Google Wallet's REST API (walletobjects/v1) through httpx: loyalty classes and objects inserted,
read and patched with an OAuth access token bought with the service account's key (the JWT-bearer
grant at the key file's token_uri), kept until shortly before it expires.

Every call answers a `GoogleAnswer` that says what the caller should do: done, already there
(409), unknown (404), worth another try later (429, 5xx, no connection) or refused for good.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from cloud.wallet.apns import Backoff
from cloud.wallet.google_key import GoogleCredentials

log = logging.getLogger("cloud.wallet.google")
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TOKEN_MARGIN = 60.0  # seconds before its expiry a token is bought again
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class GoogleOutcome(enum.Enum):
    DONE = "done"
    EXISTS = "exists"  # 409 on insert
    UNKNOWN = "unknown"  # 404: the class or object is not (or no longer) at Google
    RETRY = "retry"  # 429, 5xx or no connection
    FAILED = "failed"  # refused for a reason retrying cannot fix (logged)


@dataclass(frozen=True)
class GoogleAnswer:
    outcome: GoogleOutcome
    status: int = 0
    body: dict = field(default_factory=dict)
    retry_after: float | None = None


class GoogleWalletClient:
    """Shared by the web requests and the job threads (httpx's client is thread-safe for HTTP/1.1)."""

    def __init__(self, api_url: str, *, backoff: Backoff | None = None) -> None:
        self.api_url = api_url.rstrip("/")
        self.backoff = backoff or Backoff()
        self._http = httpx.Client(timeout=TIMEOUT)
        self._lock = threading.Lock()
        self._tokens: dict[tuple[str, str], tuple[float, str]] = {}  # (email, token_uri) -> (until, token)

    def close(self) -> None:
        self._http.close()

    # --- the access token -----------------------------------------------------------------------

    def _token(self, credentials: GoogleCredentials) -> str | GoogleAnswer:
        key = (credentials.client_email, credentials.token_uri)
        with self._lock:
            kept = self._tokens.get(key)
        if kept is not None and kept[0] > time.monotonic():
            return kept[1]
        # Google checks the assertion's iat/exp against the real clock, whatever the cloud's clock says
        assertion = credentials.token_assertion(datetime.now(UTC))
        try:
            r = self._http.post(
                credentials.token_uri, data={"grant_type": JWT_BEARER, "assertion": assertion}
            )
        except httpx.HTTPError as exc:
            log.warning("Google's token address could not be reached: %s", type(exc).__name__)
            return GoogleAnswer(GoogleOutcome.RETRY)
        if r.status_code != 200:
            return self._answer(r, "token")
        body = r.json()
        token, lifetime = body.get("access_token"), float(body.get("expires_in", 3600))
        with self._lock:
            self._tokens[key] = (time.monotonic() + max(0.0, lifetime - TOKEN_MARGIN), token)
        return token

    # --- the calls --------------------------------------------------------------------------------

    def insert(self, credentials: GoogleCredentials, kind: str, body: dict) -> GoogleAnswer:
        return self._call(credentials, "POST", f"/{kind}", body)

    def get(self, credentials: GoogleCredentials, kind: str, resource_id: str) -> GoogleAnswer:
        return self._call(credentials, "GET", f"/{kind}/{resource_id}", None)

    def patch(self, credentials: GoogleCredentials, kind: str, resource_id: str, body: dict) -> GoogleAnswer:
        return self._call(credentials, "PATCH", f"/{kind}/{resource_id}", body)

    def _call(
        self, credentials: GoogleCredentials, method: str, path: str, body: dict | None
    ) -> GoogleAnswer:
        token = self._token(credentials)
        if isinstance(token, GoogleAnswer):
            return token
        try:
            r = self._http.request(
                method, self.api_url + path, json=body, headers={"Authorization": f"Bearer {token}"}
            )
        except httpx.HTTPError as exc:
            log.warning("Google Wallet could not be reached: %s", type(exc).__name__)
            return GoogleAnswer(GoogleOutcome.RETRY)
        if r.status_code == 401:  # the token expired early or was revoked: buy a new one next time
            with self._lock:
                self._tokens.pop((credentials.client_email, credentials.token_uri), None)
            return GoogleAnswer(GoogleOutcome.RETRY, 401)
        return self._answer(r, method + " " + path.split("/")[1])

    @staticmethod
    def _answer(r: httpx.Response, what: str) -> GoogleAnswer:
        status = r.status_code
        try:
            body = r.json() if r.content else {}
        except ValueError:
            body = {}
        if 200 <= status < 300:
            return GoogleAnswer(GoogleOutcome.DONE, status, body if isinstance(body, dict) else {})
        if status == 409:
            return GoogleAnswer(GoogleOutcome.EXISTS, status)
        if status == 404:
            return GoogleAnswer(GoogleOutcome.UNKNOWN, status)
        if status in RETRY_STATUSES:
            return GoogleAnswer(
                GoogleOutcome.RETRY, status, retry_after=_seconds(r.headers.get("retry-after"))
            )
        log.warning("Google Wallet refused %s with %s", what, status)  # no body: it may echo the card
        return GoogleAnswer(GoogleOutcome.FAILED, status)


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
