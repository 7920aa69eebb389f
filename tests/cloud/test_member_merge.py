"""Wire version 2: a kiosk pushes a `member_merge` (two members who are one person) and the cloud
decides the outcome: merges join members into groups, and a group's survivor is the
earliest-created member, then the smallest id, whatever order the merges arrive in. Every card of
the group becomes the survivor's, the others point at her (`merged_into`), and the kiosks pull it.
SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

import cardtoken


def _member(cloud, kiosk, offer: str, name: str, created_days_ago: int, units: int = 0) -> tuple[str, int]:
    """A member enrolled at `kiosk` with one card (and `units` stamps on it): her id and card."""
    customer_id, card_id = str(uuid.uuid4()), cardtoken.new_card_id()
    created = (cloud.clock() - timedelta(days=created_days_ago)).isoformat()
    customer = {"id": customer_id, "name": name, "email": None, "phone": None, "created_at": created}
    events = [cloud.event("enroll", card_id, offer, 0, customer=customer, key_id=kiosk.key_id)]
    if units:
        events.append(cloud.event("earn", card_id, offer, units))
    assert {r["status"] for r in cloud.push(kiosk, *events)} == {"accepted"}
    return customer_id, card_id


def _get(cloud, owner, path: str):
    r = cloud.client.get(path, headers=owner.headers)
    assert r.status_code == 200, r.text
    return r.json()


def _merge(cloud, card_id: int, offer: str, keep: str, absorb: str) -> dict:
    return cloud.event(
        "member_merge", card_id, offer, 0, merge={"keep_customer_id": keep, "absorb_customer_id": absorb}
    )


def _outcome(cloud, kiosk) -> tuple[dict[str, str | None], dict[int, str]]:
    """What a kiosk pulling from scratch learns: each member's `merged_into`, each card's member."""
    page = cloud.pull(kiosk)
    assert not page["has_more"]
    return (
        {c["id"]: c.get("merged_into") for c in page["customers"]},
        {c["id"]: c["customer_id"] for c in page["cards"]},
    )


@pytest.mark.parametrize("first", ["till_1", "till_2"])
def test_two_tills_merging_the_other_way_round_converge_on_the_earliest_member(cloud, first):
    owner = cloud.owner()
    coffee = cloud.offer(owner)
    till_1, till_2 = cloud.kiosk(owner), cloud.kiosk(owner, name="Till 2")
    ada, ada_card = _member(cloud, till_1, coffee, "Ada", created_days_ago=30, units=3)
    bea, bea_card = _member(cloud, till_1, coffee, "A. Lovelace", created_days_ago=2, units=4)
    # offline, till 1 keeps the newer sign-up, till 2 the older one: each is a valid choice
    pushes = {
        "till_1": (till_1, _merge(cloud, bea_card, coffee, keep=bea, absorb=ada)),
        "till_2": (till_2, _merge(cloud, ada_card, coffee, keep=ada, absorb=bea)),
    }
    order = [first, *(t for t in pushes if t != first)]
    for till in order:
        kiosk, event = pushes[till]
        assert [r["status"] for r in cloud.push(kiosk, event)] == ["accepted"]

    people, cards = _outcome(cloud, till_1)
    assert people == {ada: None, bea: ada}  # the earliest-created member survives, in either order
    # the analytics count one new customer, not two; every stamp once (3 + 4), the merges nowhere
    days = _get(
        cloud,
        owner,
        "/api/v1/analytics/daily?start=" + (cloud.clock() - timedelta(days=40)).date().isoformat(),
    )
    assert sum(d["new_customers"] for d in days) == 1
    assert sum(d["stamps"] for d in days) == 7
    assert cards == {ada_card: ada, bea_card: ada}
    assert _outcome(cloud, till_2) == (people, cards)
    # nothing moved between cards: each keeps its own history and balance, the account adds up
    balances = {c: _get(cloud, owner, f"/api/v1/cards/{c}")["balance"]["units"] for c in cards}
    assert balances == {ada_card: 3, bea_card: 4}
    # a retry of either push counts nothing twice
    for till in order:
        kiosk, event = pushes[till]
        assert [r["status"] for r in cloud.push(kiosk, event)] == ["duplicate"]


def test_a_into_b_and_a_into_c_make_one_member_of_three(cloud):
    owner = cloud.owner()
    coffee = cloud.offer(owner)
    till_1, till_2 = cloud.kiosk(owner), cloud.kiosk(owner, name="Till 2")
    a, a_card = _member(cloud, till_1, coffee, "Ann", created_days_ago=5)
    b, b_card = _member(cloud, till_1, coffee, "Ann B", created_days_ago=3)
    c, c_card = _member(cloud, till_1, coffee, "Ann C", created_days_ago=9)
    assert [r["status"] for r in cloud.push(till_1, _merge(cloud, b_card, coffee, keep=b, absorb=a))] == [
        "accepted"
    ]
    people, _ = _outcome(cloud, till_1)
    # one merge alone: A, created before B, survives although the till kept B
    assert (people[a], people[b]) == (None, a)
    assert [r["status"] for r in cloud.push(till_2, _merge(cloud, c_card, coffee, keep=c, absorb=a))] == [
        "accepted"
    ]
    people, cards = _outcome(cloud, till_2)
    assert people == {a: c, b: c, c: None}  # C, created first, survives the group of three
    assert cards == {a_card: c, b_card: c, c_card: c}


def test_a_redemption_from_a_merged_account_is_no_double_redemption_but_overspending_it_is(cloud):
    owner = cloud.owner()
    coffee = cloud.offer(owner, stamps_required=10)
    kiosk = cloud.kiosk(owner)
    ada, ada_card = _member(cloud, kiosk, coffee, "Ada", created_days_ago=10, units=6)
    bea, bea_card = _member(cloud, kiosk, coffee, "Bea", created_days_ago=1, units=4)
    merge = _merge(cloud, ada_card, coffee, keep=ada, absorb=bea)
    redeem = cloud.event("redeem", ada_card, coffee, -10)  # 6 + 4: the account pays one reward
    assert [r["status"] for r in cloud.push(kiosk, merge, redeem)] == ["accepted", "accepted"]
    assert _get(cloud, owner, "/api/v1/conflicts") == []
    assert _get(cloud, owner, f"/api/v1/cards/{ada_card}")["flagged"] is False
    again = cloud.event("redeem", bea_card, coffee, -10)  # a second till redeemed the same reward
    assert [r["status"] for r in cloud.push(kiosk, again)] == ["accepted"]
    assert len(_get(cloud, owner, "/api/v1/conflicts")) == 1


def test_merges_the_cloud_cannot_apply_are_rejected_and_change_nothing(cloud):
    owner = cloud.owner()
    coffee = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    ada, ada_card = _member(cloud, kiosk, coffee, "Ada", created_days_ago=10)
    bea, _ = _member(cloud, kiosk, coffee, "Bea", created_days_ago=1)
    gone, _ = _member(cloud, kiosk, coffee, "Gone", created_days_ago=1)
    r = cloud.client.delete(f"/api/v1/customers/{gone}", headers=owner.headers)
    assert r.status_code in (200, 204), r.text
    before = cloud.pull(kiosk)
    cases = {
        "merge_same_member": _merge(cloud, ada_card, coffee, keep=ada, absorb=ada),
        "unknown_customer": _merge(cloud, ada_card, coffee, keep=ada, absorb=str(uuid.uuid4())),
        "customer_erased": _merge(cloud, ada_card, coffee, keep=ada, absorb=gone),
        "unknown_card": _merge(cloud, cardtoken.new_card_id(), coffee, keep=ada, absorb=bea),
    }
    results = cloud.push(kiosk, *cases.values())
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", reason) for reason in cases]
    # a merge without its two members, or members on any other kind, is malformed
    bare = cloud.event("member_merge", ada_card, coffee, 0)
    stray = {**cloud.event("earn", ada_card, coffee, 1), "merge": cases["merge_same_member"]["merge"]}
    moving = {**_merge(cloud, ada_card, coffee, keep=ada, absorb=bea), "units": 3}
    results = cloud.push(kiosk, bare, stray, moving)
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert [r["reason"].split(":")[0] for r in results[:2]] == ["malformed", "malformed"]
    assert results[2]["reason"] == "bad_units"
    after = cloud.pull(kiosk)
    assert (after["cursor"], after["customers"], after["cards"]) == (
        before["cursor"],
        before["customers"],
        before["cards"],
    )


def test_a_till_that_has_not_heard_of_a_merge_enrols_the_absorbed_member_into_her_survivor(cloud):
    owner = cloud.owner()
    coffee, tea = cloud.offer(owner), cloud.offer(owner, name="Tea card")
    till_1, till_2 = cloud.kiosk(owner), cloud.kiosk(owner, name="Till 2")
    ada, ada_card = _member(cloud, till_1, coffee, "Ada", created_days_ago=10)
    bea, _ = _member(cloud, till_1, coffee, "Bea", created_days_ago=1)
    assert [
        r["status"] for r in cloud.push(till_1, _merge(cloud, ada_card, coffee, keep=ada, absorb=bea))
    ] == ["accepted"]
    # till 2, offline since before the merge, opens Bea's Tea account
    tea_card = cardtoken.new_card_id()
    customer = {"id": bea, "name": "Bea", "email": None, "phone": None}
    join = cloud.event("enroll", tea_card, tea, 0, customer=customer, key_id=till_2.key_id)
    assert [r["status"] for r in cloud.push(till_2, join)] == ["accepted"]
    assert _get(cloud, owner, f"/api/v1/cards/{tea_card}")["customer_id"] == ada


def test_an_absorbed_member_is_no_customer_of_her_own_and_her_address_names_her_survivor(cloud):
    owner = cloud.owner()
    coffee = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    ada, ada_card = _member(cloud, kiosk, coffee, "Ada", created_days_ago=10, units=2)
    bea, bea_card = _member(cloud, kiosk, coffee, "Bea Lovelace", created_days_ago=1, units=3)
    cleo, _ = _member(cloud, kiosk, coffee, "Cleo", created_days_ago=5)
    merge = _merge(cloud, bea_card, coffee, keep=bea, absorb=ada)  # the cloud keeps Ada, the earlier
    assert [r["status"] for r in cloud.push(kiosk, merge)] == ["accepted"]

    # the owner's list shows each person once: Bea is Ada now, and a search for the name she
    # signed up with finds Ada, once also where both names match
    assert [c["id"] for c in _get(cloud, owner, "/api/v1/customers")] == [ada, cleo]
    assert [c["id"] for c in _get(cloud, owner, "/api/v1/customers?q=Lovelace")] == [ada]
    assert [c["id"] for c in _get(cloud, owner, "/api/v1/customers?q=a")] == [ada]
    assert [c["id"] for c in _get(cloud, owner, "/api/v1/customers?q=Cleo")] == [cleo]
    # her own address says where she went: a 404 problem with the survivor's id
    for method, path, body in [
        ("GET", f"/api/v1/customers/{bea}", None),
        ("PATCH", f"/api/v1/customers/{bea}", {"name": "Someone else"}),
        ("POST", f"/api/v1/customers/{bea}/cards", {"program_id": coffee}),
        ("DELETE", f"/api/v1/customers/{bea}", None),
    ]:
        r = cloud.client.request(method, path, json=body, headers=owner.headers)
        assert r.status_code == 404, (method, r.text)
        problem = r.json()
        assert problem["type"].endswith("/merged"), problem
        assert problem["merged_into"] == ada
        assert ada in problem["detail"]
    # nothing was changed by those: Bea's row, her cards and the survivor as they were
    people, cards = _outcome(cloud, kiosk)
    assert people == {ada: None, bea: ada, cleo: None}
    assert cards[ada_card] == cards[bea_card] == ada
    pulled = {c["id"]: c for c in cloud.pull(kiosk)["customers"]}
    assert pulled[bea]["name"] == "Bea Lovelace"
    survivor = _get(cloud, owner, f"/api/v1/customers/{ada}")
    assert (survivor["name"], survivor["merged_into"]) == ("Ada", None)
    # the analytics count two people who joined, not three
    days = _get(
        cloud,
        owner,
        "/api/v1/analytics/daily?start=" + (cloud.clock() - timedelta(days=40)).date().isoformat(),
    )
    assert sum(d["new_customers"] for d in days) == 2


def test_erasing_a_merged_member_erases_the_sign_ups_joined_into_her(cloud):
    owner = cloud.owner()
    coffee = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    ada, ada_card = _member(cloud, kiosk, coffee, "Ada", created_days_ago=10)
    bea, _ = _member(cloud, kiosk, coffee, "Bea Lovelace", created_days_ago=1)
    cleo, _ = _member(cloud, kiosk, coffee, "Cleo", created_days_ago=5)
    assert [
        r["status"] for r in cloud.push(kiosk, _merge(cloud, ada_card, coffee, keep=ada, absorb=bea))
    ] == ["accepted"]
    cursor = cloud.pull(kiosk)["cursor"]
    r = cloud.client.delete(f"/api/v1/customers/{ada}", headers=owner.headers)
    assert r.status_code == 204, r.text
    # a kiosk pulling from where it was hears both rows erased (her old sign-up is listed nowhere
    # else, so nobody could erase it on its own), and Cleo untouched
    page = cloud.pull(kiosk, cursor=cursor)
    erased = {c["id"]: (c["name"], c["email"], c["phone"], c.get("merged_into")) for c in page["customers"]}
    assert erased == {ada: ("(erased)", None, None, None), bea: ("(erased)", None, None, ada)}
    assert _get(cloud, owner, f"/api/v1/customers/{cleo}")["name"] == "Cleo"
