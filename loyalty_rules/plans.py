"""Plans: what a business may have in the cloud, by what it pays for.

free = 1 active offer, 100 members, 1 location; professional = any number of offers, 1,000
members, 1 location; enterprise = no limits, several locations, and API access (the interfaces
for the business's own software; the cloud says which those are, see docs/cloud.md "Plans").

The cloud enforces them; a kiosk learns a refusal from the cloud's answer (the reason code of a
pushed event) and shows it in its own words. A standalone kiosk has no plan and no limit.

Pure: the counts come in. Each check answers None (allowed) or the refusal.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from loyalty_rules.translatable import QT_TRANSLATE_NOOP

REASON_PREFIX = "plan_"  # a pushed event refused for the plan carries "plan_<refusal name>"


class Plan(enum.Enum):
    FREE = "free"
    PROFESSIONAL = "professional"
    ENTERPRISE = "enterprise"


@dataclass(frozen=True, slots=True)
class PlanLimits:
    """None: no limit."""

    active_offers: int | None
    members: int | None
    locations: int | None
    api_access: bool


LIMITS: dict[Plan, PlanLimits] = {
    Plan.FREE: PlanLimits(active_offers=1, members=100, locations=1, api_access=False),
    Plan.PROFESSIONAL: PlanLimits(active_offers=None, members=1_000, locations=1, api_access=False),
    Plan.ENTERPRISE: PlanLimits(active_offers=None, members=None, locations=None, api_access=True),
}


class PlanRefusal(enum.Enum):
    """What the plan does not allow; the text is the kiosk's (translated), the cloud's `detail`
    is `detail(plan, refusal)`, which also names the plan, the limit and the way up."""

    OFFER_LIMIT = QT_TRANSLATE_NOOP("Plan", "The business's plan allows no more running offers.")
    MEMBER_LIMIT = QT_TRANSLATE_NOOP("Plan", "The business's plan allows no more members.")
    LOCATION_LIMIT = QT_TRANSLATE_NOOP("Plan", "The business's plan allows no more locations.")
    NO_API_ACCESS = QT_TRANSLATE_NOOP("Plan", "The business's plan does not include API access.")

    @property
    def reason(self) -> str:
        """The code a refused push result carries, e.g. `plan_member_limit`."""
        return REASON_PREFIX + self.name.lower()


def refusal_of_reason(reason: str | None) -> PlanRefusal | None:
    """The refusal a cloud's reason names, or None for any other reason. The reason is the code
    (`plan_member_limit`, a pushed event's) or the code, a colon and the cloud's sentence (an
    uploaded offer's: "plan_offer_limit: The free plan allows ...")."""
    code = (reason or "").split(":", 1)[0]
    if not code.startswith(REASON_PREFIX):
        return None
    return PlanRefusal.__members__.get(code[len(REASON_PREFIX) :].upper())


def _under(limit: int | None, count: int) -> bool:
    return limit is None or count < limit


def may_activate_offer(plan: Plan, active_offers: int) -> PlanRefusal | None:
    """One more running (active) offer, with `active_offers` running now (the one being
    activated not among them). Paused and archived offers never count."""
    return None if _under(LIMITS[plan].active_offers, active_offers) else PlanRefusal.OFFER_LIMIT


def may_add_member(plan: Plan, members: int) -> PlanRefusal | None:
    """One more member, with `members` now (merged-away and erased members not counted)."""
    return None if _under(LIMITS[plan].members, members) else PlanRefusal.MEMBER_LIMIT


def may_add_location(plan: Plan, locations: int) -> PlanRefusal | None:
    return None if _under(LIMITS[plan].locations, locations) else PlanRefusal.LOCATION_LIMIT


def may_use_api(plan: Plan) -> PlanRefusal | None:
    return None if LIMITS[plan].api_access else PlanRefusal.NO_API_ACCESS


_LIMIT_WORDS = {
    PlanRefusal.OFFER_LIMIT: lambda limits: f"{limits.active_offers} running offer(s)",
    PlanRefusal.MEMBER_LIMIT: lambda limits: f"{limits.members:,} members",
    PlanRefusal.LOCATION_LIMIT: lambda limits: f"{limits.locations} location(s)",
}


_LIMIT_FIELD = {
    PlanRefusal.OFFER_LIMIT: "active_offers",
    PlanRefusal.MEMBER_LIMIT: "members",
    PlanRefusal.LOCATION_LIMIT: "locations",
}


def upgrade_for(plan: Plan, refusal: PlanRefusal) -> Plan | None:
    """The smallest plan above `plan` that lifts this refusal's limit (one step up is not always
    enough: professional still has one location and no API); None above enterprise."""
    order = list(Plan)
    for higher in order[order.index(plan) + 1 :]:
        limits, now = LIMITS[higher], LIMITS[plan]
        if refusal is PlanRefusal.NO_API_ACCESS:
            if limits.api_access:
                return higher
            continue
        field = _LIMIT_FIELD[refusal]
        new, old = getattr(limits, field), getattr(now, field)
        if new is None or (old is not None and new > old):
            return higher
    return None


def detail(plan: Plan, refusal: PlanRefusal) -> str:
    """The English sentence for the cloud's problem `detail`: the plan, its limit, the way up."""
    if refusal is PlanRefusal.NO_API_ACCESS:
        what = f"The {plan.value} plan does not include API access"
    else:
        allowed = _LIMIT_WORDS[refusal](LIMITS[plan])
        what = f"The {plan.value} plan allows {allowed}, and this business has reached that"
    target = upgrade_for(plan, refusal)
    if target is None:  # pragma: no cover - enterprise refuses nothing
        return what + "."
    return f"{what}. Upgrade to the {target.value} plan (ask the cloud's operator) to go on."
