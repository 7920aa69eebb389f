"""The points commands for scripts and POS software: `scan CODE --amount 12.50` adds a sale's
points, `redeem CODE --reward ID` gives a catalogue reward. JSON out, exit 0 done, 2 refused.

The amount is machine input: always a dot for decimals ("12.50"), whatever the kiosk's language,
in the shop's currency (its decimals: 2 for EUR, 0 for JPY), read exactly (kiosk.domain.amounts).
"""

from __future__ import annotations

from kiosk.cli.output import emit, exit_status, outcome_json
from kiosk.domain.amounts import decimals_of, parse_amount
from kiosk.domain.model import ProgramStatus
from kiosk.domain.outcomes import PointsOutcome
from kiosk.domain.problems import invalid
from kiosk.services import Services


def _points_offer(services: Services, chosen: str | None) -> str | None:
    """The offer named, else the shop's only running points offer (None: the code's own)."""
    if chosen is not None:
        return chosen
    running = [
        p.id for p in services.list_offers() if p.points is not None and p.status is ProgramStatus.ACTIVE
    ]
    return running[0] if len(running) == 1 else None


def _emit(outcome: PointsOutcome, **extra) -> int:
    balance = outcome.card.card.balance.units if outcome.card is not None else None
    emit(
        outcome_json(
            outcome,
            points=balance,
            affordable=[{"id": r.id, "name": r.name, "cost": r.cost} for r in outcome.affordable],
            **extra,
        )
    )
    return exit_status(outcome)


def scan_with_amount(args, services: Services) -> int:
    amount = parse_amount(args.amount, ".", decimals_of(services.currency_minor_per_unit()))
    if not isinstance(amount, int):
        return _emit(PointsOutcome(refusal=invalid("amount", amount)), points_added=0)
    outcome = services.earn_points(args.code, amount, program_id=_points_offer(services, args.program))
    return _emit(outcome, points_added=outcome.points_added, amount_minor=amount if outcome.ok else None)


def redeem_catalogue_reward(args, services: Services) -> int:
    outcome = services.redeem_reward(args.code, args.reward, program_id=_points_offer(services, args.program))
    reward = outcome.reward
    return _emit(
        outcome, reward={"id": reward.id, "name": reward.name, "cost": reward.cost} if reward else None
    )
