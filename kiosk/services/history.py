"""A member's history (all her cards, also those a merge joined) and managers' balance adjustments."""

from __future__ import annotations

from dataclasses import dataclass, field

import cardtoken
from kiosk.domain.model import Event, EventKind, Role
from kiosk.domain.outcomes import CardView, Outcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services.cards import resolve, view_of
from kiosk.services.context import Actor, Context
from kiosk.services.counter import new_event
from kiosk.store import StorageError, directory, ledger, meta

MAX_ADJUST = 1000


@dataclass(frozen=True, slots=True)
class HistoryCard:
    """Which account a line of the history is on: the program and the card's printed number."""

    program_name: str
    card_number: str


@dataclass(frozen=True, slots=True)
class HistoryOutcome(Outcome):
    card: CardView | None = None
    # newest first: every card of the card's member (after a merge, the cards she brought too),
    # or the card alone when it has no member
    events: tuple[Event, ...] = ()
    location_names: dict[str, str] = field(default_factory=dict)  # id -> name, for "where"
    cards: dict[int, HistoryCard] = field(default_factory=dict)  # card id -> its account, per line
    member_names: dict[str, str] = field(default_factory=dict)  # customer id -> name, for merge lines


@dataclass(frozen=True, slots=True)
class AdjustOutcome(Outcome):
    card: CardView | None = None
    event: Event | None = None


def card_history(ctx: Context, card_ref: str | int, *, limit: int = 200) -> HistoryOutcome:
    """The history of the card's member across all her cards: a merged member's account is her
    cards together, so what happened on the card she brought is her history too."""
    with ctx.store.reading() as conn:
        resolved = resolve(conn, card_ref)
        if isinstance(resolved, Refusal):
            return HistoryOutcome(refusal=resolved)
        card = resolved.card
        cards = ledger.cards_of_customer(conn, card.customer_id) if card.customer_id else [card]
        events = ledger.events_of_cards(conn, [c.id for c in cards], limit)
        programs = {p.id: p.name for p in directory.all_programs(conn)}
        merged = {i for e in events for i in (e.merge_keep_id, e.merge_absorb_id) if i is not None}
        return HistoryOutcome(
            card=view_of(conn, card),
            events=tuple(events),
            location_names=meta.location_names(conn),
            cards={
                c.id: HistoryCard(programs.get(c.program_id, ""), cardtoken.format_card_number(c.id))
                for c in cards
            },
            member_names={i: c.name for i, c in directory.customers_by_ids(conn, sorted(merged)).items()},
        )


def adjust(ctx: Context, card_ref: str | int, units: int, reason: str, *, actor: Actor) -> AdjustOutcome:
    """A manager corrects a balance, always with a reason; the ledger keeps who and why."""
    if not actor.role.at_least(Role.MANAGER):
        return AdjustOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    if isinstance(units, bool) or not isinstance(units, int) or units == 0 or abs(units) > MAX_ADJUST:
        return AdjustOutcome(refusal=invalid("Stamps", Problem.ADJUST_UNITS, max=MAX_ADJUST))
    clean_reason = " ".join((reason or "").split())
    if not clean_reason or len(clean_reason) > 200:
        return AdjustOutcome(refusal=invalid("Reason", Problem.ADJUST_REASON))
    try:
        with ctx.store.transaction() as conn:
            resolved = resolve(conn, card_ref)
            if isinstance(resolved, Refusal):
                return AdjustOutcome(refusal=resolved)
            card = resolved.card
            if card.balance.units + units < 0:
                return AdjustOutcome(refusal=invalid("Stamps", Problem.BALANCE_NEGATIVE))
            now = ctx.clock()
            event = new_event(ctx, conn, actor, EventKind.ADJUST, card, units, now, reason=clean_reason)
            after = ledger.append_event(conn, card, event)
            meta.audit(
                conn,
                now,
                actor.staff_id,
                actor.name,
                "balance_adjusted",
                card_id=card.id,
                card=cardtoken.format_card_number(card.id),
                units=units,
                reason=clean_reason,
            )
            view = view_of(conn, after)
        return AdjustOutcome(card=view, event=event)
    except StorageError as exc:
        return AdjustOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))
