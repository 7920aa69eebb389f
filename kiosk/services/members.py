"""A member and her programs: one customer, one code, an account (a card) per program.

A member is a `customers` row; her accounts are her cards, one live card per (customer, program).
Her code is the token of her first card, the member card; every code ever printed for her (an
older one, a second offer's card) resolves card -> customer -> her, with all her programs. A
running program she has no account in yet joins her at her first earn there: a new card minted
exactly as enrolment mints one, and an `enroll` event (0 units) that carries her up to the cloud,
which attaches the card to the customer it already has (cloud/ledger.py).

Two members found to be one person are merged (kiosk/services/merging.py): the absorbed member's
cards become the kept member's, so she may hold two live cards in one program. Her account there
is their sum (`account_in`), and the screens show one account per program (`accounts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import cardtoken
from kiosk.domain.ledger import combined
from kiosk.domain.model import Card, CardStatus, Customer, Event, EventKind, Program, Role
from kiosk.domain.outcomes import CardView, Outcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services.context import Actor, Context
from kiosk.services.events import new_event
from kiosk.store import StorageError, directory, ledger, meta
from loyalty_rules.experiments import Experiment, offer_to_earn, offers_for_member

# the settings key of "bare scan stamps: <program>" (a program id; absent: the scanned card's own)
BARE_SCAN_SETTING = "bare_scan_program"


def mint_card(conn, customer_id: str, program_id: str, key_id: int, now: datetime) -> Card:
    """A new card (account) with a fresh random id under this kiosk's key, not stored yet."""
    card_id = cardtoken.new_card_id()
    while ledger.card_exists(conn, card_id):
        card_id = cardtoken.new_card_id()
    return Card(card_id, customer_id, program_id, key_id, created_at=now)


def enroll_event(conn, ctx: Context, actor: Actor, card: Card, now: datetime) -> Event:
    """The 0-unit event that opens an account; pushed, it carries the customer to the cloud."""
    return new_event(ctx, conn, actor, EventKind.ENROLL, card, 0, now)


def open_account(conn, ctx: Context, actor: Actor, card: Card, now: datetime) -> Card:
    """Store a minted card and its enrolment, in the caller's transaction."""
    ledger.insert_card(conn, card)
    return ledger.append_event(conn, card, enroll_event(conn, ctx, actor, card, now))


def _first_given(programs: list[Program]):
    """Cards in the order she was given them. Cards of one enrolment share a time; they were made
    in the offers' order (`programs` as the store lists them), so that order decides."""
    rank = {p.id: i for i, p in enumerate(programs)}
    floor = datetime.min.replace(tzinfo=UTC)
    return lambda c: (c.created_at or floor, rank.get(c.program_id, len(rank)), c.id)


def member_card(cards: list[Card], programs: list[Program]) -> Card | None:
    """Her code's card: the first one she was given."""
    return min(cards, key=_first_given(programs), default=None)


def account_in(cards: list[Card], program_id: str) -> Card | None:
    """Her account in a program: her live card, else a revoked one (which refuses every earn).
    After a merge she may hold two live cards there: the account is the first of them carrying
    the sum of their balances (loyalty_rules.merges.combined), and new events go to that card."""
    mine = [c for c in cards if c.program_id == program_id]
    live = [c for c in mine if c.status is CardStatus.ACTIVE]
    if len(live) <= 1:
        return live[0] if live else (mine[0] if mine else None)
    first = min(live, key=lambda c: (c.created_at or datetime.min.replace(tzinfo=UTC), c.id))
    earns = [c.last_earn_at for c in live if c.last_earn_at is not None]
    return replace(
        first,
        balance=combined(c.balance for c in live),
        flagged=any(c.flagged for c in live),
        last_earn_at=max(earns, default=None),  # a cooldown runs for the whole account
    )


def accounts(cards: list[Card]) -> list[Card]:
    """Her cards as accounts: one per program she holds live cards in (their sum), and her
    revoked cards as they are. Without a merge, exactly her cards."""
    out: list[Card] = []
    seen: set[str] = set()
    for card in cards:
        if card.status is not CardStatus.ACTIVE:
            out.append(card)
        elif card.program_id not in seen:
            seen.add(card.program_id)
            out.append(account_in(cards, card.program_id))  # type: ignore[arg-type]
    return out


