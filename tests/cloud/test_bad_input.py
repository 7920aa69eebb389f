"""Malformed JSON, wrong types, huge bodies, unknown fields, SQL-looking strings: clean 4xx
problems, and nothing changes."""

from __future__ import annotations

import pytest


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'cloud.sqlite3'}"


def _is_problem(r, status):
    assert r.status_code == status, (r.status_code, r.text[:300])
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == status
    assert body["type"]
    assert body["title"]
    assert body["detail"]
    return body


def _offers(cloud, owner):
    return cloud.client.get("/api/v1/offers", headers=owner.headers).json()


def test_malformed_json_is_400(cloud):
    owner = cloud.owner()
    r = cloud.client.post(
        "/api/v1/offers",
        content=b'{"name": "x", ',
        headers={**owner.headers, "Content-Type": "application/json"},
    )
    assert _is_problem(r, 400)["type"].endswith("/malformed-json")
    assert _offers(cloud, owner) == []


def test_wrong_types_and_unknown_fields_are_422(cloud):
    owner = cloud.owner()
    bodies = [
        {"name": "x", "stamps_required": "nine", "reward_text": "x"},
        {"name": "x", "stamps_required": 9, "reward_text": "x", "admin": True},
        {"name": ["x"], "stamps_required": 9, "reward_text": "x"},
        {"name": "x", "stamps_required": 10**30, "reward_text": "x"},
        {"name": "x\x00y", "stamps_required": 9, "reward_text": "x"},
        [1, 2, 3],
        "just a string",
    ]
    for body in bodies:
        body_out = _is_problem(cloud.client.post("/api/v1/offers", json=body, headers=owner.headers), 422)
        assert body_out["errors"], body
    assert _offers(cloud, owner) == []


def test_ten_megabyte_bodies_get_413(cloud):
    owner = cloud.owner()
    big = b'{"name": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    r = cloud.client.post(
        "/api/v1/offers", content=big, headers={**owner.headers, "Content-Type": "application/json"}
    )
    _is_problem(r, 413)

    def chunks():  # no Content-Length: counted while streaming
        for _ in range(20):
            yield b"x" * (512 * 1024)

    r = cloud.client.post(
        "/api/v1/auth/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    _is_problem(r, 413)
    assert _offers(cloud, owner) == []


def test_just_under_the_limit_is_parsed(cloud):
    owner = cloud.owner()
    body = b'{"name": "' + b"x" * (900 * 1024) + b'"}'
    r = cloud.client.post(
        "/api/v1/locations", content=body, headers={**owner.headers, "Content-Type": "application/json"}
    )
    _is_problem(r, 422)  # too long a name: the body got as far as validation


def test_sql_looking_strings_are_stored_verbatim(cloud):
    owner = cloud.owner()
    nasty = "Robert'); DROP TABLE customers;-- \" OR 1=1 %_\\"
    r = cloud.client.post(
        "/api/v1/customers", json={"name": nasty, "email": "' OR ''='"}, headers=owner.headers
    )
    assert r.status_code == 201, r.text
    got = cloud.client.get(f"/api/v1/customers/{r.json()['id']}", headers=owner.headers).json()
    assert got["name"] == nasty
    assert got["email"] == "' OR ''='"
    found = cloud.client.get("/api/v1/customers", params={"q": "DROP TABLE"}, headers=owner.headers).json()
    assert [c["name"] for c in found] == [nasty]
    assert (
        cloud.client.get("/api/v1/customers", params={"q": "%"}, headers=owner.headers).json()[0]["name"]
        == nasty
    )
    assert cloud.client.get("/api/v1/customers", params={"q": "zz%"}, headers=owner.headers).json() == []


def test_404_405_and_bad_ids_are_problems(cloud):
    owner = cloud.owner()
    _is_problem(cloud.client.get("/api/v1/nothing-here", headers=owner.headers), 404)
    _is_problem(cloud.client.put("/api/v1/offers", headers=owner.headers, json={}), 405)
    _is_problem(cloud.client.get("/api/v1/offers/not-a-uuid", headers=owner.headers), 422)
    _is_problem(cloud.client.get("/api/v1/cards/-5", headers=owner.headers), 422)
    _is_problem(cloud.client.get("/api/v1/cards/99999999999999999999999", headers=owner.headers), 422)


def test_push_with_garbage_never_fails_the_batch(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    card = cloud.enroll(kiosk, offer)
    garbage = [
        {},
        {"id": None},
        {"id": 5, "kind": "earn"},
        {**cloud.event("earn", card, offer, 1), "occurred_at": "0001-01-01T00:00:00+14:00"},
        {**cloud.event("earn", card, offer, 1), "card_id": 2**64},
        {**cloud.event("earn", card, offer, 1), "staff_name": "x" * 10_000},
        {**cloud.event("earn", card, offer, 1), "staff_name": "nul\x00"},
        {**cloud.event("enroll", 2**62, offer, 0), "customer": {"id": "x"}},
    ]
    results = cloud.push(kiosk, *garbage)
    assert [r["status"] for r in results] == ["rejected"] * len(garbage)
    r = cloud.client.post("/api/v1/sync/push", json={"events": [1, 2]}, headers=kiosk.headers)
    _is_problem(r, 422)
    r = cloud.client.post("/api/v1/sync/push", json={"events": "x"}, headers=kiosk.headers)
    _is_problem(r, 422)


def test_a_customer_cannot_be_given_the_name_erasure_leaves(cloud):
    """Found by schemathesis: a customer created as "(erased)" read as erased (410) from then on."""
    owner = cloud.owner()
    r = cloud.client.post("/api/v1/customers", json={"name": "(erased)"}, headers=owner.headers)
    assert r.status_code == 422, r.text
    assert cloud.client.get("/api/v1/customers", headers=owner.headers).json() == []
    made = cloud.client.post("/api/v1/customers", json={"name": "Grace"}, headers=owner.headers).json()
    r = cloud.client.patch(
        f"/api/v1/customers/{made['id']}", json={"name": "(erased)"}, headers=owner.headers
    )
    assert r.status_code == 422, r.text
    assert (
        cloud.client.get(f"/api/v1/customers/{made['id']}", headers=owner.headers).json()["name"] == "Grace"
    )
