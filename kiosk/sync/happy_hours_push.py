"""A step of a sync round, before the events: upload the happy hours a manager set up, changed or
ended here (PUT /api/v1/sync/happy-hours), as experiments_push.py uploads A/B tests. The cloud
checks a boosted earn by the happy hour it names, so it must have the happy hour first. Safe to
cut at any instant: one stops waiting only once the cloud answered for it. A rejection switches it
off here too, so the counter boosts nothing more the cloud would refuse."""

from __future__ import annotations

import logging

from kiosk.store import Store
from kiosk.store import happy_hours as stored
from kiosk.sync import wire
from kiosk.sync.client import CloudClient

log = logging.getLogger(__name__)


def push_waiting_happy_hours(store: Store, client: CloudClient) -> int:
    """Uploads what waits (a few at most: set up by hand); returns how many were sent."""
    with store.reading() as conn:
        batch = stored.waiting(conn, wire.MAX_HAPPY_HOURS)
    if not batch:
        return 0
    results = client.push_happy_hours(batch)
    rejected = {r.id for r in results if r.status == "rejected"}
    for r in results:
        if r.status == "rejected":
            log.warning("the cloud rejected happy hour %s: %s", r.id, r.reason)
    with store.transaction() as conn:
        stored.settle(conn, batch, rejected)
    return len(batch)
