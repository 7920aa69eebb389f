"""Points per spend: a sale of an exact amount earns points at the offer's rate, rounded by its
rule; the member spends them on the offer's catalogue of rewards (coffee 50, lunch 120).

Amounts are integer minor units (cents) on the wire and in storage and exact Decimals here: a
float would turn 0.1 + 0.2 into 0.30000000000000004 and a rounding edge into a lost point. The
same functions decide at an offline kiosk and in the cloud's push, so both grant the same points.

For the registry's shared fields, a points offer's `units_required` is the cost of its cheapest
reward (what "rewards ready" counts towards) and its per-visit limit is 1: one sale, one earn.
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any

from loyalty_rules.kinds import KindSettings, KindTexts, Progress, register
from loyalty_rules.kinds.points_expiry import MAX_MONTHS, MIN_MONTHS, Expiry, months_due
from loyalty_rules.model import Balance, Program, ProgramKind
from loyalty_rules.problems import OfferProblem, RedeemProblem, SaleProblem
from loyalty_rules.tiers import (
    Tier,
    TierProblem,
    TierScheme,
    may_take,
    multiplied,
    problems,
    scheme_from_plain,
    scheme_to_plain,
)
from loyalty_rules.translatable import QT_TRANSLATE_NOOP, translate


class Rounding(enum.Enum):
    """How a fraction of a point is settled; the values are the words on the wire."""

    DOWN = "down"  # 12.99 EUR at 1 per EUR earns 12: the shop never gives a point not paid for
    HALF_UP = "half_up"  # 12.50 earns 13, 12.49 earns 12
    UP = "up"  # any started unit counts: 12.01 earns 13


_DECIMAL_ROUNDING = {
    Rounding.DOWN: decimal.ROUND_DOWN,
    Rounding.HALF_UP: decimal.ROUND_HALF_UP,
    Rounding.UP: decimal.ROUND_UP,  # away from zero, and amounts are never negative: a ceiling
}


@dataclass(frozen=True, slots=True)
class PointsLimits:
    max_rate: Decimal = Decimal(100)  # points per 1 of the currency: beyond, points mean nothing
    rate_decimals: int = 2  # 0.25 points per EUR is a rate a manager states; 0.125 is not
    max_minimum_spend_units: int = 10_000  # in whole currency units, whatever its decimals
    max_rewards: int = 20  # what a cashier can pick from at a glance
    max_reward_id: int = 40
    max_reward_name: int = 60
    max_reward_cost: int = 100_000
    # one sale, in minor units: far above any counter sale, and its points at max_rate still fit
    # a 64-bit column
    max_sale_minor: int = 100_000_000_00


LIMITS = PointsLimits()


@dataclass(frozen=True, slots=True)
class Reward:
    """One entry of the catalogue: `id` is stable (events name it), `name` is what people read."""

    id: str
    name: str
    cost: int  # points
    lowest_tier: str | None = None  # the offer's tier it is kept for, and those above; None: anyone


@dataclass(frozen=True, slots=True)
class PointsSettings:
    rate: Decimal  # points per 1 unit of the currency (1 per EUR 1)
    rounding: Rounding
    minimum_spend_minor: int  # a sale below earns nothing (0 = every sale earns)
    catalogue: tuple[Reward, ...]
    minor_per_unit: int = 100  # 100 cents in a euro; 1 for yen (from the shop's currency)
    _: KW_ONLY  # the optional parts are named where they are given
    # Bronze/Silver/Gold by the member's points or visits in a window (loyalty_rules.tiers); a
    # change of it is a new points revision like a rate change. None: the offer has no tiers
    tiers: TierScheme | None = None
    # points expire after this many calendar months without a visit; None: they never do
    expiry_months: int | None = None


class SaleRefused(ValueError):
    """A sale amount that earns no points, with the reason the cashier is told."""

    def __init__(self, problem: SaleProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class RedeemRefused(ValueError):
    def __init__(self, problem: RedeemProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def sale_problem(
    sale_minor: object, settings: PointsSettings, limits: PointsLimits = LIMITS
) -> SaleProblem | None:
    """What is wrong with a sale amount for this offer, or None when it earns points."""
    if not _is_int(sale_minor):
        return SaleProblem.AMOUNT_INVALID
    assert isinstance(sale_minor, int)  # for mypy: _is_int said so
    if sale_minor < 0:
        return SaleProblem.AMOUNT_NEGATIVE
    if sale_minor > limits.max_sale_minor:
        return SaleProblem.AMOUNT_TOO_LARGE
    if sale_minor == 0:
        return SaleProblem.AMOUNT_INVALID
    if sale_minor < settings.minimum_spend_minor:
        return SaleProblem.BELOW_MINIMUM_SPEND
    return None


def points_for(sale_minor: int, settings: PointsSettings, limits: PointsLimits = LIMITS) -> int:
    """The points a sale of `sale_minor` minor units earns, exactly; raises SaleRefused with the
    reason when it earns none (bad amount, negative, too large, below the minimum spend, or too
    small to round to a point)."""
    problem = sale_problem(sale_minor, settings, limits)
    if problem is not None:
        raise SaleRefused(problem)
    with decimal.localcontext() as context:
        # enough digits for any amount and rate, and a trap that proves nothing was rounded on
        # the way: only the last step rounds, by the offer's rule
        context.prec = 60
        context.traps[decimal.Inexact] = True
        exact = Decimal(sale_minor) * settings.rate / Decimal(settings.minor_per_unit)
        points = int(exact.to_integral_value(rounding=_DECIMAL_ROUNDING[settings.rounding]))
    if points == 0:  # the ledger has no earn of nothing: the cashier is told, nothing is recorded
        raise SaleRefused(SaleProblem.TOO_SMALL_FOR_A_POINT)
    return points


def affordable(balance: int, settings: PointsSettings) -> tuple[Reward, ...]:
    """The catalogue rewards a balance pays for, cheapest first (the counter's Redeem list)."""
    return tuple(sorted((r for r in settings.catalogue if r.cost <= balance), key=lambda r: (r.cost, r.id)))


def reward_to_redeem(
    reward_id: str, balance: int, settings: PointsSettings, tier: str | None = None
) -> Reward:
    """The catalogue reward `reward_id`, if the balance pays for it and a member at `tier` (her
    tier's name; None: the offer's lowest) may take it; raises RedeemRefused."""
    for reward in settings.catalogue:
        if reward.id == reward_id:
            if not tier_may_take(settings, tier, reward):
                raise RedeemRefused(RedeemProblem.TIER_TOO_LOW)
            if reward.cost > balance:
                raise RedeemRefused(RedeemProblem.CANNOT_AFFORD)
            return reward
    raise RedeemRefused(RedeemProblem.NO_SUCH_REWARD)


def tier_may_take(settings: PointsSettings, tier: str | None, reward: Reward) -> bool:
    """Whether a member at `tier` may take `reward` (the shared tiers.may_take); a reward kept
    for a tier the offer no longer has is kept from no one."""
    scheme = settings.tiers
    if reward.lowest_tier is None or scheme is None:
        return True
    names = {t.name for t in scheme.tiers}
    if reward.lowest_tier not in names:
        return True
    return may_take(scheme, tier if tier in names else scheme.tiers[0].name, reward.lowest_tier)


def cheapest_cost(settings: PointsSettings) -> int:
    """The cost of the catalogue's cheapest reward: what a points offer's units_required (the
    registry's "rewards ready" threshold, the wire's stamps_required) must be. 0 for no catalogue."""
    return min((reward.cost for reward in settings.catalogue), default=0)


def progress(balance: int, settings: PointsSettings) -> Progress:
    """Points towards the cheapest reward (full once she can afford it), and how many of the
    catalogue's rewards she can take now."""
    if not settings.catalogue:
        return Progress(towards=max(0, balance), needed=0, rewards_ready=0)
    cheapest = cheapest_cost(settings)
    return Progress(
        towards=min(max(0, balance), cheapest),
        needed=cheapest,
        rewards_ready=len(affordable(balance, settings)),
    )


def settings_to_plain(settings: PointsSettings) -> dict[str, object]:
    """The settings as JSON values: the rate as its exact decimal text ("1.25", never a float),
    amounts in minor units. The kiosk's column and the wire hold this shape (docs/wire.md).
    `tiers` and `expiry_months` are written only when set: settings without them keep the body
    (and the revision hash, cloud/offer_revisions.py) they had before either existed."""
    plain: dict[str, object] = {
        "rate": str(settings.rate),
        "rounding": settings.rounding.value,
        "minimum_spend_minor": settings.minimum_spend_minor,
        "minor_per_unit": settings.minor_per_unit,
        "catalogue": [_reward_to_plain(r) for r in settings.catalogue],
    }
    # only when set: an offer without tiers keeps the shape (and the revision) it always had
    if settings.tiers is not None:
        plain["tiers"] = scheme_to_plain(settings.tiers)
    if settings.expiry_months is not None:
        plain["expiry_months"] = settings.expiry_months
    return plain


def _reward_to_plain(reward: Reward) -> dict[str, object]:
    plain: dict[str, object] = {"id": reward.id, "name": reward.name, "cost": reward.cost}
    if reward.lowest_tier is not None:
        plain["lowest_tier"] = reward.lowest_tier
    return plain


def _lowest_tier(row: Mapping[str, Any]) -> str | None:
    value = row.get("lowest_tier")
    if value is not None and not isinstance(value, str):
        raise ValueError("lowest_tier: a tier's name")
    return value


def settings_from_plain(plain: Mapping[str, Any]) -> PointsSettings:
    """The settings settings_to_plain wrote; ValueError (with the field) when a value has the
    wrong type. Whether they are sensible is check_settings' question."""
    try:
        rate = plain["rate"]
        if not isinstance(rate, str):
            raise ValueError("rate: a decimal text like '1.25'")
        rows = plain["catalogue"]
        if not isinstance(rows, list):
            raise ValueError("catalogue: a list of rewards")
        return PointsSettings(
            rate=Decimal(rate),
            rounding=Rounding(plain["rounding"]),
            minimum_spend_minor=_whole(plain["minimum_spend_minor"], "minimum_spend_minor"),
            minor_per_unit=_whole(plain["minor_per_unit"], "minor_per_unit"),
            catalogue=tuple(
                Reward(
                    id=str(row["id"]),
                    name=str(row["name"]),
                    cost=_whole(row["cost"], "cost"),
                    lowest_tier=_lowest_tier(row),
                )
                for row in rows
            ),
            tiers=scheme_from_plain(plain["tiers"]) if plain.get("tiers") is not None else None,
            expiry_months=_optional_whole(plain.get("expiry_months"), "expiry_months"),
        )
    except (KeyError, TypeError, ValueError, decimal.InvalidOperation) as exc:  # InvalidOperation: "one"
        raise ValueError(f"points settings: {exc!r}") from exc


def _optional_whole(value: object, name: str) -> int | None:
    return None if value is None else _whole(value, name)


def _whole(value: object, name: str) -> int:
    if not _is_int(value):
        raise ValueError(f"{name}: a whole number")
    assert isinstance(value, int)
    return value


class EventProblem(enum.Enum):
    """Why a points program's earn or redemption does not add up (the words are the cloud's
    rejection reasons of a pushed event, like ledger.UnitsProblem's)."""

    AMOUNT_REQUIRED = "amount_required"  # a points earn says what was spent
    AMOUNT_REFUSED = "amount_refused"  # bad, negative, too large, below the minimum, no point
    POINTS_MISMATCH = "points_mismatch"  # the points are not the offer's for that amount
    REWARD_REQUIRED = "reward_required"  # a points redemption names its catalogue reward
    NO_SUCH_REWARD = "no_such_reward"
    COST_MISMATCH = "cost_mismatch"  # the points spent are not the reward's cost


def earn_problem(
    units: int, amount_minor: int | None, settings: PointsSettings, tier: Tier | None = None
) -> EventProblem | None:
    """An earn of `units` points for a sale of `amount_minor`, at `tier` (its multiplier; None:
    none): the one check the kiosk's counter and the cloud's push both make, so a kiosk offline
    and the cloud grant the same points. Which tier an event may claim is the caller's question."""
    if amount_minor is None:
        return EventProblem.AMOUNT_REQUIRED
    try:
        expected = points_for(amount_minor, settings)
    except SaleRefused:
        return EventProblem.AMOUNT_REFUSED
    if tier is not None:
        expected = multiplied(expected, tier)
    return None if units == expected else EventProblem.POINTS_MISMATCH


def redeem_problem(units: int, reward_id: str | None, settings: PointsSettings) -> EventProblem | None:
    """A redemption spends exactly its catalogue reward's cost (whether the balance had it is the
    ledger's double-spend question, as for stamps)."""
    if reward_id is None:
        return EventProblem.REWARD_REQUIRED
    reward = next((r for r in settings.catalogue if r.id == reward_id), None)
    if reward is None:
        return EventProblem.NO_SUCH_REWARD
    return None if units == -reward.cost else EventProblem.COST_MISMATCH


def expiry_due(
    card_id: int,
    last_visit: datetime | None,
    balance: int,
    settings: PointsSettings,
    now: datetime,
    zone: tzinfo,
) -> Expiry | None:
    """Her points lapse: the Expiry to record (her whole balance, at N calendar months after her
    last visit, a live earn as loyalty_rules.ledger.VISITS counts, in the shop's zone, with its
    deterministic event id), or None. The kiosk asks it when she is scanned and in its sweep; the
    cloud asks it again, from its own view of her visits, before it accepts an expiry pushed by a
    till (points_expiry.py says why)."""
    return months_due(card_id, last_visit, balance, settings.expiry_months, now, zone)


def _rate_ok(rate: object, limits: PointsLimits) -> bool:
    # a float is refused, not converted: Decimal(0.1) is 0.1000000000000000055511151231257827...
    if not isinstance(rate, Decimal) or not rate.is_finite():
        return False
    exponent = rate.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite, so not 'n', 'N' or 'F'
    return Decimal(0) < rate <= limits.max_rate and -exponent <= limits.rate_decimals


def _text_ok(text: object, longest: int) -> bool:
    return isinstance(text, str) and text == text.strip() and 1 <= len(text) <= longest


def check_settings(settings: PointsSettings, limits: PointsLimits = LIMITS) -> dict[str, OfferProblem]:
    """Field -> its one problem, for a new or edited points offer. A catalogue row's fields are
    named "catalogue.<row>.<field>" (row from 0) so the editor marks the row's own box."""
    errors: dict[str, OfferProblem] = {}
    if not _rate_ok(settings.rate, limits):
        errors["rate"] = OfferProblem.OFFER_POINTS_RATE
    rounding: object = settings.rounding  # settings come from forms and the wire: check, not trust
    if not isinstance(rounding, Rounding):
        errors["rounding"] = OfferProblem.OFFER_POINTS_ROUNDING
    minimum = settings.minimum_spend_minor
    per_unit = settings.minor_per_unit
    highest = limits.max_minimum_spend_units * per_unit if _is_int(per_unit) and per_unit > 0 else -1
    if not _is_int(minimum) or not 0 <= minimum <= highest:
        errors["minimum_spend"] = OfferProblem.OFFER_POINTS_MINIMUM
    months = settings.expiry_months
    if months is not None and (not _is_int(months) or not MIN_MONTHS <= months <= MAX_MONTHS):
        errors["expiry_months"] = OfferProblem.OFFER_POINTS_EXPIRY
    catalogue: object = settings.catalogue
    if not isinstance(catalogue, tuple) or not 1 <= len(catalogue) <= limits.max_rewards:
        errors["catalogue"] = OfferProblem.OFFER_CATALOGUE_SIZE
        return errors
    errors.update(_check_catalogue(catalogue, limits))
    errors.update(_check_tiers(settings.tiers, catalogue))
    return errors


_TIER_PROBLEMS = {
    TierProblem.TIER_COUNT: OfferProblem.OFFER_TIER_COUNT,
    TierProblem.TIER_NAME: OfferProblem.OFFER_TIER_NAME,
    TierProblem.FIRST_THRESHOLD: OfferProblem.OFFER_TIER_FIRST,
    TierProblem.THRESHOLDS_RISING: OfferProblem.OFFER_TIER_RISING,
    TierProblem.MULTIPLIER: OfferProblem.OFFER_TIER_MULTIPLIER,
    TierProblem.WINDOW: OfferProblem.OFFER_TIER_WINDOW,
}


def _check_tiers(scheme: object, catalogue: tuple[object, ...]) -> Mapping[str, OfferProblem]:
    """The tier scheme's problems (the shared `problems`) as "tiers.<field>", and a reward kept
    for a tier the scheme has not as "catalogue.<row>.lowest_tier"."""
    if scheme is not None and not isinstance(scheme, TierScheme):
        return {"tiers.tiers": OfferProblem.OFFER_TIER_COUNT}
    errors: dict[str, OfferProblem] = {}
    if scheme is not None:
        errors.update({f"tiers.{field}": _TIER_PROBLEMS[p] for field, p in problems(scheme).items()})
    names = {t.name for t in scheme.tiers} if scheme is not None else set()
    for row, reward in enumerate(catalogue):
        if isinstance(reward, Reward) and reward.lowest_tier is not None and reward.lowest_tier not in names:
            errors[f"catalogue.{row}.lowest_tier"] = OfferProblem.OFFER_REWARD_TIER
    return errors


def _check_catalogue(catalogue: tuple[object, ...], limits: PointsLimits) -> Mapping[str, OfferProblem]:
    errors: dict[str, OfferProblem] = {}
    seen: set[str] = set()
    for row, reward in enumerate(catalogue):
        if not isinstance(reward, Reward):
            errors[f"catalogue.{row}"] = OfferProblem.OFFER_CATALOGUE_SIZE
            continue
        # a second row with the same code is the wrong one: events name rewards by code
        reward_id: object = reward.id
        if not _text_ok(reward_id, limits.max_reward_id) or reward_id in seen:
            errors[f"catalogue.{row}.id"] = OfferProblem.OFFER_CATALOGUE_ID
        if isinstance(reward_id, str):
            seen.add(reward_id)
        if not _text_ok(reward.name, limits.max_reward_name):
            errors[f"catalogue.{row}.name"] = OfferProblem.OFFER_CATALOGUE_NAME
        if not _is_int(reward.cost) or not 1 <= reward.cost <= limits.max_reward_cost:
            errors[f"catalogue.{row}.cost"] = OfferProblem.OFFER_CATALOGUE_COST
    return errors


TEXTS = KindTexts(
    name=QT_TRANSLATE_NOOP("ProgramKind", "Points per spend"),
    units_needed=QT_TRANSLATE_NOOP("ProgramKind", "Points for the cheapest reward"),
    count=translate("ProgramKind", "%n point(s)", "", 2),
    per_visit=QT_TRANSLATE_NOOP("ProgramKind", "Earns per sale"),
)


@dataclass(frozen=True, slots=True)
class PointsRules:
    """The registry's view of a points offer. Its own settings (rate, rounding, minimum spend,
    catalogue) are checked by check_settings when the settings given carry them (`points`)."""

    kind: ProgramKind = ProgramKind.POINTS
    limits: PointsLimits = LIMITS
    texts: KindTexts = TEXTS
    fixed_per_visit: int | None = 1

    @property
    def units_range(self) -> tuple[int, int]:
        return 1, self.limits.max_reward_cost

    @property
    def per_visit_range(self) -> tuple[int, int]:
        return 1, 1

    def check(self, settings: KindSettings) -> dict[str, OfferProblem]:
        errors: dict[str, OfferProblem] = {}
        points = getattr(settings, "points", None)
        if not isinstance(points, PointsSettings):
            # a points offer without its rate and catalogue cannot grant anything: refuse it
            errors["rate"] = OfferProblem.OFFER_POINTS_RATE
            errors["catalogue"] = OfferProblem.OFFER_CATALOGUE_SIZE
        else:
            errors.update(check_settings(points, self.limits))
        low, high = self.units_range
        units = settings.units_required
        # a catalogue with a bad row has no cheapest cost to compare with: its row says so already
        catalogue_ok = not any(field.startswith("catalogue") for field in errors)
        if not (_is_int(units) and low <= units <= high):
            errors["units_required"] = OfferProblem.OFFER_CATALOGUE_COST
        elif isinstance(points, PointsSettings) and catalogue_ok and units != cheapest_cost(points):
            # "rewards ready" and the card's progress count towards it: another number would
            # celebrate a reward she cannot take, or miss one she can
            errors["units_required"] = OfferProblem.OFFER_POINTS_CHEAPEST
        if settings.per_visit_limit != 1:
            errors["per_visit_limit"] = OfferProblem.OFFER_PER_VISIT
        return errors

    def earn_units(self, quantity: int) -> int:
        # a tap is no sale: points come from an amount (points_for), never from a count
        raise ValueError("a points offer earns from a sale amount, not a tap")

    def progress(self, program: Program, balance: Balance) -> Progress:
        if program.points is None:
            need = max(1, program.units_required)
            return Progress(towards=min(max(0, balance.units), need), needed=need, rewards_ready=0)
        return progress(balance.units, program.points)

    def preview(self, units_required: int) -> Progress:
        need = max(1, units_required)
        return Progress(towards=need * 2 // 3, needed=need, rewards_ready=0)

    def rewards_unlocked(self, units_required: int, before: int, after: int) -> int:
        # the cheapest reward came within reach: the counter celebrates once, when it does
        return 1 if units_required > 0 and before < units_required <= after else 0


RULES = register(PointsRules())


__all__ = [
    "LIMITS",
    "RULES",
    "TEXTS",
    "EventProblem",
    "Expiry",
    "PointsLimits",
    "PointsRules",
    "PointsSettings",
    "RedeemRefused",
    "Reward",
    "Rounding",
    "SaleRefused",
    "affordable",
    "cheapest_cost",
    "check_settings",
    "earn_problem",
    "expiry_due",
    "points_for",
    "progress",
    "redeem_problem",
    "reward_to_redeem",
    "sale_problem",
    "settings_from_plain",
    "settings_to_plain",
    "tier_may_take",
]
