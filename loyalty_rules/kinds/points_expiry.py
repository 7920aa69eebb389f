"""Points that expire after N months without a visit: the calendar arithmetic and the event's
identity, shared by the kiosk (at a scan and in its daily sweep) and the cloud's push check.

An expiry is recorded as a ledger event, never done silently: an ADJUST of -balance whose reason
is EXPIRY_REASON. An adjustment, not a new event kind, because the wire, the cloud's units check
(an adjustment says why) and every kiosk already carry it; a new kind would need a wire version and
would be refused by every cloud from before. What tells it apart from a cashier's correction is the
fixed reason (is_expiry), which the history, reports and events.csv show as its own line.

Its id is uuid5 of the card and her last visit, and its body names no till, staff or device: two
tills (or a till and a retried push) that see the same lapse record the same event, once.
"""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

# the reason of an expiry's ADJUST: what marks it as an expiry on the wire and in storage
EXPIRY_REASON = "points_expired"
MIN_MONTHS, MAX_MONTHS = 1, 60
# a fixed namespace: every kiosk and the cloud derive the same id for the same lapse
_NAMESPACE = uuid.UUID("6f1d2b4e-7a0c-5e59-9c1f-3b8a2d4c5e60")


@dataclass(frozen=True, slots=True)
class Expiry:
    """Her points that lapsed: `points` (positive) at the moment `at`, recorded as `event_id`."""

    at: datetime
    points: int
    event_id: str
    months: int


def add_months(last_visit: datetime, months: int, zone: tzinfo) -> datetime:
    """The moment `months` calendar months after `last_visit`, on the shop's wall clock: the same
    day and time of day (the month's last day when it has no such day: 31 Jan + 1 = 28/29 Feb),
    whatever daylight-saving did in between (`zone`: the shop's, a ZoneInfo). A wall time that a
    clock change skips or repeats is read with fold=0 (zoneinfo's rule: the offset before the
    change), the same everywhere."""
    if last_visit.tzinfo is None:
        raise ValueError("last_visit must be an aware datetime")
    local = last_visit.astimezone(zone)
    month_index = local.month - 1 + months
    year, month = local.year + month_index // 12, month_index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    wall = local.replace(year=year, month=month, day=day, fold=0, tzinfo=None)
    return wall.replace(tzinfo=zone).astimezone(UTC)


def expiry_event_id(card_id: int, last_visit: datetime) -> str:
    """The one id every recorder gives the expiry after this last visit (to the microsecond, UTC)."""
    moment = last_visit.astimezone(UTC).isoformat(timespec="microseconds")
    return str(uuid.uuid5(_NAMESPACE, f"{card_id}:{moment}"))


def months_due(
    card_id: int,
    last_visit: datetime | None,
    balance: int,
    months: int | None,
    now: datetime,
    zone: tzinfo,
) -> Expiry | None:
    """Her balance expires when `months` whole months have passed since her last visit (now at or
    after the moment) and she has points: None when it never expires, she has none, she never
    visited (nothing to count from), or the moment is still to come."""
    if months is None or last_visit is None or balance <= 0:
        return None
    at = add_months(last_visit, months, zone)
    if now < at:
        return None
    return Expiry(at=at, points=balance, event_id=expiry_event_id(card_id, last_visit), months=months)


def is_expiry(kind_value: str, reason: str | None) -> bool:
    """An event is an expiry: an adjustment with the expiry's reason (kind by its wire word)."""
    return kind_value == "adjust" and reason == EXPIRY_REASON
