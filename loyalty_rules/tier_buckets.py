"""What one ledger event adds to a member's monthly tier totals (loyalty_rules.tiers), and the
same totals by a replay of her events, which a store's kept buckets must always equal.

A bucket is one card's month: the points it granted and the visits it counted, net of voids. A
void takes its amount out of the month of the event it cancels, not its own month, so a sale
undone next month leaves both months as if the sale had never been: exactly the replay that skips
voided events. Points count on points cards only (a stamp is not a point); visits on every card.

Pure: the moments, the zone and the events come in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from loyalty_rules.ledger import Change, apply
from loyalty_rules.model import Balance, Event, EventKind
from loyalty_rules.tiers import Measure, month_of


@dataclass(frozen=True, slots=True)
class BucketDelta:
    points: int  # granted units (earns, enrolment, referral bonuses), negative for their void
    visits: int  # earns at the counter, -1 for an earn's void

    def __bool__(self) -> bool:
        return bool(self.points or self.visits)


def delta_of(event: Change) -> BucketDelta:
    """An event's change to its bucket: the granted and visit parts of the ledger's own `apply`
    (a redemption or an adjustment changes neither)."""
    moved = apply(Balance(), event)
    return BucketDelta(moved.lifetime, moved.visits)


def measured(points: int, visits: int, measure: Measure, *, points_card: bool) -> int:
    """A bucket's amount in a scheme's measure."""
    if measure is Measure.VISITS:
        return visits
    return points if points_card else 0


@dataclass(frozen=True, slots=True)
class Replayed:
    """One ledger event as a replay reads it."""

    event: Event
    points_card: bool  # its card is in a points offer


def replayed_totals(history: Iterable[Replayed], zone: str, measure: Measure) -> dict[int, int]:
    """A member's totals per month (month_of counts) from her events: every event that still
    stands (neither a void nor voided) in the month it happened. The reference the kept buckets
    are checked against, and the slow path a benchmark compares them with."""
    items = list(history)
    voided = {r.event.ref_event_id for r in items if r.event.kind is EventKind.VOID}
    totals: dict[int, int] = {}
    for r in items:
        if r.event.kind is EventKind.VOID or r.event.id in voided:
            continue
        d = delta_of(r.event)
        amount = measured(d.points, d.visits, measure, points_card=r.points_card)
        if amount:
            month = month_of(r.event.occurred_at, zone)
            totals[month] = totals.get(month, 0) + amount
    return totals


def bucket_month(event: Event, cancelled_at: datetime | None, zone: str) -> int:
    """The month an event's delta goes to: its own, or for a void the cancelled event's."""
    return month_of(cancelled_at if cancelled_at is not None else event.occurred_at, zone)
