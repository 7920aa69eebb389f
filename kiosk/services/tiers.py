"""A member's tier and her step to the next one (issue 15), read from the month buckets the
ledger keeps (kiosk/store/tier_buckets.py): at most a window's months over her cards, whatever
the length of her history. No UI yet; the counter and the cloud read the same rule
(loyalty_rules.tiers.standing).
"""

from __future__ import annotations

from datetime import datetime

from kiosk.services.context import Context
from kiosk.store import tier_buckets
from loyalty_rules.tiers import Standing, TierScheme, month_of, standing


def tier_of(ctx: Context, customer_id: str, now: datetime, *, scheme: TierScheme) -> Standing:
    """Her tier under `scheme` at `now`, with the next tier and what is missing to reach it.
    A member with no buckets (or an unknown id) stands at the lowest tier with a total of 0."""
    with ctx.store.reading() as conn:
        zone = tier_buckets.bucket_zone(conn)
        last = month_of(now, zone)
        first = last - scheme.window_months + 1
        totals = tier_buckets.month_totals(conn, customer_id, scheme.measure, first, last)
    return standing(scheme, totals, now, zone)
