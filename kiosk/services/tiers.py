"""A member's tier and her step to the next one (issue 15), read from the month buckets the
ledger keeps (kiosk/store/tier_buckets.py): at most a window's months over her cards, whatever
the length of her history. The counter and the cloud read the same rule
(loyalty_rules.tiers.standing); a points earn is multiplied by the tier she stood at before it.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.services.context import Context
from kiosk.store import tier_buckets
from loyalty_rules.tiers import Standing, Tier, TierScheme, month_of, multiplied, standing


def tier_of(ctx: Context, customer_id: str, now: datetime, *, scheme: TierScheme) -> Standing:
    """Her tier under `scheme` at `now`, with the next tier and what is missing to reach it.
    A member with no buckets (or an unknown id) stands at the lowest tier with a total of 0."""
    with ctx.store.reading() as conn:
        return standing_in(conn, customer_id, now, scheme)


def standing_in(conn, customer_id: str, now: datetime, scheme: TierScheme) -> Standing:
    """tier_of inside the caller's transaction (an earn reads it before and after its event)."""
    zone = tier_buckets.bucket_zone(conn)
    last = month_of(now, zone)
    first = last - scheme.window_months + 1
    totals = tier_buckets.month_totals(conn, customer_id, scheme.measure, first, last)
    return standing(scheme, totals, now, zone)


def earned_points(points: int, before: Standing | None) -> int:
    """The points a sale's `points` are worth at the tier she stood at before it (the shared
    `multiplied`); unchanged for an offer without tiers."""
    return points if before is None else multiplied(points, before.tier)


def reached(scheme: TierScheme, before: Standing, after: Standing) -> Tier | None:
    """The tier an earn lifted her to, or None when it did not move her up."""
    return after.tier if scheme.rank(after.tier.name) > scheme.rank(before.tier.name) else None
