"""The A/B tests of offers the kiosk pulled (loyalty_rules.experiments), stored as the cloud
sent them: the counter reads the running ones to apply each member's arm offline."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, select, update
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
    """The pull's: insert or replace by id, the cloud's version being the experiment, except
    over one set up or stopped here and not uploaded yet (as with offers, the local change wins
    until the cloud has it; the next pull then agrees)."""
    rows = [{**_values(e), "needs_push": False} for e in found]
    if not rows:
        return
    stmt = upsert(table)
    changed = {c.name: stmt.excluded[c.name] for c in table.c if c.name != "id"}
    kept = table.c.needs_push.is_(False)
    conn.execute(stmt.on_conflict_do_update(index_elements=[table.c.id], set_=changed, where=kept), rows)


def save_here(conn: Connection, e: Experiment) -> None:
    """Set up or stopped at this kiosk: stored at once (the counter splits from now) and marked
    for upload."""
    values = {**_values(e), "needs_push": True}
    stmt = upsert(table)
    changed = {k: v for k, v in values.items() if k != "id"}
    conn.execute(stmt.on_conflict_do_update(index_elements=[table.c.id], set_=changed), [values])


def waiting(conn: Connection, limit: int) -> list[Experiment]:
    rows = conn.execute(select(table).where(table.c.needs_push.is_(True)).order_by(table.c.id).limit(limit))
    return [_experiment(r) for r in rows]


def settle(conn: Connection, sent: Iterable[Experiment], rejected: set[str]) -> None:
    """The cloud answered. Taken: no longer waiting (unless changed again meanwhile). Rejected
    for good (e.g. another test already splits its offer): stopped here too, so the counter does
    not keep a split the cloud will never count."""
    for e in sent:
        row = conn.execute(select(table).where(table.c.id == e.id)).first()
        if row is None or _experiment(row) != e:
            continue
        values: dict = {"needs_push": False}
        if e.id in rejected:
            values["status"] = ExperimentStatus.STOPPED.value
        conn.execute(update(table).where(table.c.id == e.id).values(**values))


def running_experiments(conn: Connection) -> list[Experiment]:
    rows = conn.execute(
        select(table).where(table.c.status == ExperimentStatus.RUNNING.value).order_by(table.c.started_at)
    )
    return [_experiment(r) for r in rows]


def all_experiments(conn: Connection) -> list[Experiment]:
    return [_experiment(r) for r in conn.execute(select(table).order_by(table.c.started_at))]
