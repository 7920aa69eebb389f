"""Merging two members who turn out to be one person (same phone, two sign-ups): a manager's
decision, audited, in one transaction, and safe offline.

The absorbed member's cards become the kept member's; every code she ever had still scans and
shows the kept member, and both histories stay (each card keeps its events). Where both held a
live card in one program, the account is the sum of the two (kiosk.services.members.account_in):
balances and lifetimes add up, nothing moves between cards, so no report counts anything twice.
A `member_merge` event (0 units, both customer ids) carries the merge to the cloud, which decides
the survivor when two tills merged differently while offline (cloud/merges.py); the next pull
brings its decision here.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.model import Balance, Card, CardStatus, Customer, Event, EventKind, Role
from kiosk.domain.outcomes import CardView, Outcome
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services import members
from kiosk.services.cards import views_of_customer
from kiosk.services.context import Actor, Context
from kiosk.services.events import new_event
from kiosk.store import StorageError, directory, erasure, ledger, meta


@dataclass(frozen=True, slots=True)
class CombinedAccount:
    """A program in which both members held a live card: what each had and what she has now."""

    program_id: str
    program_name: str
    kept: Balance
    absorbed: Balance
    combined: Balance


@dataclass(frozen=True, slots=True)
class MergeOutcome(Outcome):
    kept: Customer | None = None
    absorbed: Customer | None = None
    cards_moved: int = 0
    combined: tuple[CombinedAccount, ...] = ()  # programs whose balances added up
    accounts: tuple[CardView, ...] = ()  # the kept member's accounts after the merge
    event: Event | None = None


def _erased(customer: Customer) -> bool:
    return customer.name == erasure.ERASED_NAME and not customer.email and not customer.phone


def _check(conn, keep_id: str, absorb_id: str) -> tuple[Customer, Customer] | Refusal:
    if keep_id == absorb_id:
        return refuse(Reason.MERGE_SAME_MEMBER)
    found: list[Customer] = []
    for customer_id in (keep_id, absorb_id):
        customer = directory.get_customer(conn, customer_id)
        if customer is None:
            return refuse(Reason.MERGE_UNKNOWN_MEMBER, member=customer_id)
        if _erased(customer):
            return refuse(Reason.MERGE_ERASED_MEMBER)
        if customer.merged_into is not None:
            return refuse(Reason.MERGE_ALREADY_MERGED, name=customer.name)
        found.append(customer)
    return found[0], found[1]


def _live(cards: list[Card], program_id: str) -> list[Card]:
    return [c for c in cards if c.program_id == program_id and c.status is CardStatus.ACTIVE]


def merge_members(ctx: Context, keep_id: str, absorb_id: str, *, actor: Actor) -> MergeOutcome:
    """Managers and owners only. `absorb_id` becomes part of `keep_id`; refused (and nothing
    changes) for one member twice, an unknown, erased or already merged member."""
    if not actor.role.at_least(Role.MANAGER):
        return MergeOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    try:
        with ctx.store.transaction() as conn:
            checked = _check(conn, keep_id, absorb_id)
            if isinstance(checked, Refusal):
                return MergeOutcome(refusal=checked)
            kept, absorbed = checked
            programs = directory.all_programs(conn)
            names = {p.id: p.name for p in programs}
            kept_cards = ledger.cards_of_customer(conn, kept.id)
            absorbed_cards = ledger.cards_of_customer(conn, absorbed.id)
            # the event needs a card the cloud knows of: the kept member's code, else hers
            carrier = members.member_card(kept_cards, programs) or members.member_card(
                absorbed_cards, programs
            )
            if carrier is None:
                return MergeOutcome(refusal=refuse(Reason.MERGE_NO_CARD))
            combined = tuple(
                CombinedAccount(
                    program_id,
                    names.get(program_id, ""),
                    members.account_in(kept_cards, program_id).balance,  # type: ignore[union-attr]
                    members.account_in(absorbed_cards, program_id).balance,  # type: ignore[union-attr]
                    members.account_in(kept_cards + absorbed_cards, program_id).balance,  # type: ignore[union-attr]
                )
                for program_id in sorted({c.program_id for c in absorbed_cards})
                if _live(kept_cards, program_id) and _live(absorbed_cards, program_id)
            )
            ledger.move_cards(conn, absorbed.id, kept.id)
            directory.mark_merged(conn, absorbed.id, kept.id)
            now = ctx.clock()
            event = new_event(
                ctx,
                conn,
                actor,
                EventKind.MEMBER_MERGE,
                carrier,
                0,
                now,
                merge_keep_id=kept.id,
                merge_absorb_id=absorbed.id,
            )
            ledger.append_event(conn, carrier, event)
            meta.audit(
                conn,
                now,
                actor.staff_id,
                actor.name,
                "member_merge",
                kept=kept.name,
                kept_id=kept.id,
                absorbed=absorbed.name,
                absorbed_id=absorbed.id,
                cards_moved=len(absorbed_cards),
                combined=[a.program_name for a in combined],
            )
            accounts = views_of_customer(conn, kept.id)
        return MergeOutcome(
            kept=kept,
            absorbed=absorbed,
            cards_moved=len(absorbed_cards),
            combined=combined,
            accounts=accounts,
            event=event,
        )
    except StorageError as exc:
        return MergeOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))
