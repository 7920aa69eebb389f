"""500s, timeouts, resets and answers delivered twice on the way: nothing lost, nothing doubled."""

from __future__ import annotations

import time

import httpx

from kiosk.sync.client import CloudClient
from kiosk.sync.engine import SyncEngine

SHORT = httpx.Timeout(connect=2.0, read=1.0, write=2.0, pool=2.0)


def _engine(kiosk, url: str) -> SyncEngine:
    engine = kiosk.engine()
    engine.client.close()
    engine.client = CloudClient(url, kiosk.credentials.get(), timeout=SHORT)
    engine.push_batch = 50
    return engine


def sync_through_faults(engine: SyncEngine, *, deadline_s: float = 60.0):
    """Rounds until a clean round leaves nothing pending (the backoff is the engine's business)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        status = engine.run_round()
        if status.online and status.pending == 0:
            return status
    raise AssertionError(f"still not synced: {status}")


def test_nothing_lost_nothing_doubled_through_a_faulty_network(live_cloud, proxy, kiosks):
    offer = live_cloud.owner.offer()
    kiosk = kiosks(live_cloud, url=proxy.url)
    engine = _engine(kiosk, proxy.url)
    assert sync_through_faults(engine).online  # the offer arrives
    cards = [kiosk.enroll() for _ in range(10)]
    expected = {}
    for i in range(300):
        card_id, token = cards[i % len(cards)]
        assert kiosk.stamp(token).refusal is None
        expected[card_id] = expected.get(card_id, 0) + 1
    # every kind of fault, on pushes and pulls alike, several times over
    proxy.plan.extend(
        [
            "500",
            "500_after",
            "reset",
            "reset_after",
            "timeout",
            "twice",
            "pass",
            "twice",
            "500_after",
            "reset_after",
            "twice",
            "timeout",
            "pass",
            "500",
        ]
        * 2
    )
    status = sync_through_faults(engine)
    assert status.pending == 0
    assert status.rejected == 0
    faults = {fault for _, fault in proxy.seen}
    assert {"500", "500_after", "reset", "reset_after", "timeout", "twice"} <= faults
    for card_id, stamps in expected.items():
        balance = live_cloud.owner.card(card_id)["balance"]
        assert (balance["units"], balance["visits"]) == (stamps, stamps), card_id
        assert kiosk.card(card_id).balance.units == stamps
    assert offer
    engine.client.close()
