"""The business's plan, enforced (the limits themselves are loyalty_rules.plans, shared).

Every check first locks the business row (as `bump_seq` does), then counts: two requests of one
business at the limit cannot both see room for one more on PostgreSQL. A refusal is a 402
problem (`.../plan-limit`): the request was understood and allowed for the caller, but the
business has to pay for more; its `detail` names the plan, the limit and the plan to upgrade to,
and `plan`, `refusal` and `upgrade_to` are extension members a client can read. A kiosk's push
gets the same refusal as a per-event reason code (`PlanRefusal.reason`).
"""

from __future__ import annotations

from sqlalchemy import Connection, and_, func, not_, select, update
from sqlalchemy.orm import Session

from cloud.models import Business, Customer, Location, Offer
from cloud.problems import ApiProblem
from cloud.schemas_admin import ERASED_NAME
from loyalty_rules.plans import (
    LIMITS,
    Plan,
    PlanRefusal,
    detail,
    may_activate_offer,
    may_add_location,
    may_add_member,
    may_use_api,
    upgrade_for,
)

PLAN_LIMIT_STATUS = 402
_business_t, _customer_t = Business.__table__, Customer.__table__

_LOCK_AND_READ_PLAN = (
    update(_business_t).values(seq=_business_t.c.seq).returning(_business_t.c.plan)
)  # .where(id == ...) per call


def locked_plan(conn: Connection, business_id: int) -> Plan:
    """The business's plan, its row locked until the transaction ends (PostgreSQL)."""
    value = conn.execute(_LOCK_AND_READ_PLAN.where(_business_t.c.id == business_id)).scalar_one()
    return Plan(value)


def refused(plan: Plan, refusal: PlanRefusal) -> ApiProblem:
    target = upgrade_for(plan, refusal)
    return ApiProblem(
        PLAN_LIMIT_STATUS,
        "plan-limit",
        detail(plan, refusal),
        title="The plan's limit is reached",
        extra={
            "plan": plan.value,
            "refusal": refusal.reason,
            "upgrade_to": target.value if target else None,
        },
    )


# a member: a customer of her own (not merged into another) who was not erased
MEMBER = and_(
    _customer_t.c.merged_into.is_(None),
    not_(
        and_(
            _customer_t.c.name == ERASED_NAME,
            _customer_t.c.email.is_(None),
            _customer_t.c.phone.is_(None),
        )
    ),
)


def member_count(conn: Connection, business_id: int) -> int:
    query = (
        select(func.count()).select_from(_customer_t).where(_customer_t.c.business_id == business_id, MEMBER)
    )
    return int(conn.execute(query).scalar_one())


def member_refusal(conn: Connection, business_id: int, plan: Plan) -> PlanRefusal | None:
    if LIMITS[plan].members is None:
        return None  # unlimited: no count needed
    return may_add_member(plan, member_count(conn, business_id))


def check_new_member(session: Session, business_id: int) -> None:
    conn = session.connection()
    plan = locked_plan(conn, business_id)
    refusal = member_refusal(conn, business_id, plan)
    if refusal is not None:
        raise refused(plan, refusal)


def active_offer_count(conn: Connection, business_id: int, *, besides: str | None = None) -> int:
    t = Offer.__table__
    query = select(func.count()).select_from(t).where(t.c.business_id == business_id, t.c.status == "active")
    if besides is not None:
        query = query.where(t.c.id != besides)
    return int(conn.execute(query).scalar_one())


def offer_refusal(session: Session, business_id: int, offer_id: str) -> tuple[Plan, PlanRefusal] | None:
    """Whether offer `offer_id` may be (or become) active: the other running offers count."""
    session.flush()  # offers added earlier in this request (an upload of several) count too
    conn = session.connection()
    plan = locked_plan(conn, business_id)
    refusal = may_activate_offer(plan, active_offer_count(conn, business_id, besides=offer_id))
    return None if refusal is None else (plan, refusal)


def check_offer_activation(session: Session, business_id: int, offer_id: str) -> None:
    found = offer_refusal(session, business_id, offer_id)
    if found is not None:
        raise refused(*found)


def check_new_location(session: Session, business_id: int) -> None:
    conn = session.connection()
    plan = locked_plan(conn, business_id)
    t = Location.__table__
    count = conn.execute(select(func.count()).select_from(t).where(t.c.business_id == business_id))
    refusal = may_add_location(plan, int(count.scalar_one()))
    if refusal is not None:
        raise refused(plan, refusal)


def check_api_access(session: Session, business_id: int) -> None:
    """The interfaces for the business's own software (docs/cloud.md "Plans"): enterprise only."""
    plan = Plan(session.execute(select(Business.plan).where(Business.id == business_id)).scalar_one())
    refusal = may_use_api(plan)
    if refusal is not None:
        raise refused(plan, refusal)


def set_plan(session: Session, business_id: int, plan: Plan) -> Plan | None:
    """The operator's change; the plan before, or None when there is no such business. Lowering a
    plan removes nothing: what is over the new limit stays, and only more of it is refused."""
    business = session.get(Business, business_id)
    if business is None:
        return None
    before = Plan(business.plan)
    business.plan = plan.value
    return before
