"""SIGKILL the cloud mid-push, or the kiosk mid-sync, then restart: every event counts once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from kiosk.sync.credentials import FileCredentials, credentials_for
from tests.faults.test_network_faults import _engine, sync_through_faults


def _stamp_many(kiosk, cards, n):
    expected = {}
    for i in range(n):
        card_id, token = cards[i % len(cards)]
        assert kiosk.stamp(token).refusal is None
        expected[card_id] = expected.get(card_id, 0) + 1
    return expected


def _assert_counted_once(cloud, kiosk, expected):
    for card_id, stamps in expected.items():
        balance = cloud.owner.card(card_id)["balance"]
        assert (balance["units"], balance["visits"]) == (stamps, stamps), card_id
        assert kiosk.card(card_id).balance.units == stamps


def test_cloud_sigkilled_mid_push_then_restarted(live_cloud, proxy, kiosks):
    live_cloud.owner.offer()
    kiosk = kiosks(live_cloud, url=proxy.url)
    engine = _engine(kiosk, proxy.url)
    engine.push_batch = 1000
    sync_through_faults(engine)
    cards = [kiosk.enroll() for _ in range(20)]
    expected = _stamp_many(kiosk, cards, 2500)
    proxy.hook = lambda request: live_cloud.process.kill() if b"/sync/push" in request else None
    for _ in range(2):  # twice: once with nothing pushed yet, once with a batch already in
        proxy.plan.append("hook_in_flight")
        status = engine.run_round()
        assert not status.online
        assert status.pending > 0
        assert live_cloud.process.proc.poll() is not None  # it really died
        live_cloud.process.start()
    status = sync_through_faults(engine)
    assert status.pending == 0
    assert status.rejected == 0
    _assert_counted_once(live_cloud, kiosk, expected)
    engine.client.close()


def _kiosk_sync_process(data_dir) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )


def test_kiosk_sigkilled_mid_sync_then_restarted(live_cloud, proxy, kiosks, tmp_path):
    live_cloud.owner.offer()
    kiosk = kiosks()
    # a separate process cannot see this process's in-memory keyring: the owner chose the file store
    kiosk.credentials = credentials_for(kiosk.data_dir, use_file=True)
    assert isinstance(kiosk.credentials, FileCredentials)
    kiosk.pair(proxy.url, live_cloud.owner.pairing_code(live_cloud.location_id))
    engine = _engine(kiosk, proxy.url)
    sync_through_faults(engine)
    engine.client.close()
    cards = [kiosk.enroll() for _ in range(20)]
    expected = _stamp_many(kiosk, cards, 2500)
    kiosk.store.close()

    child: dict[str, subprocess.Popen] = {}

    def kill_kiosk(request: bytes) -> None:
        # the cloud got (and will apply) this push; the kiosk dies before it hears the answer
        child["p"].send_signal(signal.SIGKILL)

    proxy.hook = kill_kiosk
    proxy.plan.extend(["pass", "hook"])  # first batch answered, second batch: kiosk killed
    child["p"] = _kiosk_sync_process(kiosk.data_dir)
    assert child["p"].wait(timeout=120) == -signal.SIGKILL
    again = _kiosk_sync_process(kiosk.data_dir)
    out, _ = again.communicate(timeout=120)
    assert again.returncode == 0, out.decode()
    assert b"0 pending" in out
    _assert_counted_once(live_cloud, kiosk, expected)


def test_kiosk_sigkilled_mid_first_pull_then_restarted(live_cloud, proxy, kiosks):
    live_cloud.owner.offer()
    seeder = kiosks(live_cloud)
    assert seeder.engine().run_round().online  # the offer arrives
    cards = [seeder.enroll() for _ in range(300)]
    status = seeder.engine().run_round()
    assert status.online
    assert status.pending == 0
    kiosk = kiosks()
    kiosk.credentials = credentials_for(kiosk.data_dir, use_file=True)
    kiosk.pair(proxy.url, live_cloud.owner.pairing_code(live_cloud.location_id))
    kiosk.store.close()
    child: dict[str, subprocess.Popen] = {}
    proxy.hook = lambda request: child["p"].send_signal(signal.SIGKILL) if b"/sync/pull" in request else None
    # the CLI pulls 1000 a page; the 300 customers + 300 cards + keys take one page: kill on it
    proxy.plan.extend(["hook"])
    child["p"] = _kiosk_sync_process(kiosk.data_dir)
    assert child["p"].wait(timeout=120) == -signal.SIGKILL
    again = _kiosk_sync_process(kiosk.data_dir)
    out, _ = again.communicate(timeout=120)
    assert again.returncode == 0, out.decode()
    for card_id, _ in cards:
        card = kiosk.card(card_id)
        assert card is not None
        assert card.balance.units == 0
