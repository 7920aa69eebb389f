"""The cashier's use cases: stamp on scan, redeem, undo. Each is one durable transaction."""

from __future__ import annotations

from kiosk.domain import ledger as ledger_rules
from kiosk.domain import rules
from kiosk.domain.model import Event, EventKind
from kiosk.domain.outcomes import RedeemOutcome, ScanOutcome, UndoOutcome
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services.cards import resolve, view_of, views_of_customer
from kiosk.services.context import Actor, Context
from kiosk.store import StorageError, directory, ledger, meta


def _where(conn) -> tuple[str | None, str | None]:
    return meta.get_setting(conn, "location_id"), meta.get_setting(conn, "device_id")


def _offline_cap(conn) -> int | None:
    """The per-card allowance of redemptions not yet confirmed by the cloud; none when standalone."""
    if not meta.get_setting(conn, "cloud_url"):
        return None
    return int(meta.get_setting(conn, "offline_redemption_cap", "1"))


class _Refused(Exception):
    """Rolls the transaction back and carries the refusal out."""

    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal


def record_scan(
    ctx: Context, code: str | bytes, *, quantity: int = 1, actor: Actor | None = None
) -> ScanOutcome:
    """A card was scanned at the counter: add `quantity` stamps if the rules allow."""
    actor = actor or Actor.command_line()
    shown = code if isinstance(code, str) else ""
    try:
        with ctx.store.transaction() as conn:
            resolved = resolve(conn, code)
            if isinstance(resolved, Refusal):
                raise _Refused(resolved)
            card = resolved.card
            program = directory.get_program(conn, card.program_id)
            now = ctx.clock()
            refusal = rules.check_earn(program, card, quantity, now)
            if refusal:
                view = view_of(conn, card)
                return ScanOutcome(
                    refusal=refusal,
                    code=shown,
                    card=view,
                    customer_cards=views_of_customer(conn, card.customer_id),
                )
            location_id, device_id = _where(conn)
            event = Event(
                id=ctx.new_id(),
                kind=EventKind.EARN,
                card_id=card.id,
                program_id=program.id,
                units=quantity,
                occurred_at=now,
                staff_id=actor.staff_id,
                staff_name=actor.name,
                location_id=location_id,
                device_id=device_id,
            )
            after = ledger.append_event(conn, card, event)
            views = views_of_customer(conn, card.customer_id, replace=after)
            view = next(v for v in views if v.card.id == after.id)
        # leaving the `with` committed durably (synchronous=FULL): only now is it reported done
        return ScanOutcome(
            code=shown,
            card=view,
            event=event,
            units_added=quantity,
            rewards_unlocked=rules.rewards_unlocked(
                card.balance.units, after.balance.units, program.units_required
            ),
            customer_cards=views,
            layout_corrected=resolved.layout_corrected,
        )
    except _Refused as refused:
        return ScanOutcome(refusal=refused.refusal, code=shown)
    except StorageError as exc:
        return ScanOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)), code=shown)


def redeem(ctx: Context, card_ref: str | int, *, actor: Actor | None = None) -> RedeemOutcome:
    """Give one reward: consumes N stamps and keeps the rest."""
    actor = actor or Actor.command_line()
    try:
        with ctx.store.transaction() as conn:
            resolved = resolve(conn, card_ref)
            if isinstance(resolved, Refusal):
                raise _Refused(resolved)
            card = resolved.card
            program = directory.get_program(conn, card.program_id)
            cap = _offline_cap(conn)
            pending = ledger.pending_redemptions(conn, card.id) if cap is not None else 0
            refusal = rules.check_redeem(program, card, offline_redemptions=pending, offline_cap=cap)
            if refusal:
                return RedeemOutcome(refusal=refusal, card=view_of(conn, card))
            location_id, device_id = _where(conn)
            event = Event(
                id=ctx.new_id(),
                kind=EventKind.REDEEM,
                card_id=card.id,
                program_id=program.id,
                units=-program.units_required,
                occurred_at=ctx.clock(),
                staff_id=actor.staff_id,
                staff_name=actor.name,
                location_id=location_id,
                device_id=device_id,
            )
            after = ledger.append_event(conn, card, event)
            view = view_of(conn, after)
        return RedeemOutcome(card=view, event=event)
    except _Refused as refused:
        return RedeemOutcome(refusal=refused.refusal)
    except StorageError as exc:
        return RedeemOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def undo(ctx: Context, card_ref: str | int, *, actor: Actor | None = None) -> UndoOutcome:
    """Cancel the card's last stamp (or redemption) inside the offer's undo window."""
    actor = actor or Actor.command_line()
    try:
        with ctx.store.transaction() as conn:
            resolved = resolve(conn, card_ref)
            if isinstance(resolved, Refusal):
                raise _Refused(resolved)
            card = resolved.card
            program = directory.get_program(conn, card.program_id)
            target = ledger.last_standing_event(conn, card.id)
            now = ctx.clock()
            refusal = rules.check_undo(program, card, target, now)
            if refusal:
                return UndoOutcome(refusal=refusal, card=view_of(conn, card))
            location_id, device_id = _where(conn)
            void = ledger_rules.void_of(
                target,
                event_id=ctx.new_id(),
                now=now,
                staff_id=actor.staff_id,
                staff_name=actor.name,
                location_id=location_id,
                device_id=device_id,
                reason="undo at the counter",
            )
            after = ledger.append_event(conn, card, void)
            view = view_of(conn, after)
        return UndoOutcome(card=view, voided=target, event=void)
    except _Refused as refused:
        return UndoOutcome(refusal=refused.refusal)
    except StorageError as exc:
        return UndoOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))
