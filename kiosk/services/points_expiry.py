"""Points that lapse after N months without a visit, recorded as ledger events, never silently.

Two moments record them, both by the shared rule (loyalty_rules.kinds.points.expiry_due):
- her scan at the counter (earn_points), before the new sale is added, so the panel says
  "120 points expired on 3 Nov 2026 (no visit for 12 months)" and then the sale;
- the sweep a kiosk runs on the store worker at start and daily, for members who do not come.

The event is an ADJUST of -balance with the fixed reason EXPIRY_REASON, dated at the expiry
moment, naming no staff, till or device: the same event, with the same id and body, whoever
records it (loyalty_rules/kinds/points_expiry.py says why); the cloud accepts it only when its own
view of her visits agrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from tzlocal import reload_localzone

from kiosk.domain.model import Card, CardStatus, Event, EventKind
from kiosk.domain.outcomes import Outcome
from kiosk.services.context import Context
from kiosk.services.counter import _storage_refusal
from kiosk.services.first_run import TIME_ZONE, known_zones
from kiosk.store import StorageError, directory, ledger, meta
from kiosk.store import points_expiry as store
from loyalty_rules.kinds.points import Expiry, PointsSettings, expiry_due
from loyalty_rules.kinds.points_expiry import EXPIRY_REASON


@dataclass(frozen=True, slots=True)
class SweepOutcome(Outcome):
    """What the sweep changed: how many cards lost how many points (0 and 0: nothing was due)."""

    cards: int = 0
    points: int = 0
    expiries: tuple[Expiry, ...] = ()


def shop_zone(conn) -> tzinfo:
    """The zone the owner chose at the first run, else this machine's (as reports count days)."""
    name = meta.get_setting(conn, TIME_ZONE)
    return ZoneInfo(name) if name in known_zones() else reload_localzone()


def expire_if_due(
    conn, card: Card, settings: PointsSettings, now: datetime, zone: tzinfo
) -> tuple[Card, Expiry | None]:
    """Record her lapsed points in the caller's transaction: the card after it and the Expiry, or
    the card unchanged and None when nothing is due (or this lapse is recorded already)."""
    if card.status is not CardStatus.ACTIVE:
        return card, None
    due = expiry_due(card.id, card.last_earn_at, card.balance.units, settings, now, zone)
    if due is None or store.event_recorded(conn, due.event_id):
        return card, None
    event = Event(
        id=due.event_id,
        kind=EventKind.ADJUST,
        card_id=card.id,
        program_id=card.program_id,
        units=-due.points,
        occurred_at=due.at,
        reason=EXPIRY_REASON,
    )
    return ledger.append_event(conn, card, event), due


def sweep(ctx: Context) -> SweepOutcome:
    """Every points offer with an expiry period, every card holding points: record what lapsed.
    Runs on the store worker (at start and daily), in one transaction."""
    found: list[Expiry] = []
    try:
        with ctx.store.transaction() as conn:
            now, zone = ctx.clock(), shop_zone(conn)
            for program in directory.all_programs(conn):
                settings = program.points
                if settings is None or settings.expiry_months is None:
                    continue
                for card in store.cards_holding_points(conn, program.id):
                    _card, expired = expire_if_due(conn, card, settings, now, zone)
                    if expired is not None:
                        found.append(expired)
    except StorageError as exc:
        return SweepOutcome(refusal=_storage_refusal(exc))
    return SweepOutcome(cards=len(found), points=sum(e.points for e in found), expiries=tuple(found))
