"""The cashier's use cases: stamp on scan, redeem, undo. Each is one durable transaction."""

from __future__ import annotations

from dataclasses import replace

from kiosk.domain import ledger as ledger_rules
from kiosk.domain import rules
from kiosk.domain.model import Card, CardStatus, EventKind, Program, ProgramKind
from kiosk.domain.outcomes import RedeemOutcome, ScanOutcome, UndoOutcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services import members, online_join
from kiosk.services.cards import Resolved, Unpulled, resolve, view_of
from kiosk.services.context import Actor, Connection, Context, connection
from kiosk.services.events import new_event
from kiosk.services.happy_hours import boost_earn
from kiosk.store import StorageError, directory, ledger, meta
from kiosk.store.experiments import running_experiments


def _where(conn) -> tuple[str | None, str | None]:
    return meta.location_and_device(conn)


def _card_and_program(conn, card_ref: str | bytes | int) -> tuple[Resolved, Program] | Refusal:
    """The account behind a code: after a merge, the member's live cards in its program added up
    (members.account_in), whichever of them was scanned."""
    resolved = resolve(conn, card_ref)
    if isinstance(resolved, Refusal):
        return resolved
    card = resolved.card
    if card.status is CardStatus.ACTIVE:
        account = members.account_in(ledger.cards_of_customer(conn, card.customer_id), card.program_id)
        if account is not None:
            resolved = Resolved(account, resolved.layout_corrected)
    return resolved, directory.get_program(conn, resolved.card.program_id)


def _offline_cap(ctx: Context, conn) -> int | None:
    """The per-card allowance of redemptions not yet confirmed by the cloud; none when standalone."""
    if connection(conn) is Connection.STANDALONE:
        return None
    return ctx.offline_redemption_cap


def _storage_refusal(exc: StorageError) -> Refusal:
    """`storage` tells a full disk and read-only media apart from other trouble, so the screen can
    say what to do (free space in `folder`) instead of a bare "could not save"."""
    found = exc.diagnosis
    return refuse(
        Reason.STORAGE_FAILED,
        problem=str(exc),
        storage=exc.problem,
        folder=str(found.folder) if found else "",
        free_mb=f"{(found.free_bytes or 0) / 1e6:.1f}" if found else "",
    )


