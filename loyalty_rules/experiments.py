"""A/B tests of offers: which arm a member is in, which offers apply to her, what is measured.

An experiment splits a business's members into arms by a stable hash, each arm either an offer
(e.g. "8 stamps" against "10 stamps") or the control, which gets none of the tested offers. The
kiosk applies a member's arm at the counter offline and the cloud reads the results; both call
this module, so they agree on every member's arm forever.

The assignment, fixed for good (changing it would move members between arms mid-test):
  h = the first 8 bytes of SHA-256(UTF-8 of "<experiment id>:<member id>") as a big-endian
      unsigned integer, u = h / 2**64 in [0, 1);
  the arms, in their stored order, take consecutive slices of [0, 1) in proportion to their
  weights; the member's arm is the one whose slice holds u.
Hashing the experiment's id in makes a member's arms in two experiments independent.

The horizon (members per arm) is fixed before the test starts, from the sample-size formula
below; results say "not enough data" until every arm has reached it and then read exactly the
first `horizon` members of each arm, so looking early cannot pick a winner (no peeking).
"""

from __future__ import annotations

import enum
import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import NormalDist

NAME_MAX = 60
MAX_ARMS = 4
MAX_WEIGHT = 100
MAX_DAYS = 365
MAX_HORIZON = 1_000_000


class Metric(enum.Enum):
    """What an arm is judged by, per member from her first visit in the test (her entry day)."""

    RETURN_WITHIN_DAYS = "return_within_days"  # share of members with another visit within N days
    VISITS_PER_MEMBER = "visits_per_member"  # visit days in her first N days, from the entry day


class ExperimentStatus(enum.Enum):
    RUNNING = "running"
    STOPPED = "stopped"  # arms no longer applied: every running offer applies to everyone again


class ExperimentProblem(enum.Enum):
    NAME = "experiment_name"
    ARMS = "experiment_arms"  # 2..MAX_ARMS arms, distinct offers, at most one control
    WEIGHTS = "experiment_weights"
    DAYS = "experiment_days"
    HORIZON = "experiment_horizon"


@dataclass(frozen=True, slots=True)
class Arm:
    """One variant: an offer's id, or None for the control (no tested offer at all)."""

    offer_id: str | None
    weight: int = 1

    @property
    def is_control(self) -> bool:
        return self.offer_id is None


CONTROL = None  # the offer id of the control arm


@dataclass(frozen=True, slots=True)
class Experiment:
    id: str
    name: str
    arms: tuple[Arm, ...]
    metric: Metric
    days: int  # the N of the metric: the window after a member's entry day
    horizon: int  # members per arm, chosen up front
    started_at: datetime
    status: ExperimentStatus = ExperimentStatus.RUNNING

    @property
    def tested_offers(self) -> frozenset[str]:
        return frozenset(a.offer_id for a in self.arms if a.offer_id is not None)

    @property
    def control_index(self) -> int:
        """The arm every other is compared with: the control if there is one, else the first."""
        return next((i for i, a in enumerate(self.arms) if a.is_control), 0)


def check_experiment(e: Experiment) -> dict[str, ExperimentProblem]:
    """Field -> what is wrong with it; empty when it can be saved."""
    errors: dict[str, ExperimentProblem] = {}
    if not e.name.strip() or len(e.name.strip()) > NAME_MAX:
        errors["name"] = ExperimentProblem.NAME
    offers = [a.offer_id for a in e.arms if a.offer_id is not None]
    controls = len(e.arms) - len(offers)
    if not 2 <= len(e.arms) <= MAX_ARMS or controls > 1 or len(set(offers)) != len(offers):
        errors["arms"] = ExperimentProblem.ARMS
    if any(not _int_in(a.weight, 1, MAX_WEIGHT) for a in e.arms):
        errors["weights"] = ExperimentProblem.WEIGHTS
    if not _int_in(e.days, 1, MAX_DAYS):
        errors["days"] = ExperimentProblem.DAYS
    if not _int_in(e.horizon, 2, MAX_HORIZON):
        errors["horizon"] = ExperimentProblem.HORIZON
    return errors


