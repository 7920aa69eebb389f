"""Enrolling new customers and finding existing ones."""

from __future__ import annotations

from dataclasses import replace

import cardtoken
from kiosk.domain import codes
from kiosk.domain.model import Card, CardStatus, Customer, Program, Role
from kiosk.domain.outcomes import (
    CardView,
    ContactOutcome,
    CustomerMatch,
    EnrollOutcome,
    LookupOutcome,
    ScanOutcome,
    counter_order,
)
from kiosk.domain.people import check_new_customer_fields
from kiosk.domain.phones import is_region
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services import members, referrals
from kiosk.services.cards import resolve, view_of, views_of_customer
from kiosk.services.context import Actor, Context
from kiosk.services.identity import issuing_private_key
from kiosk.store import StorageError, directory, ledger, meta, region
from kiosk.store.experiments import running_experiments

MAX_QUERY = 100


def enroll(
    ctx: Context,
    name: str,
    *,
    email: str | None = None,
    phone: str | None = None,
    marketing_consent: bool = False,
    program_ids: list[str] | None = None,
    actor: Actor | None = None,
    referred_by: str | None = None,
) -> EnrollOutcome:
    """A new customer with a card in each chosen running offer (all running offers by default).
    `referred_by`: the referring member's code or card number, as scanned or typed; a code that
    finds nobody is a problem at its field (nothing enrolled), a referral the rules refuse is
    recorded as refused and she joins all the same (kiosk.services.referrals)."""
    actor = actor or Actor.command_line()
    with ctx.store.reading() as conn:
        phone_region = region.phone_region(conn)
    checked = check_new_customer_fields(name, email, phone, marketing_consent, phone_region)
    if isinstance(checked, tuple):
        return EnrollOutcome(refusal=checked[0], problems=checked)
    now = ctx.clock()
    try:
        with ctx.store.transaction() as conn:
            taken = _taken(conn, checked)
            if taken:
                # she is a member already: the form offers to add her to the offer instead
                member = directory.customer_with_contact(conn, checked.email, checked.phone)
                return EnrollOutcome(refusal=taken[0], problems=taken, member=member)
            programs = _programs_for(conn, program_ids, now)
            if isinstance(programs, Refusal):
                return EnrollOutcome(refusal=programs)
            referrer = None
            if referred_by and referred_by.strip():
                referrer = referrals.referrer_by_code(conn, referred_by)
                if isinstance(referrer, Refusal):
                    return EnrollOutcome(refusal=referrer, problems=(referrer,))
            business_id = int(meta.get_setting(conn, "business_id", "0") or 0)
            key = meta.issuing_key(conn, business_id)
            if key is None:
                return EnrollOutcome(refusal=invalid("Kiosk", Problem.NO_ISSUING_KEY))
            key_id, private = key[0], issuing_private_key(key[1])
            customer = Customer(
                ctx.new_id(), checked.name, checked.email, checked.phone, checked.marketing_consent, now
            )
            directory.insert_customer(conn, customer, now)
            referral = referrals.record(ctx, conn, referrer, customer, now) if referrer else None
            programs = members.in_her_arms(programs, running_experiments(conn), customer.id, now, conn)
            tokens: dict[int, str] = {}
            for program in programs:
                card = members.mint_card(conn, customer.id, program.id, key_id, now)
                members.open_account(conn, ctx, actor, card, now)
                tokens[card.id] = cardtoken.encode(cardtoken.sign(private, business_id, card.id, key_id))
            meta.audit(
                conn,
                now,
                actor.staff_id,
                actor.name,
                "customer_enrolled",
                customer_id=customer.id,
                customer=customer.name,
                consent=customer.marketing_consent,
            )
            views = views_of_customer(conn, customer.id)
        return EnrollOutcome(
            customer=customer,
            cards=views,
            tokens=tokens,
            referral=referral,
            referrer=referrer[0] if referrer else None,
        )
    except StorageError as exc:
        return EnrollOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def join_programs(
    ctx: Context, customer_id: str, program_ids: list[str] | None = None, *, actor: Actor | None = None
) -> EnrollOutcome:
    """Add an existing member to running offers (all of them by default): an account in each she
    has none in yet, as her first stamp there would open. Her code stays her code: `tokens` holds
    her member card's, signed here (the same text again for a card this kiosk issued)."""
    actor = actor or Actor.command_line()
    now = ctx.clock()
    try:
        with ctx.store.transaction() as conn:
            customer = directory.get_customer(conn, customer_id)
            if customer is None:
                return EnrollOutcome(refusal=invalid("Customer", Problem.NO_SUCH_CUSTOMER))
            programs = _programs_for(conn, program_ids, now)
            if isinstance(programs, Refusal):
                return EnrollOutcome(refusal=programs)
            business_id = int(meta.get_setting(conn, "business_id", "0") or 0)
            key = meta.issuing_key(conn, business_id)
            if key is None:
                return EnrollOutcome(refusal=invalid("Kiosk", Problem.NO_ISSUING_KEY))
            cards = ledger.cards_of_customer(conn, customer_id)
            joined = []
            for program in programs:
                if members.account_in(cards, program.id) is None:
                    card = members.mint_card(conn, customer_id, program.id, key[0], now)
                    cards.append(members.open_account(conn, ctx, actor, card, now))
                    joined.append(program)
            if joined:
                meta.audit(
                    conn,
                    now,
                    actor.staff_id,
                    actor.name,
                    "member_joined",
                    customer_id=customer_id,
                    customer=customer.name,
                    offers=[p.name for p in joined],
                )
            code_card = members.member_card(cards, directory.all_programs(conn))
            tokens = {}
            if code_card is not None:
                token = cardtoken.sign(issuing_private_key(key[1]), business_id, code_card.id, key[0])
                tokens[code_card.id] = cardtoken.encode(token)
            views = views_of_customer(conn, customer_id)
        return EnrollOutcome(customer=customer, cards=views, tokens=tokens, joined=tuple(joined))
    except StorageError as exc:
        return EnrollOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def _taken(conn, checked) -> tuple[Refusal, ...]:
    """The email and the phone another customer already has: both at once, each for its field."""
    taken = []
    if checked.email and directory.email_taken(conn, checked.email):
        taken.append(refuse(Reason.DUPLICATE, what="A customer with this email", field="Email"))
    if checked.phone and directory.phone_taken(conn, checked.phone):
        taken.append(refuse(Reason.DUPLICATE, what="A customer with this phone number", field="Phone"))
    return tuple(taken)


