"""The referrals table (issue 15): recorded at enrolment, granted at the newcomer's first
qualifying visit, voided by an undo of it. Rules live in loyalty_rules.referrals."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, or_, select, update

from kiosk.store import meta
from kiosk.store.schema import customers, referrals
from loyalty_rules.referrals import (
    BonusFor,
    Referral,
    ReferralPolicy,
    ReferralRefusal,
    ReferralStatus,
    bonus_event_id,
)

POLICY_SETTING = "referral_policy"
# what a shop gives until a manager sets its own: one unit each, five referrals a month
DEFAULT_POLICY = ReferralPolicy(referrer_bonus=1, newcomer_bonus=1, monthly_cap=5)


def policy(conn: Connection) -> ReferralPolicy:
    stored = meta.get_setting(conn, POLICY_SETTING)
    if not stored:
        return DEFAULT_POLICY
    values = json.loads(stored)
    return ReferralPolicy(values["referrer_bonus"], values["newcomer_bonus"], values["monthly_cap"])


def put_policy(conn: Connection, chosen: ReferralPolicy) -> None:
    values = {
        "referrer_bonus": chosen.referrer_bonus,
        "newcomer_bonus": chosen.newcomer_bonus,
        "monthly_cap": chosen.monthly_cap,
    }
    meta.put_setting(conn, POLICY_SETTING, json.dumps(values))


def _to_referral(row) -> Referral:
    return Referral(
        id=row.id,
        referrer_id=row.referrer_id,
        newcomer_id=row.newcomer_id,
        created_at=row.created_at,
        month=row.month,
        status=ReferralStatus(row.status),
        refusal=ReferralRefusal[row.refusal] if row.refusal else None,
        visit_event_id=row.visit_event_id,
    )


def insert_referral(conn: Connection, referral: Referral) -> None:
    conn.execute(
        insert(referrals).values(
            id=referral.id,
            referrer_id=referral.referrer_id,
            newcomer_id=referral.newcomer_id,
            created_at=referral.created_at,
            month=referral.month,
            status=referral.status.value,
            refusal=referral.refusal.name if referral.refusal else None,
            visit_event_id=referral.visit_event_id,
        )
    )


def of_newcomer(conn: Connection, newcomer_id: str) -> list[Referral]:
    rows = conn.execute(select(referrals).where(referrals.c.newcomer_id == newcomer_id))
    return [_to_referral(r) for r in rows]


def pending_for(conn: Connection, newcomer_id: str) -> Referral | None:
    """Her referral still waiting for her first visit (at most one: a member is referred once)."""
    row = conn.execute(
        select(referrals).where(
            referrals.c.newcomer_id == newcomer_id, referrals.c.status == ReferralStatus.PENDING.value
        )
    ).first()
    return _to_referral(row) if row else None


def granted_by_visit(conn: Connection, visit_event_id: str) -> Referral | None:
    row = conn.execute(
        select(referrals).where(
            referrals.c.visit_event_id == visit_event_id,
            referrals.c.status == ReferralStatus.GRANTED.value,
        )
    ).first()
    return _to_referral(row) if row else None


def count_in_month(conn: Connection, referrer_id: str, month: int) -> int:
    """The referrer's referrals accepted in the shop's month `month` (refused ones take no place)."""
    return conn.execute(
        select(func.count()).where(
            referrals.c.referrer_id == referrer_id,
            referrals.c.month == month,
            referrals.c.status != ReferralStatus.REFUSED.value,
        )
    ).scalar_one()


def set_status(
    conn: Connection, referral_id: str, status: ReferralStatus, visit_event_id: str | None = None
) -> None:
    values: dict[str, object] = {"status": status.value}
    if visit_event_id is not None:
        values["visit_event_id"] = visit_event_id
    conn.execute(update(referrals).where(referrals.c.id == referral_id).values(**values))


@dataclass(frozen=True, slots=True)
class BonusReferral:
    """What a referral bonus carries up on the push (docs/wire.md, Referrals)."""

    referral: Referral
    monthly_cap: int


def of_bonuses(conn: Connection, customer_ids: set[str]) -> dict[str, BonusReferral]:
    """bonus event id -> its referral, for the referrals granted to or by these members."""
    if not customer_ids:
        return {}
    rows = conn.execute(
        select(referrals).where(
            referrals.c.visit_event_id.is_not(None),
            or_(referrals.c.referrer_id.in_(customer_ids), referrals.c.newcomer_id.in_(customer_ids)),
        )
    )
    cap = policy(conn).monthly_cap
    found = {}
    for row in rows:
        referral = _to_referral(row)
        for role in BonusFor:
            found[str(bonus_event_id(referral.id, role))] = BonusReferral(referral, cap)
    return found


def carry(old: Connection, new: Connection) -> int:
    """A restore (kiosk/store/carry.py): the replaced ledger's referrals into the restored one,
    new ones added and known ones brought to the replaced ledger's state (it is the later of the
    two: a referral granted or voided after the backup stays so, with the events that did it).
    Returns how many rows were written."""
    rows = old.execute(select(referrals)).all()
    if not rows:
        return 0
    have = {r.id for r in new.execute(select(referrals.c.id))}
    people = set(new.execute(select(customers.c.id)).scalars())
    written = 0
    for row in rows:
        values = dict(row._mapping)
        if row.id in have:
            new.execute(
                update(referrals)
                .where(referrals.c.id == row.id)
                .values(status=row.status, refusal=row.refusal, visit_event_id=row.visit_event_id)
            )
        elif row.referrer_id in people and row.newcomer_id in people:
            new.execute(insert(referrals).values(**values))
        else:
            continue
        written += 1
    return written
