"""Stamp cards: N stamps earn a reward; a visit gives at most a few stamps.

The limits hold for new and edited offers (the kiosk's form and the cloud's API); offers saved
under wider limits before keep loading and working.
"""

from __future__ import annotations

from dataclasses import dataclass

from loyalty_rules.kinds import KindSettings, KindTexts, Progress, register
from loyalty_rules.model import Balance, Program, ProgramKind
from loyalty_rules.problems import OfferProblem
from loyalty_rules.translatable import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True, slots=True)
class StampLimits:
    min_stamps: int = 2  # one stamp would be a discount, not a card
    max_stamps: int = 50  # more does not fit a card customers read at a glance
    max_per_visit: int = 20


LIMITS = StampLimits()

TEXTS = KindTexts(
    name=QT_TRANSLATE_NOOP("ProgramKind", "Stamp card"),
    units_needed=QT_TRANSLATE_NOOP("ProgramKind", "Stamps needed"),
    count=translate("ProgramKind", "%n stamp(s)", "", 2),
    per_visit=QT_TRANSLATE_NOOP("ProgramKind", "Stamps per visit, at most"),
)


def _int_in(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def cycle_progress(program: Program, balance: Balance) -> Progress:
    """Units towards the next reward of a card that starts over after each reward."""
    need = program.units_required
    units = max(0, balance.units)
    towards = units - (units // need) * need if need > 0 else units
    return Progress(towards=towards, needed=need, rewards_ready=balance.rewards_ready(program))


def cycle_rewards_unlocked(units_required: int, before: int, after: int) -> int:
    need = units_required
    if need <= 0 or after <= before:
        return 0
    return max(0, after // need - max(0, before) // need)


@dataclass(frozen=True, slots=True)
class StampRules:
    kind: ProgramKind = ProgramKind.STAMPS
    limits: StampLimits = LIMITS
    texts: KindTexts = TEXTS
    fixed_per_visit: int | None = None

    @property
    def units_range(self) -> tuple[int, int]:
        return self.limits.min_stamps, self.limits.max_stamps

    @property
    def per_visit_range(self) -> tuple[int, int]:
        return 1, self.limits.max_per_visit

    def check(self, settings: KindSettings) -> dict[str, OfferProblem]:
        errors: dict[str, OfferProblem] = {}
        if not _int_in(settings.units_required, *self.units_range):
            errors["units_required"] = OfferProblem.OFFER_STAMPS
        if not _int_in(settings.per_visit_limit, *self.per_visit_range):
            errors["per_visit_limit"] = OfferProblem.OFFER_PER_VISIT
        return errors

    def earn_units(self, quantity: int) -> int:
        return quantity  # one stamp a tap: "+3" for three coffees

    def progress(self, program: Program, balance: Balance) -> Progress:
        return cycle_progress(program, balance)

    def preview(self, units_required: int) -> Progress:
        need = max(1, units_required)
        return Progress(towards=min(3, need), needed=need, rewards_ready=0)

    def rewards_unlocked(self, units_required: int, before: int, after: int) -> int:
        return cycle_rewards_unlocked(units_required, before, after)


RULES = register(StampRules())
