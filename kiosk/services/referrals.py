"""Referrals at the kiosk (issue 15), offline like every use case: recorded at enrolment (the
"Referred by" field), granted at the newcomer's first qualifying visit, voided by an undo of that
visit. The rules are the shared ones (loyalty_rules.referrals): the abuse rules, the bonus ids.

The counter and points use cases each make one call here, inside their own transaction, so a
bonus is recorded with the visit that earns it or not at all.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kiosk.domain import ledger as ledger_rules
from kiosk.domain.model import Card, CardStatus, Customer, Event, EventKind, Role
from kiosk.domain.outcomes import ReferralGrant, ReferralPolicyOutcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services import members
from kiosk.services.cards import resolve
from kiosk.services.context import Actor, Context
from kiosk.services.events import new_event
from kiosk.store import directory, ledger, meta
from kiosk.store import referrals as store
from kiosk.store.erasure import ERASED_NAME
from kiosk.store.tier_buckets import bucket_zone
from loyalty_rules.referrals import (
    Person,
    Referral,
    ReferralPolicy,
    ReferralStatus,
    bonuses,
    is_first_qualifying_visit,
    policy_problems,
    refusal,
)
from loyalty_rules.tiers import month_of

FIELD = "Referred by"  # the enrolment form's field a problem with the code is shown at
VOID_REASON = "referral bonus: its first visit was undone"


def current_policy(ctx: Context) -> ReferralPolicy:
    with ctx.store.reading() as conn:
        return store.policy(conn)


def set_policy(ctx: Context, chosen: ReferralPolicy, *, actor: Actor | None = None) -> ReferralPolicyOutcome:
    """A manager's referral policy: saved when every field is in range, else each field's problem
    and nothing saved (a cashier changes nothing)."""
    actor = actor or Actor.command_line()
    if not actor.role.at_least(Role.MANAGER):
        return ReferralPolicyOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    problems = policy_problems(chosen)
    if problems:
        field, problem = next(iter(problems.items()))
        return ReferralPolicyOutcome(
            refusal=refuse(Reason.INVALID_INPUT, field=field, problem=problem.value), problems=problems
        )
    with ctx.store.transaction() as conn:
        store.put_policy(conn, chosen)
        meta.audit(
            conn,
            ctx.clock(),
            actor.staff_id,
            actor.name,
            "referral_policy",
            referrer_bonus=chosen.referrer_bonus,
            newcomer_bonus=chosen.newcomer_bonus,
            monthly_cap=chosen.monthly_cap,
        )
    return ReferralPolicyOutcome(policy=chosen)


def referrer_by_code(conn, code: str) -> tuple[Customer, Card] | Refusal:
    """The member whose code or card number the cashier scanned or typed, with that card; or the
    problem at the field when it finds nobody."""
    found = resolve(conn, code.strip())
    if isinstance(found, Refusal):
        return invalid(FIELD, Problem.REFERRER_UNKNOWN)
    customer = directory.get_customer(conn, found.card.customer_id)
    if customer is None:
        return invalid(FIELD, Problem.REFERRER_UNKNOWN)
    return customer, found.card


def _person(customer: Customer, active: bool = True) -> Person:
    return Person(
        customer.id,
        phones=frozenset({customer.phone}) if customer.phone else frozenset(),
        emails=frozenset({customer.email.casefold()}) if customer.email else frozenset(),
        active=active,
    )


def record(
    ctx: Context, conn, referrer: tuple[Customer, Card], newcomer: Customer, now: datetime
) -> Referral:
    """The referral of `newcomer` (being enrolled in this transaction) by `referrer`: pending, or
    refused with its reason. Either way it is recorded and the enrolment goes on."""
    who, card = referrer
    active = card.status is CardStatus.ACTIVE and who.merged_into is None and who.name != ERASED_NAME
    month = month_of(now, bucket_zone(conn))
    refused = refusal(
        store.policy(conn),
        _person(who, active),
        _person(newcomer),
        referrals_this_month=store.count_in_month(conn, who.id, month),
        newcomer_already_referred=any(
            r.status is not ReferralStatus.REFUSED for r in store.of_newcomer(conn, newcomer.id)
        ),
    )
    referral = Referral(
        id=ctx.new_id(),
        referrer_id=who.id,
        newcomer_id=newcomer.id,
        created_at=now,
        month=month,
        status=ReferralStatus.REFUSED if refused else ReferralStatus.PENDING,
        refusal=refused,
    )
    store.insert_referral(conn, referral)
    return referral


def grant_at_first_visit(
    ctx: Context, conn, actor: Actor, card: Card, visit: Event, now: datetime
) -> ReferralGrant | None:
    """`visit` (an earn just recorded on `card`) is the newcomer's first qualifying visit and she
    has a pending referral: both bonuses as `referral` events with the shared ids, the referrer's
    on her account in the same offer (opened now if she has none). Else nothing (one indexed read:
    this runs at every earn)."""
    pending = store.pending_for(conn, card.customer_id)
    if pending is None:
        return None
    visits = sum(c.balance.visits for c in ledger.cards_of_customer(conn, card.customer_id))
    if not is_first_qualifying_visit(visits - 1, voided=False):
        return None
    referrer_account = _referrer_account(ctx, conn, actor, pending.referrer_id, card.program_id, now)
    if referrer_account is None:  # no issuing key to open her account: the promise stays pending
        return None
    policy = store.policy(conn)
    for_referrer, for_newcomer = bonuses(policy, pending.id, pending.referrer_id, pending.newcomer_id)
    for bonus, account in ((for_newcomer, card), (for_referrer, referrer_account)):
        event = new_event(ctx, conn, actor, EventKind.REFERRAL, account, bonus.units, now)
        ledger.append_event(conn, account, _with_id(event, str(bonus.event_id)))
    store.set_status(conn, pending.id, ReferralStatus.GRANTED, visit_event_id=visit.id)
    referrer = directory.get_customer(conn, pending.referrer_id)
    return ReferralGrant(
        referral=pending,
        referrer_name=referrer.name if referrer else "",
        newcomer_units=for_newcomer.units,
        referrer_units=for_referrer.units,
    )


def _with_id(event: Event, event_id: str) -> Event:
    return replace(event, id=event_id)


def _referrer_account(
    ctx: Context, conn, actor: Actor, referrer_id: str, program_id: str, now: datetime
) -> Card | None:
    account = members.account_in(ledger.cards_of_customer(conn, referrer_id), program_id)
    if account is not None and account.status is CardStatus.ACTIVE:
        return account
    key_id = members.issuing_key_id(conn)
    if key_id is None:
        return None
    return members.open_account(
        conn, ctx, actor, members.mint_card(conn, referrer_id, program_id, key_id, now), now
    )


def void_with_visit(ctx: Context, conn, actor: Actor, visit: Event, now: datetime) -> Referral | None:
    """`visit` was just undone: when it was a newcomer's first visit that granted a referral, void
    both bonuses (in the undo's transaction) and the referral with them."""
    granted = store.granted_by_visit(conn, visit.id)
    if granted is None:
        return None
    location_id, device_id = meta.location_and_device(conn)
    for bonus in bonuses(store.policy(conn), granted.id, granted.referrer_id, granted.newcomer_id):
        event = ledger.event_by_id(conn, str(bonus.event_id))
        account = ledger.get_card(conn, event.card_id) if event else None
        if event is None or account is None:
            continue
        void = ledger_rules.void_of(
            event,
            event_id=ctx.new_id(),
            now=now,
            staff_id=actor.staff_id,
            staff_name=actor.name,
            location_id=location_id,
            device_id=device_id,
            reason=VOID_REASON,
        )
        ledger.append_event(conn, account, void)
    store.set_status(conn, granted.id, ReferralStatus.VOIDED)
    return granted
