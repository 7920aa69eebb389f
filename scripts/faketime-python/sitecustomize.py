"""Loaded at start-up by every Python process of the shifted-clock test passes: the runner
(scripts/shifted-clock-tests.sh) puts this folder on PYTHONPATH, and subprocesses inherit it.

libfaketime (0.9.10, Debian 12) moves an absolute CLOCK_MONOTONIC deadline by the wall-clock offset
even when told to leave the monotonic clock alone, so Python's time.sleep, which sleeps until a
monotonic deadline, fails with EINVAL. Here sleeping waits with a relative timeout instead; the
monotonic clock itself stays real, so timeouts and measured durations are unchanged.
"""

import os
import select
import time

if os.environ.get("FAKETIME"):

    def _sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            select.select([], [], [], remaining)

    time.sleep = _sleep
