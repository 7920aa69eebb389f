"""The first step of a sync round: upload the offers a manager made or changed here (PUT
/api/v1/sync/offers), so that the cloud knows an offer before the enrolments in it arrive.

Safe to cut at any instant: an offer stops waiting only once the cloud has answered for it,
and the cloud takes the same content again as a no-op. A network failure or a 5xx ends the
round before any event is pushed (they would be rejected as `unknown_program`). A rejection is
final for that version of the offer: it is not sent again, and the reason is kept for the Sync
screen (`offer_uploads.rejected_offers`) and logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.domain.model import Program
from kiosk.store import Store, offer_uploads
from kiosk.sync import wire
from kiosk.sync.client import CloudClient, Refused
from loyalty_rules.plans import refusal_of_reason

log = logging.getLogger(__name__)

MAX_BATCHES_PER_ROUND = 20  # offers are few; this only bounds a kiosk edited non-stop


@dataclass(frozen=True, slots=True)
class OffersPushed:
    accepted: int = 0
    rejected: int = 0


def push_waiting_offers(store: Store, client: CloudClient, batch_size: int = wire.MAX_OFFERS) -> OffersPushed:
    accepted = rejected = 0
    for _ in range(MAX_BATCHES_PER_ROUND):
        with store.reading() as conn:
            batch = offer_uploads.waiting(conn, batch_size)
            earlier = [old for program in batch for old in offer_uploads.earlier_revisions(conn, program)]
        if not batch:
            break
        refusals: dict[str, str] = {}
        for old in earlier:  # singly: an id is sent once per request; these are rare
            if old.id not in refusals:
                refusals.update(_send(client, [old]))
        later = [program for program in batch if program.id not in refusals]
        if later:
            refusals.update(_send(client, later))
        with store.transaction() as conn:
            offer_uploads.settle(conn, batch, refusals)
        for program in batch:
            if program.id in refusals:
                log.warning(
                    "the cloud rejected offer %r (%s): %s", program.name, program.id, refusals[program.id]
                )
        rejected += len(refusals)
        accepted += len(batch) - len(refusals)
        held = [i for i, reason in refusals.items() if refusal_of_reason(reason) is not None]
        if len(batch) < batch_size or len(held) == len(batch):  # held ones stay waiting: next round
            break
    return OffersPushed(accepted, rejected)


def _send(client: CloudClient, batch: list[Program]) -> dict[str, str]:
    """Offer id -> reason, for each offer the cloud rejected."""
    try:
        results = client.push_offers(batch)
    except Refused as exc:
        # 422: an offer the cloud's rules do not allow (the kiosk's own are stricter, so this is
        # rare). Find which one by sending them singly, and reject only that one; any other
        # refusal (an older cloud without the endpoint, a 409) fails the round to retry later.
        if exc.problem is None or exc.problem.status != 422:
            raise
        if len(batch) == 1:
            return {batch[0].id: exc.problem.describe()}
        found: dict[str, str] = {}
        for program in batch:
            found.update(_send(client, [program]))
        return found
    return {r.id: r.reason or "rejected" for r in results if r.status == "rejected"}
