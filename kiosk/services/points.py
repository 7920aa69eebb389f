"""The cashier's points use cases: points for a sale amount, a catalogue reward for points. Each
is one durable transaction, like a stamp (kiosk.services.counter), and works offline: the points
are the shared rule's (loyalty_rules.kinds.points), which the cloud's push asks again.

A program collects points when it has points settings; its kind joins the registry (and the
offer editor) with the counter's screen.
"""

from __future__ import annotations

from kiosk.domain import rules
from kiosk.domain.model import Card, CardStatus, EventKind
from kiosk.domain.outcomes import PointsOutcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services import members, points_expiry
from kiosk.services.cards import resolve, view_of
from kiosk.services.context import Actor, Context
from kiosk.services.counter import _card_and_program, _offline_cap, _storage_refusal
from kiosk.services.events import new_event
from kiosk.services.happy_hours import boost_earn
from kiosk.store import StorageError, directory, ledger
from loyalty_rules.kinds.points import (
    RedeemRefused,
    SaleRefused,
    affordable,
    points_for,
    reward_to_redeem,
)


def earn_points(
    ctx: Context,
    code: str | bytes | int,
    amount_minor: int,
    *,
    actor: Actor | None = None,
    program_id: str | None = None,
) -> PointsOutcome:
    """A member's code was scanned and the sale's amount typed (integer minor units): add the
    offer's points for it, or say why not (the amount, the minimum spend, the offer, the card).
    `program_id`: the points offer to earn in, when the code is her card in another offer (the
    counter names the offer on screen); she joins it at this first sale, as at a first stamp."""
    actor = actor or Actor.command_line()
    try:
        with ctx.store.transaction() as conn:
            now = ctx.clock()
            found = (
                _points_card(conn, code) if program_id is None else _points_account(conn, code, program_id)
            )
            if isinstance(found, PointsOutcome):
                return found
            card, program, settings = found
            shown = view_of(conn, card) if isinstance(card, Card) else None
            refusal = refuse(Reason.CARD_REVOKED) if shown and card.status is CardStatus.REVOKED else None
            refusal = refusal or rules.program_refusal(program, now)
            # she is seen: points that lapsed since her last visit expire first, whatever the sale
            card, expired = _expire_first(conn, card, settings, now)
            shown = view_of(conn, card) if expired is not None and isinstance(card, Card) else shown
            if refusal:
                return PointsOutcome(refusal=refusal, card=shown, expired=expired)
            try:
                points = points_for(amount_minor, settings)
            except SaleRefused as refused:
                return PointsOutcome(
                    refusal=invalid("amount", Problem[refused.problem.name]), card=shown, expired=expired
                )
            if not isinstance(card, Card):  # her first sale in this offer opens her account there
                key_id = members.issuing_key_id(conn)
                if key_id is None:
                    return PointsOutcome(refusal=invalid("Kiosk", Problem.NO_ISSUING_KEY))
                card = members.open_account(
                    conn, ctx, actor, members.mint_card(conn, card, program.id, key_id, now), now
                )
            boost = boost_earn(conn, program.id, points, now)
            points = boost.units
            event = new_event(
                ctx,
                conn,
                actor,
                EventKind.EARN,
                card,
                points,
                now,
                amount_minor=amount_minor,
                happy_hour_id=boost.hour and boost.hour.id,
            )
            view = view_of(conn, ledger.append_event(conn, card, event))
        # leaving the `with` committed durably: only now is it reported done
        return PointsOutcome(
            card=view,
            event=event,
            points_added=points,
            affordable=affordable(view.card.balance.units, settings),
            happy_hour=boost.hour,
            expired=expired,
        )
    except StorageError as exc:
        return PointsOutcome(refusal=_storage_refusal(exc))


