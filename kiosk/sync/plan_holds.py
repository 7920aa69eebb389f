"""What of a pushed batch the cloud's plan holds back, rather than refuses for good.

A plan refusal (a reason `plan_...`, loyalty_rules.plans) is not final at the kiosk: the member or
offer stays here, usable, and goes up once the owner's plan allows it. So do the events that come
back refused only because of it: a stamp on the card of a member held back (`unknown_card`), an
event in an offer held back (`unknown_program`). They stay pending (kiosk/store/plan_holds.py).
"""

from __future__ import annotations

from kiosk.store import Store, offer_uploads, plan_holds, sync_repo
from loyalty_rules.plans import PlanRefusal, refusal_of_reason

UNKNOWN_CARD = "unknown_card"  # the cloud's reason for an event of a card it does not hold
UNKNOWN_PROGRAM = "unknown_program"  # ... and of an offer it does not hold


def take_held_for_plan(
    store: Store, batch: list[sync_repo.PendingEvent], rejected: dict[str, str]
) -> dict[str, str]:
    """Takes out of `rejected` (event id -> reason) what the plan holds back and returns it: a
    refusal for the plan, an event of a card whose enrolment is held (in this batch or an earlier
    round), an event in an offer the plan refused. The rest of `rejected` is final."""
    if not rejected:
        return {}
    held = {i: r for i, r in rejected.items() if refusal_of_reason(r) is not None}
    orphans = [p.event for p in batch if rejected.get(p.event.id) == UNKNOWN_CARD]
    if orphans:
        held_cards = {p.event.card_id for p in batch if p.event.id in held}
        with store.reading() as conn:
            held_cards |= plan_holds.held_cards(conn, {e.card_id for e in orphans})
        held.update({e.id: plan_holds.HELD_FOR_PLAN for e in orphans if e.card_id in held_cards})
    in_offers = [p.event for p in batch if rejected.get(p.event.id) == UNKNOWN_PROGRAM]
    if in_offers:
        with store.reading() as conn:
            offers = offer_uploads.held_for_plan(conn, {e.program_id for e in in_offers})
        held.update({e.id: PlanRefusal.OFFER_LIMIT.reason for e in in_offers if e.program_id in offers})
    for event_id in held:
        del rejected[event_id]
    return held
