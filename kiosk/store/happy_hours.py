"""The shop's happy hours (loyalty_rules.happy_hours), as the manager set them up here: the
counter reads the active ones to boost an earn offline, the editor lists and saves them."""

from __future__ import annotations

import json
from datetime import datetime, time

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.sqlite import insert as upsert

from kiosk.store.schema import happy_hours as table
from loyalty_rules.happy_hours import Boost, HappyHour, Weekday, Window


def _windows_text(windows: tuple[Window, ...]) -> str:
    return json.dumps(
        [
            {
                "weekday": int(w.weekday),
                "starts": w.starts.strftime("%H:%M"),
                "ends": w.ends.strftime("%H:%M"),
            }
            for w in windows
        ]
    )


def _happy_hour(row) -> HappyHour:
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
        active=bool(row.active),
    )


def save_here(conn: Connection, hour: HappyHour, now: datetime) -> None:
    """Set up, changed or ended at this kiosk: stored at once (the counter boosts from now)."""
    values = {
        "id": hour.id,
        "name": hour.name,
        "windows": _windows_text(hour.windows),
        "boost": hour.boost.value,
        "amount": hour.amount,
        "programs": json.dumps(sorted(hour.programs)),
        "active": hour.active,
        "updated_at": now,
        "needs_push": True,
    }
    stmt = upsert(table)
    changed = {k: v for k, v in values.items() if k != "id"}
    conn.execute(stmt.on_conflict_do_update(index_elements=[table.c.id], set_=changed), [values])


def get(conn: Connection, hour_id: str) -> HappyHour | None:
    row = conn.execute(select(table).where(table.c.id == hour_id)).first()
    return _happy_hour(row) if row is not None else None


def all_happy_hours(conn: Connection) -> list[HappyHour]:
    """Active ones first, then by name: the editor's list."""
    rows = conn.execute(select(table).order_by(table.c.active.desc(), table.c.name, table.c.id))
    return [_happy_hour(r) for r in rows]


def active_happy_hours(conn: Connection) -> list[HappyHour]:
    """The ones the counter may apply: one small indexed read per earn."""
    return [_happy_hour(r) for r in conn.execute(select(table).where(table.c.active.is_(True)))]


def deactivate(conn: Connection, hour_id: str, now: datetime) -> bool:
    changed = conn.execute(
        update(table)
        .where(table.c.id == hour_id, table.c.active.is_(True))
        .values(active=False, updated_at=now, needs_push=True)
    )
    return changed.rowcount > 0
