"""The shop's happy hours (loyalty_rules.happy_hours), as the manager set them up here: the
counter reads the active ones to boost an earn offline, the editor lists and saves them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.sqlite import insert as upsert

from kiosk.store import meta
from kiosk.store.schema import happy_hours as table
from kiosk.store.tier_buckets import bucket_zone
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


def _values(hour: HappyHour, now: datetime) -> dict:
    return {
        "id": hour.id,
        "name": hour.name,
        "windows": _windows_text(hour.windows),
        "boost": hour.boost.value,
        "amount": hour.amount,
        "programs": json.dumps(sorted(hour.programs)),
        "active": hour.active,
        "updated_at": now,
    }


def save_here(conn: Connection, hour: HappyHour, now: datetime) -> None:
    """Set up, changed or ended at this kiosk: stored at once (the counter boosts from now) and
    marked for upload (kiosk/sync/settings_push.py)."""
    values = {**_values(hour, now), "needs_push": True}
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


def put_happy_hours(conn: Connection, found: Iterable[HappyHour], now: datetime) -> None:
    """The pull's: insert or replace by id, the cloud's version being the happy hour, except over
    one changed here and not uploaded yet (the local change wins until the cloud has it)."""
    rows = [{**_values(h, now), "needs_push": False} for h in found]
    if not rows:
        return
    stmt = upsert(table)
    changed = {c.name: stmt.excluded[c.name] for c in table.c if c.name != "id"}
    kept = table.c.needs_push.is_(False)
    conn.execute(stmt.on_conflict_do_update(index_elements=[table.c.id], set_=changed, where=kept), rows)


def waiting(conn: Connection, limit: int) -> list[HappyHour]:
    rows = conn.execute(select(table).where(table.c.needs_push.is_(True)).order_by(table.c.id).limit(limit))
    return [_happy_hour(r) for r in rows]


def settle(conn: Connection, sent: Iterable[HappyHour], rejected: set[str]) -> None:
    """The cloud answered. Taken: no longer waiting (unless changed again meanwhile). Rejected for
    good: switched off here too, so the counter boosts no earn the cloud would refuse."""
    for hour in sent:
        row = conn.execute(select(table).where(table.c.id == hour.id)).first()
        if row is None or _happy_hour(row) != hour:
            continue
        values: dict = {"needs_push": False}
        if hour.id in rejected:
            values["active"] = False
        conn.execute(update(table).where(table.c.id == hour.id).values(**values))


def waiting_ids(conn: Connection) -> set[str]:
    """Happy hours the cloud has not taken yet: an earn they boost waits for them before it goes."""
    return set(conn.execute(select(table.c.id).where(table.c.needs_push.is_(True))).scalars())


# the business's zone as the cloud's pull last said it: a paired kiosk's happy hours run on it, so
# that the push's check (at the cloud, in that zone) decides as the counter did
_CLOUD_ZONE = "cloud_time_zone"


def put_cloud_zone(conn: Connection, name: str) -> None:
    meta.put_setting(conn, _CLOUD_ZONE, name)


def shop_zone(conn: Connection) -> str:
    """The zone happy hours run on: the business's (a paired kiosk), else the shop's own."""
    name = meta.get_setting(conn, _CLOUD_ZONE)
    if name:
        try:
            ZoneInfo(name)
            return str(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return bucket_zone(conn)
