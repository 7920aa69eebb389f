"""Tiers across two offline tills, against the real cloud under uvicorn on 127.0.0.1 (issue 15):
she reaches Silver on till A; till B, which has not heard, earns at Bronze's x1; both sync. The
cloud accepts both (B's lower tier always; A's Silver because its own view of her events reaches
it), and the cloud and both tills end with the same balance and the same tier: the pull carries
each card's months, which a till reads her tier from. After it, till B earns at Silver's x1.5."""

from __future__ import annotations

from decimal import Decimal

from kiosk.services.points import earn_points
from kiosk.services.tiers import tier_of
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, settings_to_plain
from loyalty_rules.tiers import Measure, Tier, TierScheme
from tests.faults.test_offline_kiosks import _sync

SCHEME = TierScheme(
    Measure.POINTS,
    12,
    (Tier("Bronze", 0), Tier("Silver", 100, Decimal("1.5")), Tier("Gold", 300, Decimal(2))),
)
SETTINGS = PointsSettings(Decimal(1), Rounding.DOWN, 0, (Reward("coffee", "Coffee", 50),), tiers=SCHEME)


def _tier(kiosk, card_id: int) -> str:
    customer_id = kiosk.card(card_id).customer_id
    return tier_of(kiosk.ctx, customer_id, kiosk.ctx.clock(), scheme=SCHEME).tier.name


def test_silver_reached_on_one_till_is_known_to_the_other_and_the_cloud_after_sync(live_cloud, kiosks):
    owner = live_cloud.owner
    owner.offer(kind="points", stamps_required=50, per_visit_limit=1, points=settings_to_plain(SETTINGS))
    a = kiosks(live_cloud)
    _sync(a)
    card_id, _token = a.enroll("Tier Member")
    _sync(a)
    b = kiosks(live_cloud)
    _sync(b)

    # offline from here: A lifts her to Silver, B has not heard and earns at Bronze
    lifted = earn_points(a.ctx, card_id, 12000)
    assert (lifted.points_added, lifted.event.tier, lifted.tier_reached.name) == (120, "Bronze", "Silver")
    at_silver = earn_points(a.ctx, card_id, 1000)
    assert (at_silver.points_added, at_silver.event.tier) == (15, "Silver")
    unaware = earn_points(b.ctx, card_id, 1000)
    assert (unaware.points_added, unaware.event.tier) == (10, "Bronze")
    assert (_tier(a, card_id), _tier(b, card_id)) == ("Silver", "Bronze")

    _sync(a)
    _sync(b)  # every earn accepted: _sync asserts no rejection
    _sync(a)
    assert owner.card(card_id)["balance"]["units"] == 145
    assert a.card(card_id).balance.units == b.card(card_id).balance.units == 145
    assert (_tier(a, card_id), _tier(b, card_id)) == ("Silver", "Silver")

    # B knows now: its next sale earns at Silver's x1.5, and the cloud accepts it
    known = earn_points(b.ctx, card_id, 1000)
    assert (known.points_added, known.event.tier) == (15, "Silver")
    _sync(b)
    _sync(a)
    assert owner.card(card_id)["balance"]["units"] == 160
    assert a.card(card_id).balance.units == b.card(card_id).balance.units == 160