def open_programs(
    cards: list[Card], programs: dict[str, Program], now: datetime, tests: Sequence[Experiment] = ()
) -> tuple[Program, ...]:
    """Running programs she has no account in yet: she joins each at her first stamp there.
    An offer under an A/B test is open to her only in its arm (loyalty_rules.experiments)."""
    held = {c.program_id for c in cards}
    customer_id = cards[0].customer_id if cards else ""
    mine = offers_for_member(programs, tests, customer_id)
    return tuple(p for p in programs.values() if p.id not in held and p.id in mine and p.is_running(now))


def in_her_arms(
    chosen: list[Program], tests: Sequence[Experiment], customer_id: str, now: datetime, conn
) -> list[Program]:
    """The offers a new member is enrolled in, under the running A/B tests: another arm's offer
    becomes her arm's, a tested offer in the control arm is left out. If that leaves none (the
    control arm, only the tested offer chosen) she keeps the chosen cards: she needs a code,
    and the counter refuses earns in the tested offer by name."""
    if not tests:
        return chosen
    programs = {p.id: p for p in directory.all_programs(conn) if p.is_running(now)}
    mine: list[Program] = []
    for program in chosen:
        target = offer_to_earn(program.id, tests, customer_id)
        if target is not None and target in programs and programs[target] not in mine:
            mine.append(programs[target])
    return mine or chosen


def in_her_arm(
    programs: dict[str, Program],
    tests: Sequence[Experiment],
    customer_id: str,
    program: Program,
    *,
    bare: bool,
) -> Program | Refusal:
    """The program this earn goes to under the running A/B tests: `program` if it applies to her;
    for a bare scan, her arm's offer instead of another arm's; otherwise (a "+1" on an offer of
    another arm, or any tested offer in the control arm) a refusal that names it."""
    target = offer_to_earn(program.id, tests, customer_id)
    if target == program.id:
        return program
    if bare and target is not None and target in programs:
        return programs[target]
    return refuse(Reason.NOT_IN_TEST_ARM, program=program.name)


def views(customer: Customer, cards: list[Card], programs: dict[str, Program]) -> tuple[CardView, ...]:
    """Her accounts as the screen shows them, her member card first, then in the order she got
    them; from values already read in this transaction."""
    return tuple(
        CardView(card, customer, programs[card.program_id], cardtoken.format_card_number(card.id))
        for card in sorted(accounts(cards), key=_first_given(list(programs.values())))
        if card.program_id in programs
    )


def issuing_key_id(conn) -> int | None:
    business_id = int(meta.get_setting(conn, "business_id", "0") or 0)
    key = meta.issuing_key(conn, business_id)
    return key[0] if key else None


def bare_scan_target(conn, programs: dict[str, Program], scanned: Card, now: datetime) -> Program:
    """The program a bare scan stamps: the manager's choice while it runs, else the scanned card's
    own (what a scan always did, so a shop that never sets it sees no change)."""
    chosen = programs.get(meta.get_setting(conn, BARE_SCAN_SETTING) or "")
    if chosen is not None and chosen.is_running(now):
        return chosen
    return programs[scanned.program_id]


@dataclass(frozen=True, slots=True)
class BareScanOutcome(Outcome):
    program: Program | None = None  # None: a bare scan stamps the scanned card's own program


def bare_scan_program(ctx: Context) -> Program | None:
    with ctx.store.reading() as conn:
        program_id = meta.get_setting(conn, BARE_SCAN_SETTING)
        return directory.get_program(conn, program_id) if program_id else None


def set_bare_scan_program(ctx: Context, program_id: str | None, *, actor: Actor) -> BareScanOutcome:
    """Managers only, audited: which program a bare scan stamps when several run."""
    if not actor.role.at_least(Role.MANAGER):
        return BareScanOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    try:
        with ctx.store.transaction() as conn:
            program = None
            if program_id is not None:
                program = directory.get_program(conn, program_id)
                if program is None:
                    return BareScanOutcome(refusal=invalid("Offer", Problem.NO_SUCH_OFFER))
                meta.put_setting(conn, BARE_SCAN_SETTING, program.id)
            else:
                meta.delete_setting(conn, BARE_SCAN_SETTING)
            meta.audit(
                conn,
                ctx.clock(),
                actor.staff_id,
                actor.name,
                "bare_scan_set",
                offer=program.name if program else None,
                offer_id=program.id if program else None,
            )
        return BareScanOutcome(program=program)
    except StorageError as exc:
        return BareScanOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def refusal_or_program(programs: dict[str, Program], program_id: str) -> Program | Refusal:
    program = programs.get(program_id)
    return program if program is not None else invalid("Offer", Problem.NO_SUCH_OFFER)
