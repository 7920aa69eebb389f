"""Tiers at the cloud's push (issue 15; TestClient, SQLite and PostgreSQL): an earn multiplied by
the tier it names is accepted only if the cloud's own view of her events (every till's, summed
per month in SQL, with this push's earlier events) reaches that tier; a lower tier's multiplier
is always accepted (a till that had not heard she went up); a fall noticed by two tills is one
event."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import text

from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, settings_to_plain
from loyalty_rules.tiers import Measure, Tier, TierScheme

SCHEME = TierScheme(
    Measure.POINTS,
    12,
    (Tier("Bronze", 0), Tier("Silver", 100, Decimal("1.5")), Tier("Gold", 300, Decimal(2))),
)
SETTINGS = PointsSettings(Decimal(1), Rounding.HALF_UP, 500, (Reward("coffee", "Coffee", 50),), tiers=SCHEME)


def _tiered_offer(cloud, owner) -> str:
    offer = cloud.offer(owner)
    with cloud.db.writing() as session:
        session.execute(
            text("UPDATE offers SET points_settings = :s WHERE id = :id"),
            {"s": json.dumps(settings_to_plain(SETTINGS)), "id": offer},
        )
    return offer


def test_an_earn_may_claim_the_tier_the_cloud_s_view_of_her_events_reaches(cloud):
    owner = cloud.owner()
    offer = _tiered_offer(cloud, owner)
    till_a, till_b = cloud.kiosk(owner, name="Till A"), cloud.kiosk(owner, name="Till B")
    card = cloud.enroll(till_a, offer)
    # Silver claimed before she has any points: refused; at Bronze: accepted
    too_soon = cloud.event("earn", card, offer, 15, amount_minor=1000, tier="Silver")
    bronze = cloud.event("earn", card, offer, 120, amount_minor=12000, tier="Bronze")
    # in the same push, after those 120 points: Silver's x1.5 is hers (10 -> 15)
    silver = cloud.event("earn", card, offer, 15, amount_minor=1000, tier="Silver")
    gold = cloud.event("earn", card, offer, 20, amount_minor=1000, tier="Gold")
    wrong = cloud.event("earn", card, offer, 10, amount_minor=1000, tier="Silver")  # Silver gives 15
    unknown = cloud.event("earn", card, offer, 10, amount_minor=1000, tier="Platinum")
    results = cloud.push(till_a, too_soon, bronze, silver, gold, wrong, unknown)
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("rejected", "tier_not_reached"),
        ("accepted", None),
        ("accepted", None),
        ("rejected", "tier_not_reached"),
        ("rejected", "points_mismatch"),
        ("rejected", "no_such_tier"),
    ]
    # till B had not heard she reached Silver: its earn at Bronze's x1 is accepted as well
    late = cloud.event("earn", card, offer, 10, amount_minor=1000, tier="Bronze")
    silver_b = cloud.event("earn", card, offer, 15, amount_minor=1000, tier="Silver")
    assert [r["status"] for r in cloud.push(till_b, late, silver_b)] == ["accepted", "accepted"]
    with cloud.db.writing() as session:
        stored = session.execute(
            text("SELECT id, tier FROM events WHERE card_id = :c AND kind = 'earn'"), {"c": card}
        ).all()
    assert dict(stored) == {
        bronze["id"]: "Bronze",
        silver["id"]: "Silver",
        late["id"]: "Bronze",
        silver_b["id"]: "Silver",
    }


def test_points_leave_the_window_and_a_fall_noticed_by_two_tills_is_one_event(cloud):
    owner = cloud.owner()
    offer = _tiered_offer(cloud, owner)
    till_a, till_b = cloud.kiosk(owner, name="Till A"), cloud.kiosk(owner, name="Till B")
    card = cloud.enroll(till_a, offer)
    assert (
        cloud.push(till_a, cloud.event("earn", card, offer, 150, amount_minor=15000, tier="Bronze"))[0][
            "status"
        ]
        == "accepted"
    )
    cloud.clock.advance(days=400)  # her 150 points left the 12-month window
    stale = cloud.event("earn", card, offer, 15, amount_minor=1000, tier="Silver")
    assert cloud.push(till_a, stale)[0]["reason"] == "tier_not_reached"
    fell = cloud.event("tier_change", card, offer, 0, tier="Bronze", reason="Silver")
    again = {**fell, "staff_name": "Bo"}  # till B noticed the same fall: the same id, its own body
    assert cloud.push(till_a, fell)[0]["status"] == "accepted"
    assert cloud.push(till_b, again)[0]["status"] == "duplicate"
    refused = cloud.push(
        till_a,
        cloud.event("tier_change", card, offer, 0, tier="Platinum"),
        cloud.event("tier_change", card, offer, 5, tier="Bronze"),
        cloud.event("redeem", card, offer, -50, reward_id="coffee", tier="Bronze"),
    )
    assert [r["reason"] for r in refused] == ["no_such_tier", "bad_units", "points_fields_on_other_kind"]
