"""Headless counter commands: scan, redeem, undo, card, enroll, lookup, report, demo.

They record exactly what the counter records: the same services, the same rules.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from kiosk.cli import points
from kiosk.cli.output import card_json, emit, exit_status, outcome_json
from kiosk.domain.codes import card_ref
from kiosk.services import Actor, Services
from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN, DEMO_OWNER_PIN, create_demo_shop


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_parsers(sub, common) -> None:
    p = sub.add_parser("scan", parents=[common], help="record a scan of CODE (adds stamps, like the counter)")
    p.add_argument("code", help="the QR text or the printed card number")
    p.add_argument("--quantity", "-n", type=_positive_int, default=1, help="stamps to add (default 1)")
    p.add_argument(
        "--program",
        metavar="OFFER_ID",
        help="earn in this offer (the member joins it at this stamp); default: what a bare scan stamps",
    )
    p.add_argument(
        "--amount",
        metavar="12.50",
        help="a points offer's sale amount in the shop's currency (a dot for decimals): adds its points",
    )
    p.set_defaults(handler=scan)
    p = sub.add_parser("redeem", parents=[common], help="redeem one reward on the card")
    p.add_argument("code")
    p.add_argument("--reward", metavar="REWARD_ID", help="a points offer's catalogue reward to give")
    p.add_argument(
        "--program", metavar="OFFER_ID", help="the points offer (default: the shop's only running one)"
    )
    p.set_defaults(handler=redeem)
    p = sub.add_parser("undo", parents=[common], help="undo the card's last stamp inside its window")
    p.add_argument("code")
    p.set_defaults(handler=undo)
    p = sub.add_parser("card", parents=[common], help="print the card as JSON (changes nothing)")
    p.add_argument("code", help="the QR text, the printed card number, or the card's id")
    p.set_defaults(handler=card)
    p = sub.add_parser("enroll", parents=[common], help="enroll a new customer and print their cards")
    p.add_argument("name")
    p.add_argument("--email")
    p.add_argument("--phone")
    p.add_argument("--consent", action="store_true", help="the customer agreed to marketing messages")
    p.add_argument(
        "--offer", action="append", dest="offers", help="offer id (repeatable; default: all running)"
    )
    p.set_defaults(handler=enroll)
    p = sub.add_parser("lookup", parents=[common], help="find customers by name, phone, email or card number")
    p.add_argument("query")
    p.set_defaults(handler=lookup)
    p = sub.add_parser(
        "report", parents=[common], help="this kiosk's visits, stamps, rewards and new customers as JSON"
    )
    p.add_argument(
        "--days", type=_positive_int, default=1, help="the last N days, today included (default 1)"
    )
    p.set_defaults(handler=report)
    p = sub.add_parser(
        "demo", parents=[common], help="create the demo shop (two offers, 36 customers, QR PNGs)"
    )
    p.add_argument("--qr-dir", type=Path, help="where to write QR PNGs (default: DATA_DIR/demo-qr)")
    p.set_defaults(handler=demo)


def report(args, services: Services) -> int:
    outcome = services.report(args.days, actor=Actor.command_line())
    if not outcome.ok:
        emit(outcome_json(outcome))
        return exit_status(outcome)
    made = outcome.report
    emit(
        outcome_json(
            outcome,
            days=outcome.days,
            start=made.start.isoformat(),
            end=made.end.isoformat(),
            this_kiosk_only=outcome.paired,
            totals=asdict(made.totals),
            by_offer=[
                {"offer_id": pid, "offer": outcome.offer_names.get(pid, ""), **asdict(t)}
                for pid, t in made.by_offer
            ],
            by_staff=[{"staff": name or None, **asdict(t)} for name, t in made.by_staff],
            by_day=[{"day": day.isoformat(), **asdict(t)} for day, t in made.by_day],
        )
    )
    return 0


def scan(args, services: Services) -> int:
    if args.amount is not None:
        return points.scan_with_amount(args, services)
    outcome = services.record_scan(args.code, quantity=args.quantity, program_id=args.program)
    emit(
        outcome_json(
            outcome,
            stamps_added=outcome.units_added,
            rewards_unlocked=outcome.rewards_unlocked,
            keyboard_layout_corrected=outcome.layout_corrected,
            joined=outcome.joined,
        )
    )
    return exit_status(outcome)


def redeem(args, services: Services) -> int:
    if args.reward is not None:
        return points.redeem_catalogue_reward(args, services)
    outcome = services.redeem(args.code)
    emit(outcome_json(outcome))
    return exit_status(outcome)


def undo(args, services: Services) -> int:
    outcome = services.undo(args.code)
    emit(outcome_json(outcome, voided=outcome.voided.id if outcome.voided else None))
    return exit_status(outcome)


def card(args, services: Services) -> int:
    outcome = services.inspect(card_ref(args.code))
    emit(outcome_json(outcome))
    return exit_status(outcome)


def enroll(args, services: Services) -> int:
    outcome = services.enroll(
        args.name, email=args.email, phone=args.phone, marketing_consent=args.consent, program_ids=args.offers
    )
    cards = [dict(card_json(v), qr=outcome.tokens.get(v.card.id)) for v in outcome.cards]
    payload = outcome_json(outcome, cards=cards)
    if outcome.customer:
        payload["customer"] = {
            "id": outcome.customer.id,
            "name": outcome.customer.name,
            "email": outcome.customer.email,
            "phone": outcome.customer.phone,
            "marketing_consent": outcome.customer.marketing_consent,
        }
    emit(payload)
    return exit_status(outcome)


def lookup(args, services: Services) -> int:
    outcome = services.lookup(args.query)
    emit(
        outcome_json(
            outcome,
            matches=[
                {
                    "customer": {
                        "id": m.customer.id,
                        "name": m.customer.name,
                        "email": m.customer.email,
                        "phone": m.customer.phone,
                    },
                    "cards": [card_json(v) for v in m.cards],
                }
                for m in outcome.matches
            ],
        )
    )
    return exit_status(outcome)


def demo(args, services: Services) -> int:
    if services.identity().is_set_up:
        emit(
            {
                "ok": False,
                "refused": {
                    "reason": "already_set_up",
                    "message": "This data folder already holds a shop; use an empty --data-dir.",
                },
            }
        )
        return 2
    qr_dir = args.qr_dir or args.data_dir / "demo-qr"
    shop = create_demo_shop(services.ctx, qr_dir=qr_dir, points=True)  # stamp cards and points
    emit(
        {
            "ok": True,
            "business": shop.business_name,
            "customers": shop.customers,
            "qr_dir": str(qr_dir),
            "qr_files": len(shop.qr_files),
            "pins": {"owner": DEMO_OWNER_PIN, "manager": DEMO_MANAGER_PIN, "cashier": DEMO_CASHIER_PIN},
        }
    )
    return 0
