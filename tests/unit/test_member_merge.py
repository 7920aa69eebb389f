"""Merging two members who are one person (kiosk/services/merging.py), at one kiosk on a real
SQLite file: the manager's story, what adds up and what must not be counted twice, and every
refusal leaving the file exactly as it was. Two offline tills merging against the real cloud:
tests/sync/test_member_merge.py."""

from __future__ import annotations

import sqlite3

import pytest

import cardtoken
from kiosk.domain.model import EventKind, Role
from kiosk.domain.refusals import Reason
from kiosk.services import Actor
from kiosk.store import ledger, meta, sync_repo

OWNER = Actor(None, "Olivia", Role.OWNER)
MANAGER = Actor("s2", "Max", Role.MANAGER)
CASHIER = Actor("s1", "Cara", Role.CASHIER)


def offer_id(demo, name: str) -> str:
    return next(p.id for p in demo.services.list_offers() if p.name == name)


def member(demo, name: str, *offers: str, **contact) -> tuple[str, dict[str, str]]:
    """A new member with a card in each offer: her id and her codes by offer name."""
    out = demo.services.enroll(
        name, program_ids=[offer_id(demo, o) for o in offers], actor=CASHIER, **contact
    )
    assert out.ok, out.message
    return out.customer.id, {v.program.name: out.tokens[v.card.id] for v in out.cards}


def stamp(demo, code: str, quantity: int):
    demo.clock.advance(3600)  # past every cooldown
    done = demo.services.record_scan(code, quantity=quantity, actor=CASHIER)
    assert done.ok, done.message
    return done


def accounts(views) -> dict[str, tuple[int, int]]:
    return {v.program.name: (v.card.balance.units, v.card.balance.lifetime) for v in views}


def two_graces(demo):
    """Grace signed up twice: 4 Coffee stamps on one code, 4 Coffee and 1 Lunch on the other."""
    grace, codes = member(demo, "Grace Hopper", "Coffee card", phone="+4915112345678")
    demo.clock.advance(60)
    again, other = member(demo, "G. Hopper", "Coffee card", "Lunch club")
    stamp(demo, codes["Coffee card"], 4)
    stamp(demo, other["Coffee card"], 4)
    stamp(demo, other["Lunch club"], 1)
    return grace, codes, again, other


def test_a_manager_merges_grace_into_one_member_and_every_code_shows_her_summed_accounts(demo):
    grace, codes, again, other = two_graces(demo)
    refused = demo.services.redeem(codes["Coffee card"], actor=CASHIER)
    assert refused.refusal.reason is Reason.NOT_ENOUGH_UNITS  # 4 of 10 on either code alone
    report_before = demo.services.report(1, actor=OWNER).report.totals

    merged = demo.services.merge_members(grace, again, actor=MANAGER)

    assert merged.ok, merged.message
    assert (merged.kept.id, merged.absorbed.id, merged.cards_moved) == (grace, again, 2)
    ((coffee,),) = [merged.combined]
    assert (coffee.program_name, coffee.kept.units, coffee.absorbed.units) == ("Coffee card", 4, 4)
    assert (coffee.combined.units, coffee.combined.lifetime, coffee.combined.visits) == (8, 8, 2)
    assert accounts(merged.accounts) == {"Coffee card": (8, 8), "Lunch club": (1, 1)}
    # every code she ever had scans as Grace, with all her programs
    for code in (codes["Coffee card"], other["Coffee card"], other["Lunch club"]):
        seen = demo.services.inspect(code)
        assert seen.card.customer.id == grace
        assert seen.card.card.balance.units == {"Coffee card": 8, "Lunch club": 1}[seen.card.program.name]
        assert accounts(seen.customer_cards) == {"Coffee card": (8, 8), "Lunch club": (1, 1)}
    # her second code's stamps go to the one account; now it pays a reward neither code had
    stamp(demo, other["Coffee card"], 2)
    paid = demo.services.redeem(other["Coffee card"], actor=CASHIER)
    assert paid.ok, paid.message
    balance = paid.card.card.balance
    assert (balance.units, balance.lifetime, balance.redemptions) == (0, 10, 1)
    # both histories stay, each card's cache still equals a recompute over its own events
    with demo.ctx.store.reading() as conn:
        cards = ledger.cards_of_customer(conn, grace)
        assert len(cards) == 3
        for card in cards:
            assert ledger.recompute_balance(conn, card.id) == card.balance
        absorbed_coffee = ledger.get_card(conn, _scanned_card(demo, other["Coffee card"]))
        assert [e.kind for e in ledger.events_of_card(conn, absorbed_coffee.id)][-2:] == [
            EventKind.EARN,
            EventKind.ENROLL,
        ]
        assert sum(c.balance.units for c in cards if c.program_id == offer_id(demo, "Coffee card")) == 0
        entries = meta.audit_entries(conn, action="member_merge")
        pending = [p.event for p in sync_repo.pending_batch(conn, 10_000)]
    assert len(entries) == 1
    assert entries[0]["staff_name"] == "Max"
    merges = [e for e in pending if e.kind is EventKind.MEMBER_MERGE]
    assert [(e.units, e.merge_keep_id, e.merge_absorb_id) for e in merges] == [(0, grace, again)]
    # the merge itself is counted nowhere: the report moved by the 2 stamps and 1 reward only
    report_after = demo.services.report(1, actor=OWNER).report.totals
    assert report_after.stamps == report_before.stamps + 2
    assert report_after.visits == report_before.visits + 1
    assert report_after.rewards == report_before.rewards + 1
    # and her two sign-ups were one new customer, not two
    assert report_after.new_customers == report_before.new_customers - 1
    # a search finds the member she is now, not the absorbed sign-up
    found = demo.services.lookup("Hopper")
    assert [m.customer.id for m in found.matches] == [grace]


