"""Referral bonuses at the cloud's push (issue 15; TestClient, SQLite and PostgreSQL): a
`referral` event is taken only with the id loyalty_rules.referrals gives a bonus of the referral
it names, on that member's card, after the newcomer's counted first visit, and under the abuse
rules asked again with the cloud's own counts; each refusal names its reason."""

from __future__ import annotations

import uuid

import cardtoken
from loyalty_rules.referrals import BonusFor, bonus_event_id


def _member(cloud, kiosk, offer: str, name: str, phone: str | None = None) -> tuple[str, int]:
    customer_id, card_id = str(uuid.uuid4()), cardtoken.new_card_id()
    customer = {"id": customer_id, "name": name, "email": None, "phone": phone, "marketing_consent": False}
    enrol = cloud.event("enroll", card_id, offer, 0, customer=customer, key_id=kiosk.key_id)
    assert cloud.push(kiosk, enrol)[0]["status"] == "accepted"
    return customer_id, card_id


def _referral(cloud, referrer: str, newcomer: str, visit: str, cap: int = 5, referral_id: str | None = None):
    return {
        "id": referral_id or str(uuid.uuid4()),
        "referrer_customer_id": referrer,
        "newcomer_customer_id": newcomer,
        "created_at": cloud.clock().isoformat(),
        "visit_event_id": visit,
        "monthly_cap": cap,
    }


def _bonuses(cloud, offer, referral, referrer_card, newcomer_card, units=(2, 1)) -> list[dict]:
    return [
        {
            **cloud.event("referral", card, offer, n, referral=referral),
            "id": str(bonus_event_id(referral["id"], role)),
        }
        for role, card, n in (
            (BonusFor.REFERRER, referrer_card, units[0]),
            (BonusFor.NEWCOMER, newcomer_card, units[1]),
        )
    ]


def _units(cloud, owner, card_id) -> int:
    r = cloud.client.get(f"/api/v1/cards/{card_id}", headers=owner.headers)
    assert r.status_code == 200, r.text
    return r.json()["balance"]["units"]


def _visit(cloud, kiosk, offer, card) -> str:
    earn = cloud.event("earn", card, offer, 1)
    assert cloud.push(kiosk, earn)[0]["status"] == "accepted"
    return earn["id"]


