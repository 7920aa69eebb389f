"""Events the cloud's plan holds back (kiosk/sync/plan_holds.py decides which): they stay in the
outbox as pending, with the plan's reason in `last_error`, so that everything counting what is not
yet in the cloud (balances on top of the cloud's, the offline redemption allowance, unpairing)
keeps counting them, and every round offers them again.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, distinct, func, select, update

from kiosk.domain.model import EventKind
from kiosk.store.schema import cards, events, outbox
from loyalty_rules.plans import REASON_PREFIX, PlanRefusal

# An enrolment the cloud refused for its plan's member limit, and every event of her card, stay
# pending with this reason: usable at the counter, counted as not synced, offered again each round
# (the cloud takes them once the plan allows), never rejected and never dropped.
HELD_FOR_PLAN = PlanRefusal.MEMBER_LIMIT.reason
IS_HELD = outbox.c.last_error.like(REASON_PREFIX + "%")


def hold_for_plan(conn: Connection, reasons: dict[str, str]) -> None:
    """Refused for the business's plan (or an event of a card whose enrolment was): stays pending
    with the reason, its balance untouched, for the next round to offer again."""
    if not reasons:
        return
    ns = dict(conn.execute(select(events.c.id, events.c.n).where(events.c.id.in_(list(reasons)))).all())
    conn.execute(
        update(outbox)
        .where(outbox.c.event_n == bindparam("k_n"))
        .values(attempts=outbox.c.attempts + 1, last_error=bindparam("v_reason")),
        [{"k_n": ns[i], "v_reason": reason[:300]} for i, reason in reasons.items() if i in ns],
    )


def _held_enrolments():
    return (
        select(events.c.card_id)
        .select_from(outbox.join(events, events.c.n == outbox.c.event_n))
        .where(
            outbox.c.state == "pending",
            outbox.c.last_error == HELD_FOR_PLAN,
            events.c.kind == EventKind.ENROLL.value,
        )
    )


def held_cards(conn: Connection, card_ids: Iterable[int]) -> set[int]:
    """Which of these cards have their enrolment held for the plan (the cloud knows no such card)."""
    query = _held_enrolments().where(events.c.card_id.in_(list(card_ids)))
    return set(conn.execute(query).scalars())


def members_waiting_for_plan(conn: Connection) -> int:
    """Members whose enrolment waits for the plan: each counted once, however many cards she has."""
    query = select(func.count(distinct(cards.c.customer_id))).where(
        cards.c.id.in_(_held_enrolments()), cards.c.customer_id.is_not(None)
    )
    return int(conn.execute(query).scalar_one())
