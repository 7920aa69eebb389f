"""Rate limits with moving windows (the `limits` library), counted where every process sees them.

Buckets and their keys: "dashboard" per signed-in user, "signup" per IP, "public" per IP, "device"
per device, "login_failures" per account (the email as typed, normalised, whether or not it
exists). The counters live in Redis when `redis_url` is set, shared by every worker and
instance behind a load balancer; otherwise in this process's memory (one worker only).

A moving window counts the requests of the last N seconds, each bucket and key on its own, and
forgets each request when it ages out: no cleanup pass can reset one bucket's counts from another.
The windows run on the real clock (the library's), not on the app's clock.
"""

from __future__ import annotations

import math
import time
from enum import StrEnum

from limits import RateLimitItem, RateLimitItemPerHour, RateLimitItemPerMinute
from limits.errors import StorageError
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter

from cloud.problems import ApiProblem
from cloud.settings import Settings

KEY_PREFIX = "loyalty-cloud"


class Bucket(StrEnum):
    DASHBOARD = "dashboard"
    SIGNUP = "signup"
    PUBLIC = "public"
    DEVICE = "device"
    LOGIN_FAILURES = "login_failures"


def limits_from(settings: Settings) -> dict[Bucket, RateLimitItem]:
    return {
        Bucket.DASHBOARD: RateLimitItemPerHour(settings.rate_dashboard_per_hour),
        Bucket.SIGNUP: RateLimitItemPerHour(settings.rate_signup_per_hour),
        Bucket.PUBLIC: RateLimitItemPerMinute(settings.rate_public_per_minute),
        Bucket.DEVICE: RateLimitItemPerMinute(settings.rate_device_per_minute),
        Bucket.LOGIN_FAILURES: RateLimitItemPerHour(settings.rate_login_failures_per_hour),
    }


def storage_for(redis_url: str) -> Storage:
    if redis_url:
        # short timeouts: a stalled Redis answers 503 quickly instead of holding every request
        return RedisStorage(
            redis_url,
            key_prefix=KEY_PREFIX,
            wrap_exceptions=True,
            socket_timeout=2,
            socket_connect_timeout=2,
        )
    return MemoryStorage()


class RateLimiter:
    def __init__(self, limits: dict[Bucket, RateLimitItem], storage: Storage) -> None:
        self.limits = dict(limits)
        self.storage = storage
        self._strategy = MovingWindowRateLimiter(storage)

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimiter:
        return cls(limits_from(settings), storage_for(settings.redis_url))

    def hit(self, bucket: Bucket, key: str) -> None:
        """Counts one request of `key` in `bucket`; raises a 429 problem past the limit."""
        item = self.limits[bucket]
        if not self._guarded(self._strategy.hit, item, bucket, key):
            raise self._too_many(bucket, key, f"Rate limit for {bucket} requests exceeded")

    def check(self, bucket: Bucket, key: str) -> None:
        """Raises the 429 problem when `key` has used up `bucket`, without counting a request."""
        item = self.limits[bucket]
        if not self._guarded(self._strategy.test, item, bucket, key):
            raise self._too_many(bucket, key, f"Rate limit for {bucket} requests exceeded")

    def count(self, bucket: Bucket, key: str) -> None:
        """Counts one event (e.g. a failed sign-in) without refusing anything now."""
        self._guarded(self._strategy.hit, self.limits[bucket], bucket, key)

    def _too_many(self, bucket: Bucket, key: str, what: str) -> ApiProblem:
        item = self.limits[bucket]
        reset_at, _remaining = self._guarded(self._strategy.get_window_stats, item, bucket, key)
        retry = max(1, math.ceil(reset_at - time.time()))
        window = item.get_expiry()
        detail = f"{what} ({item.amount} per {window} s); try again in {retry} s."
        if bucket is Bucket.LOGIN_FAILURES:
            detail = (
                f"Too many failed sign-ins for this account ({item.amount} per {window} s); "
                f"try again in {retry} s."
            )
        return ApiProblem(429, "rate-limited", detail, headers={"Retry-After": str(retry)})

    def _guarded(self, call, *args):
        try:
            return call(*args)
        except StorageError as exc:
            raise ApiProblem(
                503,
                "rate-limit-store-unavailable",
                "The rate-limit store (Redis) is not answering; try again shortly.",
                title="Service unavailable",
                headers={"Retry-After": "5"},
            ) from exc

    def reset(self) -> None:
        self.storage.reset()
