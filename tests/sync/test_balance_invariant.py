"""On paired kiosks too, every card's cached balance equals a recompute from first principles
(the cloud's base + this kiosk's events the cloud had not counted), whatever order stamps,
redemptions, undos, rejections and sync rounds come in; and after syncing, all agree."""

from __future__ import annotations

import random

import pytest

from kiosk.services import counter
from kiosk.store import ledger
from tests.sync.harness import OwnerApi


def _check(kiosk, card_ids):
    with kiosk.store.reading() as conn:
        for card_id in card_ids:
            card = ledger.get_card(conn, card_id)
            if card is None:  # not pulled to this kiosk yet
                continue
            assert ledger.recompute_balance(conn, card_id) == card.balance, (card_id, card.balance)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cache_equals_recompute_through_random_syncs(cloud, make_kiosk, cloud_clock, seed):
    rng = random.Random(seed)
    a = make_kiosk(cloud)
    b = make_kiosk(cloud)
    cards = [a.enroll()[0] for _ in range(3)]
    revoked: set[int] = set()
    for _step in range(60):
        kiosk = rng.choice((a, b))
        card_id = rng.choice(cards)
        op = rng.choices(["stamp", "redeem", "undo", "sync", "revoke"], weights=[8, 2, 2, 4, 0.3])[0]
        if op == "stamp":
            kiosk.stamp(card_id, quantity=rng.randint(1, 3))
        elif op == "redeem":
            kiosk.redeem(card_id)
        elif op == "undo":
            counter.undo(kiosk.ctx, card_id)
        elif op == "sync":
            kiosk.engine(cloud.http).run_round()
        elif card_id not in revoked:
            # the cloud revokes a card: events other kiosks made on it offline get rejected
            owner = OwnerApi(cloud.http, cloud.owner_email)  # signs in afresh: the clock has moved on
            owner.http.delete(f"/api/v1/cards/{card_id}", headers=owner.headers)
            revoked.add(card_id)
        cloud_clock.advance(seconds=rng.choice([5, 61, 400]))
        _check(a, cards)
        _check(b, cards)
    for kiosk in (a, b, a, b):  # settle: everyone pushes, then everyone pulls what the others sent
        status = kiosk.engine(cloud.http).run_round()
        assert status.online, status.last_error
    owner = OwnerApi(cloud.http, cloud.owner_email)
    listed = owner.http.get("/api/v1/cards", params={"limit": 1000}, headers=owner.headers).json()
    balances = {c["id"]: c["balance"] for c in listed}  # revoked cards too (their own URL is 410)
    for card_id in cards:
        server = balances[card_id]
        for kiosk in (a, b):
            mine = kiosk.card(card_id).balance
            assert (mine.units, mine.lifetime, mine.redemptions, mine.visits) == (
                server["units"],
                server["lifetime"],
                server["redemptions"],
                server["visits"],
            )
    _check(a, cards)
    _check(b, cards)


def test_a_rejection_stops_counting_before_the_next_pull(cloud, make_kiosk):
    """The push was answered 'rejected' but the pull after it failed (network gone): until the
    next pull the card must already show what the cloud will say."""
    from kiosk.store import sync_repo

    a = make_kiosk(cloud)
    card_id, token = a.enroll()
    stamped = a.stamp(token)
    assert stamped.refusal is None
    with a.store.transaction() as conn:
        sync_repo.mark_rejected(conn, {stamped.event.id: "card_revoked"})
    assert a.card(card_id).balance.units == 0
    assert a.card(card_id).balance.visits == 0
    _check(a, [card_id])
