"""The ledger's vocabulary, as frozen values shared by the kiosk and the cloud.

Kinds and states are enums whose values are the words on the wire and in both databases.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kinds.points imports this module: the annotation only names it
    from loyalty_rules.kinds.points import PointsSettings


class ProgramKind(enum.Enum):
    """Which rules a program follows: each kind is one module in loyalty_rules.kinds."""

    STAMPS = "stamps"
    POINTS = "points"  # points per spend: loyalty_rules.kinds.points


class ProgramStatus(enum.Enum):
    ACTIVE = "active"
    PAUSED = "paused"
    ARCHIVED = "archived"


class CardStatus(enum.Enum):
    ACTIVE = "active"
    REVOKED = "revoked"


class EventKind(enum.Enum):
    ENROLL = "enroll"
    EARN = "earn"
    REDEEM = "redeem"
    ADJUST = "adjust"
    VOID = "void"
    REFERRAL = "referral"
    # two members found to be one person: carries both customer ids (wire version 2), moves no units
    MEMBER_MERGE = "member_merge"


@dataclass(frozen=True, slots=True)
class Program:
    """An offer customers collect towards. For stamp cards `units_required` is N stamps."""

    id: str
    name: str
    units_required: int
    reward_text: str
    kind: ProgramKind = ProgramKind.STAMPS
    per_visit_limit: int = 5
    cooldown_seconds: int = 60
    undo_window_seconds: int = 120
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    status: ProgramStatus = ProgramStatus.ACTIVE
    colour: str = "#6d4c41"
    icon: str = "coffee"
    points: PointsSettings | None = None  # a points program's rate, rounding, minimum and catalogue
    # which version of `points` this is: bumped by each change of them, so that an earn made under
    # an older rate (a till offline while the manager changed it) is checked by that rate's rules
    points_revision: int = 0

    def is_running(self, now: datetime) -> bool:
        if self.status is not ProgramStatus.ACTIVE:
            return False
        if self.starts_at is not None and now < self.starts_at:
            return False
        return not (self.ends_at is not None and now >= self.ends_at)


@dataclass(frozen=True, slots=True)
class Balance:
    """What an account holds, derived from its events (see ledger.apply)."""

    units: int = 0  # stamps (or points) available now
    lifetime: int = 0  # granted ever (enrolment, earns, referrals), net of voids: tiers will read this
    redemptions: int = 0
    visits: int = 0  # earn events, net of voids

    def rewards_ready(self, program: Program) -> int:
        if program.units_required <= 0 or self.units <= 0:
            return 0
        return self.units // program.units_required


@dataclass(frozen=True, slots=True)
class Event:
    """One append-only ledger entry. `units` is the signed change of the account's balance."""

    id: str  # client-generated UUID: makes every retry of a push idempotent
    kind: EventKind
    card_id: int
    program_id: str
    units: int
    occurred_at: datetime  # the kiosk's clock, for people; order comes from server_seq
    staff_id: str | None = None
    staff_name: str | None = None
    location_id: str | None = None
    device_id: str | None = None
    ref_event_id: str | None = None  # a void names the event it cancels
    ref_kind: EventKind | None = None
    reason: str | None = None
    server_seq: int | None = None
    # member_merge (wire version 2): the member kept and the one absorbed, as the kiosk chose them
    merge_keep_id: str | None = None
    merge_absorb_id: str | None = None
    # a points program's earn: the sale it was for, in minor units; its redeem: the catalogue reward
    amount_minor: int | None = None
    reward_id: str | None = None
    # a points earn or redemption: the program's points_revision its points were computed under
    offer_revision: int | None = None
    # an earn boosted by a happy hour (loyalty_rules.happy_hours): which one, so the cloud can check
    # it ran at `occurred_at` for this program and reports can count boosted earns
    happy_hour_id: str | None = None
