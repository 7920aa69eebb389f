"""A manager sets up an A/B test of offers at the counter (issue 17): two offers, or one offer
against the control (no offer), the metric and the members per arm from the sample-size
calculator (loyalty_rules.experiments). Saved here at once, so the counter splits members from
now, offline too; a paired kiosk uploads it at its next sync round (kiosk/sync/settings_push.py)
and the cloud reads the results."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.model import Role
from kiosk.domain.outcomes import Outcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, refuse
from kiosk.services.context import Actor, Context
from kiosk.store import StorageError, directory, meta
from kiosk.store import experiments as stored
from loyalty_rules.experiments import (
    CONTROL,
    MAX_DAYS,
    MAX_HORIZON,
    Arm,
    Experiment,
    ExperimentProblem,
    Metric,
    check_experiment,
)
from loyalty_rules.model import ProgramStatus

_PROBLEMS = {
    ExperimentProblem.NAME: (Problem.TEST_NAME, {}),
    ExperimentProblem.ARMS: (Problem.TEST_ARMS, {}),
    ExperimentProblem.WEIGHTS: (Problem.TEST_ARMS, {}),
    ExperimentProblem.DAYS: (Problem.TEST_DAYS, {"max": MAX_DAYS}),
    ExperimentProblem.HORIZON: (Problem.TEST_HORIZON, {"max": MAX_HORIZON}),
}


@dataclass(frozen=True, slots=True)
class ExperimentDraft:
    """What the A/B dialog holds: arm A's offer (None: the control) and arm B's."""

    name: str
    offer_a: str | None
    offer_b: str
    metric: Metric
    days: int
    horizon: int


@dataclass(frozen=True, slots=True)
class ExperimentOutcome(Outcome):
    experiment: Experiment | None = None


def create_experiment(ctx: Context, draft: ExperimentDraft, *, actor: Actor) -> ExperimentOutcome:
    """Managers only, audited. Bad input is explained and saves nothing."""
    if not actor.role.at_least(Role.MANAGER):
        return ExperimentOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    now = ctx.clock()
    experiment = Experiment(
        id=ctx.new_id(),
        name=" ".join(draft.name.split()),
        arms=(Arm(draft.offer_a if draft.offer_a is not None else CONTROL), Arm(draft.offer_b)),
        metric=draft.metric,
        days=draft.days,
        horizon=draft.horizon,
        started_at=now,
    )
    errors = check_experiment(experiment)
    if errors:
        field, found = next(iter(errors.items()))
        problem, params = _PROBLEMS[found]
        return ExperimentOutcome(refusal=invalid(field, problem, **params))
    try:
        with ctx.store.transaction() as conn:
            programs = {p.id: p for p in directory.all_programs(conn)}
            for offer_id in experiment.tested_offers:
                program = programs.get(offer_id)
                if program is None or program.status is ProgramStatus.ARCHIVED:
                    return ExperimentOutcome(refusal=invalid("arms", Problem.NO_SUCH_OFFER))
            if _control_unseen(experiment, programs.values(), now):
                return ExperimentOutcome(refusal=invalid("arms", Problem.TEST_CONTROL_UNSEEN))
            for other in stored.running_experiments(conn):
                taken = other.tested_offers & experiment.tested_offers
                if taken:
                    name = programs[min(taken)].name
                    return ExperimentOutcome(refusal=invalid("arms", Problem.TEST_OFFER_TAKEN, offer=name))
            stored.save_here(conn, experiment)
            meta.audit(conn, now, actor.staff_id, actor.name, "ab_test_created", test=experiment.name)
        return ExperimentOutcome(experiment=experiment)
    except StorageError as exc:
        return ExperimentOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def _control_unseen(experiment: Experiment, programs, now) -> bool:
    """A visit is an earn: the control group earns in none of the tested offers, so without a
    running offer outside the test its members would never be seen and the test never end."""
    if not any(a.is_control for a in experiment.arms):
        return False
    return not any(p.is_running(now) and p.id not in experiment.tested_offers for p in programs)


def running_experiments(ctx: Context) -> list[Experiment]:
    with ctx.store.reading() as conn:
        return stored.running_experiments(conn)
