"""Pass update pushes are jobs on a queue that outlives the cloud process (cloud/wallet/jobqueue.py):
jobs queued by a cloud that stopped before running them go out, once each, when it starts again,
whether the queue lives in a SQLite file, the PostgreSQL database or Redis; and a push APNs keeps
refusing with 503 is tried a bounded number of times."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from cloud.app import create_app
from cloud.clock import FakeClock
from cloud.wallet.apns import Backoff
from cloud.wallet.jobqueue import JOBS_FILE, job_queue
from tests.cloud.conftest import Cloud
from tests.cloud.wallet.conftest import KEY_ID
from tests.cloud.wallet.pki import PASS_TYPE_ID
from tests.cloud.wallet.test_apns import WAIT, open_shop, p8, settle, stamp
from tests.cloud.wallet.wallet_app import WalletApp

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl command line missing")
FAST = Backoff(attempts=3, first=0.01, most=0.05)  # retries in milliseconds, not APNs' seconds


@contextmanager
def running_cloud(settings, standin, *, run_jobs: bool = True, backoff: Backoff = FAST):
    """A cloud process's life: started (its lifespan runs), stopped at the end of the block."""
    s = settings.replace(apns_host=standin.host, apns_ca_file=str(standin.ca_file), run_pass_updates=run_jobs)
    app = create_app(s, clock=FakeClock())
    app.state.pass_updates.ctx.apns.backoff = backoff
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Cloud(app, client, app.state.clock, s)


def waiting_jobs(settings, *, scheduled: bool = False) -> int:
    queue = job_queue(settings)
    try:
        return queue.pending_count() + (queue.scheduled_count() if scheduled else 0)
    finally:
        queue.storage.close()


def add_card_with_phone(cloud, owner, kiosk, offer, verify, name: str) -> tuple[str, WalletApp]:
    card_id = cloud.enroll(kiosk, offer, name=name)
    pkpass = cloud.client.get(f"/api/v1/cards/{card_id}/apple-pass", headers=owner.headers)
    assert pkpass.status_code == 200, pkpass.text
    phone = WalletApp(cloud.client, verify=verify)
    assert phone.add(pkpass.content).status_code == 201
    return card_id, phone


def queue_pushes_then_stop(settings, standin, apns_key, pki, verify) -> list[WalletApp]:
    """A cloud that only queues jobs takes three stamps for three phones' cards, and stops."""
    with running_cloud(settings, standin, run_jobs=False) as cloud:
        owner, kiosk, offer, card_id, phone = open_shop(
            cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
        )
        cards = [(card_id, phone)] + [
            add_card_with_phone(cloud, owner, kiosk, offer, verify, name) for name in ("Max", "Ada")
        ]
        for card, _phone in cards:
            stamp(cloud, kiosk, card, offer)
        assert not cloud.app.state.pass_updates.wait_idle(0.2)  # queued, not run
    assert standin.received == []  # stopped before any job ran
    assert waiting_jobs(settings) == len(cards)  # one job per pass
    return [phone for _card, phone in cards]


def restart_and_count(settings, standin, phones: list[WalletApp]) -> None:
    with running_cloud(settings, standin) as cloud:
        assert standin.wait_for(lambda s: len(s.received) >= len(phones), WAIT), standin.refused
        settle(cloud)
        for phone in phones:  # each phone fetches its pass's new balance
            serial = next(iter(phone.passes))
            phone.client = cloud.client
            assert phone.check_for_updates(PASS_TYPE_ID) == [serial]
            assert phone.balance(serial) == "1 of 10"
        assert cloud.app.state.pass_updates.sent.delivered == len(phones)
    # the cloud stopped: every job that ran has finished; each phone got exactly one push
    assert sorted(p.token for p in standin.received) == sorted(phone.push_token for phone in phones)
    assert standin.refused == []


def test_pushes_queued_before_a_stop_go_out_once_after_the_restart(
    settings, standin, apns_key, pki, verify, database_url
):
    phones = queue_pushes_then_stop(settings, standin, apns_key, pki, verify)
    if database_url.startswith("sqlite"):  # the jobs wait beside the cloud's database
        assert (settings.data_dir / JOBS_FILE).exists()
    restart_and_count(settings, standin, phones)


def test_with_redis_configured_queued_pushes_wait_there_through_a_restart(
    settings, standin, apns_key, pki, verify, redis_url
):
    import redis

    settings = settings.replace(redis_url=redis_url)
    phones = queue_pushes_then_stop(settings, standin, apns_key, pki, verify)
    assert redis.Redis.from_url(redis_url).dbsize() > 0  # the jobs wait in Redis
    assert not (settings.data_dir / JOBS_FILE).exists()  # not in a file
    restart_and_count(settings, standin, phones)


def test_a_push_apns_keeps_refusing_is_tried_a_bounded_number_of_times(
    settings, standin, apns_key, pki, verify
):
    with running_cloud(settings, standin) as cloud:
        _owner, kiosk, offer, card_id, phone = open_shop(
            cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
        )
        standin.unavailable[phone.push_token] = 100
        stamp(cloud, kiosk, card_id, offer)
        settle(cloud)
        assert standin.refused == [(503, "ServiceUnavailable")] * FAST.attempts
        assert standin.received == []
        sent = cloud.app.state.pass_updates.sent
        assert (sent.passes, sent.delivered, sent.failed, sent.gone) == (1, 0, 1, 0)
        assert phone.changed_serials(PASS_TYPE_ID).status_code == 200  # a 503 never removes a phone


def test_a_retry_waiting_for_its_time_when_the_cloud_stops_is_sent_after_the_restart(
    settings, standin, apns_key, pki, verify
):
    later = Backoff(attempts=3, first=2.0, most=2.0)  # the retry waits 1-2 s: the cloud stops first
    with running_cloud(settings, standin, backoff=later) as cloud:
        _owner, kiosk, offer, card_id, phone = open_shop(
            cloud, pki, verify, apns_key=p8(apns_key), apns_key_id=KEY_ID
        )
        standin.unavailable[phone.push_token] = 1
        stamp(cloud, kiosk, card_id, offer)
        assert standin.wait_for(lambda s: s.refused, WAIT)
    assert standin.received == []
    assert waiting_jobs(settings, scheduled=True) == 1  # the retry, stored

    with running_cloud(settings, standin, backoff=later) as cloud:
        assert standin.wait_for(lambda s: s.pushes_to(phone.push_token), WAIT)
        settle(cloud)
    assert standin.refused == [(503, "ServiceUnavailable")]
    assert [p.token for p in standin.received] == [phone.push_token]  # once
