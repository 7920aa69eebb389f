"""Tiers (Bronze, Silver, Gold...): a member's level by the points or visits of a rolling window.

The window is the last N calendar months of the shop's clock, this month included, so a tier
is read from at most N monthly totals a store keeps per member, never from a replay of her
ledger: an earn adds to its month's total (`add`), and the tier is the highest whose threshold
the window's sum reaches. When a month leaves the window the sum can fall below a threshold:
that demotion is a ledger event like any other, so the member sees it; its id is derived from
the member, the month and the tiers (`change_event_id`), so two tills and the cloud that each
notice the same demotion record one event, not three.

Pure: the moments, the zone and the totals come in.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from loyalty_rules.translatable import QT_TRANSLATE_NOOP

TIER_COUNT_RANGE = (2, 6)
WINDOW_MONTHS_RANGE = (1, 36)
MULTIPLIER_RANGE = (Decimal(1), Decimal(5))
NAME_MAX = 24
# the namespace of tier-change event ids (uuid5): any fixed UUID works, it only has to never change
_CHANGE_NAMESPACE = uuid.UUID("5d1c9a9e-2f52-4a8e-9d0b-7f3c4b8e6a11")


class Measure(enum.Enum):
    """What a tier counts in its window."""

    POINTS = "points"  # points granted (earns, bonuses), net of voids; redeeming does not lower it
    VISITS = "visits"  # qualifying visits: earns, net of voids


@dataclass(frozen=True, slots=True)
class Tier:
    name: str
    threshold: int  # the window's total that reaches this tier; the first tier's is 0
    multiplier: Decimal = Decimal(1)  # points earned at this tier, times this


@dataclass(frozen=True, slots=True)
class TierScheme:
    measure: Measure
    window_months: int
    tiers: tuple[Tier, ...]  # lowest first

    def rank(self, name: str) -> int:
        """The tier's place, 0 for the lowest; ValueError for a name the scheme has not."""
        for index, tier in enumerate(self.tiers):
            if tier.name == name:
                return index
        raise ValueError(f"no tier named {name!r}")


class TierProblem(enum.Enum):
    TIER_COUNT = QT_TRANSLATE_NOOP("Tier", "Between 2 and 6 tiers.")
    TIER_NAME = QT_TRANSLATE_NOOP("Tier", "Each tier needs its own name of at most 24 characters.")
    FIRST_THRESHOLD = QT_TRANSLATE_NOOP("Tier", "The first tier starts at 0.")
    THRESHOLDS_RISING = QT_TRANSLATE_NOOP("Tier", "Each tier needs more than the one before it.")
    MULTIPLIER = QT_TRANSLATE_NOOP("Tier", "A multiplier from 1 to 5, with at most one decimal, e.g. 1.5.")
    WINDOW = QT_TRANSLATE_NOOP("Tier", "A window of 1 to 36 months.")


def problems(scheme: TierScheme) -> dict[str, TierProblem]:
    """The field errors of a tier scheme a manager saves, one per field; empty when it is fine."""
    found: dict[str, TierProblem] = {}
    tiers = scheme.tiers
    if not TIER_COUNT_RANGE[0] <= len(tiers) <= TIER_COUNT_RANGE[1]:
        found["tiers"] = TierProblem.TIER_COUNT
    else:
        names = [t.name.strip() for t in tiers]
        if any(not n or len(n) > NAME_MAX for n in names) or len({n.casefold() for n in names}) < len(names):
            found["names"] = TierProblem.TIER_NAME
        if tiers[0].threshold != 0:
            found["thresholds"] = TierProblem.FIRST_THRESHOLD
        elif any(b.threshold <= a.threshold for a, b in pairwise(tiers)):
            found["thresholds"] = TierProblem.THRESHOLDS_RISING
        low, high = MULTIPLIER_RANGE
        if any(
            not (low <= t.multiplier <= high) or t.multiplier != t.multiplier.quantize(Decimal("0.1"))
            for t in tiers
        ):
            found["multipliers"] = TierProblem.MULTIPLIER
    if isinstance(scheme.window_months, bool) or not (
        WINDOW_MONTHS_RANGE[0] <= scheme.window_months <= WINDOW_MONTHS_RANGE[1]
    ):
        found["window_months"] = TierProblem.WINDOW
    return found


def month_of(at: datetime, zone: str) -> int:
    """The shop's calendar month of an aware moment, as a count of months (year * 12 + month - 1)."""
    if at.tzinfo is None:
        raise ValueError("a moment without a time zone has no month")
    return month_of_day(at.astimezone(ZoneInfo(zone)).date())


def month_of_day(day: date) -> int:
    """A shop's day's month as month_of counts months."""
    return day.year * 12 + day.month - 1


MonthTotals = Mapping[int, int]  # month (as month_of counts) -> the measure's total in it


def add(totals: MonthTotals, month: int, amount: int, window_months: int) -> dict[int, int]:
    """The totals after `amount` more in `month` (negative for a void), keeping only the months a
    window ending in `month` or later can still see, so what a store keeps per member stays small."""
    kept = {m: v for m, v in totals.items() if m > month - window_months}
    kept[month] = kept.get(month, 0) + amount
    return kept


