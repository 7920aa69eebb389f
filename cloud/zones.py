"""The shop's time zone: the cloud counts its events and customers on the shop's local days
(loyalty_rules.reports.local_day), as the kiosk's reports do."""

from __future__ import annotations

from datetime import tzinfo
from functools import cache
from typing import Annotated
from zoneinfo import ZoneInfo, available_timezones

from pydantic import AfterValidator, Field
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from cloud import day_cells, member_months
from cloud.models import Business, Customer, Event
from loyalty_rules.reports import local_day

_BATCH = 2000


@cache
def _known() -> frozenset[str]:
    return frozenset(available_timezones())


def _known_zone(name: str) -> str:
    if name not in _known():
        raise ValueError("not a time zone this server knows (an IANA name such as Europe/Berlin)")
    return name


# the schema lists the names this server knows, so that a client (and schemathesis) can tell a
# valid zone from the schema alone
TimeZone = Annotated[
    str,
    Field(min_length=1, max_length=64, json_schema_extra={"enum": sorted(_known())}),
    AfterValidator(_known_zone),
]


def shop_zone(session: Session, business_id: int) -> tzinfo:
    name = session.scalar(select(Business.time_zone).where(Business.id == business_id))
    return ZoneInfo(name or "UTC")


def recount_days(session: Session, business_id: int, zone: tzinfo) -> int:
    """Puts every event and customer of the business on its local day in `zone`, and counts its
    rollups (member months and totals, day cells) again from the moved days; returns how many
    rows moved to another day."""
    moved = 0
    for model, when in ((Event, Event.occurred_at), (Customer, Customer.created_at)):
        table = model.__table__
        stmt = (
            update(table)
            .where(table.c.business_id == business_id, table.c.id == bindparam("k_id"))
            .values(day=bindparam("v_day"))
        )
        rows = session.execute(select(model.id, when, model.day).where(model.business_id == business_id))
        changes = []
        for row_id, at, day in rows:
            local = local_day(at, zone).isoformat()
            if local != day:
                changes.append({"k_id": row_id, "v_day": local})
        for i in range(0, len(changes), _BATCH):
            session.execute(stmt, changes[i : i + _BATCH])
        moved += len(changes)
    if moved:  # the rollups are keyed by the days just moved: counted again, or they would disagree
        conn = session.connection()
        member_months.rebuild(conn, business_id)
        day_cells.rebuild(conn, business_id)
    return moved
