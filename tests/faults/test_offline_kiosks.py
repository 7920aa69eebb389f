"""Kiosks offline together, kiosk clocks a day off: sums exact, one conflict seen by both, order by seq."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.domain.refusals import Reason
from kiosk.store import sync_repo
from tests.sync.harness import Clock

EVENTS_PER_KIOSK = 2000
SHARED_CARDS = 20


def _sync(kiosk):
    engine = kiosk.engine()
    try:
        status = engine.run_round()
        while status.online and status.pending:
            status = engine.run_round()
        assert (status.online, status.pending) == (True, 0), status
        return status
    finally:
        engine.client.close()


def _record_offline(kiosk, cards, tally):
    """2,000 events: stamps, and a redemption every 100th when the card has one (else a stamp)."""
    for i in range(EVENTS_PER_KIOSK):
        card_id, token = cards[i % len(cards)]
        outcome = kiosk.redeem(card_id) if i % 100 == 99 else None
        if outcome is None or outcome.refusal is not None:
            outcome = kiosk.stamp(token)
        assert outcome.refusal is None, outcome.refusal
        tally[card_id] = tally.get(card_id, 0) + outcome.event.units


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1)], ids=["abc", "cab"])
def test_three_offline_kiosks_sum_exactly_and_share_one_conflict(live_cloud, kiosks, order):
    live_cloud.owner.offer(stamps_required=5)
    a = kiosks(live_cloud)
    _sync(a)
    cards = [a.enroll() for _ in range(SHARED_CARDS)]
    x_id, x_token = a.enroll("Double Redeemer")
    for _ in range(5):
        a.stamp(x_token)
    _sync(a)
    b, c = kiosks(live_cloud), kiosks(live_cloud)
    _sync(b)
    _sync(c)
    # offline from here on: nobody syncs until every kiosk has recorded its 2,000 events
    tally = {card_id: 0 for card_id, _ in cards}
    for kiosk in (a, b, c):
        _record_offline(kiosk, cards, tally)
    assert a.redeem(x_id).refusal is None
    assert b.redeem(x_id).refusal is None
    group = (a, b, c)
    for i in order:
        _sync(group[i])
    for kiosk in group:  # the next pull
        _sync(kiosk)
    for card_id, units in tally.items():
        server = live_cloud.owner.card(card_id)["balance"]["units"]
        assert server == units, card_id
        assert {k.card(card_id).balance.units for k in group} == {units}
    assert live_cloud.owner.card(x_id)["balance"]["units"] == -5
    conflicts = live_cloud.owner.conflicts()
    assert len(conflicts) == 1
    assert conflicts[0]["card_id"] == x_id
    for kiosk in (a, b):
        with kiosk.store.reading() as conn:
            (seen,) = sync_repo.all_conflicts(conn)
        assert seen.id == conflicts[0]["id"]
        assert len(seen.events) == 2
        assert {e.device_id for e in seen.events} == {_device_id(k) for k in (a, b)}
        assert kiosk.card(x_id).flagged


def _device_id(kiosk) -> str:
    from kiosk.store import meta

    with kiosk.store.reading() as conn:
        return meta.get_setting(conn, "device_id")


def test_kiosk_clocks_a_day_off_keep_order_and_cooldowns(live_cloud, kiosks):
    live_cloud.owner.offer(cooldown_seconds=60)
    real = Clock()
    ahead = Clock(real() + timedelta(days=1))
    behind = Clock(real() - timedelta(days=1))
    a = kiosks(live_cloud, clock=ahead)
    b = kiosks(live_cloud, clock=behind)
    _sync(a)
    card_id, token = a.enroll()
    _sync(a)
    _sync(b)
    assert a.stamp(token).refusal is None
    assert a.stamp(token).refusal.reason is Reason.COOLDOWN
    assert b.stamp(token).refusal is None  # b's own clock: its first stamp of this card
    ahead.advance(seconds=10)
    status = a.engine().run_round()
    assert status.clock_warning
    assert "ahead" in status.clock_warning
    b_status = b.engine().run_round()
    assert b_status.clock_warning
    assert "behind" in b_status.clock_warning
    _sync(a)
    # after the pull the cooldown still holds on both (each kiosk's own clock), and lifts on time
    assert a.stamp(token).refusal.reason is Reason.COOLDOWN
    behind.advance(seconds=30)
    assert b.stamp(token).refusal.reason is Reason.COOLDOWN
    ahead.advance(seconds=51)
    assert a.stamp(token).refusal is None
    _sync(a)
    events = live_cloud.http.get(f"/api/v1/cards/{card_id}/events", headers=live_cloud.owner.headers).json()
    earns = [e for e in events if e["kind"] == "earn"]
    # the server's order is the order it received them: a, b (two days "earlier"), then a again
    assert [e["device_id"] for e in earns] == [_device_id(a), _device_id(b), _device_id(a)]
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
    assert earns[1]["occurred_at"] < earns[0]["occurred_at"]
    assert live_cloud.owner.card(card_id)["balance"]["units"] == 3
    assert a.card(card_id).balance.units == 3
