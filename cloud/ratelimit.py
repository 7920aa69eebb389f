"""Fixed-window rate limits kept in memory (per process), timed by the app's clock.

Buckets: "dashboard" per business, "signup" per IP, "public" per IP, "device" per device.
With several workers each process counts on its own (documented in docs/cloud.md).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from datetime import datetime

from cloud.problems import ApiProblem


class RateLimiter:
    def __init__(self, limits: dict[str, tuple[int, int]], clock: Callable[[], datetime]) -> None:
        """`limits` maps a bucket to (requests allowed, window in seconds)."""
        self.limits = dict(limits)
        self.clock = clock
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, str], tuple[int, int]] = {}  # (bucket, key) -> (window, count)

    def hit(self, bucket: str, key: str) -> None:
        allowed, window = self.limits[bucket]
        now = self.clock().timestamp()
        current = int(now // window)
        with self._lock:
            if len(self._counts) > 200_000:  # forget old windows now and then
                self._counts = {k: v for k, v in self._counts.items() if v[0] >= current}
            win, count = self._counts.get((bucket, key), (current, 0))
            if win != current:
                win, count = current, 0
            count += 1
            self._counts[(bucket, key)] = (win, count)
        if count > allowed:
            retry = max(1, math.ceil((current + 1) * window - now))
            raise ApiProblem(
                429,
                "rate-limited",
                f"Rate limit for {bucket} requests exceeded ({allowed} per {window} s).",
                headers={"Retry-After": str(retry)},
            )

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()
