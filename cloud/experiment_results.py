"""The results of an A/B test of offers, read from the ledger (issue 17).

Who is in the test: every member with a visit (a day with a live earn, as cloud/member_activity.py
counts visits) on or after the shop's day the experiment started; her entry is that first visit
day and her arm is the stable hash's (loyalty_rules.experiments.variant_for). That is intention to
treat: a member is judged in the arm she was assigned, whatever she was actually given.

An earn in another arm's offer (a kiosk that had not pulled the experiment yet, or a stamp given
by hand) is accepted by the push like any earn: the ledger records what the cashier gave, and
refusing it would lose a stamp the member saw. It does not move her to that arm; such members are
counted per arm as `off_arm`, so the owner sees how clean the split was. Dropping them instead
would bias the arms (whether a kiosk had pulled is not random across members).

No peeking: an arm's value is read only from members whose window (entry + N days) is over, the
first `horizon` of them by entry day. Until every arm has that many the answer is
"not_enough_data" with the count so far and no effect and no winner; after it the numbers are
final: later members do not change them.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from cloud.insights.ab import Comparison, difference_in_means, difference_in_proportions
from cloud.models import Card, Event
from cloud.models import Experiment as ExperimentRow
from loyalty_rules.experiments import (
    Arm,
    Experiment,
    ExperimentStatus,
    MemberResult,
    Metric,
    arm_index,
    member_result,
    window_complete,
)
from loyalty_rules.model import EventKind
from loyalty_rules.reports import VISIT_KINDS

ALPHA = 0.05


def experiment_of(row: ExperimentRow) -> Experiment:
    return Experiment(
        id=row.id,
        name=row.name,
        arms=tuple(Arm(a["offer_id"], a["weight"]) for a in json.loads(row.arms)),
        metric=Metric(row.metric),
        days=row.days,
        horizon=row.horizon,
        started_at=row.started_at,
        status=ExperimentStatus(row.status),
    )


@dataclass(frozen=True)
class ArmResult:
    offer_id: str | None
    entered: int  # members with a first visit in the test so far
    complete: int  # of them, members whose window is over (capped at the horizon)
    value: float | None  # the metric over the first `horizon` complete members; None before
    off_arm: int  # entered members with an earn in another arm's offer
    comparison: Comparison | None = None  # against the control (or first) arm; None for it


@dataclass(frozen=True)
class Results:
    ready: bool
    arms: tuple[ArmResult, ...]
    winner: int | None  # an arm's index; None: no difference shown (or not ready)


def _visit_days(session: Session, business_id: int, first: date) -> dict[str, list[date]]:
    stmt = (
        select(Card.customer_id, Event.day)
        .distinct()
        .join(Card, and_(Card.business_id == Event.business_id, Card.id == Event.card_id))
        .where(
            Event.business_id == business_id,
            Event.kind.in_(sorted(k.value for k in VISIT_KINDS)),
            Event.voided.is_(False),
            Event.day >= first.isoformat(),
            Card.customer_id.is_not(None),
        )
    )
    days: dict[str, list[date]] = defaultdict(list)
    for member, day in session.execute(stmt):
        days[member].append(date.fromisoformat(day))
    return days


def _offers_earned(session: Session, e: Experiment, business_id: int, first: date) -> dict[str, set[str]]:
    stmt = (
        select(Card.customer_id, Event.program_id)
        .distinct()
        .join(Card, and_(Card.business_id == Event.business_id, Card.id == Event.card_id))
        .where(
            Event.business_id == business_id,
            Event.kind == EventKind.EARN.value,
            Event.voided.is_(False),
            Event.day >= first.isoformat(),
            Event.program_id.in_(sorted(e.tested_offers)),
        )
    )
    earned: dict[str, set[str]] = defaultdict(set)
    for member, program in session.execute(stmt):
        earned[member].add(program)
    return earned


def results(session: Session, row: ExperimentRow, first: date, today: date) -> Results:
    """`first`: the shop's day the test started; `today`: the shop's current day."""
    e = experiment_of(row)
    entered: list[list[tuple[date, str, MemberResult]]] = [[] for _ in e.arms]
    for member, days in _visit_days(session, row.business_id, first).items():
        result = member_result(e, days, first)
        if result is not None:
            entered[arm_index(e, member)].append((result.entry, member, result))
    earned = _offers_earned(session, e, row.business_id, first)
    values: list[list[float]] = []
    for members in entered:
        done = sorted((m for m in members if window_complete(e, m[0], today)), key=lambda m: m[:2])
        values.append([m[2].value for m in done[: e.horizon]])
    ready = all(len(v) >= e.horizon for v in values)
    base = e.control_index
    arms = []
    for index, (arm, members, arm_values) in enumerate(zip(e.arms, entered, values, strict=True)):
        off = sum(1 for _, member, _ in members if earned.get(member, set()) - {arm.offer_id})
        comparison = _compare(e.metric, values[base], arm_values) if ready and index != base else None
        arms.append(
            ArmResult(
                offer_id=arm.offer_id,
                entered=len(members),
                complete=len(arm_values),
                value=sum(arm_values) / len(arm_values) if ready else None,
                off_arm=off,
                comparison=comparison,
            )
        )
    return Results(ready, tuple(arms), _winner(arms, base) if ready else None)


def _compare(metric: Metric, base: list[float], other: list[float]) -> Comparison:
    if metric is Metric.RETURN_WITHIN_DAYS:
        return difference_in_proportions(int(sum(base)), len(base), int(sum(other)), len(other))
    found = difference_in_means(base, other)
    if math.isnan(found.p_value):  # no variance in either arm (all equal): no difference shown
        return Comparison(found.effect, found.effect, found.effect, 1.0, found.confidence)
    return found


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
