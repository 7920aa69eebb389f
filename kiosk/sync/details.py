"""What the sync details view shows, read from the store in one go (on a worker thread).

The engine's SyncStatus says how the last round went; this adds what a person needs to act:
which cloud, which events and offers the cloud refused and why, and each conflict with the
names of the locations and kiosks involved (this kiosk's own, and those the cloud sends).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import cardtoken
from kiosk.domain.connection import Connection
from kiosk.domain.model import EventKind
from kiosk.store import Store, directory, meta, offer_uploads, sync_repo
from kiosk.store import ledger as store_ledger
from kiosk.sync.engine import SyncEngine, SyncStatus


@dataclass(frozen=True, slots=True)
class RejectedEvent:
    kind: EventKind
    card_number: str
    occurred_at: datetime
    staff_name: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class RejectedOffer:
    """An offer made or changed here that the cloud refused (kiosk/sync/offers_push.py)."""

    offer_id: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class SyncOverview:
    status: SyncStatus
    cloud_url: str | None
    business_name: str
    location_name: str
    rejected: tuple[RejectedEvent, ...]
    rejected_offers: tuple[RejectedOffer, ...] = ()
    connection: Connection = Connection.STANDALONE

    @property
    def paired(self) -> bool:
        return self.connection is Connection.PAIRED


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One of the clashing events: who, where, when."""

    staff_name: str | None
    location_id: str | None
    location_name: str | None  # None: a location nobody told this kiosk the name of
    device_id: str | None
    this_kiosk: bool
    occurred_at: datetime
    device_name: str | None = None  # the other kiosk's name, as paired (None: the dashboard)


@dataclass(frozen=True, slots=True)
class ConflictView:
    id: str
    kind: str
    card_id: int
    card_number: str
    customer_name: str
    card_flagged: bool
    sides: tuple[ConflictSide, ...]
    created_at: datetime


def read_overview(store: Store, clock: Callable[[], datetime]) -> SyncOverview:
    status = SyncEngine(store, None, clock=clock).status()
    with store.reading() as conn:
        settings = meta.all_settings(conn)
        paired = meta.connection(conn)
        rejected = sync_repo.rejected_events(conn)
        rejected_offers = offer_uploads.rejected_offers(conn)
    return SyncOverview(
        status=status,
        cloud_url=settings.get("cloud_url") or None,
        business_name=settings.get("business_name", ""),
        location_name=settings.get("location_name", ""),
        rejected=tuple(
            RejectedEvent(
                event.kind,
                cardtoken.format_card_number(event.card_id),
                event.occurred_at,
                event.staff_name,
                reason,
            )
            for event, reason in rejected
        ),
        rejected_offers=tuple(RejectedOffer(*found) for found in rejected_offers),
        connection=paired,
    )


def read_conflicts(store: Store) -> list[ConflictView]:
    with store.reading() as conn:
        found = sync_repo.all_conflicts(conn)
        places = meta.location_names(conn)
        own_device = meta.get_setting(conn, "device_id")
        cards = {c.card_id: store_ledger.get_card(conn, c.card_id) for c in found}
        people = {
            card.customer_id: directory.get_customer(conn, card.customer_id)
            for card in cards.values()
            if card is not None
        }
    out = []
    for conflict in found:
        card = cards.get(conflict.card_id)
        person = people.get(card.customer_id) if card is not None else None
        out.append(
            ConflictView(
                id=conflict.id,
                kind=conflict.kind,
                card_id=conflict.card_id,
                card_number=cardtoken.format_card_number(conflict.card_id),
                customer_name=person.name if person is not None else "",
                card_flagged=bool(card is not None and card.flagged),
                sides=tuple(
                    ConflictSide(
                        e.staff_name,
                        e.location_id,
                        places.get(e.location_id or "") or e.location_name,
                        e.device_id,
                        bool(own_device) and e.device_id == own_device,
                        e.occurred_at,
                        e.device_name,
                    )
                    for e in conflict.events
                ),
                created_at=conflict.created_at,
            )
        )
    return out