def _int_in(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


# --- assignment ------------------------------------------------------------------------------


def unit_hash(experiment_id: str, member_id: str) -> float:
    """The member's point in [0, 1) for this experiment (see the module's docstring)."""
    digest = hashlib.sha256(f"{experiment_id}:{member_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def arm_index(experiment: Experiment, member_id: str) -> int:
    point = unit_hash(experiment.id, member_id) * sum(a.weight for a in experiment.arms)
    edge = 0
    for index, arm in enumerate(experiment.arms):
        edge += arm.weight
        if point < edge:
            return index
    return len(experiment.arms) - 1  # unreachable: point < the sum of the weights


def variant_for(experiment: Experiment, member_id: str) -> Arm:
    return experiment.arms[arm_index(experiment, member_id)]


def offers_for_member(
    offer_ids: Iterable[str], experiments: Iterable[Experiment], member_id: str
) -> frozenset[str]:
    """Of the running offers, those that apply to this member: in each running experiment she
    keeps her arm's offer and loses the other arms' (all of them in the control arm). Offers
    outside every experiment apply to everyone, as always."""
    kept = set(offer_ids)
    for experiment in experiments:
        if experiment.status is not ExperimentStatus.RUNNING:
            continue
        mine = variant_for(experiment, member_id).offer_id
        kept -= experiment.tested_offers - {mine} if mine is not None else experiment.tested_offers
    return frozenset(kept)


def offer_to_earn(offer_id: str, experiments: Iterable[Experiment], member_id: str) -> str | None:
    """Where a scan meant for `offer_id` earns for this member: there, unless a running test
    holds it and she is in another arm: then in her arm's offer, or nowhere (None) in the
    control arm. So a member in arm B scanning her arm-A card earns in B."""
    for experiment in experiments:
        if experiment.status is ExperimentStatus.RUNNING and offer_id in experiment.tested_offers:
            return variant_for(experiment, member_id).offer_id
    return offer_id


# --- the metric --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberResult:
    entry: date  # her first visit day on or after the start
    value: float  # 1/0 for a return, else the count of visit days


def member_result(experiment: Experiment, visit_days: Sequence[date], start: date) -> MemberResult | None:
    """Her value of the metric from her visit days (the shop's local days); None if she has not
    visited since the start. Her window is [entry, entry + days]: complete once that day is past."""
    days = sorted({d for d in visit_days if d >= start})
    if not days:
        return None
    entry = days[0]
    last = entry + timedelta(days=experiment.days)
    if experiment.metric is Metric.RETURN_WITHIN_DAYS:
        return MemberResult(entry, 1.0 if any(entry < d <= last for d in days) else 0.0)
    return MemberResult(entry, float(sum(1 for d in days if entry <= d < last)))


def window_complete(experiment: Experiment, entry: date, today: date) -> bool:
    """Her value is final: every day of her window has ended (today is the shop's current day)."""
    return entry + timedelta(days=experiment.days) < today


# --- the horizon -------------------------------------------------------------------------------


def _z(alpha: float, power: float) -> tuple[float, float]:
    if not 0 < alpha < 1 or not 0 < power < 1:
        raise ValueError("alpha and power lie between 0 and 1")
    normal = NormalDist()
    return normal.inv_cdf(1 - alpha / 2), normal.inv_cdf(power)


def sample_size_proportions(p_a: float, p_b: float, alpha: float = 0.05, power: float = 0.8) -> int:
    """Members per arm to detect p_A → p_B with a two-sided z-test at this alpha and power."""
    if not (0 < p_a < 1 and 0 < p_b < 1) or p_a == p_b:
        raise ValueError("two different proportions strictly between 0 and 1 are needed")
    z_alpha, z_power = _z(alpha, power)
    mean = (p_a + p_b) / 2
    root = z_alpha * math.sqrt(2 * mean * (1 - mean)) + z_power * math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b))
    return math.ceil(root**2 / (p_a - p_b) ** 2)


def sample_size_means(difference: float, sd: float, alpha: float = 0.05, power: float = 0.8) -> int:
    """Members per arm to detect a difference in means given the outcome's standard deviation."""
    if difference == 0 or sd <= 0:
        raise ValueError("a non-zero difference and a positive standard deviation are needed")
    z_alpha, z_power = _z(alpha, power)
    return math.ceil(2 * ((z_alpha + z_power) * sd / difference) ** 2)
