"""Issue 15's two-till story, against the real cloud under uvicorn on 127.0.0.1: a tier reached
on one till, a happy hour on the other, both offline, then both sync and all three agree.

Till A lifts her to Silver (x1.5 from 100 points); till B, which has not heard, sets up a happy
hour offline (double points on the offer) and her sale there earns at Bronze, doubled. Both push:
the cloud takes B's happy hour before B's events, undoes the boost, checks the tier, and accepts
every event; the pull then gives each till the other's news. Her next sale at A earns Silver's
x1.5 doubled by B's happy hour, and the cloud and both tills end with the same balance and tier."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from kiosk.domain.model import Role
from kiosk.services import Actor
from kiosk.services.happy_hours import HappyHourDraft, save_happy_hour
from kiosk.services.points import earn_points
from kiosk.services.tiers import tier_of
from kiosk.store.happy_hours import shop_zone
from loyalty_rules.happy_hours import Boost, Weekday, Window
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, settings_to_plain
from loyalty_rules.tiers import Measure, Tier, TierScheme
from tests.faults.test_offline_kiosks import _sync

SCHEME = TierScheme(
    Measure.POINTS,
    12,
    (Tier("Bronze", 0), Tier("Silver", 100, Decimal("1.5")), Tier("Gold", 300, Decimal(2))),
)
SETTINGS = PointsSettings(Decimal(1), Rounding.DOWN, 0, (Reward("coffee", "Coffee", 50),), tiers=SCHEME)
MANAGER = Actor(None, "Max", Role.MANAGER)


def _tier(kiosk, card_id: int) -> str:
    customer_id = kiosk.card(card_id).customer_id
    return tier_of(kiosk.ctx, customer_id, kiosk.ctx.clock(), scheme=SCHEME).tier.name


def _around_now(kiosk) -> Window:
    """A window of the shop's clock (the business's zone, which the pull told the till) from the
    hour before now to two hours after it: running now, whatever the date and zone."""
    with kiosk.store.reading() as conn:
        zone = ZoneInfo(shop_zone(conn))
    local = kiosk.ctx.clock().astimezone(zone)
    start = (local - timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    end = start + timedelta(hours=3)
    return Window(Weekday(start.weekday()), start.time(), end.time())


def test_silver_on_one_till_and_a_happy_hour_on_the_other_end_the_same_everywhere(live_cloud, kiosks):
    owner = live_cloud.owner
    offer = owner.offer(
        kind="points", stamps_required=50, per_visit_limit=1, points=settings_to_plain(SETTINGS)
    )
    a = kiosks(live_cloud)
    _sync(a)
    card_id, _token = a.enroll("Tier Member")
    _sync(a)
    b = kiosks(live_cloud)
    _sync(b)

    # offline from here. Till A: a big sale lifts her to Silver (earned at Bronze's x1)
    lifted = earn_points(a.ctx, card_id, 12000)
    assert (lifted.points_added, lifted.event.tier, lifted.tier_reached.name) == (120, "Bronze", "Silver")
    assert lifted.happy_hour is None  # A knows of no happy hour
    # Till B: the manager starts a happy hour there; her sale earns at Bronze (B has not heard), doubled
    draft = HappyHourDraft("Double points", (_around_now(b),), Boost.MULTIPLY, 2, frozenset({offer}))
    made = save_happy_hour(b.ctx, draft, actor=MANAGER)
    assert made.ok, made.message
    boosted = earn_points(b.ctx, card_id, 1000)
    assert (boosted.points_added, boosted.event.tier, boosted.event.happy_hour_id) == (
        20,
        "Bronze",
        made.hour.id,
    )
    assert (_tier(a, card_id), _tier(b, card_id)) == ("Silver", "Bronze")

    _sync(a)
    _sync(b)  # B's happy hour goes up before its events; every event accepted (_sync asserts it)
    _sync(a)
    assert owner.card(card_id)["balance"]["units"] == 140
    assert a.card(card_id).balance.units == b.card(card_id).balance.units == 140
    assert (_tier(a, card_id), _tier(b, card_id)) == ("Silver", "Silver")

    # A has the happy hour now, B her tier: a sale at A earns Silver's x1.5, doubled, accepted
    both = earn_points(a.ctx, card_id, 1000)
    assert (both.points_added, both.event.tier, both.event.happy_hour_id) == (30, "Silver", made.hour.id)
    at_b = earn_points(b.ctx, card_id, 1000)
    assert (at_b.points_added, at_b.event.tier) == (30, "Silver")
    _sync(a)
    _sync(b)
    _sync(a)
    assert owner.card(card_id)["balance"]["units"] == 200
    assert a.card(card_id).balance.units == b.card(card_id).balance.units == 200
    assert (_tier(a, card_id), _tier(b, card_id)) == ("Silver", "Silver")
