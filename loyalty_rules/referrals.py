"""Referrals: a member brings a friend; both get a bonus once the friend's first visit counts.

At enrolment the cashier scans or types the referring member's code. The referral is only a
promise until the newcomer's first qualifying visit (her first earn) is recorded; then each of
the two gets her bonus as a `referral` event. Undoing that first visit voids both bonuses.
Whichever till records the first visit, and the cloud replaying it, derive the bonus events'
ids from the referral (`bonus_event_id`), so a bonus is granted once however many places see it.

The abuse rules, each refusal with its reason for the cashier: nobody refers herself (the same
member, or a newcomer with the referrer's phone or email); a referrer earns at most `monthly_cap`
referrals per calendar month of the shop's clock; a member is referred once; a revoked or
merged-away referrer refers nobody.

Pure: the people, the counts and the moments come in.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime

from loyalty_rules.translatable import QT_TRANSLATE_NOOP

CAP_RANGE = (1, 50)
BONUS_RANGE = (1, 50)
_BONUS_NAMESPACE = uuid.UUID("0b6f6f3e-8a0c-4a8f-b3f4-5e2c1d9a7b42")


@dataclass(frozen=True, slots=True)
class ReferralPolicy:
    referrer_bonus: int  # units (stamps or points) the referring member gets
    newcomer_bonus: int  # units the new member gets, on top of what her visit earns
    monthly_cap: int  # referrals per referrer per calendar month that earn a bonus


@dataclass(frozen=True, slots=True)
class Person:
    """A member as the referral rules see her: her id and her contact details, normalised by the
    caller (phone numbers in E.164, emails case-folded), empty when not given."""

    member_id: str
    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    active: bool = True  # False when revoked, erased or merged into another member


class ReferralRefusal(enum.Enum):
    SELF = QT_TRANSLATE_NOOP("Referral", "A customer cannot refer herself.")
    SAME_CONTACT = QT_TRANSLATE_NOOP(
        "Referral", "The new customer has the referrer's phone number or email, so no referral bonus."
    )
    REFERRER_INACTIVE = QT_TRANSLATE_NOOP(
        "Referral", "That referral code belongs to a card that is no longer active."
    )
    ALREADY_REFERRED = QT_TRANSLATE_NOOP("Referral", "This customer was already referred by someone.")
    CAP_REACHED = QT_TRANSLATE_NOOP(
        "Referral", "This referrer has reached this month's limit of referrals; the new customer still joins."
    )


class ReferralPolicyProblem(enum.Enum):
    BONUS = QT_TRANSLATE_NOOP("Referral", "A bonus of 1 to 50.")
    CAP = QT_TRANSLATE_NOOP("Referral", "Between 1 and 50 referrals a month.")


def policy_problems(policy: ReferralPolicy) -> dict[str, ReferralPolicyProblem]:
    found: dict[str, ReferralPolicyProblem] = {}
    for name in ("referrer_bonus", "newcomer_bonus"):
        value = getattr(policy, name)
        if isinstance(value, bool) or not BONUS_RANGE[0] <= value <= BONUS_RANGE[1]:
            found[name] = ReferralPolicyProblem.BONUS
    cap = policy.monthly_cap
    if isinstance(cap, bool) or not CAP_RANGE[0] <= cap <= CAP_RANGE[1]:
        found["monthly_cap"] = ReferralPolicyProblem.CAP
    return found


def refusal(
    policy: ReferralPolicy,
    referrer: Person,
    newcomer: Person,
    *,
    referrals_this_month: int,
    newcomer_already_referred: bool,
) -> ReferralRefusal | None:
    """Why this referral earns no bonus, or None when it will once the first visit counts.

    `referrals_this_month` counts the referrer's referrals already accepted in the shop's current
    calendar month (tiers.month_of gives the month). A refusal never stops the enrolment itself."""
    if referrer.member_id == newcomer.member_id:
        return ReferralRefusal.SELF
    if (referrer.phones & newcomer.phones) or (referrer.emails & newcomer.emails):
        return ReferralRefusal.SAME_CONTACT
    if not referrer.active:
        return ReferralRefusal.REFERRER_INACTIVE
    if newcomer_already_referred:
        return ReferralRefusal.ALREADY_REFERRED
    if referrals_this_month >= policy.monthly_cap:
        return ReferralRefusal.CAP_REACHED
    return None


class ReferralStatus(enum.Enum):
    """Where a referral stands: a promise (pending) until the newcomer's first qualifying visit
    grants both bonuses; refused at once by an abuse rule (with its reason); voided when that
    first visit was undone (final: the bonus ids are spent)."""

    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"
    VOIDED = "voided"


@dataclass(frozen=True, slots=True)
class Referral:
    """Who referred whom and when, as recorded at the newcomer's enrolment. `month` is the shop's
    calendar month of `created_at` (tiers.month_of), which the monthly cap counts by."""

    id: str
    referrer_id: str
    newcomer_id: str
    created_at: datetime
    month: int
    status: ReferralStatus
    refusal: ReferralRefusal | None = None
    visit_event_id: str | None = None  # the first qualifying visit that granted the bonuses

    @property
    def counts_for_cap(self) -> bool:
        """Whether it takes one of the referrer's places this month: accepted, granted or not yet."""
        return self.status in (ReferralStatus.PENDING, ReferralStatus.GRANTED, ReferralStatus.VOIDED)


class BonusFor(enum.Enum):
    REFERRER = "referrer"
    NEWCOMER = "newcomer"


@dataclass(frozen=True, slots=True)
class Bonus:
    event_id: uuid.UUID
    member_id: str
    units: int
    role: BonusFor


def bonus_event_id(referral_id: str, role: BonusFor) -> uuid.UUID:
    return uuid.uuid5(_BONUS_NAMESPACE, f"{referral_id}|{role.value}")


def bonuses(
    policy: ReferralPolicy, referral_id: str, referrer_id: str, newcomer_id: str
) -> tuple[Bonus, Bonus]:
    """The two bonus events the newcomer's first qualifying visit grants, with ids that are the
    same wherever that visit is recorded; voiding the visit voids exactly these."""
    return (
        Bonus(
            bonus_event_id(referral_id, BonusFor.REFERRER),
            referrer_id,
            policy.referrer_bonus,
            BonusFor.REFERRER,
        ),
        Bonus(
            bonus_event_id(referral_id, BonusFor.NEWCOMER),
            newcomer_id,
            policy.newcomer_bonus,
            BonusFor.NEWCOMER,
        ),
    )


def is_first_qualifying_visit(earns_before: int, voided: bool) -> bool:
    """Whether an earn is the newcomer's first qualifying visit: no earn of hers counted before it
    (earns undone do not count) and it is not itself undone."""
    return earns_before == 0 and not voided
