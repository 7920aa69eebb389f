"""The program kinds, one module each, chosen by kind through this registry.

A kind module holds everything that differs between kinds: its settings' limits and checks,
what an earn grants, what a balance means to a customer (progress, rewards ready), what the
offer editor asks and its preview shows, and the words the kiosk uses for its units. Every
place that differs by kind (the kiosk's counter and offer editor, the cloud's offer checks)
asks the kind's rules here. Adding a kind is a new module in this package (found by itself,
below) and one name in ProgramKind.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from loyalty_rules.model import Balance, Program, ProgramKind
from loyalty_rules.problems import OfferProblem

if TYPE_CHECKING:  # kinds.points imports this module: the annotation only names it
    from loyalty_rules.kinds.points import PointsSettings


@dataclass(frozen=True, slots=True)
class Progress:
    """What the counter and the editor's preview show of an account: `towards` of `needed`
    (7 of 10), and how many rewards are ready to redeem now."""

    towards: int
    needed: int
    rewards_ready: int


@dataclass(frozen=True, slots=True)
class KindTexts:
    """What the kiosk calls a kind and its units, in English, each marked in the kind's module
    for the kiosk's translators (context "ProgramKind"; `count` has plural forms)."""

    name: str  # the offer editor's choice: "Stamp card"
    units_needed: str  # the label of units_required: "Stamps needed"
    count: str  # a number of units: "%n stamp(s)"
    per_visit: str  # the label of per_visit_limit: "Stamps per visit, at most"


class KindSettings(Protocol):
    """The fields of an offer a kind rules on (an offer draft, a program, a cloud row...)."""

    @property
    def units_required(self) -> int: ...
    @property
    def per_visit_limit(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Settings:
    """Settings given field by field (the cloud's columns, where the units are `stamps_required`)."""

    units_required: int
    per_visit_limit: int
    points: PointsSettings | None = None  # a points offer's rate and catalogue (kinds.points checks them)


class KindRules(Protocol):
    @property
    def kind(self) -> ProgramKind: ...
    @property
    def texts(self) -> KindTexts: ...
    @property
    def units_range(self) -> tuple[int, int]:
        """The units a reward of a new or edited offer may need, lowest and highest."""
        ...

    @property
    def per_visit_range(self) -> tuple[int, int]:
        """The per-visit limits a new or edited offer may have, lowest and highest."""
        ...

    @property
    def fixed_per_visit(self) -> int | None:
        """The per-visit limit every offer of this kind has (the editor shows it, greyed), or None
        when the manager chooses it."""
        ...

    def check(self, settings: KindSettings) -> dict[str, OfferProblem]:
        """Field name -> what is wrong with it, for a new or edited offer of this kind."""
        ...

    def earn_units(self, quantity: int) -> int:
        """The units an earn grants when the cashier taps `quantity` (1 for a bare scan)."""
        ...

    def progress(self, program: Program, balance: Balance) -> Progress: ...

    def preview(self, units_required: int) -> Progress:
        """The account the offer editor's card preview draws (a card part-way filled)."""
        ...

    def rewards_unlocked(self, units_required: int, before: int, after: int) -> int:
        """How many new rewards a change of balance from `before` to `after` unlocked."""
        ...


_REGISTRY: dict[ProgramKind, KindRules] = {}


def register(rules: KindRules) -> KindRules:
    if rules.kind in _REGISTRY:
        raise ValueError(f"program kind {rules.kind.value} is registered twice")
    _REGISTRY[rules.kind] = rules
    return rules


def rules_for(kind: ProgramKind) -> KindRules:
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise LookupError(f"no rules for program kind {kind.value}") from None


def registered() -> Mapping[ProgramKind, KindRules]:
    """Every kind's rules, in ProgramKind's order (the editor lists them so)."""
    return {kind: _REGISTRY[kind] for kind in ProgramKind if kind in _REGISTRY}


def widest(range_of: Callable[[KindRules], tuple[int, int]]) -> tuple[int, int]:
    """The bounds that hold a number for every kind (the cloud's schema publishes them; each
    kind's own check narrows them)."""
    ranges = [range_of(rules) for rules in _REGISTRY.values()]
    return min(low for low, _ in ranges), max(high for _, high in ranges)


def _load_kind_modules() -> None:
    """Each module of this package is a kind that registers itself on import: a new kind needs
    no line here."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


_load_kind_modules()
missing = [kind.value for kind in ProgramKind if kind not in _REGISTRY]
if missing:
    raise LookupError(f"program kinds without rules: {', '.join(missing)}")
del missing

__all__ = [
    "KindRules",
    "KindSettings",
    "KindTexts",
    "Progress",
    "Settings",
    "register",
    "registered",
    "rules_for",
    "widest",
]