def _programs_for(conn, program_ids: list[str] | None, now) -> list[Program] | Refusal:
    running = [p for p in directory.all_programs(conn) if p.is_running(now)]
    if program_ids is None:
        if not running:
            return invalid("Offer", Problem.NO_RUNNING_OFFER)
        return running
    chosen = [p for p in running if p.id in set(program_ids)]
    if len(chosen) != len(set(program_ids)) or not chosen:
        return invalid("Offer", Problem.CHOOSE_RUNNING_OFFER)
    return chosen


def lookup(ctx: Context, query: str) -> LookupOutcome:
    """Find customers by card code or number, phone (or its last 4+ digits), email or any word
    of their name."""
    if not isinstance(query, str) or not query.strip():
        return LookupOutcome(refusal=invalid("Search", Problem.SEARCH_EMPTY))
    if len(query) > MAX_QUERY and len(query) != cardtoken.TOKEN_LEN:
        return LookupOutcome(refusal=invalid("Search", Problem.SEARCH_TOO_LONG), query=query)
    with ctx.store.reading() as conn:
        parsed = codes.parse_code(query)
        if not isinstance(parsed, Refusal):
            resolved = resolve(conn, query)
            if isinstance(resolved, Refusal):
                return LookupOutcome(refusal=resolved, query=query)
            customer = directory.get_customer(conn, resolved.card.customer_id)
            return LookupOutcome(
                query=query,
                matches=(CustomerMatch(customer, views_of_customer(conn, customer.id)),),
                card_id=resolved.card.id,
            )
        found = directory.search_customers(conn, query, region=region.phone_region(conn))
        cards = ledger.cards_of_customers(conn, [c.id for c in found])
        programs = {p.id: p for p in directory.all_programs(conn)}
        matches = tuple(
            CustomerMatch(
                c, counter_order(view_of_known(card, c, programs) for card in members.accounts(cards[c.id]))
            )
            for c in found
        )
    return LookupOutcome(query=query, matches=matches)


