"""Merging two members who turn out to be one person, decided the same way wherever it is decided.

A merge names two customers. Merges join members into groups (A into B and B into C make one
group of three, whichever way each merge points). A group's survivor is fixed by a rule that
needs no clock and no order of arrival: the earliest-created member, then the smallest id. So two
tills that merged differently while offline (A into B on one, B into A on the other) converge on
the same survivor as soon as the cloud has both merges, whatever order it got them in.

A member's account in a program is every live card she holds there; after a merge she may hold
two. Their balances add up (each card keeps its own history); new events go to one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from loyalty_rules.model import Balance


@dataclass(frozen=True, slots=True)
class Member:
    """What the survivor rule reads of a customer."""

    id: str
    created_at: datetime


def groups(pairs: Iterable[tuple[str, str]]) -> list[frozenset[str]]:
    """The groups of members joined by merges (each pair one merge, in either direction)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # any fixed choice: the group is what matters
    found: dict[str, set[str]] = {}
    for x in list(parent):
        found.setdefault(root(x), set()).add(x)
    return sorted((frozenset(g) for g in found.values()), key=min)


def survivor(members: Iterable[Member]) -> Member:
    """The member a group keeps: the earliest-created one, then the smallest id."""
    return min(members, key=lambda m: (m.created_at, m.id))


def combined(balances: Iterable[Balance]) -> Balance:
    """One account over several cards: every number adds up, nothing is lost or counted twice."""
    total = Balance()
    for b in balances:
        total = Balance(
            total.units + b.units,
            total.lifetime + b.lifetime,
            total.redemptions + b.redemptions,
            total.visits + b.visits,
        )
    return total
