"""Test-wide rules: Qt offscreen, an in-memory keyring, and no thread left running."""

from __future__ import annotations

import os
import threading
import time

import pytest

# Qt reads this at QApplication creation; tests under a real X server (marked xvfb) set DISPLAY
# and switch to xcb themselves.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# staff PINs are hashed at the kiosk's real Argon2 cost (kiosk/services/staff.py) only where a test
# says so; elsewhere a cheap cost keeps sign-ins fast (set before kiosk is imported; CLI
# subprocesses inherit it)
os.environ.setdefault("LOYALTY_KIOSK_ARGON2_TIME_COST", "1")
os.environ.setdefault("LOYALTY_KIOSK_ARGON2_MEMORY_KIB", "1024")

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process only: the machine has no keyring daemon."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.secrets[(service, username)]
        except KeyError as exc:
            raise PasswordDeleteError(username) from exc


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _live_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.is_alive() and t is not threading.main_thread()}


@pytest.fixture(autouse=True)
def no_thread_left_running(request):
    """Fail a test that leaves a thread of its own running (pool threads of libraries excepted)."""
    before = _live_threads()
    yield
    deadline = time.monotonic() + 5.0
    while True:
        leaked = {
            t
            for t in _live_threads() - before
            # asyncio/anyio portals of TestClient and hypothesis' own helpers wind down on their own
            if not t.name.startswith(("asyncio_", "AnyIO", "ThreadPoolExecutor", "Dummy-"))
        }
        if not leaked or time.monotonic() > deadline:
            break
        time.sleep(0.02)  # waiting for threads that were asked to stop; not a test-timing sleep
    assert not leaked, f"test left threads running: {sorted(t.name for t in leaked)}"


@pytest.fixture
def clock():
    from tests.helpers import SetClock

    return SetClock()


@pytest.fixture
def kiosk(tmp_path, clock):
    """An empty kiosk (no shop yet) on a real SQLite file."""
    from tests.helpers import open_kiosk

    k = open_kiosk(tmp_path / "kiosk", clock)
    yield k
    k.close()


@pytest.fixture
def demo(kiosk):
    """A kiosk holding the demo shop; `.shop.tokens` maps 'name / offer' to QR text."""
    from kiosk.services.demo import create_demo_shop

    kiosk.shop = create_demo_shop(kiosk.ctx, customers_count=8)
    return kiosk


@pytest.fixture
def xvfb_display():
    """A private X server (Xvfb picks a free display number); the test setup installs Xvfb."""
    import shutil
    import subprocess

    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        reason = f"needs {' and '.join(missing)} (apt-get install xvfb xdotool)"
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI's setup installs them: their absence is a broken setup
        pytest.skip(reason)
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as ready:
            number = ready.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="session")
def redis_server():
    """A private redis-server for the session (started here, stopped at the end)."""
    from tests.redis_server import RedisServer, redis_unavailable_reason

    reason = redis_unavailable_reason()
    if reason:
        pytest.skip(reason)
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server) -> str:
    """The private Redis, emptied for this test."""
    redis_server.flush()
    return redis_server.url


# one private PostgreSQL for the whole session, whichever folders ask for it (cloud, property)
@pytest.fixture(scope="session")
def postgres_server():
    from tests.postgres_server import PostgresServer, postgres_unavailable_reason

    reason = postgres_unavailable_reason()
    if reason:
        print(f"\nskipping PostgreSQL tests: {reason}")
        pytest.skip(reason)
    server = PostgresServer()
    yield server
    server.stop()
