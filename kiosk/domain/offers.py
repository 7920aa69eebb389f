"""Checking an offer a manager is setting up, field by field, before anything is saved."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from kiosk.domain.model import Program, ProgramKind, ProgramStatus
from kiosk.domain.problems import Problem

ICONS = ("coffee", "cup", "sandwich", "cake", "star", "heart", "scissors", "gift")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, slots=True)
class OfferDraft:
    """What the offer form holds; text fields as typed, numbers already parsed by the form."""

    name: str
    units_required: int
    reward_text: str
    per_visit_limit: int = 5
    cooldown_seconds: int = 60
    undo_window_seconds: int = 120
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    status: ProgramStatus = ProgramStatus.ACTIVE
    colour: str = "#6d4c41"
    icon: str = "coffee"


def _int_in(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def check_offer(draft: OfferDraft) -> dict[str, Problem]:
    """Field name -> what is wrong with it. Empty when the draft can be saved."""
    errors: dict[str, Problem] = {}
    name = " ".join((draft.name or "").split())
    if not name:
        errors["name"] = Problem.OFFER_NAME_MISSING
    elif len(name) > 60:
        errors["name"] = Problem.OFFER_NAME_TOO_LONG
    if not _int_in(draft.units_required, 2, 50):
        errors["units_required"] = Problem.OFFER_STAMPS
    reward = " ".join((draft.reward_text or "").split())
    if not reward:
        errors["reward_text"] = Problem.OFFER_REWARD_MISSING
    elif len(reward) > 120:
        errors["reward_text"] = Problem.OFFER_REWARD_TOO_LONG
    if not _int_in(draft.per_visit_limit, 1, 20):
        errors["per_visit_limit"] = Problem.OFFER_PER_VISIT
    if not _int_in(draft.cooldown_seconds, 0, 86_400):
        errors["cooldown_seconds"] = Problem.OFFER_COOLDOWN
    if not _int_in(draft.undo_window_seconds, 0, 3_600):
        errors["undo_window_seconds"] = Problem.OFFER_UNDO_WINDOW
    if draft.starts_at and draft.ends_at and draft.ends_at <= draft.starts_at:
        errors["ends_at"] = Problem.OFFER_ENDS_BEFORE_START
    if not _COLOUR.match(draft.colour or ""):
        errors["colour"] = Problem.OFFER_COLOUR
    if draft.icon not in ICONS:
        errors["icon"] = Problem.OFFER_ICON
    return errors


def program_from(draft: OfferDraft, program_id: str) -> Program:
    return Program(
        id=program_id,
        name=" ".join(draft.name.split()),
        units_required=draft.units_required,
        reward_text=" ".join(draft.reward_text.split()),
        kind=ProgramKind.STAMPS,
        per_visit_limit=draft.per_visit_limit,
        cooldown_seconds=draft.cooldown_seconds,
        undo_window_seconds=draft.undo_window_seconds,
        starts_at=draft.starts_at,
        ends_at=draft.ends_at,
        status=draft.status,
        colour=draft.colour.lower(),
        icon=draft.icon,
    )
