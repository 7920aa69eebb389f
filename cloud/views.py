"""Rows (ORM objects or Core rows, read by attribute) to wire objects."""

from __future__ import annotations

import base64
import json

from sqlalchemy import Connection, select

from cloud import schemas
from cloud.models import Device, Location


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def offer(row) -> schemas.Offer:
    return schemas.Offer(
        id=row.id,
        name=row.name,
        kind=row.kind,
        stamps_required=row.stamps_required,
        reward_text=row.reward_text,
        per_visit_limit=row.per_visit_limit,
        cooldown_seconds=row.cooldown_seconds,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        status=row.status,
        colour=row.colour,
        icon=row.icon,
        points=json.loads(row.points_settings) if row.points_settings else None,
        points_revision=row.points_revision or 0,
    )


def experiment(row) -> schemas.Experiment:
    return schemas.Experiment(
        id=row.id,
        name=row.name,
        arms=json.loads(row.arms),
        metric=row.metric,
        days=row.days,
        horizon=row.horizon,
        started_at=row.started_at,
        status=row.status,
    )


def happy_hour(row) -> schemas.HappyHour:
    return schemas.HappyHour(
        id=row.id,
        name=row.name,
        windows=json.loads(row.windows),
        boost=row.boost,
        amount=row.amount,
        programs=json.loads(row.programs),
        active=row.active,
        ended_at=row.ended_at,
    )


def customer(row) -> schemas.Customer:
    return schemas.Customer(
        id=row.id,
        name=row.name,
        email=row.email,
        phone=row.phone,
        marketing_consent=row.marketing_consent,
        created_at=row.created_at,
        merged_into=getattr(row, "merged_into", None),
    )


def card(row) -> schemas.Card:
    return schemas.Card(
        id=row.id,
        customer_id=row.customer_id,
        program_id=row.program_id,
        key_id=row.key_id,
        status=row.status,
        flagged=row.flagged,
        balance=schemas.Balance(
            units=row.units, lifetime=row.lifetime, redemptions=row.redemptions, visits=row.visits
        ),
        last_seq=row.seq,
    )


def public_key(row) -> schemas.PublicKey:
    return schemas.PublicKey(key_id=row.key_id, public_key=b64url(row.public_key), revoked=row.revoked)


def conflict(row, events_by_id: dict, names: dict[str, str] | None = None) -> schemas.Conflict:
    """names: location and device ids -> names (conflict_place_names), so a kiosk can say which
    of its sister kiosks redeemed the same reward."""
    names = names or {}
    events = []
    for event_id in json.loads(row.event_ids):
        ev = events_by_id.get(event_id)
        if ev is not None:
            events.append(
                schemas.ConflictEvent(
                    id=ev.id,
                    staff_name=ev.staff_name,
                    location_id=ev.location_id,
                    location_name=names.get(ev.location_id or ""),
                    device_id=ev.device_id,
                    device_name=names.get(ev.device_id or ""),
                    occurred_at=ev.occurred_at,
                )
            )
    return schemas.Conflict(
        id=row.id,
        card_id=row.card_id,
        kind=row.kind,
        events=events,
        created_at=row.created_at,
        resolved=row.resolved,
    )


def conflict_place_names(conn: Connection, business_id: int, events) -> dict[str, str]:
    """The names of the locations and devices these events happened at (ids are UUIDs, so one
    dict holds both), within the business."""
    location_ids = {e.location_id for e in events if e.location_id}
    device_ids = {e.device_id for e in events if e.device_id}
    names: dict[str, str] = {}
    if location_ids:
        found = select(Location.id, Location.name).where(
            Location.business_id == business_id, Location.id.in_(location_ids)
        )
        names.update((row.id, row.name) for row in conn.execute(found))
    if device_ids:
        found = select(Device.id, Device.name).where(
            Device.business_id == business_id, Device.id.in_(device_ids)
        )
        names.update((row.id, row.name) for row in conn.execute(found))
    return names


def conflict_event_ids(rows) -> list[str]:
    ids: list[str] = []
    for row in rows:
        ids.extend(json.loads(row.event_ids))
    return ids
