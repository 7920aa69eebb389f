"""One member, one code (kiosk/services/members.py): the stories of issue 14 at one kiosk, on a
real SQLite file. The same story through the cloud is tests/sync/test_member_sync.py."""

from __future__ import annotations

import cardtoken
from kiosk.domain.model import EventKind, ProgramStatus, Role
from kiosk.domain.offers import OfferDraft
from kiosk.domain.refusals import Reason
from kiosk.services import Actor
from kiosk.store import ledger, meta, sync_repo

MANAGER = Actor("s2", "Max", Role.MANAGER)
CASHIER = Actor("s1", "Cara", Role.CASHIER)


def offer(demo, name: str):
    return next(p for p in demo.services.list_offers() if p.name == name)


def grace(demo, *offers: str) -> tuple[str, str]:
    """Grace Hopper with a card in each named offer: her customer id and her (first) code."""
    ids = [offer(demo, name).id for name in offers or ("Coffee card",)]
    out = demo.services.enroll("Grace Hopper", phone="+4915112345678", program_ids=ids, actor=CASHIER)
    assert out.ok, out.message
    first = next(v for v in out.cards if v.program.id == ids[0])
    return out.customer.id, out.tokens[first.card.id]


def tea(demo, **fields):
    draft = OfferDraft("Tea card", 8, "a free tea", **{"cooldown_seconds": 0, **fields})
    made = demo.services.save_offer(draft, actor=MANAGER)
    assert made.ok, made.message
    return made.program


def accounts(outcome) -> dict[str, int]:
    return {v.program.name: v.card.balance.units for v in outcome.customer_cards}


def outbox_kinds(demo) -> list[tuple[str, int]]:
    with demo.ctx.store.reading() as conn:
        return [(p.event.kind.value, p.event.units) for p in sync_repo.pending_batch(conn, 10_000)]


def test_an_existing_member_joins_a_new_program_at_her_next_scan(demo):
    customer_id, code = grace(demo)
    demo.clock.advance(3600)
    made = tea(demo)

    scanned = demo.services.record_scan(code, actor=CASHIER)
    assert scanned.ok, scanned.message
    assert accounts(scanned) == {"Coffee card": 1}  # the bare scan stamps her Coffee card, as ever
    assert made.id in {p.id for p in scanned.open_programs}  # Tea shows, at 0: she joins at a stamp

    before = outbox_kinds(demo)
    plus_one = demo.services.record_scan(scanned.card.card.id, quantity=1, actor=CASHIER, program_id=made.id)
    assert plus_one.ok, plus_one.message
    assert plus_one.joined
    assert plus_one.card.program.id == made.id
    assert accounts(plus_one) == {"Coffee card": 1, "Tea card": 1}
    assert made.id not in {p.id for p in plus_one.open_programs}
    # her new account: a card of hers, opened by an enrol event (0 units) before the stamp
    assert outbox_kinds(demo)[len(before) :] == [("enroll", 0), ("earn", 1)]
    with demo.ctx.store.reading() as conn:
        cards = ledger.cards_of_customer(conn, customer_id)
        pushed = sync_repo.pending_batch(conn, 10_000)
    assert sorted(c.program_id for c in cards) == sorted([offer(demo, "Coffee card").id, made.id])
    enrol = next(p for p in pushed if p.event.kind is EventKind.ENROLL and p.event.program_id == made.id)
    assert (enrol.customer.id, enrol.customer.name) == (customer_id, "Grace Hopper")
    assert enrol.key_id == next(c for c in cards if c.program_id == made.id).key_id

    # her next scan shows both, and a second "+1" on Tea joins nothing new
    demo.clock.advance(3600)
    again = demo.services.record_scan(code, actor=CASHIER)
    assert accounts(again) == {"Coffee card": 2, "Tea card": 1}
    assert made.id not in {p.id for p in again.open_programs}
    second = demo.services.record_scan(code, actor=CASHIER, program_id=made.id)
    assert (second.joined, accounts(second)["Tea card"]) == (False, 2)


def test_one_code_two_programs_each_plus_one_earns_in_its_own(demo):
    _, code = grace(demo)
    lunch = offer(demo, "Lunch club")  # per visit 2, cooldown 300 s
    coffee = offer(demo, "Coffee card")  # cooldown 60 s
    assert demo.services.record_scan(code, actor=CASHIER).ok
    lunch_tap = demo.services.record_scan(code, actor=CASHIER, program_id=lunch.id)
    assert lunch_tap.ok, lunch_tap.message
    assert accounts(lunch_tap) == {"Coffee card": 1, "Lunch club": 1}
    # the same cooldown as a scan: a second Coffee tap in the same visit records nothing
    coffee_tap = demo.services.record_scan(code, actor=CASHIER, program_id=coffee.id)
    assert coffee_tap.refusal.reason is Reason.COOLDOWN
    assert accounts(coffee_tap) == {"Coffee card": 1, "Lunch club": 1}
    demo.clock.advance(61)
    coffee_tap = demo.services.record_scan(code, actor=CASHIER, program_id=coffee.id)
    assert accounts(coffee_tap) == {"Coffee card": 2, "Lunch club": 1}
    assert coffee_tap.card.program.id == coffee.id