def test_both_bonuses_of_a_referral_after_the_first_visit_are_taken_once(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    ana, ana_card = _member(cloud, kiosk, offer, "Ana")
    nina, nina_card = _member(cloud, kiosk, offer, "Nina")
    visit = _visit(cloud, kiosk, offer, nina_card)
    bonuses = _bonuses(cloud, offer, _referral(cloud, ana, nina, visit), ana_card, nina_card)

    results = cloud.push(kiosk, *bonuses)

    assert [r["status"] for r in results] == ["accepted", "accepted"], results
    assert (_units(cloud, owner, ana_card), _units(cloud, owner, nina_card)) == (2, 2)
    assert [r["status"] for r in cloud.push(kiosk, *bonuses)] == ["duplicate", "duplicate"]
    voids = [cloud.event("void", b["card_id"], offer, -b["units"], ref_event_id=b["id"]) for b in bonuses]
    assert [r["status"] for r in cloud.push(kiosk, *voids)] == ["accepted", "accepted"]
    assert (_units(cloud, owner, ana_card), _units(cloud, owner, nina_card)) == (0, 1)


def test_the_visit_and_its_bonuses_in_one_push_are_taken(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    ana, ana_card = _member(cloud, kiosk, offer, "Ana")
    nina, nina_card = _member(cloud, kiosk, offer, "Nina")
    earn = cloud.event("earn", nina_card, offer, 1)
    bonuses = _bonuses(cloud, offer, _referral(cloud, ana, nina, earn["id"]), ana_card, nina_card)
    assert [r["status"] for r in cloud.push(kiosk, earn, *bonuses)] == ["accepted"] * 3


def test_each_forged_or_abusive_bonus_is_refused_with_its_reason(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    ana, ana_card = _member(cloud, kiosk, offer, "Ana", phone="+4915112345678")
    nina, nina_card = _member(cloud, kiosk, offer, "Nina")
    twin, twin_card = _member(cloud, kiosk, offer, "Twin", phone="+4915112345678")
    old, old_card = _member(cloud, kiosk, offer, "Olga")
    _visit(cloud, kiosk, offer, old_card)  # Olga came before: her next visit is not her first
    nina_visit = _visit(cloud, kiosk, offer, nina_card)
    twin_visit = _visit(cloud, kiosk, offer, twin_card)
    old_visit = _visit(cloud, kiosk, offer, old_card)

    good = _referral(cloud, ana, nina, nina_visit)
    referrer_bonus, newcomer_bonus = _bonuses(cloud, offer, good, ana_card, nina_card)
    refused = [
        ({**newcomer_bonus, "id": str(uuid.uuid4())}, "referral_bonus_id"),
        ({**referrer_bonus, "card_id": nina_card}, "referral_wrong_member"),
        ({**newcomer_bonus, "units": 51}, "referral_bonus_units"),
        (
            _bonuses(cloud, offer, _referral(cloud, ana, nina, str(uuid.uuid4())), ana_card, nina_card)[1],
            "referral_no_first_visit",
        ),
        (
            _bonuses(cloud, offer, _referral(cloud, ana, old, old_visit), ana_card, old_card)[1],
            "referral_not_first_visit",
        ),
        (
            _bonuses(cloud, offer, _referral(cloud, nina, nina, nina_visit), nina_card, nina_card)[1],
            "referral_refused_self",
        ),
        (
            _bonuses(cloud, offer, _referral(cloud, ana, twin, twin_visit), ana_card, twin_card)[1],
            "referral_refused_same_contact",
        ),
    ]
    results = cloud.push(kiosk, *(e for e, _ in refused))
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", why) for _, why in refused]
    assert _units(cloud, owner, nina_card) == 1  # her visit only

    # the good one, once; then the rules that count what the cloud took already
    assert [r["status"] for r in cloud.push(kiosk, referrer_bonus, newcomer_bonus)] == ["accepted"] * 2
    again = _bonuses(cloud, offer, _referral(cloud, old, nina, nina_visit), old_card, nina_card)[1]
    other_visit = {**good, "visit_event_id": old_visit}
    mismatch = {**newcomer_bonus, "referral": other_visit, "occurred_at": cloud.clock().isoformat()}
    results = cloud.push(kiosk, again, mismatch)
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "referral_refused_already_referred"),
        ("rejected", "id_conflict"),  # the same bonus id with another body
    ]


def test_the_monthly_cap_counts_the_referrals_the_cloud_took_from_every_till(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    till_1, till_2 = cloud.kiosk(owner), cloud.kiosk(owner, name="Till 2")
    ana, ana_card = _member(cloud, till_1, offer, "Ana")
    nina, nina_card = _member(cloud, till_1, offer, "Nina")
    maja, maja_card = _member(cloud, till_2, offer, "Maja")
    first = _bonuses(
        cloud,
        offer,
        _referral(cloud, ana, nina, _visit(cloud, till_1, offer, nina_card), cap=1),
        ana_card,
        nina_card,
    )
    assert [r["status"] for r in cloud.push(till_1, *first)] == ["accepted"] * 2
    # the other till, offline meanwhile, let Ana refer Maja too: over the shop's cap of 1
    second = _bonuses(
        cloud,
        offer,
        _referral(cloud, ana, maja, _visit(cloud, till_2, offer, maja_card), cap=1),
        ana_card,
        maja_card,
    )
    results = cloud.push(till_2, *second)
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "referral_refused_cap_reached")] * 2
    assert _units(cloud, owner, ana_card) == 2
