"""Business A can never read, change or learn of business B's rows: every id of B is a 404."""

from __future__ import annotations

import pytest


@pytest.fixture
def two_shops(cloud):
    a, b = cloud.owner(business="A"), cloud.owner(business="B")
    ids = {}
    for name, owner in (("a", a), ("b", b)):
        offer = cloud.offer(owner)
        location = cloud.location(owner)
        kiosk = cloud.kiosk(owner, location)
        card = cloud.enroll(kiosk, offer)
        customer = cloud.client.post("/api/v1/customers", json={"name": "C"}, headers=owner.headers).json()[
            "id"
        ]
        cloud.push(kiosk, cloud.event("redeem", card, offer, -1), cloud.event("redeem", card, offer, -1))
        conflict = cloud.client.get("/api/v1/conflicts", headers=owner.headers).json()[0]["id"]
        ids[name] = {
            "owner": owner,
            "offer": offer,
            "location": location,
            "kiosk": kiosk,
            "card": card,
            "customer": customer,
            "device": kiosk.device_id,
            "conflict": conflict,
            "business": owner.business_id,
        }
    return ids


def _requests(b):
    return [
        ("GET", f"/api/v1/businesses/{b['business']}", None),
        ("GET", f"/api/v1/offers/{b['offer']}", None),
        ("PATCH", f"/api/v1/offers/{b['offer']}", {"name": "hijacked"}),
        ("DELETE", f"/api/v1/offers/{b['offer']}", None),
        ("GET", f"/api/v1/locations/{b['location']}", None),
        ("PATCH", f"/api/v1/locations/{b['location']}", {"name": "hijacked"}),
        ("DELETE", f"/api/v1/locations/{b['location']}", None),
        ("GET", f"/api/v1/customers/{b['customer']}", None),
        ("PATCH", f"/api/v1/customers/{b['customer']}", {"name": "hijacked"}),
        ("DELETE", f"/api/v1/customers/{b['customer']}", None),
        ("POST", f"/api/v1/customers/{b['customer']}/cards", {"program_id": b["offer"]}),
        ("GET", f"/api/v1/cards/{b['card']}", None),
        ("GET", f"/api/v1/cards/{b['card']}/events", None),
        ("PATCH", f"/api/v1/cards/{b['card']}", {"flagged": False}),
        ("DELETE", f"/api/v1/cards/{b['card']}", None),
        ("GET", f"/api/v1/devices/{b['device']}", None),
        ("DELETE", f"/api/v1/devices/{b['device']}", None),
        ("POST", f"/api/v1/conflicts/{b['conflict']}/resolve", None),
        ("POST", "/api/v1/devices/pairing-codes", {"location_id": b["location"], "name": "x"}),
    ]


def test_every_endpoint_answers_404_for_the_other_business(cloud, two_shops):
    a, b = two_shops["a"], two_shops["b"]
    before = cloud.pull(b["kiosk"])
    for method, url, body in _requests(b):
        r = cloud.client.request(method, url, json=body, headers=a["owner"].headers)
        assert r.status_code == 404, (method, url, r.status_code, r.text)
        assert r.headers["content-type"] == "application/problem+json"
    # B's rows are untouched
    after = cloud.pull(b["kiosk"])
    assert after == {**before, "server_time": after["server_time"]}
    for method, url, _ in _requests(b):
        if method == "GET":
            assert cloud.client.get(url, headers=b["owner"].headers).status_code == 200, url


def test_my_own_ids_work_with_my_token(cloud, two_shops):
    a = two_shops["a"]
    for method, url, body in _requests(a):
        if method == "GET":
            assert cloud.client.request(method, url, json=body, headers=a["owner"].headers).status_code == 200


def test_lists_only_show_my_rows(cloud, two_shops):
    a, b = two_shops["a"], two_shops["b"]
    h = a["owner"].headers
    lists = {
        "/api/v1/offers": a["offer"],
        "/api/v1/locations": a["location"],
        "/api/v1/devices": a["device"],
    }
    for url, mine in lists.items():
        assert [x["id"] for x in cloud.client.get(url, headers=h).json()] == [mine], url
    conflicts = {c["id"] for c in cloud.client.get("/api/v1/conflicts", headers=h).json()}
    assert a["conflict"] in conflicts
    assert b["conflict"] not in conflicts
    assert b["card"] not in {c["id"] for c in cloud.client.get("/api/v1/cards", headers=h).json()}
    customers = {c["id"] for c in cloud.client.get("/api/v1/customers", headers=h).json()}
    assert b["customer"] not in customers
    audit = cloud.client.get("/api/v1/audit", headers=h).json()
    assert audit
    assert {e["entity_id"] for e in audit}.isdisjoint({b["offer"], b["location"], b["customer"]})


def test_a_kiosk_cannot_touch_the_other_business(cloud, two_shops):
    a, b = two_shops["a"], two_shops["b"]
    kiosk = a["kiosk"]
    results = cloud.push(
        kiosk,
        cloud.event("earn", b["card"], a["offer"], 1),
        cloud.event("earn", a["card"], b["offer"], 1),
        cloud.event("earn", a["card"], a["offer"], 1, location_id=b["location"]),
    )
    assert [r["reason"] for r in results] == ["unknown_card", "unknown_program", "unknown_location"]
    pulled = cloud.pull(kiosk)
    assert b["card"] not in {c["id"] for c in pulled["cards"]}
    assert b["offer"] not in {o["id"] for o in pulled["offers"]}
    assert {k["key_id"] for k in pulled["keys"]} == {0, kiosk.key_id}


def test_same_event_id_in_two_businesses_is_not_a_duplicate(cloud, two_shops):
    a, b = two_shops["a"], two_shops["b"]
    event = cloud.event("earn", a["card"], a["offer"], 1)
    assert cloud.push(a["kiosk"], event)[0]["status"] == "accepted"
    mirrored = {**event, "card_id": b["card"], "program_id": b["offer"]}
    assert cloud.push(b["kiosk"], mirrored)[0]["status"] == "accepted"
