"""A card's history and managers' balance adjustments."""

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
from kiosk.store import StorageError, ledger, meta

MAX_ADJUST = 1000


@dataclass(frozen=True, slots=True)
class HistoryOutcome(Outcome):
    card: CardView | None = None
    events: tuple[Event, ...] = ()  # newest first
    location_names: dict[str, str] = field(default_factory=dict)  # id -> name, for "where"


@dataclass(frozen=True, slots=True)
class AdjustOutcome(Outcome):
    card: CardView | None = None
    event: Event | None = None


def card_history(ctx: Context, card_ref: str | int, *, limit: int = 200) -> HistoryOutcome:
    with ctx.store.reading() as conn:
        resolved = resolve(conn, card_ref)
        if isinstance(resolved, Refusal):
            return HistoryOutcome(refusal=resolved)
        return HistoryOutcome(
            card=view_of(conn, resolved.card),
            events=tuple(ledger.events_of_card(conn, resolved.card.id, limit)),
            location_names=meta.location_names(conn),
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
