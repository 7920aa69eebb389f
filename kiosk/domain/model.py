"""The things a loyalty program is made of, as frozen values."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Role(enum.Enum):
    CASHIER = "cashier"
    MANAGER = "manager"
    OWNER = "owner"

    @property
    def rank(self) -> int:
        return {"cashier": 0, "manager": 1, "owner": 2}[self.value]

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank


class ProgramKind(enum.Enum):
    STAMPS = "stamps"
    POINTS = "points"  # points, tiers and happy-hour multipliers reuse the same ledger


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


@dataclass(frozen=True, slots=True)
class Business:
    id: int  # u32, lives inside the card token
    name: str


@dataclass(frozen=True, slots=True)
class Location:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Staff:
    id: str
    name: str
    role: Role
    active: bool = True
    # sign-in hints, no secret: the PIN pad submits at this many digits (None: the person presses
    # OK), and the pad preselects whoever signed in last at this kiosk
    pin_length: int | None = None
    last_signed_in_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Customer:
    id: str
    name: str
    email: str | None = None
    phone: str | None = None
    marketing_consent: bool = False
    created_at: datetime | None = None

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


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

    def is_running(self, now: datetime) -> bool:
        if self.status is not ProgramStatus.ACTIVE:
            return False
        if self.starts_at is not None and now < self.starts_at:
            return False
        return not (self.ends_at is not None and now >= self.ends_at)


@dataclass(frozen=True, slots=True)
class Balance:
    """What a card holds, derived from its events (see ledger.balance_of)."""

    units: int = 0  # stamps (or points) available now
    lifetime: int = 0  # earned ever, net of voids: tiers will read this
    redemptions: int = 0
    visits: int = 0  # earn events, net of voids

    def rewards_ready(self, program: Program) -> int:
        if program.units_required <= 0 or self.units <= 0:
            return 0
        return self.units // program.units_required


@dataclass(frozen=True, slots=True)
class Card:
    id: int  # the card id inside the token and behind the printed card number
    customer_id: str
    program_id: str
    key_id: int
    balance: Balance = field(default_factory=Balance)
    status: CardStatus = CardStatus.ACTIVE
    flagged: bool = False  # the server saw a conflict (e.g. one reward redeemed twice)
    last_earn_at: datetime | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One append-only ledger entry. `units` is the signed change of the card's balance."""

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
