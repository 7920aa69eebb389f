"""What a use case did, for the screen (or the command line) to show. Nothing else is
queried afterwards: the UI redraws from these values alone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kiosk.domain.model import Card, CardStatus, Customer, Event, Program, ProgramKind
from kiosk.domain.refusals import Refusal
from loyalty_rules.happy_hours import HappyHour
from loyalty_rules.kinds import rules_for
from loyalty_rules.kinds.points import Expiry, Reward
from loyalty_rules.referrals import Referral, ReferralPolicy, ReferralPolicyProblem
from loyalty_rules.tiers import Standing, Tier, TierChange


@dataclass(frozen=True, slots=True)
class CardView:
    card: Card
    customer: Customer
    program: Program
    card_number: str

    @property
    def rewards_ready(self) -> int:
        return rules_for(self.program.kind).progress(self.program, self.card.balance).rewards_ready

    @property
    def progress(self) -> int:
        """Stamps towards the next reward (7 of 10), by the program kind's rule."""
        return rules_for(self.program.kind).progress(self.program, self.card.balance).towards


def counter_order(views: Iterable[CardView]) -> tuple[CardView, ...]:
    """A customer's cards in the order the counter lists them, the same on every screen and
    every run: live cards before revoked ones, stamp cards before points (Enter stamps the first
    one; a points offer earns from a sale's amount), then by offer name and card number."""
    return tuple(
        sorted(
            views,
            key=lambda v: (
                v.card.status is not CardStatus.ACTIVE,
                v.program.kind is ProgramKind.POINTS,
                v.program.name.casefold(),
                v.card_number,
            ),
        )
    )


@dataclass(frozen=True, slots=True)
class Outcome:
    refusal: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None

    @property
    def message(self) -> str:
        return self.refusal.message if self.refusal else ""


@dataclass(frozen=True, slots=True)
class ScanOutcome(Outcome):
    code: str = ""
    card: CardView | None = None  # after the change
    event: Event | None = None
    units_added: int = 0
    rewards_unlocked: int = 0
    customer_cards: tuple[CardView, ...] = ()  # all of the customer's cards, this one included
    layout_corrected: bool = False  # the scanner's keyboard map swapped Y and Z; we read it anyway
    # running programs she has no account in yet (balance 0): she joins one at her first stamp there
    open_programs: tuple[Program, ...] = ()
    joined: bool = False  # this stamp opened her account in its program (a new card, an enrol event)
    # the scan named a points offer, which earns from the sale's amount, not from a scan: nothing
    # was recorded and the counter asks for the amount (kiosk.services.points.earn_points)
    sale_program: Program | None = None
    happy_hour: HappyHour | None = None  # the happy hour that boosted this stamp (units_added is boosted)
    referral: ReferralGrant | None = None  # this stamp was her first visit: the referral bonuses


@dataclass(frozen=True, slots=True)
class ReferralGrant:
    """A newcomer's first qualifying visit granted her referral's two bonuses (issue 15): the
    result panel says "+N referral bonus" and who referred her."""

    referral: Referral
    referrer_name: str
    newcomer_units: int
    referrer_units: int


@dataclass(frozen=True, slots=True)
class RedeemOutcome(Outcome):
    card: CardView | None = None
    event: Event | None = None


@dataclass(frozen=True, slots=True)
class UndoOutcome(Outcome):
    card: CardView | None = None
    voided: Event | None = None
    event: Event | None = None
    # the undone stamp was a newcomer's first visit: her referral, now voided with both bonuses
    referral_voided: Referral | None = None


@dataclass(frozen=True, slots=True)
class EnrollOutcome(Outcome):
    customer: Customer | None = None
    cards: tuple[CardView, ...] = ()
    tokens: dict[int, str] = field(default_factory=dict)  # card id -> QR text
    # every field's refusal when the form was refused for its fields (`refusal` is the first)
    problems: tuple[Refusal, ...] = ()
    # the member who already has this email or phone: the form offers to add her to the offer
    member: Customer | None = None
    joined: tuple[Program, ...] = ()  # the offers an existing member was just added to
    # "Referred by" was filled: the referral as recorded (pending, or refused with its reason)
    referral: Referral | None = None
    referrer: Customer | None = None


@dataclass(frozen=True, slots=True)
class ContactOutcome(Outcome):
    """A customer's contact details changed (or every field's problem when they were not)."""

    customer: Customer | None = None
    cards: tuple[CardView, ...] = ()
    problems: tuple[Refusal, ...] = ()


@dataclass(frozen=True, slots=True)
class CustomerMatch:
    customer: Customer
    cards: tuple[CardView, ...]


@dataclass(frozen=True, slots=True)
class LookupOutcome(Outcome):
    query: str = ""
    matches: tuple[CustomerMatch, ...] = ()
    card_id: int | None = None  # the card the query named (a scanned code or a card number)


@dataclass(frozen=True, slots=True)
class PointsOutcome(Outcome):
    """A points sale or a catalogue reward given: the account after it, the points it added (or
    the reward it gave), and the rewards the balance affords now (the counter's Redeem list)."""

    card: CardView | None = None  # after the change (before it, on a refusal)
    event: Event | None = None
    points_added: int = 0
    reward: Reward | None = None
    affordable: tuple[Reward, ...] = ()
    happy_hour: HappyHour | None = None  # the happy hour that boosted this sale (points_added is boosted)
    referral: ReferralGrant | None = None  # this sale was her first visit: the referral bonuses
    # the offer's tiers (None: it has none): her tier after the change and the step to the next;
    # `tier_reached`: the tier this earn lifted her to, which the counter celebrates
    standing: Standing | None = None
    tier_reached: Tier | None = None
    tier_demoted: TierChange | None = None  # her tier fell since she was last seen: shown to her
    # her points that lapsed and were recorded when she was seen, before this sale (the panel
    # says so first): kiosk/services/points_expiry.py
    expired: Expiry | None = None


@dataclass(frozen=True, slots=True)
class ReferralPolicyOutcome(Outcome):
    """The shop's referral policy after a manager's change, or each field's problem (nothing
    saved then)."""

    policy: ReferralPolicy | None = None
    problems: dict[str, ReferralPolicyProblem] = field(default_factory=dict)
