"""A private redis-server for the tests: loopback only, a free port, its folder in tmp, no persistence."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_unavailable_reason() -> str | None:
    if not Path(REDIS_SERVER).exists():
        return "redis-server not found (apt-get install redis-server; scripts/setup.sh --test does it)"
    return None


def _without_faketime(environ) -> dict[str, str]:
    """redis-server cannot start under libfaketime 0.9.10 (its allocator's first clock_gettime
    recurses into the preload, which gives up), so in the shifted-clock passes it keeps the real
    clock. Nothing it decides depends on the date: the rate limiter sends the moving windows'
    times from the cloud process, whose clock is shifted, and Redis only expires keys after
    relative lifetimes."""
    return {k: v for k, v in environ.items() if k not in ("LD_PRELOAD", "FAKETIME")}


class RedisServer:
    def __init__(self, timeout: float = 20.0) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="loyalty-redis-"))
        self.port = _free_port()
        self.proc = subprocess.Popen(
            [
                REDIS_SERVER,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--dir",
                str(self.root),
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            env=_without_faketime(os.environ),
        )
        deadline = time.monotonic() + timeout
        while not self.ping():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.02)  # polling a subprocess with a deadline

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=5)

    def ping(self) -> bool:
        import redis

        try:
            with self.client() as c:
                return bool(c.ping())
        except redis.RedisError:
            return False

    def flush(self) -> None:
        with self.client() as c:
            c.flushall()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)