def window_total(totals: MonthTotals, month: int, window_months: int) -> int:
    """The measure's sum over the window that ends with `month`; never below 0."""
    return max(0, sum(v for m, v in totals.items() if month - window_months < m <= month))


def tier_for(scheme: TierScheme, total: int) -> Tier:
    """The highest tier whose threshold `total` reaches."""
    reached = scheme.tiers[0]
    for tier in scheme.tiers:
        if total >= tier.threshold:
            reached = tier
    return reached


@dataclass(frozen=True, slots=True)
class Standing:
    """What the counter shows: the tier, the window's total, and the step to the next tier."""

    tier: Tier
    total: int
    next_tier: Tier | None
    missing: int  # to reach next_tier; 0 at the top


def standing(scheme: TierScheme, totals: MonthTotals, at: datetime, zone: str) -> Standing:
    total = window_total(totals, month_of(at, zone), scheme.window_months)
    tier = tier_for(scheme, total)
    rank = scheme.rank(tier.name)
    if rank + 1 >= len(scheme.tiers):
        return Standing(tier, total, None, 0)
    following = scheme.tiers[rank + 1]
    return Standing(tier, total, following, following.threshold - total)


class TierMove(enum.Enum):
    REACHED = "reached"  # the counter celebrates
    DEMOTED = "demoted"  # an event the member is shown


@dataclass(frozen=True, slots=True)
class TierChange:
    move: TierMove
    old: Tier
    new: Tier


def change(
    scheme: TierScheme, recorded: str, totals: MonthTotals, at: datetime, zone: str
) -> TierChange | None:
    """The change from the tier the member last had (`recorded`, by name) to the one her totals
    give at `at`, or None. A name the scheme no longer has counts as its lowest tier."""
    names = {t.name for t in scheme.tiers}
    old = scheme.tiers[scheme.rank(recorded)] if recorded in names else scheme.tiers[0]
    new = standing(scheme, totals, at, zone).tier
    if new == old:
        return None
    up = scheme.rank(new.name) > scheme.rank(old.name)
    return TierChange(TierMove.REACHED if up else TierMove.DEMOTED, old, new)


def change_event_id(member_id: str, month: int, moved: TierChange) -> uuid.UUID:
    """The id of the ledger event recording `moved` in `month`: the same wherever it is noticed."""
    return uuid.uuid5(_CHANGE_NAMESPACE, f"{member_id}|{month}|{moved.old.name}|{moved.new.name}")


def multiplied(points: int, tier: Tier) -> int:
    """Points an earn grants at `tier`; fractions go to the member (rounded up), as a shop would."""
    product = Decimal(points) * tier.multiplier
    return int(product.to_integral_value(rounding="ROUND_CEILING"))


def may_take(scheme: TierScheme, tier: str, lowest: str | None) -> bool:
    """Whether a member at `tier` may take a reward kept for `lowest` and above (None: anyone)."""
    return lowest is None or scheme.rank(tier) >= scheme.rank(lowest)


def monthly_totals(earns: Iterable[tuple[datetime, int]], zone: str, window_months: int) -> dict[int, int]:
    """Totals built from (moment, amount) pairs, for a store filling its table the first time and
    for tests that check `add` against it."""
    totals: dict[int, int] = {}
    latest: int | None = None
    for at, amount in earns:
        month = month_of(at, zone)
        latest = month if latest is None else max(latest, month)
        totals[month] = totals.get(month, 0) + amount
    if latest is None:
        return {}
    return {m: v for m, v in totals.items() if m > latest - window_months}


def scheme_to_plain(scheme: TierScheme) -> dict[str, object]:
    """A scheme as JSON values (inside a points offer's settings, on the wire and in both
    databases); the multiplier as its exact decimal text, never a float."""
    return {
        "measure": scheme.measure.value,
        "window_months": scheme.window_months,
        "tiers": [
            {"name": t.name, "threshold": t.threshold, "multiplier": str(t.multiplier)} for t in scheme.tiers
        ],
    }


def scheme_from_plain(plain: Mapping[str, Any]) -> TierScheme:
    """The scheme scheme_to_plain wrote; ValueError when a value has the wrong type (whether the
    scheme is sensible is `problems`' question)."""
    rows = plain["tiers"]
    if not isinstance(rows, list):
        raise ValueError("tiers: a list of tiers")
    window = plain["window_months"]
    if not isinstance(window, int) or isinstance(window, bool):
        raise ValueError("window_months: a whole number")
    tiers = []
    for row in rows:
        threshold, multiplier = row["threshold"], row["multiplier"]
        if not isinstance(threshold, int) or isinstance(threshold, bool) or not isinstance(multiplier, str):
            raise ValueError("tier: a whole threshold and a decimal text multiplier")
        times = Decimal(multiplier)
        if not times.is_finite():  # NaN cannot even be compared with the range
            raise ValueError("multiplier: a finite decimal")
        tiers.append(Tier(str(row["name"]), threshold, times))
    return TierScheme(Measure(plain["measure"]), window, tuple(tiers))
