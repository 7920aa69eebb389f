"""The results of an A/B test of offers from its members' visit days (issue 17). The cloud reads
the visit days from its ledger of every till (cloud/experiment_results.py), a standalone kiosk from
its own (kiosk/services/experiment_results.py); both judge them here, so they agree.

Who is in the test: every member with a visit day on or after the shop's day the experiment
started; her entry is that first visit day and her arm is the stable hash's (variant_for). That is
intention to treat: a member is judged in the arm she was assigned, whatever she was actually
given. Members with an earn in another arm's offer are counted per arm as `off_arm`, so the owner
sees how clean the split was; dropping them instead would bias the arms.

No peeking: an arm's value is read only from members whose window (entry + N days) is over, the
first `horizon` of them by entry day. Until every arm has that many the results are not ready:
the counts so far, an expected day, and no value, interval, effect or winner; after it the
numbers are final: later members do not change them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, timedelta

from loyalty_rules.ab_stats import (
    Comparison,
    Estimate,
    difference_in_means,
    difference_in_proportions,
    mean_estimate,
    proportion_estimate,
)
from loyalty_rules.experiments import (
    Experiment,
    MemberResult,
    Metric,
    arm_index,
    member_result,
    window_complete,
)

ALPHA = 0.05


@dataclass(frozen=True, slots=True)
class ArmResult:
    offer_id: str | None
    entered: int  # members with a first visit in the test so far
    complete: int  # of them, members whose window is over (capped at the horizon)
    value: float | None  # the metric over the first `horizon` complete members; None before
    off_arm: int  # entered members with an earn in another arm's offer
    comparison: Comparison | None = None  # against the control (or first) arm; None for it
    estimate: Estimate | None = None  # the value with its own 95 % interval; None before ready


@dataclass(frozen=True, slots=True)
class Results:
    ready: bool
    arms: tuple[ArmResult, ...]
    winner: int | None  # an arm's index; None: no difference shown (or not ready)
    expected: date | None = None  # not ready: the day the horizon should be reached, if it can be told


def judge(
    e: Experiment,
    visit_days: Mapping[str, Sequence[date]],
    earned: Mapping[str, Set[str]],
    first: date,
    today: date,
) -> Results:
    """`visit_days`: member -> her visit days (the shop's, from `first` on); `earned`: member -> the
    tested offers she earned in since `first`; `first`: the shop's day the test started; `today`:
    the shop's current day."""
    entered: list[list[tuple[date, str, MemberResult]]] = [[] for _ in e.arms]
    for member, days in visit_days.items():
        result = member_result(e, days, first)
        if result is not None:
            entered[arm_index(e, member)].append((result.entry, member, result))
    values: list[list[float]] = []
    for members in entered:
        done = sorted((m for m in members if window_complete(e, m[0], today)), key=lambda m: m[:2])
        values.append([m[2].value for m in done[: e.horizon]])
    ready = all(len(v) >= e.horizon for v in values)
    base = e.control_index
    arms = []
    for index, (arm, members, arm_values) in enumerate(zip(e.arms, entered, values, strict=True)):
        off = sum(1 for _, member, _ in members if set(earned.get(member, ())) - {arm.offer_id})
        arms.append(
            ArmResult(
                offer_id=arm.offer_id,
                entered=len(members),
                complete=len(arm_values),
                value=sum(arm_values) / len(arm_values) if ready else None,
                off_arm=off,
                comparison=_compare(e.metric, values[base], arm_values) if ready and index != base else None,
                estimate=_estimate(e.metric, arm_values) if ready else None,
            )
        )
    if ready:
        return Results(True, tuple(arms), _winner(arms, base))
    return Results(
        False,
        tuple(arms),
        None,
        expected_day(e, [[m[0] for m in members] for members in entered], first, today),
    )


def expected_day(e: Experiment, entries: Sequence[Sequence[date]], first: date, today: date) -> date | None:
    """When every arm should have `horizon` members with a finished window: for an arm with that
    many entered already, the day after the window of its horizon-th member ends; for one
    without, if members keep entering it at its pace so far. The slowest arm's day; None while an
    arm has had nobody (no pace to tell from). `entries`: each arm's entry days."""
    elapsed = max((today - first).days + 1, 1)
    latest = today
    for arm_entries in entries:
        count = len(arm_entries)
        if count == 0:
            return None
        if count >= e.horizon:
            entered = sorted(arm_entries)[e.horizon - 1]
        else:
            entered = today + timedelta(days=math.ceil((e.horizon - count) * elapsed / count))
        latest = max(latest, entered + timedelta(days=e.days + 1))
    return latest


def _compare(metric: Metric, base: list[float], other: list[float]) -> Comparison:
    if metric is Metric.RETURN_WITHIN_DAYS:
        return difference_in_proportions(int(sum(base)), len(base), int(sum(other)), len(other))
    return difference_in_means(base, other)


def _estimate(metric: Metric, values: list[float]) -> Estimate:
    if metric is Metric.RETURN_WITHIN_DAYS:
        return proportion_estimate(int(sum(values)), len(values))
    return mean_estimate(values)


def _winner(arms: list[ArmResult], base: int) -> int | None:
    """The arm that beats the baseline, or the baseline if every other is worse, by a two-sided
    test at ALPHA split over the comparisons (Bonferroni); None when no difference is shown."""
    compared = [(i, a.comparison) for i, a in enumerate(arms) if a.comparison is not None]
    level = ALPHA / max(len(compared), 1)
    better = [(c.effect, i) for i, c in compared if c.p_value < level and c.effect > 0]
    if better:
        return max(better)[1]
    if compared and all(c.p_value < level and c.effect < 0 for _, c in compared):
        return base
    return None