def _scanned_card(demo, code: str) -> int:
    from kiosk.services.cards import resolve

    with demo.ctx.store.reading() as conn:
        return resolve(conn, code).card.id


def _file_rows(demo) -> dict[str, list]:
    path = demo.ctx.store.path
    with sqlite3.connect(path) as db:
        return {
            t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("customers", "cards", "events", "outbox", "audit_log")
        }


def _erased(demo, customer_id: str) -> str:
    assert demo.services.erase_customer(customer_id, actor=OWNER).ok
    return customer_id


@pytest.mark.parametrize(
    ("who", "pair", "reason"),
    [
        ("cashier", lambda d, a, b: (a, b), Reason.NOT_ALLOWED),
        ("manager", lambda d, a, b: (a, a), Reason.MERGE_SAME_MEMBER),
        ("manager", lambda d, a, b: (a, "00000000-0000-4000-8000-000000000000"), Reason.MERGE_UNKNOWN_MEMBER),
        ("manager", lambda d, a, b: ("00000000-0000-4000-8000-000000000000", b), Reason.MERGE_UNKNOWN_MEMBER),
        ("manager", lambda d, a, b: (a, _erased(d, b)), Reason.MERGE_ERASED_MEMBER),
    ],
)
def test_a_refused_merge_changes_nothing_and_says_why(demo, who, pair, reason):
    grace, _, again, _ = two_graces(demo)
    keep, absorb = pair(demo, grace, again)
    before = _file_rows(demo)
    refused = demo.services.merge_members(keep, absorb, actor=CASHIER if who == "cashier" else MANAGER)
    assert refused.refusal is not None
    assert refused.refusal.reason is reason
    assert refused.message  # a clear sentence for the screen and the command line
    assert _file_rows(demo) == before


def test_a_member_merged_already_is_refused_and_the_first_merge_stays(demo):
    grace, _, again, _ = two_graces(demo)
    third, _ = member(demo, "Grace H.", "Lunch club")
    assert demo.services.merge_members(grace, again, actor=MANAGER).ok
    before = _file_rows(demo)
    for keep, absorb in ((third, again), (again, third)):
        refused = demo.services.merge_members(keep, absorb, actor=MANAGER)
        assert refused.refusal.reason is Reason.MERGE_ALREADY_MERGED
        assert "G. Hopper" in refused.message
    assert _file_rows(demo) == before


def test_after_a_merge_any_of_her_codes_shows_her_whole_history_newest_first_with_the_merge(demo):
    grace, codes, again, other = two_graces(demo)
    demo.clock.advance(60)
    assert demo.services.merge_members(grace, again, actor=MANAGER).ok
    stamp(demo, other["Lunch club"], 1)  # after the merge, on the card she brought
    for code in (codes["Coffee card"], other["Coffee card"], other["Lunch club"]):
        history = demo.services.card_history(code)
        assert history.ok, history.message
        lines = [(e.kind, history.cards[e.card_id].program_name, e.card_id, e.units) for e in history.events]
        grace_coffee = _scanned_card(demo, codes["Coffee card"])
        her_coffee, her_lunch = (_scanned_card(demo, other[o]) for o in ("Coffee card", "Lunch club"))
        merge_card = next(e.card_id for e in history.events if e.kind is EventKind.MEMBER_MERGE)
        assert lines == [
            (EventKind.EARN, "Lunch club", her_lunch, 1),
            (EventKind.MEMBER_MERGE, "Coffee card", merge_card, 0),
            (EventKind.EARN, "Lunch club", her_lunch, 1),
            (EventKind.EARN, "Coffee card", her_coffee, 4),
            (EventKind.EARN, "Coffee card", grace_coffee, 4),
            (EventKind.ENROLL, "Lunch club", her_lunch, 0),
            (EventKind.ENROLL, "Coffee card", her_coffee, 0),
            (EventKind.ENROLL, "Coffee card", grace_coffee, 0),
        ]
        assert merge_card == grace_coffee  # the kept member's code carries the merge
        times = [e.occurred_at for e in history.events]
        assert times == sorted(times, reverse=True)
        # each line's card says its printed number, and the merge line names both members
        assert {i: c.card_number for i, c in history.cards.items()} == {
            i: cardtoken.format_card_number(i) for i in (grace_coffee, her_coffee, her_lunch)
        }
        assert history.member_names == {grace: "Grace Hopper", again: "G. Hopper"}
