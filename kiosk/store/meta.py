"""The kiosk's own facts (business, device, sync cursor), signing keys and the audit list."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update

from kiosk.domain.codes import PublicKey
from kiosk.domain.connection import Connection as Pairing
from kiosk.domain.connection import connection_of
from kiosk.store.prepared import Prepared
from kiosk.store.schema import audit_log, locations, settings, signing_keys

# every scan reads settings and keys: compiled once (kiosk.store.prepared)
_SETTING = Prepared(select(settings.c.value).where(settings.c.key == bindparam("key")))
_LOCATION_AND_DEVICE = Prepared(
    select(settings.c.key, settings.c.value).where(
        or_(settings.c.key == "location_id", settings.c.key == "device_id")
    )
)
_BUSINESS_KEYS = Prepared(
    select(
        settings.c.value.label("business_id"),
        signing_keys.c.key_id,
        signing_keys.c.public_key,
        signing_keys.c.revoked,
    )
    .select_from(
        settings.outerjoin(
            signing_keys,
            signing_keys.c.business_id
            == select(settings.c.value).where(settings.c.key == "business_id").scalar_subquery(),
        )
    )
    .where(settings.c.key == "business_id"),
    "BusinessKeyRow",
)


def get_setting(conn: Connection, key: str, default: str | None = None) -> str | None:
    value = _SETTING.scalar(conn, key=key)
    return default if value is None else value


CLOUD_URL = "cloud_url"  # saved by pairing, deleted by unpairing


def connection(conn: Connection) -> Pairing:
    """Paired or standalone, read inside the caller's own transaction (use cases, the sync engine)."""
    return connection_of(get_setting(conn, CLOUD_URL))


def location_and_device(conn: Connection) -> tuple[str | None, str | None]:
    """Where this kiosk stands and which device it is: every ledger event records both."""
    found = dict(_LOCATION_AND_DEVICE.all(conn))
    return found.get("location_id"), found.get("device_id")


def put_setting(conn: Connection, key: str, value: str) -> None:
    if conn.execute(select(settings.c.key).where(settings.c.key == key)).first():
        conn.execute(update(settings).where(settings.c.key == key).values(value=value))
    else:
        conn.execute(insert(settings).values(key=key, value=value))


def delete_setting(conn: Connection, key: str) -> None:
    conn.execute(delete(settings).where(settings.c.key == key))


def all_settings(conn: Connection) -> dict[str, str]:
    return {r.key: r.value for r in conn.execute(select(settings))}


def put_key(conn: Connection, key: PublicKey, private_key: bytes | None = None) -> None:
    where = (signing_keys.c.business_id == key.business_id) & (signing_keys.c.key_id == key.key_id)
    if conn.execute(select(signing_keys.c.key_id).where(where)).first():
        values = {"public_key": key.public_key, "revoked": key.revoked}
        if private_key is not None:
            values["private_key"] = private_key
        conn.execute(update(signing_keys).where(where).values(**values))
    else:
        conn.execute(
            insert(signing_keys).values(
                business_id=key.business_id,
                key_id=key.key_id,
                public_key=key.public_key,
                private_key=private_key,
                revoked=key.revoked,
            )
        )


def keys_of(conn: Connection, business_id: int) -> dict[int, PublicKey]:
    rows = conn.execute(select(signing_keys).where(signing_keys.c.business_id == business_id))
    return {r.key_id: PublicKey(r.business_id, r.key_id, r.public_key, bool(r.revoked)) for r in rows}


def issuing_key(conn: Connection, business_id: int) -> tuple[int, bytes] | None:
    """This kiosk's own key for signing cards it enrolls: (key id, raw private key)."""
    row = conn.execute(
        select(signing_keys.c.key_id, signing_keys.c.private_key).where(
            signing_keys.c.business_id == business_id,
            signing_keys.c.private_key.is_not(None),
            signing_keys.c.revoked.is_(False),
        )
    ).first()
    return (row.key_id, row.private_key) if row else None


def audit(
    conn: Connection, at: datetime, staff_id: str | None, staff_name: str | None, action: str, **detail
) -> None:
    conn.execute(
        insert(audit_log).values(
            at=at,
            staff_id=staff_id,
            staff_name=staff_name,
            action=action,
            detail=json.dumps(detail, default=str, ensure_ascii=False),
        )
    )


def audit_entries(
    conn: Connection,
    limit: int = 500,
    *,
    staff_name: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
) -> list[dict]:
    """The newest entries first, narrowed to who did it, what and from when on (each optional)."""
    query = select(audit_log)
    if staff_name is not None:
        query = query.where(audit_log.c.staff_name == staff_name)
    if action is not None:
        query = query.where(audit_log.c.action == action)
    if since is not None:
        query = query.where(audit_log.c.at >= since)
    rows = conn.execute(query.order_by(audit_log.c.n.desc()).limit(limit))
    return [
        {
            "at": r.at,
            "staff_id": r.staff_id,
            "staff_name": r.staff_name,
            "action": r.action,
            "detail": json.loads(r.detail or "{}"),
        }
        for r in rows
    ]


def put_location(conn: Connection, location_id: str, name: str) -> None:
    if conn.execute(select(locations.c.id).where(locations.c.id == location_id)).first():
        conn.execute(update(locations).where(locations.c.id == location_id).values(name=name))
    else:
        conn.execute(insert(locations).values(id=location_id, name=name))


def location_names(conn: Connection) -> dict[str, str]:
    """The locations this kiosk knows by name (its own, from pairing): id -> name."""
    return dict(conn.execute(select(locations.c.id, locations.c.name)).all())


def own_business_keys(conn: Connection) -> tuple[int, dict[int, PublicKey]]:
    """This kiosk's business id and its trusted keys in one query: the hot path of every scan."""
    rows = _BUSINESS_KEYS.all(conn)
    if not rows:
        return 0, {}
    business_id = int(rows[0].business_id)
    keys = {
        r.key_id: PublicKey(business_id, r.key_id, r.public_key, bool(r.revoked))
        for r in rows
        if r.key_id is not None
    }
    return business_id, keys
