"""A member joins a second program at a kiosk: the kiosk pushes an `enroll` for a new card that
names a customer the cloud already has. The cloud attaches the card to that customer: never a
second customer, never her newer details overwritten by what the kiosk had. SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import cardtoken


def _get(cloud, owner, path: str, **params):
    r = cloud.client.get(path, params=params, headers=owner.headers)
    assert r.status_code == 200, r.text
    return r.json()


def _customer(customer_id: str, name: str, email: str | None = None) -> dict:
    return {"id": customer_id, "name": name, "email": email, "phone": None, "marketing_consent": False}


def test_an_enroll_for_a_known_customer_attaches_a_card_and_keeps_her_details(cloud):
    owner = cloud.owner()
    coffee, tea = cloud.offer(owner), cloud.offer(owner, name="Tea card")
    kiosk = cloud.kiosk(owner)
    grace = str(uuid.uuid4())
    coffee_card, tea_card = cardtoken.new_card_id(), cardtoken.new_card_id()
    first = cloud.event(
        "enroll", coffee_card, coffee, 0, customer=_customer(grace, "Grace Hopper"), key_id=kiosk.key_id
    )
    assert [r["status"] for r in cloud.push(kiosk, first)] == ["accepted"]
    # the manager corrects her email in the dashboard, after the kiosk last pulled
    r = cloud.client.patch(
        f"/api/v1/customers/{grace}", json={"email": "grace@navy.example"}, headers=owner.headers
    )
    assert r.status_code == 200, r.text

    # the kiosk, with her older details, opens her Tea account and stamps it
    join = cloud.event("enroll", tea_card, tea, 0, customer=_customer(grace, "Grace H."), key_id=kiosk.key_id)
    earn = cloud.event("earn", tea_card, tea, 1)
    assert [r["status"] for r in cloud.push(kiosk, join, earn)] == ["accepted", "accepted"]

    people = _get(cloud, owner, "/api/v1/customers")
    assert [(p["id"], p["name"], p["email"]) for p in people] == [
        (grace, "Grace Hopper", "grace@navy.example")
    ]
    cards = _get(cloud, owner, "/api/v1/cards", customer_id=grace)
    assert sorted((c["id"], c["program_id"], c["balance"]["units"]) for c in cards) == sorted(
        [(coffee_card, coffee, 0), (tea_card, tea, 1)]
    )
    # a retry of the same push is a duplicate, still one customer
    assert [r["status"] for r in cloud.push(kiosk, join, earn)] == ["duplicate", "duplicate"]
    assert len(_get(cloud, owner, "/api/v1/customers")) == 1


def test_two_enrolls_of_one_new_customer_in_one_batch_make_one_customer(cloud):
    owner = cloud.owner()
    coffee, tea = cloud.offer(owner), cloud.offer(owner, name="Tea card")
    kiosk = cloud.kiosk(owner)
    ada = str(uuid.uuid4())
    events = [
        cloud.event("enroll", card, program, 0, customer=_customer(ada, "Ada"), key_id=kiosk.key_id)
        for card, program in ((cardtoken.new_card_id(), coffee), (cardtoken.new_card_id(), tea))
    ]
    assert [r["status"] for r in cloud.push(kiosk, *events)] == ["accepted", "accepted"]
    assert [p["id"] for p in _get(cloud, owner, "/api/v1/customers")] == [ada]
    assert len(_get(cloud, owner, "/api/v1/cards", customer_id=ada)) == 2
