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
from kiosk.services import members, points_expiry, referrals, tiers
from kiosk.services.cards import resolve, view_of
from kiosk.services.context import Actor, Context
from kiosk.services.counter import _card_and_program, _offline_cap, _storage_refusal
from kiosk.services.events import new_event
from kiosk.services.happy_hours import boost_earn
from kiosk.store import StorageError, directory, ledger
from loyalty_rules.kinds.points import (
    PointsSettings,
    RedeemRefused,
    SaleRefused,
    affordable,
    points_for,
    reward_to_redeem,
)
from loyalty_rules.problems import RedeemProblem
from loyalty_rules.tiers import Standing


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
            demoted = _notice_demotion(ctx, conn, actor, card, settings, now)
            if demoted is not None:
                card = demoted[0]
            customer_id = card.customer_id if isinstance(card, Card) else card
            before = _standing(conn, customer_id, now, settings)
            points = tiers.earned_points(points, before)
            if not isinstance(card, Card):  # her first sale in this offer opens her account there
                key_id = members.issuing_key_id(conn)
                if key_id is None:
                    return PointsOutcome(refusal=invalid("Kiosk", Problem.NO_ISSUING_KEY))
                card = members.open_account(
                    conn, ctx, actor, members.mint_card(conn, card, program.id, key_id, now), now
                )
            # her tier's multiplier first (above), then a happy hour's boost: the cloud undoes the
            # boost and checks the tier (cloud/ledger.py), so the order is the same at both
            boost = boost_earn(conn, program.id, points, now)
            points = boost.units
            tier = before.tier.name if before else None
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
                tier=tier,
            )
            appended = ledger.append_event(conn, card, event)
            # referrals (issue 15): her first visit grants a pending referral's two bonuses
            referral = referrals.grant_at_first_visit(ctx, conn, actor, appended, event, now)
            view = view_of(conn, _card_and_program(conn, appended.id)[0].card if referral else appended)
            after = _standing(conn, customer_id, now, settings)
        # leaving the `with` committed durably: only now is it reported done
        return PointsOutcome(
            card=view,
            event=event,
            points_added=points,
            affordable=affordable(view.card.balance.units, settings),
            happy_hour=boost.hour,
            referral=referral,
            standing=after,
            tier_demoted=demoted[1] if demoted else None,
            tier_reached=tiers.reached(settings.tiers, before, after)
            if settings.tiers and before and after
            else None,
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
            now = ctx.clock()
            # she is seen: lapsed points expire before she spends any, and a tier fall is noted
            card, expired = _expire_first(conn, card, settings, now)
            demoted = _notice_demotion(ctx, conn, actor, card, settings, now)
            if demoted is not None:
                card = demoted[0]
            stands = _standing(conn, card.customer_id, now, settings)
            try:
                reward = reward_to_redeem(
                    reward_id, card.balance.units, settings, stands.tier.name if stands else None
                )
            except RedeemRefused as refused:
                return PointsOutcome(
                    refusal=_redeem_refusal(refused, reward_id, settings),
                    card=view_of(conn, card),
                    affordable=affordable(card.balance.units, settings),
                    standing=stands,
                    tier_demoted=demoted[1] if demoted else None,
                    expired=expired,
                )
            cap = _offline_cap(ctx, conn)
            pending = ledger.pending_redemptions(conn, card.id) if cap is not None else 0
            if cap is not None and pending >= cap:
                return PointsOutcome(
                    refusal=refuse(Reason.OFFLINE_REDEMPTION_CAP, count=pending), card=view_of(conn, card)
                )
            event = new_event(
                ctx, conn, actor, EventKind.REDEEM, card, -reward.cost, now, reward_id=reward.id
            )
            view = view_of(conn, ledger.append_event(conn, card, event))
        return PointsOutcome(
            card=view,
            event=event,
            reward=reward,
            affordable=affordable(view.card.balance.units, settings),
            standing=stands,
            tier_demoted=demoted[1] if demoted else None,
            expired=expired,
        )
    except StorageError as exc:
        return PointsOutcome(refusal=_storage_refusal(exc))


def tier_standing(
    ctx: Context, code: str | bytes | int, program_id: str, *, actor: Actor | None = None
) -> PointsOutcome:
    """Her tier in the points offer `program_id` when the counter shows her (a scan): the step to
    the next tier, and a fall since she was last seen, recorded now (she is seen). An offer
    without tiers answers with no standing; nothing else is written."""
    actor = actor or Actor.command_line()
    try:
        with ctx.store.transaction() as conn:
            found = _points_account(conn, code, program_id)
            if isinstance(found, PointsOutcome):
                return found
            card, _program, settings = found
            if settings.tiers is None:
                return PointsOutcome()
            now = ctx.clock()
            demoted = _notice_demotion(ctx, conn, actor, card, settings, now)
            if demoted is not None:
                card = demoted[0]
            customer_id = card.customer_id if isinstance(card, Card) else card
            stands = _standing(conn, customer_id, now, settings)
            view = view_of(conn, card) if isinstance(card, Card) else None
        return PointsOutcome(
            card=view,
            event=None,
            standing=stands,
            tier_demoted=demoted[1] if demoted else None,
        )
    except StorageError as exc:
        return PointsOutcome(refusal=_storage_refusal(exc))


def _standing(conn, customer_id: str, now, settings: PointsSettings) -> Standing | None:
    """Her standing under the offer's tiers at `now`; None for an offer without tiers."""
    return None if settings.tiers is None else tiers.standing_in(conn, customer_id, now, settings.tiers)


def _notice_demotion(ctx: Context, conn, actor: Actor, card, settings: PointsSettings, now):
    """Her card after recording that her tier fell since she was last seen, and the fall; None
    when it did not (or the offer has no tiers, or she has no account in it yet)."""
    if settings.tiers is None or not isinstance(card, Card):
        return None
    found = tiers.demotion(ctx, conn, actor, card, settings.tiers, now)
    if found is None:
        return None
    event, moved = found
    return ledger.append_event(conn, card, event), moved


def _redeem_refusal(refused: RedeemRefused, reward_id: str, settings: PointsSettings) -> Refusal:
    if refused.problem is RedeemProblem.TIER_TOO_LOW:  # names the tier the reward is kept for
        lowest = next(r.lowest_tier for r in settings.catalogue if r.id == reward_id)
        return invalid("reward", Problem.TIER_TOO_LOW, tier=lowest)
    return invalid("reward", Problem[refused.problem.name])


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
