"""What the compatibility fixtures record of each event, at the kiosk and in the cloud: the fields a
migration must carry over, without what a restore or a replay makes anew (the cloud's sequence
numbers, receipt times, device ids)."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.sync.harness import OwnerApi

CLOUD_EVENT_FIELDS = ("id", "kind", "units", "ref_event_id", "occurred_at", "staff_name", "reason", "voided")


def kiosk_event(e) -> dict:
    return {
        "id": e.id,
        "kind": e.kind.value,
        "units": e.units,
        "ref_event_id": e.ref_event_id,
        "occurred_at": e.occurred_at.isoformat(),
        "staff_name": e.staff_name,
        "reason": e.reason,
    }


def card_events(owner: OwnerApi, card_ids: list[str]) -> dict[str, list[dict]]:
    """Each card's events as the owner's dashboard lists them."""
    out = {}
    for card_id in card_ids:
        listed = owner._ok(owner.http.get(f"/api/v1/cards/{card_id}/events", headers=owner.headers))
        out[card_id] = [{k: e[k] for k in CLOUD_EVENT_FIELDS} for e in listed]
    return out


def same_events(events: list[dict], shifted: timedelta = timedelta()) -> list[dict]:
    """Events to compare: in id order, times as instants (not one serialisation of them), moved by
    `shifted` (a replay's whole days)."""
    return sorted(
        ({**e, "occurred_at": datetime.fromisoformat(e["occurred_at"]) + shifted} for e in events),
        key=lambda e: e["id"],
    )
