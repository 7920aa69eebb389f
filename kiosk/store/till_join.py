"""This till's join link, kept in the settings table so the counter shows it offline too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from kiosk.domain.connection import Connection as Pairing
from kiosk.domain.till_join import NoJoinLink, TillJoinLink, link_for_this_till
from kiosk.store import meta

URL = "till_join_url"
CODE = "till_join_code"
DEVICE = "till_join_device"
PROGRAM = "till_join_program"
FETCHED_AT = "till_join_fetched_at"
KEY_ID = "till_join_key_id"
KEYS = (URL, CODE, DEVICE, PROGRAM, FETCHED_AT, KEY_ID)


def keep(conn: Connection, link: TillJoinLink) -> None:
    for key, value in (
        (URL, link.url),
        (CODE, link.code),
        (DEVICE, link.device_id),
        (PROGRAM, link.program_id),
        (FETCHED_AT, link.fetched_at.isoformat()),
        (KEY_ID, None if link.key_id is None else str(link.key_id)),
    ):
        if value is None:
            meta.delete_setting(conn, key)
        else:
            meta.put_setting(conn, key, value)


def forget(conn: Connection) -> None:
    """Pairing anew or unpairing: the old link belongs to another till (or no cloud)."""
    for key in KEYS:
        meta.delete_setting(conn, key)


def kept(conn: Connection) -> TillJoinLink | None:
    s = meta.all_settings(conn)
    if not s.get(URL) or not s.get(DEVICE) or not s.get(FETCHED_AT):
        return None
    return TillJoinLink(
        url=s[URL],
        code=s.get(CODE, ""),
        device_id=s[DEVICE],
        program_id=s.get(PROGRAM) or None,
        fetched_at=datetime.fromisoformat(s[FETCHED_AT]),
        key_id=int(s[KEY_ID]) if (s.get(KEY_ID) or "").isdigit() else None,
    )


def shown(conn: Connection) -> TillJoinLink | NoJoinLink:
    """What the enrolment screen's "Join on your phone" panel shows."""
    _location, device_id = meta.location_and_device(conn)
    return link_for_this_till(kept(conn), meta.connection(conn) is Pairing.PAIRED, device_id)