def test_a_refused_first_stamp_opens_no_account(demo):
    customer_id, code = grace(demo)
    lunch = offer(demo, "Lunch club")
    before = outbox_kinds(demo)
    over = demo.services.record_scan(code, quantity=3, actor=CASHIER, program_id=lunch.id)
    assert over.refusal.reason is Reason.OVER_VISIT_LIMIT
    assert lunch.id in {p.id for p in over.open_programs}
    unknown = demo.services.record_scan(code, actor=CASHIER, program_id="no-such-offer")
    assert unknown.refusal is not None
    assert not unknown.ok
    demo.services.set_offer_status(lunch.id, ProgramStatus.PAUSED, actor=MANAGER)
    paused = demo.services.record_scan(code, actor=CASHIER, program_id=lunch.id)
    assert paused.refusal.reason is Reason.PROGRAM_PAUSED
    assert lunch.id not in {p.id for p in paused.open_programs}  # only running programs show
    assert outbox_kinds(demo) == before
    with demo.ctx.store.reading() as conn:
        assert len(ledger.cards_of_customer(conn, customer_id)) == 1


def test_the_bare_scan_setting_chooses_the_program_a_scan_stamps(demo):
    _, code = grace(demo)
    lunch = offer(demo, "Lunch club")
    assert demo.services.bare_scan_program() is None
    refused = demo.services.set_bare_scan_program(lunch.id, actor=CASHIER)
    assert refused.refusal.reason is Reason.NOT_ALLOWED
    assert demo.services.set_bare_scan_program("no-such-offer", actor=MANAGER).refusal is not None
    assert demo.services.bare_scan_program() is None

    set_ = demo.services.set_bare_scan_program(lunch.id, actor=MANAGER)
    assert set_.ok
    assert set_.program.id == lunch.id
    assert demo.services.bare_scan_program().id == lunch.id
    with demo.ctx.store.reading() as conn:
        (entry,) = [e for e in meta.audit_entries(conn) if e["action"] == "bare_scan_set"]
    assert (entry["staff_name"], entry["detail"]["offer"]) == ("Max", "Lunch club")

    scanned = demo.services.record_scan(code, actor=CASHIER)  # her Coffee code, a bare scan
    assert scanned.ok, scanned.message
    assert (scanned.card.program.id, scanned.joined) == (lunch.id, True)
    assert accounts(scanned) == {"Coffee card": 0, "Lunch club": 1}

    # a paused choice falls back to the scanned card's own program
    demo.services.set_offer_status(lunch.id, ProgramStatus.PAUSED, actor=MANAGER)
    demo.clock.advance(3600)
    assert demo.services.record_scan(code, actor=CASHIER).card.program.name == "Coffee card"
    assert demo.services.set_bare_scan_program(None, actor=MANAGER).ok
    assert demo.services.bare_scan_program() is None


def test_an_old_printed_code_still_shows_the_whole_member(demo):
    _customer_id, coffee_code = grace(demo, "Coffee card", "Lunch club")
    lunch_code = next(
        t for t in demo.services.lookup("Grace Hopper").matches[0].cards if t.program.name == "Lunch club"
    )
    tea_program = tea(demo)
    demo.services.set_bare_scan_program(offer(demo, "Coffee card").id, actor=MANAGER)
    # her Lunch card's number, printed at enrolment: the scan finds her and stamps her member card
    scanned = demo.services.record_scan(lunch_code.card_number, actor=CASHIER)
    assert scanned.ok, scanned.message
    assert scanned.card.program.name == "Coffee card"
    assert accounts(scanned) == {"Coffee card": 1, "Lunch club": 0}
    assert [p.id for p in scanned.open_programs] == [tea_program.id]
    # a lost card: the new code is her member code (her Coffee card's), not the Lunch card's
    made = demo.services.new_card_code(lunch_code.card.id, actor=MANAGER)
    assert made.ok, made.message
    assert made.card.program.name == "Coffee card"
    assert made.token == coffee_code  # Ed25519 is deterministic: the same code again
    assert cardtoken.decode(made.token).card_id == scanned.card.card.id


def test_enrolling_a_member_again_offers_to_add_her_to_the_offer(demo):
    customer_id, code = grace(demo)
    made = tea(demo)
    again = demo.services.enroll("Grace H.", phone="+4915112345678", program_ids=[made.id], actor=CASHIER)
    assert again.refusal.reason is Reason.DUPLICATE
    assert (again.member.id, again.member.name) == (customer_id, "Grace Hopper")

    joined = demo.services.join_programs(customer_id, [made.id], actor=CASHIER)
    assert joined.ok, joined.message
    assert [p.id for p in joined.joined] == [made.id]
    assert list(joined.tokens.values()) == [code]  # her code stays her code
    assert {v.program.name: v.card.balance.units for v in joined.cards} == {"Coffee card": 0, "Tea card": 0}
    assert outbox_kinds(demo)[-1] == ("enroll", 0)
    # once more is no second account
    twice = demo.services.join_programs(customer_id, [made.id], actor=CASHIER)
    assert twice.ok
    assert twice.joined == ()
    assert len(twice.cards) == 2
    assert demo.services.join_programs("nobody", [made.id], actor=CASHIER).refusal is not None


def test_her_cards_show_member_card_first_in_the_order_she_got_them(demo):
    both = [k.split(" / ")[0] for k in demo.shop.tokens if k.endswith("/ Lunch club")]
    assert len(both) >= 3
    for name in both:
        lunch_code = demo.shop.tokens[f"{name} / Lunch club"]
        scanned = demo.services.record_scan(lunch_code, actor=CASHIER)
        assert scanned.ok, scanned.message
        assert [v.program.name for v in scanned.customer_cards] == ["Coffee card", "Lunch club"]
