"""Fetching this till's join link (PUT /api/v1/devices/me/join-link) and keeping it in the store,
so the enrolment screen shows it as a QR even when the cloud is out of reach later.

The sync engine fetches it once after pairing and refreshes it now and then (the offer a join
opens may change); a failure never fails a sync round: the kept link still works."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from kiosk.domain.till_join import TillJoinLink
from kiosk.store import Store, meta, till_join
from kiosk.sync.client import CloudClient, SyncError
from kiosk.sync.wire import WireError

log = logging.getLogger(__name__)

REFRESH_AFTER = timedelta(hours=6)


def parse_till_link(body: Any, fetched_at: datetime) -> TillJoinLink:
    if not isinstance(body, dict):
        raise WireError("the till's join link is not a JSON object")
    url, code, till = body.get("url"), body.get("code"), body.get("till")
    if not all(isinstance(v, str) and v for v in (url, code, till)):
        raise WireError("the till's join link lacks its url, code or till")
    if urlsplit(url).scheme not in ("http", "https"):
        raise WireError(f"the till's join link is not a web address: {url!r}")
    program = body.get("program")
    program_id = program if isinstance(program, str) and program else None
    key_id = body.get("key_id")
    key_id = key_id if isinstance(key_id, int) and not isinstance(key_id, bool) else None
    return TillJoinLink(url, code, till, program_id, fetched_at, key_id)


def fetch_and_keep(store: Store, client: CloudClient, clock: Callable[[], datetime]) -> TillJoinLink:
    """Ask the cloud for this till's link and keep it. Raises SyncError (client) or WireError."""
    link = parse_till_link(client.till_join_link(), clock())
    with store.transaction() as conn:
        till_join.keep(conn, link)
    return link


def refresh_if_due(store: Store, client: CloudClient, clock: Callable[[], datetime]) -> TillJoinLink | None:
    """In a sync round: fetch the link if this till has none yet (or one of another pairing) or it
    is older than REFRESH_AFTER. Failures are logged, never raised."""
    with store.reading() as conn:
        link = till_join.kept(conn)
        _location, device_id = meta.location_and_device(conn)
    if link is not None and link.device_id == device_id and clock() - link.fetched_at < REFRESH_AFTER:
        return link
    try:
        return fetch_and_keep(store, client, clock)
    except (SyncError, WireError) as exc:
        log.warning("could not fetch this till's join link: %s", exc)
        return None
