"""Happy hours in the cloud: rows to the shared rule's values (loyalty_rules.happy_hours), the
per-field check of a happy hour a manager or a kiosk sends, and the row it is stored as."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, time, tzinfo

from sqlalchemy import bindparam, select

from cloud.models import HappyHour as HappyHourRow
from cloud.models import Offer as OfferRow
from cloud.problems import ApiProblem
from cloud.schemas import HappyHourIn
from loyalty_rules.happy_hours import Boost, BoostProblem, HappyHour, Weekday, Window, boost_problem, problems


def rule_of(row: HappyHourRow) -> HappyHour:
    return HappyHour(
        id=row.id,
        name=row.name,
        windows=tuple(
            Window(Weekday(w["weekday"]), time.fromisoformat(w["starts"]), time.fromisoformat(w["ends"]))
            for w in json.loads(row.windows)
        ),
        boost=Boost(row.boost),
        amount=row.amount,
        programs=frozenset(json.loads(row.programs)),
        active=row.active,
    )


def _rule_of_body(hour_id: str, body: HappyHourIn) -> HappyHour:
    return HappyHour(
        id=hour_id,
        name=" ".join(body.name.split()),
        windows=tuple(
            Window(Weekday(w.weekday), time.fromisoformat(w.starts), time.fromisoformat(w.ends))
            for w in body.windows
        ),
        boost=Boost(body.boost),
        amount=body.amount,
        programs=frozenset(str(p) for p in body.programs),
    )


def checked(session, business_id: int, hour_id: str, body: HappyHourIn) -> HappyHour:
    """The happy hour `body` describes, or ApiProblem 422 with every field's problem: the shared
    rule's, and an offer that is not this business's."""
    hour = _rule_of_body(hour_id, body)
    found = {field: problem.value for field, problem in problems(hour).items()}
    if "programs" not in found and hour.programs:
        owned = set(
            session.scalars(
                select(OfferRow.id).where(
                    OfferRow.business_id == business_id, OfferRow.id.in_(sorted(hour.programs))
                )
            )
        )
        if owned != hour.programs:
            found["programs"] = "Every offer must be an offer of this business."
    if found:
        errors = [{"loc": ["body", f], "type": "happy_hour", "msg": m} for f, m in sorted(found.items())]
        raise ApiProblem(422, "validation-error", "The happy hour is not valid.", errors=errors)
    return hour


def fill_row(row: HappyHourRow, hour: HappyHour) -> None:
    row.name = hour.name
    row.windows = json.dumps(
        [
            {
                "weekday": int(w.weekday),
                "starts": w.starts.strftime("%H:%M"),
                "ends": w.ends.strftime("%H:%M"),
            }
            for w in hour.windows
        ]
    )
    row.boost = hour.boost.value
    row.amount = hour.amount
    row.programs = json.dumps(sorted(hour.programs))


def end(row: HappyHourRow, when: datetime) -> None:
    """Ended for good: kiosks stop boosting when they pull it; earns boosted before `when` stand."""
    if row.active:
        row.active = False
        row.ended_at = when


# --- the push's check of a boosted earn (cloud/ledger.py) ---------------------------------------

_table = HappyHourRow.__table__
_NAMED = select(_table).where(
    _table.c.business_id == bindparam("bid"), _table.c.id.in_(bindparam("ids", expanding=True))
)


def named_in(conn, business_id: int, events) -> dict[str, tuple[HappyHour, datetime | None]]:
    """The happy hours a push's events name, with when each ended (None: still running)."""
    ids = sorted({str(e.happy_hour_id) for e in events if e.happy_hour_id is not None})
    if not ids:
        return {}
    return {r.id: (rule_of(r), r.ended_at) for r in conn.execute(_NAMED, {"bid": business_id, "ids": ids})}


def boost_refusal(named: dict[str, tuple[HappyHour, datetime | None]], ev, zone: tzinfo):
    """(why the event's boost is refused, or None; the event with its units before the boost, which
    the offer's own rules then check as any earn's). Decided at the event's own time, the kiosk's
    clock, as the kiosk decided it: a happy hour ended after that moment still counts."""
    if ev.happy_hour_id is None:
        return None, ev
    if ev.kind != "earn":
        return "happy_hour_on_other_kind", ev
    found = named.get(str(ev.happy_hour_id))
    if found is None:
        return "unknown_happy_hour", ev
    hour, ended_at = found
    if ended_at is not None and ended_at <= ev.occurred_at:
        return BoostProblem.NOT_RUNNING.value, ev
    problem, base = boost_problem(
        replace(hour, active=True), str(ev.program_id), ev.units, ev.occurred_at, getattr(zone, "key", "UTC")
    )
    if problem is not None:
        return problem.value, ev
    return None, ev.model_copy(update={"units": base})
