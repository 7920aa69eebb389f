"""The kiosk's people and cards, as frozen values. The ledger's vocabulary (kinds, programs,
balances, events) is the shared rules package's, re-exported here for the kiosk's modules."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from loyalty_rules.model import (
    Balance,
    CardStatus,
    Event,
    EventKind,
    Program,
    ProgramKind,
    ProgramStatus,
)

__all__ = [
    "Balance",
    "Business",
    "Card",
    "CardStatus",
    "Customer",
    "Event",
    "EventKind",
    "Location",
    "Program",
    "ProgramKind",
    "ProgramStatus",
    "Role",
    "Staff",
]


class Role(enum.Enum):
    CASHIER = "cashier"
    MANAGER = "manager"
    OWNER = "owner"

    @property
    def rank(self) -> int:
        return {"cashier": 0, "manager": 1, "owner": 2}[self.value]

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank


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
    merged_into: str | None = None  # absorbed by a merge: the member she is now

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


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
