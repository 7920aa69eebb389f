"""The owner's data commands: `export FOLDER` (the shop as CSV files), `erase CUSTOMER_ID`
(a customer's personal data, GDPR) and `merge KEEP ABSORB` (two members who are one person).
Like every headless command they run as the owner (Actor.command_line): whoever can run them can
read the data folder anyway.

Exit status: 0 done, 2 refused (the JSON says why), 1 trouble (disk, folder).
"""

from __future__ import annotations

from pathlib import Path

from kiosk.cli.output import emit, exit_status, outcome_json
from kiosk.services import Actor, Services
from kiosk.services.merging import merge_members
from kiosk.services.privacy import erase_customer, export_data


def add_parsers(sub, common) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="write customers, cards and events as CSV files into a new folder inside FOLDER",
    )
    p.add_argument(
        "folder", type=Path, help="an existing folder; a loyalty-export-<time> folder is made in it"
    )
    p.set_defaults(handler=export)
    p = sub.add_parser(
        "erase",
        parents=[common],
        help="erase a customer's name, email and phone and revoke their cards (GDPR; standalone kiosks)",
    )
    p.add_argument("customer_id", help="the customer's id (see `lookup`)")
    p.add_argument("--yes", action="store_true", help="really erase: it cannot be undone")
    p.set_defaults(handler=erase)
    p = sub.add_parser(
        "merge",
        parents=[common],
        help="merge two members who are one person: ABSORB's cards and codes become KEEP's, "
        "balances add up per program (the cloud picks the survivor when tills disagree)",
    )
    p.add_argument("keep", help="the member to keep: her customer id (see `lookup`)")
    p.add_argument("absorb", help="the member who becomes part of KEEP: her customer id")
    p.add_argument("--yes", action="store_true", help="really merge: it cannot be undone here")
    p.set_defaults(handler=merge)


def export(args, services: Services) -> int:
    outcome = export_data(services.ctx, args.folder, actor=Actor.command_line())
    emit(
        outcome_json(
            outcome,
            folder=str(outcome.folder) if outcome.folder else None,
            rows={
                "customers.csv": outcome.customers,
                "cards.csv": outcome.cards,
                "events.csv": outcome.events,
            },
        )
    )
    return exit_status(outcome)


def erase(args, services: Services) -> int:
    if not args.yes:
        emit(
            {
                "ok": False,
                "refused": {
                    "reason": "not_confirmed",
                    "message": "Erasing cannot be undone. Run the command again with --yes.",
                },
            }
        )
        return 2
    outcome = erase_customer(services.ctx, args.customer_id, actor=Actor.command_line())
    emit(
        outcome_json(
            outcome,
            customer_id=outcome.customer.id if outcome.customer else None,
            cards_revoked=[view.card_number for view in outcome.cards],
            audit_entries_scrubbed=outcome.audit_entries_scrubbed,
        )
    )
    return exit_status(outcome)


def _balance(b) -> dict:
    return {"units": b.units, "lifetime": b.lifetime, "redemptions": b.redemptions, "visits": b.visits}


def merge(args, services: Services) -> int:
    if not args.yes:
        emit(
            {
                "ok": False,
                "refused": {
                    "reason": "not_confirmed",
                    "message": "Merging cannot be undone. Run the command again with --yes.",
                },
            }
        )
        return 2
    outcome = merge_members(services.ctx, args.keep, args.absorb, actor=Actor.command_line())
    emit(
        outcome_json(
            outcome,
            kept={"id": outcome.kept.id, "name": outcome.kept.name} if outcome.kept else None,
            absorbed={"id": outcome.absorbed.id, "name": outcome.absorbed.name} if outcome.absorbed else None,
            cards_moved=outcome.cards_moved,
            combined=[
                {
                    "offer": a.program_name,
                    "kept": _balance(a.kept),
                    "absorbed": _balance(a.absorbed),
                    "now": _balance(a.combined),
                }
                for a in outcome.combined
            ],
            accounts=[
                {"offer": v.program.name, "card_number": v.card_number, **_balance(v.card.balance)}
                for v in outcome.accounts
            ],
        )
    )
    return exit_status(outcome)
