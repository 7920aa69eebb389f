"""Outcomes as JSON for scripts and POS software. Stable keys; times in RFC 3339."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime

from kiosk.domain.model import ProgramKind
from kiosk.domain.outcomes import CardView, Outcome


def card_json(view: CardView) -> dict:
    """A card as JSON. A stamp card's balance is `stamps`, a points account's `points`: the unit
    is named, never a points balance called stamps. `balance` and `unit` are there for either."""
    card, program = view.card, view.program
    unit = "points" if program.kind is ProgramKind.POINTS else "stamps"
    offer = {
        "id": program.id,
        "name": program.name,
        "kind": program.kind.value,
        # a points offer's units_required is its cheapest reward's cost (loyalty_rules.kinds.points)
        ("cheapest_reward_points" if unit == "points" else "stamps_required"): program.units_required,
        "reward": program.reward_text,
        "status": program.status.value,
    }
    return {
        "card_id": card.id,
        "card_number": view.card_number,
        "customer": {
            "id": view.customer.id,
            "name": view.customer.name,
            "first_name": view.customer.first_name,
        },
        "offer": offer,
        "unit": unit,
        "balance": card.balance.units,
        unit: card.balance.units,
        "progress": view.progress,
        "rewards_ready": view.rewards_ready,
        f"lifetime_{unit}": card.balance.lifetime,
        "redemptions": card.balance.redemptions,
        "visits": card.balance.visits,
        "status": card.status.value,
        "flagged": card.flagged,
        "last_stamp_at" if unit == "stamps" else "last_earn_at": _time(card.last_earn_at),
    }


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def outcome_json(outcome: Outcome, **extra) -> dict:
    out: dict = {"ok": outcome.ok}
    if outcome.refusal is not None:
        out["refused"] = {"reason": outcome.refusal.reason.value, "message": outcome.message}
    card = getattr(outcome, "card", None)
    if card is not None:
        out["card"] = card_json(card)
    event = getattr(outcome, "event", None)
    if event is not None:
        out["event"] = {
            "id": event.id,
            "kind": event.kind.value,
            "units": event.units,
            "occurred_at": _time(event.occurred_at),
        }
    out.update(extra)
    return out


def emit(payload: dict) -> None:
    try:
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (`| head`): what was done is done; say nothing more to it, and
        # point stdout at /dev/null so Python's exit does not fail flushing it either
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def exit_status(outcome: Outcome) -> int:
    """0 done, 2 refused by the rules or bad input (scripts tell these apart), 1 machine trouble."""
    if outcome.ok:
        return 0
    return 1 if outcome.refusal.reason.value == "storage_failed" else 2
