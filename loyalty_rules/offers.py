"""Checking an offer someone is setting up, field by field, before anything is saved: the
fields every kind has here, the kind's own through its rules (loyalty_rules.kinds)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from loyalty_rules.kinds import rules_for
from loyalty_rules.kinds.points import PointsSettings
from loyalty_rules.model import Program, ProgramKind, ProgramStatus
from loyalty_rules.problems import OfferProblem

ICONS = ("coffee", "cup", "sandwich", "cake", "star", "heart", "scissors", "gift")
NAME_MAX = 60
REWARD_MAX = 120
COOLDOWN_MAX = 86_400
UNDO_WINDOW_MAX = 3_600
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
    kind: ProgramKind = ProgramKind.STAMPS
    # a points offer's rate, rounding, minimum spend and catalogue (PointsRules.check reads it)
    points: PointsSettings | None = None


def _int_in(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def window_ok(starts_at: datetime | None, ends_at: datetime | None) -> bool:
    """An offer that starts and ends must end after it starts."""
    return not (starts_at and ends_at and ends_at <= starts_at)


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def check_offer(draft: OfferDraft) -> dict[str, OfferProblem]:
    """Field name -> what is wrong with it. Empty when the draft can be saved."""
    errors: dict[str, OfferProblem] = {}
    name = clean(draft.name)
    if not name:
        errors["name"] = OfferProblem.OFFER_NAME_MISSING
    elif len(name) > NAME_MAX:
        errors["name"] = OfferProblem.OFFER_NAME_TOO_LONG
    errors.update(rules_for(draft.kind).check(draft))
    reward = clean(draft.reward_text)
    if not reward:
        errors["reward_text"] = OfferProblem.OFFER_REWARD_MISSING
    elif len(reward) > REWARD_MAX:
        errors["reward_text"] = OfferProblem.OFFER_REWARD_TOO_LONG
    if not _int_in(draft.cooldown_seconds, 0, COOLDOWN_MAX):
        errors["cooldown_seconds"] = OfferProblem.OFFER_COOLDOWN
    if not _int_in(draft.undo_window_seconds, 0, UNDO_WINDOW_MAX):
        errors["undo_window_seconds"] = OfferProblem.OFFER_UNDO_WINDOW
    if not window_ok(draft.starts_at, draft.ends_at):
        errors["ends_at"] = OfferProblem.OFFER_ENDS_BEFORE_START
    if not _COLOUR.match(draft.colour or ""):
        errors["colour"] = OfferProblem.OFFER_COLOUR
    if draft.icon not in ICONS:
        errors["icon"] = OfferProblem.OFFER_ICON
    return errors


def program_from(draft: OfferDraft, program_id: str) -> Program:
    return Program(
        id=program_id,
        name=clean(draft.name),
        units_required=draft.units_required,
        reward_text=clean(draft.reward_text),
        kind=draft.kind,
        per_visit_limit=draft.per_visit_limit,
        cooldown_seconds=draft.cooldown_seconds,
        undo_window_seconds=draft.undo_window_seconds,
        starts_at=draft.starts_at,
        ends_at=draft.ends_at,
        status=draft.status,
        colour=draft.colour.lower(),
        icon=draft.icon,
        points=draft.points if draft.kind is ProgramKind.POINTS else None,
    )
