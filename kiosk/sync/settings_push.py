"""Steps of a sync round, before the events: upload what a manager set up, changed or ended here
and the cloud must hold before the events that name it — A/B tests (PUT /api/v1/sync/experiments,
after the offers they split) and happy hours (PUT /api/v1/sync/happy-hours: the cloud checks a
boosted earn by the happy hour it names). Safe to cut at any instant: a row stops waiting only
once the cloud answered for it, and the same content again is a no-op there. A rejection switches
it off here too, so the counter does nothing more by it that the cloud would refuse."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from types import ModuleType

from kiosk.store import Store
from kiosk.store import experiments as stored_experiments
from kiosk.store import happy_hours as stored_happy_hours
from kiosk.sync import wire
from kiosk.sync.client import CloudClient

log = logging.getLogger(__name__)


def _push_waiting(
    store: Store, stored: ModuleType, limit: int, send: Callable[[Sequence], list], what: str
) -> int:
    """Uploads what waits in `stored` (a few at most: set up by hand); returns how many were sent."""
    with store.reading() as conn:
        batch = stored.waiting(conn, limit)
    if not batch:
        return 0
    results = send(batch)
    rejected = {r.id for r in results if r.status == "rejected"}
    for r in results:
        if r.status == "rejected":
            log.warning("the cloud rejected %s %s: %s", what, r.id, r.reason)
    with store.transaction() as conn:
        stored.settle(conn, batch, rejected)
    return len(batch)


def push_waiting_experiments(store: Store, client: CloudClient) -> int:
    return _push_waiting(store, stored_experiments, wire.MAX_EXPERIMENTS, client.push_experiments, "A/B test")


def push_waiting_happy_hours(store: Store, client: CloudClient) -> int:
    send = client.push_happy_hours
    return _push_waiting(store, stored_happy_hours, wire.MAX_HAPPY_HOURS, send, "happy hour")
