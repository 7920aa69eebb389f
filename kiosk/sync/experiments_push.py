"""A step of a sync round, after the offers: upload the A/B tests a manager set up or stopped
here (PUT /api/v1/sync/experiments), as offers_push.py uploads offers. Safe to cut at any
instant: a test stops waiting only once the cloud answered for it, and the same content again is
a no-op there. A rejection (another test already splits its offer) stops it here too."""

from __future__ import annotations

import logging

from kiosk.store import Store
from kiosk.store import experiments as stored
from kiosk.sync import wire
from kiosk.sync.client import CloudClient

log = logging.getLogger(__name__)


def push_waiting_experiments(store: Store, client: CloudClient) -> int:
    """Uploads what waits (a few at most: tests are set up by hand); returns how many were sent."""
    with store.reading() as conn:
        batch = stored.waiting(conn, wire.MAX_EXPERIMENTS)
    if not batch:
        return 0
    results = client.push_experiments(batch)
    rejected = {r.id for r in results if r.status == "rejected"}
    for r in results:
        if r.status == "rejected":
            log.warning("the cloud rejected A/B test %s: %s", r.id, r.reason)
    with store.transaction() as conn:
        stored.settle(conn, batch, rejected)
    return len(batch)
