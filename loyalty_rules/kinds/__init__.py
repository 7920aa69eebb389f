"""The program kinds, one module each, chosen by kind through this registry.

A kind module holds everything that differs between kinds: its settings' limits and checks,
what a balance means to a customer (progress, rewards ready) and what the offer editor's
preview shows. Adding a kind is a new module here, one name in ProgramKind and one import below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from loyalty_rules.model import Balance, Program, ProgramKind
from loyalty_rules.problems import OfferProblem


@dataclass(frozen=True, slots=True)
class Progress:
    """What the counter and the editor's preview show of an account: `towards` of `needed`
    (7 of 10), and how many rewards are ready to redeem now."""

    towards: int
    needed: int
    rewards_ready: int


class KindSettings(Protocol):
    """The fields of an offer a kind rules on (an offer draft, a program, a cloud row...)."""

    @property
    def units_required(self) -> int: ...
    @property
    def per_visit_limit(self) -> int: ...


class KindRules(Protocol):
    @property
    def kind(self) -> ProgramKind: ...

    def check(self, settings: KindSettings) -> dict[str, OfferProblem]:
        """Field name -> what is wrong with it, for a new or edited offer of this kind."""
        ...

    def progress(self, program: Program, balance: Balance) -> Progress: ...

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
    return dict(_REGISTRY)


from loyalty_rules.kinds import stamps  # noqa: E402  (each kind registers itself on import)

__all__ = ["KindRules", "KindSettings", "Progress", "register", "registered", "rules_for", "stamps"]
