"""Points across two offline tills, against the real cloud under uvicorn on 127.0.0.1: the manager
doubles the rate while both are offline; each till records sales at the rate it knows and spends
the same points on a reward; then both sync. The cloud accepts every earn (each checked by the
settings revision it was computed under), resolves the double spend as stamps' double redemption
(accepted, the card flagged, one conflict both tills see), and the tills and the cloud end with
the same balance. After the pull, a sale earns at the new rate."""

from __future__ import annotations

from decimal import Decimal

from kiosk.services.points import earn_points, redeem_reward
from kiosk.store import ledger, sync_repo
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, settings_to_plain
from tests.faults.test_offline_kiosks import _device_id, _sync

OLD = PointsSettings(
    rate=Decimal("1"),
    rounding=Rounding.DOWN,
    minimum_spend_minor=0,
    catalogue=(Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120)),
)
NEW = PointsSettings(
    rate=Decimal("2"), rounding=Rounding.DOWN, minimum_spend_minor=0, catalogue=OLD.catalogue
)


def _earned(kiosk, card_id: int, amount_minor: int) -> int:
    outcome = earn_points(kiosk.ctx, card_id, amount_minor)
    assert outcome.refusal is None, outcome.refusal
    return outcome.points_added


def test_two_offline_tills_earn_at_the_rate_they_know_and_a_double_spend_is_flagged(live_cloud, kiosks):
    owner = live_cloud.owner
    offer = owner.offer(kind="points", stamps_required=50, per_visit_limit=1, points=settings_to_plain(OLD))
    a = kiosks(live_cloud)
    _sync(a)
    card_id, _token = a.enroll("Points Member")
    assert _earned(a, card_id, 6000) == 60  # EUR 60 at 1 per EUR
    _sync(a)
    b = kiosks(live_cloud)
    _sync(b)
    assert b.card(card_id).balance.units == 60

    # offline from here: the manager doubles the rate, neither till has heard of it
    r = owner.http.patch(
        f"/api/v1/offers/{offer}", json={"points": settings_to_plain(NEW)}, headers=owner.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["points_revision"] == 2
    assert _earned(a, card_id, 1000) == 10  # the old rate, rightly: the offer as this till knows it
    assert _earned(b, card_id, 2000) == 20
    # both spend the same 50 points on a coffee: each till's own balance pays for it
    for kiosk in (a, b):
        outcome = redeem_reward(kiosk.ctx, card_id, "coffee")
        assert outcome.refusal is None, outcome.refusal
    _sync(a)
    _sync(b)  # every earn accepted (_sync asserts no rejection), though the rate changed
    for kiosk in (a, b):
        _sync(kiosk)  # the next pull brings the cloud's balance and the conflict

    server = owner.card(card_id)
    # 60 + 10 + 20 - 50 - 50: below zero, kept, and flagged (nothing either cashier did is lost)
    assert server["balance"] == {"units": -10, "lifetime": 90, "redemptions": 2, "visits": 3}
    assert server["flagged"] is True
    for kiosk in (a, b):
        card = kiosk.card(card_id)
        assert (card.balance.units, card.balance.lifetime, card.balance.redemptions, card.balance.visits) == (
            -10,
            90,
            2,
            3,
        )
        assert card.flagged
    (conflict,) = owner.conflicts()
    assert conflict["card_id"] == card_id
    for kiosk in (a, b):
        with kiosk.store.reading() as conn:
            (seen,) = sync_repo.all_conflicts(conn)
        assert seen.id == conflict["id"]
        assert {e.device_id for e in seen.events} == {_device_id(a), _device_id(b)}

    # after the pull each till has revision 2: a sale now earns at the new rate, and is accepted
    for kiosk in (a, b):
        with kiosk.store.reading() as conn:
            earns = [e for e in ledger.events_of_card(conn, card_id) if e.amount_minor is not None]
        assert {e.offer_revision for e in earns} == {1}
    assert _earned(b, card_id, 1000) == 20
    _sync(b)
    _sync(a)
    assert owner.card(card_id)["balance"]["units"] == 10
    assert a.card(card_id).balance.units == b.card(card_id).balance.units == 10
