"""Merges pushed by kiosks, decided by the cloud: the same outcome whatever order they arrive in.

Every merge is kept (`member_merges`). After each one the group of members it touches is
recomputed from all the business's merges and its survivor picked by the shared rule
(loyalty_rules.merges: the earliest-created member, then the smallest id). Every other member of
the group points at the survivor (`merged_into`) and every card of the group belongs to her. Each
row that changes gets a new sequence number, so every kiosk pulls the outcome and converges,
including a kiosk that merged the other way round while offline. Balances stay on their cards
(each card keeps its history); a member's account in a program adds up her live cards there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, insert, select, update

from cloud.models import Card, Customer, MemberMerge
from cloud.schemas_admin import ERASED_NAME
from loyalty_rules.merges import Member, groups, survivor
from loyalty_rules.model import CardStatus

if TYPE_CHECKING:
    from cloud.ledger import _Batch

_customer_t, _card_t, _merge_t = Customer.__table__, Card.__table__, MemberMerge.__table__


class MergeRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _erased(row) -> bool:
    return row.name == ERASED_NAME and row.email is None and row.phone is None


def join(conn: Connection, b: _Batch, event_id: str, keep_id: str, absorb_id: str) -> str:
    """Record one merge and apply its group's outcome; returns the group's survivor."""
    if keep_id == absorb_id:
        raise MergeRefused("merge_same_member")
    bid = b.business_id
    both = {
        r.id: r
        for r in conn.execute(
            select(_customer_t).where(
                _customer_t.c.business_id == bid, _customer_t.c.id.in_([keep_id, absorb_id])
            )
        )
    }
    if len(both) != 2:
        raise MergeRefused("unknown_customer")
    if any(_erased(r) for r in both.values()):
        raise MergeRefused("customer_erased")
    b.seq += 1
    conn.execute(
        insert(_merge_t),
        {"business_id": bid, "event_id": event_id, "keep_id": keep_id, "absorb_id": absorb_id, "seq": b.seq},
    )
    pairs = [
        (r.keep_id, r.absorb_id) for r in conn.execute(select(_merge_t).where(_merge_t.c.business_id == bid))
    ]
    group = next(g for g in groups(pairs) if keep_id in g)
    people = list(
        conn.execute(
            select(_customer_t).where(_customer_t.c.business_id == bid, _customer_t.c.id.in_(sorted(group)))
        )
    )
    chosen = survivor(Member(r.id, r.created_at) for r in people).id
    # every member and card of the group is sent again, changed or not: a till that merged the
    # other way round holds its own outcome and must hear the cloud's for every row of it
    for r in sorted(people, key=lambda r: r.id):
        if r.id == chosen:
            b.merged.pop(r.id, None)
        else:
            b.merged[r.id] = chosen
        b.seq += 1
        conn.execute(
            update(_customer_t)
            .where(_customer_t.c.business_id == bid, _customer_t.c.id == r.id)
            .values(merged_into=None if r.id == chosen else chosen, seq=b.seq)
        )
    _repoint_cards(conn, b, group, chosen)
    return chosen


def _repoint_cards(conn: Connection, b: _Batch, group: frozenset[str], chosen: str) -> None:
    """Every card of the group becomes (or stays) the survivor's, with a new sequence number."""
    stored = conn.execute(
        select(_card_t.c.id).where(
            _card_t.c.business_id == b.business_id, _card_t.c.customer_id.in_(sorted(group))
        )
    ).scalars()
    for card_id in sorted(set(stored) | {i for i, c in b.cards.items() if c.get("customer_id") in group}):
        b.seq += 1
        card = b.cards.get(card_id)
        if card is not None:  # the batch writes it (cloud/ledger.py _store)
            card.update(customer_id=chosen, seq=b.seq)
            b.dirty_cards.add(card_id)
        else:
            conn.execute(
                update(_card_t)
                .where(_card_t.c.business_id == b.business_id, _card_t.c.id == card_id)
                .values(customer_id=chosen, seq=b.seq)
            )


_SIBLINGS = select(_card_t.c.id, _card_t.c.units).where(
    _card_t.c.business_id == bindparam("bid"),
    _card_t.c.customer_id == bindparam("customer_id"),
    _card_t.c.program_id == bindparam("program_id"),
    _card_t.c.status == CardStatus.ACTIVE.value,
)


def account_units(conn: Connection, b: _Batch, card: dict) -> int:
    """Units of the member's whole account in the card's program: after a merge she may hold two
    live cards there, and a redemption spends from their sum (so only the sum going below zero is
    a double redemption)."""
    if card.get("customer_id") is None:
        return card["units"]
    rows = conn.execute(
        _SIBLINGS,
        {"bid": b.business_id, "customer_id": card["customer_id"], "program_id": card["program_id"]},
    ).all()
    units = {r.id: r.units for r in rows}
    for card_id, other in b.cards.items():  # this batch's values are newer than the stored ones
        same_account = (other.get("customer_id"), other["program_id"]) == (
            card["customer_id"],
            card["program_id"],
        )
        if same_account and other["status"] == CardStatus.ACTIVE.value:
            units[card_id] = other["units"]
    units[card["id"]] = card["units"]
    return sum(units.values())
