"""The results of an A/B test of offers, read from the ledger (issue 17): the members' visit days
and earns in the tested offers come from SQL here; who is in the test, the no-peeking horizon, the
statistics and the winner are the shared rules' (loyalty_rules/experiment_results.py), which a
standalone kiosk runs on its own ledger too.

An earn in another arm's offer (a kiosk that had not pulled the experiment yet, or a stamp given
by hand) is accepted by the push like any earn: the ledger records what the cashier gave, and
refusing it would lose a stamp the member saw. It does not move her to that arm; such members are
counted per arm as `off_arm`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from cloud.models import Card, Event
from cloud.models import Experiment as ExperimentRow
from loyalty_rules.experiment_results import ALPHA, ArmResult, Results, judge
from loyalty_rules.experiments import Arm, Experiment, ExperimentStatus, Metric
from loyalty_rules.model import EventKind
from loyalty_rules.reports import VISIT_KINDS

__all__ = ["ALPHA", "ArmResult", "Results", "experiment_of", "results"]


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
    visits = _visit_days(session, row.business_id, first)
    return judge(e, visits, _offers_earned(session, e, row.business_id, first), first, today)
