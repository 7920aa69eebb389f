"""The A/B tests of offers the kiosk pulled (loyalty_rules.experiments), stored as the cloud
sent them: the counter reads the running ones to apply each member's arm offline."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert as upsert

from kiosk.store.schema import experiments as table
from loyalty_rules.experiments import Arm, Experiment, ExperimentStatus, Metric


def _values(e: Experiment) -> dict:
    return {
        "id": e.id,
        "name": e.name,
        "arms": json.dumps([{"offer_id": a.offer_id, "weight": a.weight} for a in e.arms]),
        "metric": e.metric.value,
        "days": e.days,
        "horizon": e.horizon,
        "started_at": e.started_at,
        "status": e.status.value,
    }


def _experiment(row) -> Experiment:
    return Experiment(
        id=row.id,
        name=row.name,
        arms=tuple(Arm(a["offer_id"], int(a["weight"])) for a in json.loads(row.arms)),
        metric=Metric(row.metric),
        days=row.days,
        horizon=row.horizon,
        started_at=row.started_at,
        status=ExperimentStatus(row.status),
    )


def put_experiments(conn: Connection, found: Iterable[Experiment]) -> None:
    """Insert or replace, by id: the cloud's version is the experiment (kiosks do not edit it)."""
    rows = [_values(e) for e in found]
    if not rows:
        return
    stmt = upsert(table)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={c.name: stmt.excluded[c.name] for c in table.c if c.name != "id"},
        ),
        rows,
    )


def running_experiments(conn: Connection) -> list[Experiment]:
    rows = conn.execute(
        select(table).where(table.c.status == ExperimentStatus.RUNNING.value).order_by(table.c.started_at)
    )
    return [_experiment(r) for r in rows]


def all_experiments(conn: Connection) -> list[Experiment]:
    return [_experiment(r) for r in conn.execute(select(table).order_by(table.c.started_at))]
