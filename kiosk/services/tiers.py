"""A member's tier and her step to the next one (issue 15), read from the month buckets the
ledger keeps (kiosk/store/tier_buckets.py): at most a window's months over her cards, whatever
the length of her history. The counter and the cloud read the same rule
(loyalty_rules.tiers.standing); a points earn is multiplied by the tier she stood at before it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kiosk.domain.model import Card, Event, EventKind
from kiosk.services.context import Actor, Context
from kiosk.services.events import new_event
from kiosk.store import tier_buckets
from loyalty_rules.tiers import (
    Standing,
    Tier,
    TierChange,
    TierMove,
    TierScheme,
    change,
    change_event_id,
    month_of,
    multiplied,
    standing,
)


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


def demotion(
    ctx: Context, conn, actor: Actor, card: Card, scheme: TierScheme, now: datetime
) -> tuple[Event, TierChange] | None:
    """The event recording that her tier fell since she was last seen (a month left her window
    and took her total below her tier), or None. Her tier then is read from the same buckets at
    that moment; the event's id is the shared change_event_id, so two tills (and the cloud) that
    notice the same fall record one event. Not recorded here: the caller appends it."""
    seen = tier_buckets.last_seen(conn, card.customer_id)
    zone = tier_buckets.bucket_zone(conn)
    if seen is None or month_of(seen, zone) >= month_of(now, zone):
        return None  # within one month her total only grows: a fall happens at a month's edge
    first = month_of(seen, zone) - scheme.window_months + 1
    totals = tier_buckets.month_totals(conn, card.customer_id, scheme.measure, first, month_of(now, zone))
    then = standing(scheme, totals, seen, zone).tier
    moved = change(scheme, then.name, totals, now, zone)
    if moved is None or moved.move is not TierMove.DEMOTED:
        return None
    event = new_event(ctx, conn, actor, EventKind.TIER_CHANGE, card, 0, now, tier=moved.new.name)
    event_id = change_event_id(card.customer_id, month_of(now, zone), moved)
    return replace(event, id=str(event_id), reason=moved.old.name), moved
