"""A/B tests of offers: create, list, read, rename or stop (owner and manager), and the results.

The arms, metric and horizon are fixed at creation: changing them mid-test would let someone
look at the data and move the goalposts. Stopping ends the split at every kiosk (it pulls the
new status); the results stay readable. Each change gets a sequence number, so kiosks pull it.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Literal

from fastapi import APIRouter, Response
from pydantic import Field
from sqlalchemy import select

from cloud import views
from cloud.deps import Now, ReadDb, User, WriteDb, audit, bump_seq
from cloud.experiment_results import ALPHA, Results, experiment_of, results
from cloud.models import Experiment as ExperimentRow
from cloud.models import Offer as OfferRow
from cloud.problems import ApiProblem, not_found
from cloud.schemas import Experiment, ExperimentArm, ExperimentMetric, Int, Name, WireIn, WireOut
from cloud.zones import shop_zone
from loyalty_rules.experiments import MAX_ARMS, MAX_DAYS, MAX_HORIZON, ExperimentStatus, check_experiment
from loyalty_rules.experiments import Experiment as TestRules
from loyalty_rules.reports import local_day

router = APIRouter(prefix="/api/v1/experiments", tags=["experiments"])


class ExperimentCreate(WireIn):
    name: Name
    arms: list[ExperimentArm] = Field(min_length=2, max_length=MAX_ARMS)
    metric: ExperimentMetric
    days: Int(ge=1, le=MAX_DAYS)
    horizon: Int(ge=2, le=MAX_HORIZON)  # members per arm, from the sample-size calculator


class ExperimentPatch(WireIn):
    name: Name | None = None
    status: Literal["stopped"] | None = None  # a stopped test does not run again


class ArmResultOut(WireOut):
    offer_id: uuid.UUID | None
    entered: int  # members with a first visit since the start
    complete: int  # members whose window is over, counted towards the horizon (at most it)
    off_arm: int  # members who earned in another arm's offer (kept in their own arm)
    value: float | None = None  # the metric; null until every arm reached the horizon
    effect: float | None = None  # this arm minus the baseline arm; null for the baseline
    ci_low: float | None = None  # the effect's 95 % confidence interval
    ci_high: float | None = None
    p_value: float | None = None
    value_low: float | None = None  # the arm's own value's 95 % interval; null until ready
    value_high: float | None = None


class ResultsOut(WireOut):
    status: Literal["not_enough_data", "ready"]
    horizon: int
    metric: ExperimentMetric
    baseline: int  # the index of the arm others are compared with (the control if there is one)
    alpha: float
    arms: list[ArmResultOut]
    # only when ready (absent before: no peeking-driven winner): the arm shown better, null for none
    winner: int | None = None
    # not ready: the shop's day every arm should reach the horizon at the pace so far (null: no pace yet)
    expected: date | None = None


def owned(session, business_id: int, experiment_id: uuid.UUID) -> ExperimentRow:
    row = session.get(ExperimentRow, str(experiment_id))
    if row is None or row.business_id != business_id:
        raise not_found("experiment")
    return row


def arms_problem(
    session, business_id: int, arms: list[ExperimentArm], experiment_id: str
) -> ApiProblem | None:
    """What stops these arms from being tested now: an offer of another business (or none), or
    an offer another running test already splits (a member could not be in two arms of it)."""
    if not 2 <= len(arms) <= MAX_ARMS:
        return ApiProblem(422, "validation-error", f"An experiment has 2 to {MAX_ARMS} arms.")
    ids = [str(a.offer_id) for a in arms if a.offer_id is not None]
    found = session.scalars(
        select(OfferRow.id).where(OfferRow.business_id == business_id, OfferRow.id.in_(ids))
    ).all()
    if set(found) != set(ids):
        return ApiProblem(422, "validation-error", "Every arm's offer must be an offer of this business.")
    if any(a.offer_id is None for a in arms) and not session.scalar(
        select(OfferRow.id)
        .where(OfferRow.business_id == business_id, OfferRow.status == "active", OfferRow.id.not_in(ids))
        .limit(1)
    ):
        # a visit is an earn: the control group earns in none of the tested offers
        return ApiProblem(
            409,
            "control-unseen",
            "A control group needs an active offer outside the test to count its visits.",
        )
    running = session.scalars(
        select(ExperimentRow).where(
            ExperimentRow.business_id == business_id,
            ExperimentRow.status == ExperimentStatus.RUNNING.value,
            ExperimentRow.id != experiment_id,
        )
    )
    for other in running:
        if experiment_of(other).tested_offers & set(ids):
            return ApiProblem(409, "offer-in-experiment", f"An offer is already tested in '{other.name}'.")
    return None


def new_row(business_id: int, experiment_id: str, body: ExperimentCreate, started_at, when) -> ExperimentRow:
    """The row of a new experiment, checked by the shared rules (ApiProblem 422 if they refuse)."""
    arms = [{"offer_id": str(a.offer_id) if a.offer_id else None, "weight": a.weight} for a in body.arms]
    row = ExperimentRow(
        id=experiment_id,
        business_id=business_id,
        name=body.name,
        arms=json.dumps(arms),
        metric=body.metric,
        days=body.days,
        horizon=body.horizon,
        started_at=started_at,
        status=ExperimentStatus.RUNNING.value,
        created_at=when,
        seq=0,
    )
    problems = check_experiment(experiment_of(row))
    if problems:
        raise ApiProblem(422, "validation-error", "Not a valid experiment: " + ", ".join(sorted(problems)))
    return row


@router.post("", response_model=Experiment, status_code=201)
def create_experiment(body: ExperimentCreate, user: User, session: WriteDb, when: Now) -> Experiment:
    experiment_id = str(uuid.uuid4())
    problem = arms_problem(session, user.business_id, body.arms, experiment_id)
    if problem:
        raise problem
    row = new_row(user.business_id, experiment_id, body, when, when)
    row.seq = bump_seq(session, user.business_id)
    session.add(row)
    audit(session, user, when, "experiment.create", "experiment", row.id, body.model_dump(mode="json"))
    session.commit()
    return views.experiment(row)


@router.get("", response_model=list[Experiment])
def list_experiments(user: User, session: ReadDb) -> list[Experiment]:
    rows = session.scalars(
        select(ExperimentRow)
        .where(ExperimentRow.business_id == user.business_id)
        .order_by(ExperimentRow.created_at, ExperimentRow.id)
    )
    return [views.experiment(r) for r in rows]


@router.get("/{experiment_id}", response_model=Experiment)
def get_experiment(experiment_id: uuid.UUID, user: User, session: ReadDb) -> Experiment:
    return views.experiment(owned(session, user.business_id, experiment_id))


@router.patch("/{experiment_id}", response_model=Experiment)
def update_experiment(
    experiment_id: uuid.UUID, body: ExperimentPatch, user: User, session: WriteDb, when: Now
) -> Experiment:
    row = owned(session, user.business_id, experiment_id)
    changes = body.model_dump(exclude_none=True)
    for key, value in changes.items():
        setattr(row, key, value)
    row.seq = bump_seq(session, user.business_id)
    audit(session, user, when, "experiment.update", "experiment", row.id, changes)
    session.commit()
    return views.experiment(row)


def results_out(e: TestRules, found: Results) -> ResultsOut:
    """The wire shape of the results (docs/wire.md); the caller leaves `winner` off before ready."""
    arms = []
    for arm in found.arms:
        c, own = arm.comparison, arm.estimate
        arms.append(
            ArmResultOut(
                offer_id=arm.offer_id,
                entered=arm.entered,
                complete=arm.complete,
                off_arm=arm.off_arm,
                value=arm.value,
                effect=c.effect if c else None,
                ci_low=c.low if c else None,
                ci_high=c.high if c else None,
                p_value=c.p_value if c else None,
                value_low=own.low if own else None,
                value_high=own.high if own else None,
            )
        )
    return ResultsOut(
        status="ready" if found.ready else "not_enough_data",
        horizon=e.horizon,
        metric=e.metric.value,
        baseline=e.control_index,
        alpha=ALPHA,
        arms=arms,
        winner=found.winner,
        expected=found.expected,
    )


@router.get("/{experiment_id}/results", response_model=ResultsOut)
def experiment_results(experiment_id: uuid.UUID, user: User, session: ReadDb, when: Now) -> Response:
    row = owned(session, user.business_id, experiment_id)
    zone = shop_zone(session, user.business_id)
    found = results(session, row, local_day(row.started_at, zone), local_day(when, zone))
    out = results_out(experiment_of(row), found)
    shown = out.model_dump_json(exclude=None if found.ready else {"winner"})
    return Response(content=shown, media_type="application/json")
