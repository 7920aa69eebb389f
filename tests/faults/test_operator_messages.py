"""What the operator reads after a sync (issue 12, operator messages), against the live cloud
through the fault proxy, and against a web server on loopback that is not a loyalty cloud."""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.store import meta, open_store
from kiosk.sync.client import CloudClient, SyncError
from kiosk.sync.credentials import FileCredentials
from kiosk.sync.engine import Backoff, SyncEngine, SyncState, sync_until_idle
from tests.faults.test_network_faults import SHORT


def _engine(kiosk, url: str) -> SyncEngine:
    engine = kiosk.engine()
    engine.client.close()
    engine.client = CloudClient(url, kiosk.credentials.get(), timeout=SHORT)
    return engine


def test_duplicates_are_not_counted_as_pushed_and_a_failure_says_what_went_through(live_cloud, proxy, kiosks):
    live_cloud.owner.offer()
    kiosk = kiosks(live_cloud, url=proxy.url)
    engine = _engine(kiosk, proxy.url)
    assert engine.run_round().online
    card_id, token = kiosk.enroll()
    for _ in range(3):
        assert kiosk.stamp(token).refusal is None
    proxy.plan.extend(["500_after"])  # the cloud takes the push; its answer is lost
    lost = engine.run_round()
    assert not lost.online
    assert kiosk.pending() == 4
    proxy.plan.extend(["pass", "500"])  # the retry gets through; the pull fails
    failed = engine.run_round()
    assert failed.state is SyncState.OFFLINE
    text = failed.summary()
    assert "before that 0 accepted, 4 already in the cloud, 0 rejected" in text, text
    assert text.endswith("0 pending"), text
    assert kiosk.stamp(token).refusal is None
    done = engine.run_round()
    assert done.online
    assert done.summary().startswith("synced: 1 accepted, 0 already in the cloud, 0 rejected"), done.summary()
    assert live_cloud.owner.card(card_id)["balance"]["units"] == 4
    engine.client.close()


def _kiosk(*args: str, data_dir) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )


class _WebPage(BaseHTTPRequestHandler):
    """An ordinary web server: a page at /, 404 pages elsewhere, never JSON."""

    def _page(self, status: int) -> None:
        body = b"<!doctype html><html><body><h1>Welcome</h1></body></html>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._page(200 if self.path.startswith("/api/v1/sync/pull") else 404)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._page(200 if self.path.startswith("/api/v1/sync/push") else 404)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def web_page():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _WebPage)
    thread = threading.Thread(target=server.serve_forever, name="web-page", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def test_an_address_that_is_not_a_loyalty_cloud_is_called_so(web_page, kiosks, tmp_path):
    kiosk = kiosks()
    # pairing: a 404 page where the API should be
    with pytest.raises(SyncError) as caught:
        kiosk.pair(web_page, "ABCD-EFGH")
    assert "not a Loyalty Kiosk cloud" in str(caught.value)
    # a kiosk (the demo shop, 48 events waiting) pointed at it: 200 HTML pages instead of answers
    shop = tmp_path / "shop"
    assert _kiosk("demo", data_dir=shop).returncode == 0
    store = open_store(shop, now=kiosk.clock())
    try:
        with store.transaction() as conn:
            meta.put_setting(conn, "cloud_url", web_page)
        FileCredentials(shop / "device-token").set("not-a-real-token")
        engine = SyncEngine(
            store,
            CloudClient(web_page, "not-a-real-token", timeout=SHORT),
            clock=kiosk.clock,
            backoff=Backoff(base=0.01, cap=0.05),
        )
        status = sync_until_idle(engine, max_rounds=2)
        engine.client.close()
    finally:
        store.close()
    assert status.state is SyncState.OFFLINE
    assert "this address is not a Loyalty Kiosk cloud" in status.last_error
    assert "cut short" not in status.last_error
    assert status.pending == 48  # nothing lost
    ran = subprocess.run(
        [sys.executable, "-m", "kiosk", "sync", "--data-dir", str(shop)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 1
    assert "this address is not a Loyalty Kiosk cloud" in ran.stdout, ran.stdout + ran.stderr
    paired = _kiosk("pair", web_page, "ABCD-EFGH", "--token-file", data_dir=tmp_path / "new")
    assert paired.returncode == 1
    assert "not a Loyalty Kiosk cloud" in paired.stderr
