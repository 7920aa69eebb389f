"""The counter applies a member's A/B arm offline (kiosk/services/counter.py through
loyalty_rules.experiments): experiments pulled once, then no network, on a real SQLite file."""

from __future__ import annotations

import uuid
from dataclasses import replace

from kiosk.domain.model import Role
from kiosk.domain.offers import OfferDraft
from kiosk.domain.refusals import Reason
from kiosk.services import Actor
from kiosk.store import experiments, ledger, sync_repo
from kiosk.sync import wire
from loyalty_rules.experiments import Arm, ExperimentStatus, variant_for

MANAGER = Actor("s2", "Max", Role.MANAGER)
CASHIER = Actor("s1", "Cara", Role.CASHIER)


def _offer(demo, name: str, stamps: int):
    made = demo.services.save_offer(
        OfferDraft(name, stamps, "a free coffee", cooldown_seconds=0), actor=MANAGER
    )
    assert made.ok, made.message
    return made.program


def _member(demo, program_id: str) -> tuple[str, str]:
    out = demo.services.enroll("Ada Lovelace", program_ids=[program_id], actor=CASHIER)
    assert out.ok, out.message
    return out.customer.id, next(iter(out.tokens.values()))


def _pull(demo, arms: list[str | None], member: str, arm: int, status: str = "running") -> str:
    """An experiment as the cloud's pull sends it, its id chosen so that `member` is in `arm`
    (the hash decides; the test picks among ids), stored the way a pull page is."""
    while True:
        body = {
            "id": str(uuid.uuid4()),
            "name": "8 or 10",
            "arms": [{"offer_id": a, "weight": 1} for a in arms],
            "metric": "return_within_days",
            "days": 30,
            "horizon": 200,
            "started_at": wire.timestamp(demo.clock()),
            "status": status,
        }
        found = wire.experiment_from(body)
        if variant_for(found, member) == Arm(arms[arm]):
            break
    with demo.ctx.store.transaction() as conn:
        cursor = sync_repo.get_cursor(conn)
        page = sync_repo.PulledPage(experiments=(found,))
        sync_repo.apply_page(conn, page, business_id=1, cursor=cursor, now=demo.clock())
    return found.id


def _earned(demo, customer_id: str) -> dict[str, int]:
    with demo.ctx.store.reading() as conn:
        return {c.program_id: c.balance.units for c in ledger.cards_of_customer(conn, customer_id)}


def test_arm_b_earns_in_offer_b_not_a(demo):
    ten, eight = _offer(demo, "Ten", 10), _offer(demo, "Eight", 8)
    member, code = _member(demo, ten.id)  # her card is in Ten (arm A) ...
    _pull(demo, [ten.id, eight.id], member, arm=1)  # ... and the hash puts her in Eight (arm B)
    scanned = demo.services.record_scan(code, actor=CASHIER)
    assert scanned.ok, scanned.message
    assert scanned.card.program.id == eight.id
    assert scanned.joined  # her account in Eight opened at this first stamp
    assert _earned(demo, member) == {ten.id: 0, eight.id: 1}
    assert ten.id not in {p.id for p in scanned.open_programs}
    # a "+1" on her old Ten card is refused by name and records nothing
    tapped = demo.services.record_scan(code, actor=CASHIER, program_id=ten.id)
    assert tapped.refusal.reason is Reason.NOT_IN_TEST_ARM
    assert "Ten" in tapped.message
    assert _earned(demo, member) == {ten.id: 0, eight.id: 1}


def test_the_control_arm_neither_sees_nor_earns_the_tested_offer(demo):
    coffee = next(p for p in demo.services.list_offers() if p.name == "Coffee card")
    eight = _offer(demo, "Eight", 8)
    member, code = _member(demo, coffee.id)
    _pull(demo, [None, eight.id], member, arm=0)
    scanned = demo.services.record_scan(code, actor=CASHIER)
    assert scanned.ok, scanned.message
    assert scanned.card.program.id == coffee.id  # offers outside the test apply as ever
    assert eight.id not in {p.id for p in scanned.open_programs}
    tapped = demo.services.record_scan(code, actor=CASHIER, program_id=eight.id)
    assert tapped.refusal.reason is Reason.NOT_IN_TEST_ARM
    assert _earned(demo, member) == {coffee.id: 1}


def test_the_treated_arm_sees_the_offer_and_a_stopped_test_applies_to_everyone(demo):
    coffee = next(p for p in demo.services.list_offers() if p.name == "Coffee card")
    eight = _offer(demo, "Eight", 8)
    member, code = _member(demo, coffee.id)
    first = _pull(demo, [None, eight.id], member, arm=1)
    scanned = demo.services.record_scan(code, actor=CASHIER)
    assert eight.id in {p.id for p in scanned.open_programs}
    assert demo.services.record_scan(code, actor=CASHIER, program_id=eight.id).ok

    _stop(demo, first)  # the cloud stopped it; the next pull says so: Eight is everyone's again
    other, other_code = _member(demo, coffee.id)
    test_id = _pull(demo, [None, eight.id], other, arm=0)
    assert demo.services.record_scan(other_code, actor=CASHIER, program_id=eight.id).refusal
    _stop(demo, test_id)
    assert demo.services.record_scan(other_code, actor=CASHIER, program_id=eight.id).ok


def _stop(demo, test_id: str) -> None:
    with demo.ctx.store.transaction() as conn:
        [stored] = [e for e in experiments.all_experiments(conn) if e.id == test_id]
        assert stored.status is ExperimentStatus.RUNNING
        experiments.put_experiments(conn, [replace(stored, status=ExperimentStatus.STOPPED)])


def test_a_new_member_is_enrolled_in_her_arms_offers(demo):
    coffee = next(p for p in demo.services.list_offers() if p.name == "Coffee card")
    ten, eight = _offer(demo, "Ten", 10), _offer(demo, "Eight", 8)
    anyone, _ = _member(demo, coffee.id)
    test_id = _pull(demo, [ten.id, eight.id], anyone, arm=0)
    with demo.ctx.store.reading() as conn:
        [test] = [e for e in experiments.all_experiments(conn) if e.id == test_id]
    arms_seen = set()
    for _ in range(20):  # both arms: all 20 in one happens once in 500,000 runs
        out = demo.services.enroll("Grace", program_ids=[coffee.id, ten.id], actor=CASHIER)
        assert out.ok, out.message
        mine = variant_for(test, out.customer.id).offer_id
        arms_seen.add(mine)
        assert sorted(v.program.id for v in out.cards) == sorted([coffee.id, mine])
    assert arms_seen == {ten.id, eight.id}