def view_of_known(card: Card, customer: Customer, programs: dict[str, Program]) -> CardView:
    return CardView(card, customer, programs[card.program_id], cardtoken.format_card_number(card.id))


def inspect(ctx: Context, code: str | bytes | int) -> ScanOutcome:
    """What a code (or a card id) is, without changing anything (the `card` command, the lookup screen)."""
    text = str(code) if isinstance(code, int) else code if isinstance(code, str) else ""
    with ctx.store.reading() as conn:
        resolved = resolve(conn, code)
        if isinstance(resolved, Refusal):
            return ScanOutcome(refusal=resolved, code=text)
        accounts = views_of_customer(conn, resolved.card.customer_id)
        # a code of a merged member shows her account in its program (the sum of her live cards)
        live = resolved.card.status is CardStatus.ACTIVE
        account = next(
            (
                v
                for v in accounts
                if live
                and v.card.program_id == resolved.card.program_id
                and v.card.status is CardStatus.ACTIVE
            ),
            None,
        )
        return ScanOutcome(
            code=text,
            card=account if account is not None else view_of(conn, resolved.card),
            customer_cards=accounts,
            layout_corrected=resolved.layout_corrected,
        )


def update_contact(
    ctx: Context,
    customer_id: str,
    name: str,
    *,
    email: str | None = None,
    phone: str | None = None,
    actor: Actor,
) -> ContactOutcome:
    """A manager corrects a customer's name, email or phone; the audit log keeps what was there."""
    if not actor.role.at_least(Role.MANAGER):
        return ContactOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    with ctx.store.reading() as conn:
        phone_region = region.phone_region(conn)
    checked = check_new_customer_fields(name, email, phone, False, phone_region)
    if isinstance(checked, tuple):
        return ContactOutcome(refusal=checked[0], problems=checked)
    now = ctx.clock()
    try:
        with ctx.store.transaction() as conn:
            before = directory.get_customer(conn, customer_id)
            if before is None:
                return ContactOutcome(refusal=invalid("Customer", Problem.NO_SUCH_CUSTOMER))
            taken = tuple(
                t
                for t in _taken(conn, checked)
                if not _own(before, t.params.get("field"), checked)  # keeping one's own is no clash
            )
            if taken:
                return ContactOutcome(refusal=taken[0], problems=taken)
            after = replace(before, name=checked.name, email=checked.email, phone=checked.phone)
            directory.update_customer(conn, after, now)
            changed = {
                field: [getattr(before, field), getattr(after, field)]
                for field in ("name", "email", "phone")
                if getattr(before, field) != getattr(after, field)
            }
            if changed:
                meta.audit(
                    conn,
                    now,
                    actor.staff_id,
                    actor.name,
                    "customer_changed",
                    customer_id=customer_id,
                    **changed,
                )
            views = views_of_customer(conn, customer_id)
        return ContactOutcome(customer=after, cards=views)
    except StorageError as exc:
        return ContactOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def _own(before: Customer, field: str | None, checked) -> bool:
    if field == "Email":
        return before.email == checked.email
    if field == "Phone":
        return before.phone == checked.phone
    return False


def phone_region(ctx: Context) -> str:
    """The shop's country, which reads numbers typed without a +country prefix."""
    with ctx.store.reading() as conn:
        return region.phone_region(conn)


def set_phone_region(ctx: Context, code: str, *, actor: Actor) -> str | Refusal:
    """The owner's setting; numbers already stored stay as they are (they are in E.164)."""
    if not actor.role.at_least(Role.OWNER):
        return refuse(Reason.NOT_ALLOWED)
    if not is_region(code):
        return invalid("Country", Problem.COUNTRY_UNKNOWN)
    with ctx.store.transaction() as conn:
        region.set_phone_region(conn, code)
        meta.audit(conn, ctx.clock(), actor.staff_id, actor.name, "phone_region_set", region=code.upper())
    return code.upper()
