"""Who a pass belongs to and what it shows: small frozen values, no database, no clock."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class BalanceUnit(enum.Enum):
    STAMPS = "stamps"
    POINTS = "points"


class HolderKind(enum.Enum):
    """What a pass's serial number stands for in the cloud (members come with issue 14)."""

    CARD = "card"


@dataclass(frozen=True, slots=True)
class ProgramBalance:
    name: str
    balance: int
    required: int | None  # stamps to a reward; None where a program has no target (points)
    reward: str = ""
    unit: BalanceUnit = BalanceUnit.STAMPS

    @property
    def progress(self) -> str:
        """'7 of 10' for stamps toward a reward, '120' for a plain balance."""
        if self.required:
            return f"{self.balance} of {self.required}"
        return str(self.balance)


@dataclass(frozen=True, slots=True)
class PassHolder:
    """Everything a pass says about its owner.

    `code` is the signed token the kiosk verifies offline (the QR), `number` the printed card
    number shown under it, `version` grows whenever anything shown here changes (the cloud's
    sequence numbers of the rows it was read from): it is the pass's update tag.
    """

    code: str
    display_name: str
    programs: tuple[ProgramBalance, ...]
    version: int
    number: str = ""
    colour: str = "#2E7D32"  # the first program's colour: the pass's background