def redeem_reward(
    ctx: Context,
    code: str | bytes | int,
    reward_id: str,
    *,
    actor: Actor | None = None,
    program_id: str | None = None,
) -> PointsOutcome:
    """Give the catalogue reward `reward_id` for its cost in points, if the balance pays for it.
    Earned points stay redeemable when the offer is paused or ended (as stamps do). `program_id`:
    the points offer, when the code is her card in another offer (as for earn_points)."""
    actor = actor or Actor.command_line()
    try:
        with ctx.store.transaction() as conn:
            found = (
                _points_card(conn, code) if program_id is None else _points_account(conn, code, program_id)
            )
            if isinstance(found, PointsOutcome):
                return found
            card, _program, settings = found
            if not isinstance(card, Card):  # no account there yet: no points to pay with
                return PointsOutcome(refusal=invalid("reward", Problem.CANNOT_AFFORD))
            if card.status is CardStatus.REVOKED:
                return PointsOutcome(refusal=refuse(Reason.CARD_REVOKED), card=view_of(conn, card))
            # she is seen: lapsed points expire before she spends any
            card, expired = _expire_first(conn, card, settings, ctx.clock())
            try:
                reward = reward_to_redeem(reward_id, card.balance.units, settings)
            except RedeemRefused as refused:
                return PointsOutcome(
                    refusal=invalid("reward", Problem[refused.problem.name]),
                    card=view_of(conn, card),
                    affordable=affordable(card.balance.units, settings),
                    expired=expired,
                )
            cap = _offline_cap(ctx, conn)
            pending = ledger.pending_redemptions(conn, card.id) if cap is not None else 0
            if cap is not None and pending >= cap:
                return PointsOutcome(
                    refusal=refuse(Reason.OFFLINE_REDEMPTION_CAP, count=pending), card=view_of(conn, card)
                )
            event = new_event(
                ctx, conn, actor, EventKind.REDEEM, card, -reward.cost, ctx.clock(), reward_id=reward.id
            )
            view = view_of(conn, ledger.append_event(conn, card, event))
        return PointsOutcome(
            card=view,
            event=event,
            reward=reward,
            affordable=affordable(view.card.balance.units, settings),
            expired=expired,
        )
    except StorageError as exc:
        return PointsOutcome(refusal=_storage_refusal(exc))


def _expire_first(conn, card, settings, now):
    """Her lapsed points recorded before the sale (kiosk/services/points_expiry.py): the card
    after it and the Expiry, or both as they were. A first sale in the offer has no card yet."""
    if not isinstance(card, Card) or settings.expiry_months is None:  # nothing to ask: no read
        return card, None
    return points_expiry.expire_if_due(conn, card, settings, now, points_expiry.shop_zone(conn))


def _points_account(conn, code: str | bytes | int, program_id: str):
    """Her account in the points offer `program_id`, found from any of her codes; her customer id
    instead when she has none there yet. Or the outcome refusing the code or the offer."""
    resolved = resolve(conn, code)
    if isinstance(resolved, Refusal):
        return PointsOutcome(refusal=resolved)
    scanned = resolved.card
    program = directory.get_program(conn, program_id)
    if program is None:
        return PointsOutcome(refusal=invalid("Offer", Problem.NO_SUCH_OFFER))
    if program.points is None:
        return PointsOutcome(refusal=invalid("code", Problem.NOT_A_POINTS_PROGRAM))
    if scanned.status is CardStatus.REVOKED:  # a revoked code earns nowhere, as at a stamp
        return PointsOutcome(refusal=refuse(Reason.CARD_REVOKED), card=view_of(conn, scanned))
    account = members.account_in(ledger.cards_of_customer(conn, scanned.customer_id), program.id)
    return account or scanned.customer_id, program, program.points


def _points_card(conn, code: str | bytes | int):
    """The scanned card, its program and the program's points settings; or the outcome refusing
    a code that finds no card, or one whose program does not count points."""
    found = _card_and_program(conn, code)
    if isinstance(found, Refusal):
        return PointsOutcome(refusal=found)
    card, program = found[0].card, found[1]
    if program.points is None:
        return PointsOutcome(refusal=invalid("code", Problem.NOT_A_POINTS_PROGRAM), card=view_of(conn, card))
    return card, program, program.points