def record_scan(
    ctx: Context,
    code: str | bytes | int,
    *,
    quantity: int = 1,
    actor: Actor | None = None,
    program_id: str | None = None,
) -> ScanOutcome:
    """A member's code was scanned (or a program's "+1" tapped on her panel): add `quantity`
    stamps if the rules allow. `program_id`: the program to earn in (a "+1"); without it, the
    bare-scan program (kiosk.services.members). Earning in a running program she has no account
    in yet opens it in the same transaction."""
    actor = actor or Actor.command_line()
    shown = code if isinstance(code, str) else ""
    try:
        with ctx.store.transaction() as conn:
            resolved = resolve(conn, code, unpulled=True)
            now = ctx.clock()
            programs = {p.id: p for p in directory.all_programs(conn)}
            if isinstance(resolved, Unpulled):  # she joined on her phone; the kiosk has not pulled her
                resolved = online_join.take_in(conn, actor, resolved, programs, now)
            if isinstance(resolved, Refusal):
                return ScanOutcome(refusal=resolved, code=shown)
            scanned = resolved.card
            customer = directory.get_customer(conn, scanned.customer_id)
            cards = ledger.cards_of_customer(conn, scanned.customer_id)
            tests = running_experiments(conn)  # her arm in each applies offline

            def refused(refusal: Refusal, focus: Card | None = None) -> ScanOutcome:
                shown_views = members.views(customer, cards, programs)
                focus = focus or scanned
                view = next((v for v in shown_views if v.card.id == focus.id), None)
                return ScanOutcome(
                    refusal=refusal,
                    code=shown,
                    card=view,
                    customer_cards=shown_views,
                    open_programs=members.open_programs(cards, programs, now, tests),
                )

            if scanned.status is CardStatus.REVOKED:  # a revoked code earns nowhere
                return refused(refuse(Reason.CARD_REVOKED))
            if program_id is None:
                found = members.bare_scan_target(conn, programs, scanned, now)
            else:
                found = members.refusal_or_program(programs, program_id)
            if not isinstance(found, Refusal):
                found = members.in_her_arm(programs, tests, customer.id, found, bare=program_id is None)
            if isinstance(found, Refusal):
                return refused(found)
            program = found
            if program.points is not None or program.kind is ProgramKind.POINTS:
                # a points offer earns from the sale's amount, never from a scan or a "+1": show
                # her, record nothing, and the counter asks for the amount
                shown_views = members.views(customer, cards, programs)
                return ScanOutcome(
                    code=shown,
                    card=next((v for v in shown_views if v.card.id == scanned.id), None),
                    customer_cards=shown_views,
                    layout_corrected=resolved.layout_corrected,
                    open_programs=members.open_programs(cards, programs, now, tests),
                    sale_program=program,
                )
            card = members.account_in(cards, program.id)
            joining = card is None
            if card is None:
                key_id = members.issuing_key_id(conn)
                if key_id is None:
                    return refused(invalid("Kiosk", Problem.NO_ISSUING_KEY))
                card = members.mint_card(conn, customer.id, program.id, key_id, now)
            refusal = rules.check_earn(program, card, quantity, now)
            if refusal:
                return refused(refusal, None if joining else card)
            if joining:
                card = members.open_account(conn, ctx, actor, card, now)
                cards.append(card)
            boost = boost_earn(conn, program.id, rules.earn_units(program, quantity), now)
            units = boost.units
            event = new_event(
                ctx, conn, actor, EventKind.EARN, card, units, now, happy_hour_id=boost.hour and boost.hour.id
            )
            after = ledger.append_event(conn, card, event)
            # `after` is the account (a sum, after a merge); the stored card moved by this event only
            cards = [
                replace(c, balance=ledger_rules.apply(c.balance, event), last_earn_at=after.last_earn_at)
                if c.id == after.id
                else c
                for c in cards
            ]
            views = members.views(customer, cards, programs)
            view = next(v for v in views if v.card.id == after.id)
        # leaving the `with` committed durably (synchronous=FULL): only now is it reported done
        return ScanOutcome(
            code=shown,
            card=view,
            event=event,
            units_added=units,
            rewards_unlocked=rules.rewards_unlocked(
                card.balance.units, after.balance.units, program.units_required, program.kind
            ),
            customer_cards=views,
            layout_corrected=resolved.layout_corrected,
            open_programs=members.open_programs(cards, programs, now, tests),
            joined=joining,
            happy_hour=boost.hour,
        )
    except StorageError as exc:
        return ScanOutcome(refusal=_storage_refusal(exc), code=shown)


def redeem(ctx: Context, card_ref: str | int, *, actor: Actor | None = None) -> RedeemOutcome:
    """Give one reward: consumes N stamps and keeps the rest."""
    actor = actor or Actor.command_line()
    try:
        with ctx.store.transaction() as conn:
            found = _card_and_program(conn, card_ref)
            if isinstance(found, Refusal):
                return RedeemOutcome(refusal=found)
            card, program = found[0].card, found[1]
            cap = _offline_cap(ctx, conn)
            pending = ledger.pending_redemptions(conn, card.id) if cap is not None else 0
            refusal = rules.check_redeem(program, card, offline_redemptions=pending, offline_cap=cap)
            if refusal:
                return RedeemOutcome(refusal=refusal, card=view_of(conn, card))
            event = new_event(ctx, conn, actor, EventKind.REDEEM, card, -program.units_required, ctx.clock())
            view = view_of(conn, ledger.append_event(conn, card, event))
        return RedeemOutcome(card=view, event=event)
    except StorageError as exc:
        return RedeemOutcome(refusal=_storage_refusal(exc))


def undo(
    ctx: Context, card_ref: str | int, *, actor: Actor | None = None, event_id: str | None = None
) -> UndoOutcome:
    """Cancel the card's last stamp (or redemption) inside the offer's undo window. `event_id`:
    the event the cashier saw and means to take back; anything recorded since refuses the undo."""
    actor = actor or Actor.command_line()
    try:
        with ctx.store.transaction() as conn:
            found = _card_and_program(conn, card_ref)
            if isinstance(found, Refusal):
                return UndoOutcome(refusal=found)
            card, program = found[0].card, found[1]
            target = ledger.last_standing_event(conn, card.id)
            now = ctx.clock()
            if event_id is not None and (target is None or target.id != event_id):
                target = None  # the event on the cashier's screen is no longer the card's last
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
            view = view_of(conn, ledger.append_event(conn, card, void))
        return UndoOutcome(card=view, voided=target, event=void)
    except StorageError as exc:
        return UndoOutcome(refusal=_storage_refusal(exc))
