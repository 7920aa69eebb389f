"""What the owner's newer analytics endpoints (tiers, happy hours, revenue) check before they
count: the shop's days asked for, and that a location or program named is this business's. A bad
value is a clear 4xx problem and nothing is counted; the older endpoints' lenient reading (start
after end is an empty range, an unknown id is an empty answer) is theirs to keep."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.models import Location, Offer
from cloud.problems import ApiProblem
from cloud.routes.insights import day_range


def checked_days(session: Session, bid: int, start: str | None, end: str | None, when, days: int):
    """(first, last) shop days; 422 when a day is not one or start is after end."""
    lo, hi = day_range(session, bid, start, end, when, days)
    if lo > hi:
        raise ApiProblem(422, "validation-error", f"start ({lo}) must not be after end ({hi}).")
    return lo, hi


def owned_offer(session: Session, bid: int, program_id: uuid.UUID | None) -> Offer | None:
    """The business's offer named, None when none is named; 404 when it is not one of its own (an
    offer of another business is as unknown as one that never existed)."""
    if program_id is None:
        return None
    offer = session.scalar(select(Offer).where(Offer.business_id == bid, Offer.id == str(program_id)))
    if offer is None:
        raise ApiProblem(404, "not-found", f"This business has no offer {program_id}.")
    return offer


def check_location(session: Session, bid: int, location_id: uuid.UUID | None) -> None:
    if location_id is None:
        return
    found = session.scalar(
        select(Location.id).where(Location.business_id == bid, Location.id == str(location_id))
    )
    if found is None:
        raise ApiProblem(404, "not-found", f"This business has no location {location_id}.")
