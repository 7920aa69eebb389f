"""The push's check of a `referral` event (issue 15): a bonus is taken only as one of the two of
a referral whose newcomer has a counted first visit, with the id the shared rule gives it, under
the abuse rules the kiosk applied (loyalty_rules.referrals.refusal), asked again here with the
cloud's own counts: another till may have recorded the referrer's other referrals this month.

The first bonus of a referral records it (`referrals`); the second finds it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select

from cloud.models import Card, Customer, Event, Referral
from loyalty_rules.referrals import (
    BONUS_RANGE,
    BonusFor,
    Person,
    ReferralPolicy,
    bonus_event_id,
    is_first_qualifying_visit,
    refusal,
)
from loyalty_rules.tiers import month_of

_referral_t, _event_t, _card_t, _customer_t = (
    Referral.__table__,
    Event.__table__,
    Card.__table__,
    Customer.__table__,
)


def bonus_problem(conn: Connection, b: Any, ev: Any, card: dict) -> str | None:
    """Why the cloud refuses this `referral` event (a reason for the push result), or None."""
    ref = ev.referral
    if ref is None:
        # wire version 1's "referral stamps": a grant with no referral behind it, taken as before
        # (units of 1 or more, checked as any earn's), with the trust an `adjust` has. Every bonus
        # a kiosk grants for a referral carries it, and is checked below
        return None
    referral_id, referrer, newcomer = (
        str(ref.id),
        str(ref.referrer_customer_id),
        str(ref.newcomer_customer_id),
    )
    roles = {str(bonus_event_id(referral_id, role)): role for role in BonusFor}
    role = roles.get(str(ev.id))
    if role is None:
        return "referral_bonus_id"  # not an id the shared rule gives any bonus of this referral
    if card["customer_id"] != (referrer if role is BonusFor.REFERRER else newcomer):
        return "referral_wrong_member"
    if not BONUS_RANGE[0] <= ev.units <= BONUS_RANGE[1]:
        return "referral_bonus_units"
    visit_id = str(ref.visit_event_id)
    stored = conn.execute(
        select(_referral_t).where(_referral_t.c.business_id == b.business_id, _referral_t.c.id == referral_id)
    ).first()
    if stored is not None:  # the other bonus of a referral taken already
        same = (stored.referrer_id, stored.newcomer_id, stored.visit_event_id) == (
            referrer,
            newcomer,
            visit_id,
        )
        return None if same else "referral_mismatch"
    problem = _first_visit_problem(conn, b, newcomer, visit_id)
    if problem is not None:
        return problem
    # members this push enrolled are not written yet: their rows are the batch's
    people: dict[str, Any] = {
        c["id"]: _Row(c["id"], c["email"], c["phone"], None)
        for c in b.new_customers
        if c["id"] in (referrer, newcomer)
    }
    people |= {
        r.id: r
        for r in conn.execute(
            select(
                _customer_t.c.id, _customer_t.c.email, _customer_t.c.phone, _customer_t.c.merged_into
            ).where(_customer_t.c.business_id == b.business_id, _customer_t.c.id.in_([referrer, newcomer]))
        )
    }
    if referrer not in people or newcomer not in people:
        return "referral_unknown_member"
    month = month_of(ref.created_at, getattr(b.zone, "key", "UTC"))
    counted = conn.execute(
        select(func.count()).where(
            _referral_t.c.business_id == b.business_id,
            _referral_t.c.referrer_id == referrer,
            _referral_t.c.month == month,
        )
    ).scalar_one()
    already = conn.execute(
        select(func.count()).where(
            _referral_t.c.business_id == b.business_id, _referral_t.c.newcomer_id == newcomer
        )
    ).scalar_one()
    # the bonuses' sizes are the kiosk's policy (checked in range above); the cap is what counts
    policy = ReferralPolicy(BONUS_RANGE[0], BONUS_RANGE[0], ref.monthly_cap)
    refused = refusal(
        policy,
        _person(people[referrer]),
        _person(people[newcomer]),
        referrals_this_month=counted,
        newcomer_already_referred=already > 0,
    )
    if refused is not None:
        return "referral_refused_" + refused.name.lower()
    conn.execute(
        insert(_referral_t).values(
            business_id=b.business_id,
            id=referral_id,
            referrer_id=referrer,
            newcomer_id=newcomer,
            created_at=ref.created_at,
            month=month,
            visit_event_id=visit_id,
        )
    )
    return None


@dataclass(frozen=True)
class _Row:
    id: str
    email: str | None
    phone: str | None
    merged_into: str | None


def _person(row) -> Person:
    return Person(
        row.id,
        phones=frozenset({row.phone}) if row.phone else frozenset(),
        emails=frozenset({row.email.casefold()}) if row.email else frozenset(),
        active=row.merged_into is None,
    )


def _first_visit_problem(conn: Connection, b: Any, newcomer: str, visit_id: str) -> str | None:
    """The visit must be an `earn` the cloud counted (this push's or an earlier one), on a card of
    the newcomer, standing, and her first: no standing earn of hers before it."""
    visit = b.refs.get(visit_id)
    if visit is None:
        row = conn.execute(
            select(
                _event_t.c.id, _event_t.c.card_id, _event_t.c.kind, _event_t.c.voided, _event_t.c.seq
            ).where(_event_t.c.business_id == b.business_id, _event_t.c.id == visit_id)
        ).first()
        visit = dict(row._mapping) if row is not None else None
    if visit is None or visit["kind"] != "earn" or visit["voided"]:
        return "referral_no_first_visit"
    her_cards = set(
        conn.execute(
            select(_card_t.c.id).where(
                _card_t.c.business_id == b.business_id, _card_t.c.customer_id == newcomer
            )
        ).scalars()
    ) | {cid for cid, c in b.cards.items() if c.get("customer_id") == newcomer}
    if visit["card_id"] not in her_cards:
        return "referral_no_first_visit"
    before = conn.execute(
        select(func.count()).where(
            _event_t.c.business_id == b.business_id,
            _event_t.c.card_id.in_(sorted(her_cards)),
            _event_t.c.kind == "earn",
            _event_t.c.voided.is_(False),
            _event_t.c.seq < visit["seq"],
        )
    ).scalar_one()
    before += sum(
        1
        for row in b.events
        if row["kind"] == "earn"
        and row["card_id"] in her_cards
        and not row["voided"]
        and row["seq"] < visit["seq"]
    )
    if not is_first_qualifying_visit(before, voided=False):
        return "referral_not_first_visit"
    return None
