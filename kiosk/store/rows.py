"""Rows to domain values and back. Nothing outside the store sees a row."""

from __future__ import annotations

import json
from datetime import datetime

from kiosk.domain.model import (
    Balance,
    Card,
    CardStatus,
    Customer,
    Event,
    EventKind,
    Program,
    ProgramKind,
    ProgramStatus,
    Role,
    Staff,
)
from kiosk.domain.people import search_key
from kiosk.domain.phones import phone_reversed
from loyalty_rules.kinds.points import settings_from_plain, settings_to_plain


def to_customer(r) -> Customer:
    return Customer(
        id=r.id,
        name=r.name,
        email=r.email,
        phone=r.phone,
        marketing_consent=bool(r.marketing_consent),
        created_at=r.created_at,
        merged_into=r.merged_into,
    )


def to_program(r) -> Program:
    return Program(
        id=r.id,
        name=r.name,
        units_required=r.units_required,
        reward_text=r.reward_text,
        kind=ProgramKind(r.kind),
        per_visit_limit=r.per_visit_limit,
        cooldown_seconds=r.cooldown_seconds,
        undo_window_seconds=r.undo_window_seconds,
        starts_at=r.starts_at,
        ends_at=r.ends_at,
        status=ProgramStatus(r.status),
        colour=r.colour,
        icon=r.icon,
        points=settings_from_plain(json.loads(r.points_settings)) if r.points_settings else None,
        points_revision=r.points_revision,
    )


def program_values(p: Program) -> dict:
    return {
        "id": p.id,
        "name": p.name,
        "kind": p.kind.value,
        "units_required": p.units_required,
        "reward_text": p.reward_text,
        "per_visit_limit": p.per_visit_limit,
        "cooldown_seconds": p.cooldown_seconds,
        "undo_window_seconds": p.undo_window_seconds,
        "starts_at": p.starts_at,
        "ends_at": p.ends_at,
        "status": p.status.value,
        "colour": p.colour,
        "icon": p.icon,
        "points_settings": json.dumps(settings_to_plain(p.points)) if p.points else None,
        "points_revision": p.points_revision,
    }


def customer_values(c: Customer, now: datetime) -> dict:
    return {
        "id": c.id,
        "name": c.name,
        "name_key": search_key(c.name),
        "email": c.email,
        "phone": c.phone,
        "phone_rev": phone_reversed(c.phone),
        "marketing_consent": c.marketing_consent,
        "created_at": c.created_at or now,
        "updated_at": now,
        "merged_into": c.merged_into,
    }


def card_values(c: Card, now: datetime) -> dict:
    return {
        "id": c.id,
        "customer_id": c.customer_id,
        "program_id": c.program_id,
        "key_id": c.key_id,
        "status": c.status.value,
        "flagged": c.flagged,
        "last_earn_at": c.last_earn_at,
        "created_at": c.created_at or now,
        **balance_values(c.balance),
    }


def to_card(r) -> Card:
    return Card(
        id=r.id,
        customer_id=r.customer_id,
        program_id=r.program_id,
        key_id=r.key_id,
        balance=Balance(units=r.units, lifetime=r.lifetime, redemptions=r.redemptions, visits=r.visits),
        status=CardStatus(r.status),
        flagged=bool(r.flagged),
        last_earn_at=r.last_earn_at,
        created_at=r.created_at,
    )


def balance_values(b: Balance) -> dict:
    return {"units": b.units, "lifetime": b.lifetime, "redemptions": b.redemptions, "visits": b.visits}


def to_event(r) -> Event:
    return Event(
        id=r.id,
        kind=EventKind(r.kind),
        card_id=r.card_id,
        program_id=r.program_id,
        units=r.units,
        occurred_at=r.occurred_at,
        staff_id=r.staff_id,
        staff_name=r.staff_name,
        location_id=r.location_id,
        device_id=r.device_id,
        ref_event_id=r.ref_event_id,
        ref_kind=EventKind(r.ref_kind) if r.ref_kind else None,
        reason=r.reason,
        server_seq=r.server_seq,
        merge_keep_id=r.merge_keep_id,
        merge_absorb_id=r.merge_absorb_id,
        amount_minor=r.amount_minor,
        reward_id=r.reward_id,
        offer_revision=r.offer_revision,
        happy_hour_id=r.happy_hour_id,
    )


def event_values(e: Event) -> dict:
    return {
        "id": e.id,
        "kind": e.kind.value,
        "card_id": e.card_id,
        "program_id": e.program_id,
        "units": e.units,
        "occurred_at": e.occurred_at,
        "staff_id": e.staff_id,
        "staff_name": e.staff_name,
        "location_id": e.location_id,
        "device_id": e.device_id,
        "ref_event_id": e.ref_event_id,
        "ref_kind": e.ref_kind.value if e.ref_kind else None,
        "reason": e.reason,
        "server_seq": e.server_seq,
        "merge_keep_id": e.merge_keep_id,
        "merge_absorb_id": e.merge_absorb_id,
        "amount_minor": e.amount_minor,
        "reward_id": e.reward_id,
        "offer_revision": e.offer_revision,
        "happy_hour_id": e.happy_hour_id,
    }


def to_staff(r) -> Staff:
    return Staff(
        id=r.id,
        name=r.name,
        role=Role(r.role),
        active=bool(r.active),
        pin_length=r.pin_length,
        last_signed_in_at=r.last_signed_in_at,
    )
