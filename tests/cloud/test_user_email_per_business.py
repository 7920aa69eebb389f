"""Issue 12, item 12: `POST /users` says nothing about other businesses' accounts.

An email is unique per business; sign-in finds the account by email and password, and asks for
`business_id` only when one password opens accounts in several businesses."""

from __future__ import annotations

import pytest

from cloud.security import SIGN_IN_VERIFICATIONS_FLOOR, sign_in_padding

LOGIN = "/api/v1/auth/login"


def _add(cloud, owner, email: str, password: str):
    return cloud.client.post(
        "/api/v1/users", json={"email": email, "password": password, "name": "Sam"}, headers=owner.headers
    )


def _me(cloud, tokens: dict) -> dict:
    r = cloud.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert r.status_code == 200, r.text
    return r.json()


def _shape(response) -> tuple:
    body = response.json()
    return response.status_code, sorted(body), body["role"], body["disabled"], body["name"]


def test_adding_an_email_of_another_business_answers_like_any_new_email(cloud):
    cafe = cloud.owner("Cafe", email="sam@shop.example", password="cafe-password")
    bakery = cloud.owner("Bakery")
    reused = _add(cloud, bakery, "Sam@Shop.example ", "bakery-password")
    fresh = _add(cloud, bakery, "nobody-yet@shop.example", "bakery-password-2")
    assert reused.status_code == 201, reused.text
    assert _shape(reused) == _shape(fresh)
    assert reused.json()["email"] == "sam@shop.example"
    # the same person signs in to each business with that business's password
    assert _me(cloud, cloud.login("sam@shop.example", "cafe-password")) == {
        "user_id": _me(cloud, cafe.tokens)["user_id"],
        "business_id": cafe.business_id,
        "role": "owner",
    }
    at_bakery = _me(cloud, cloud.login("SAM@shop.example", "bakery-password"))
    assert at_bakery == {"user_id": reused.json()["id"], "business_id": bakery.business_id, "role": "manager"}
    # the cafe's list shows nothing of the bakery's, and the other way round
    cafe_users = cloud.client.get("/api/v1/users", headers=cafe.headers).json()
    assert [u["role"] for u in cafe_users] == ["owner"]
    bakery_emails = {u["email"] for u in cloud.client.get("/api/v1/users", headers=bakery.headers).json()}
    assert bakery_emails == {bakery.email, "sam@shop.example", "nobody-yet@shop.example"}


def test_refresh_keeps_each_account_in_its_own_business(cloud):
    cafe = cloud.owner("Cafe", email="sam@shop.example", password="cafe-password")
    bakery = cloud.owner("Bakery")
    assert _add(cloud, bakery, "sam@shop.example", "bakery-password").status_code == 201
    tokens = cloud.login("sam@shop.example", "bakery-password")
    r = cloud.client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 200, r.text
    assert _me(cloud, r.json())["business_id"] == bakery.business_id != cafe.business_id


def test_a_duplicate_email_within_the_business_is_a_conflict_and_changes_nothing(cloud):
    owner = cloud.owner()
    assert _add(cloud, owner, "kim@shop.example", "first-password").status_code == 201
    before = cloud.client.get("/api/v1/users", headers=owner.headers).json()
    for email in ("kim@shop.example", " KIM@shop.example", owner.email):
        r = _add(cloud, owner, email, "second-password")
        assert r.status_code == 409, r.text
        assert r.json()["type"].endswith("/email-taken")
        assert "already has a user with this email" in r.json()["detail"]
    assert cloud.client.get("/api/v1/users", headers=owner.headers).json() == before
    with pytest.raises(AssertionError):
        cloud.login("kim@shop.example", "second-password")
    cloud.login("kim@shop.example", "first-password")


def test_one_password_for_accounts_in_two_businesses_asks_which(cloud):
    cafe = cloud.owner("Cafe", email="sam@shop.example", password="same-password")
    bakery = cloud.owner("Bakery & Co")
    assert _add(cloud, bakery, "sam@shop.example", "same-password").status_code == 201
    r = cloud.client.post(LOGIN, json={"email": "sam@shop.example", "password": "same-password"})
    assert r.status_code == 409, r.text
    problem = r.json()
    assert problem["type"].endswith("/business-required")
    assert f"{cafe.business_id} (Cafe)" in problem["detail"]
    assert f"{bakery.business_id} (Bakery & Co)" in problem["detail"]
    assert "business_id" in problem["detail"]
    assert "refresh_token" not in r.text
    for business in (cafe, bakery):
        tokens = cloud.login("sam@shop.example", "same-password", business_id=business.business_id)
        assert _me(cloud, tokens)["business_id"] == business.business_id
    # a business where this password opens nothing is the ordinary 401
    other = cloud.owner("Elsewhere")
    body = {"email": "sam@shop.example", "password": "same-password", "business_id": other.business_id}
    r = cloud.client.post(LOGIN, json=body)
    assert r.status_code == 401, r.text
    # disabling one of the two leaves one account that the password opens: no question asked
    users = cloud.client.get("/api/v1/users", headers=bakery.headers).json()
    sam = next(u["id"] for u in users if u["email"] == "sam@shop.example")
    assert cloud.client.delete(f"/api/v1/users/{sam}", headers=bakery.headers).status_code == 204
    assert _me(cloud, cloud.login("sam@shop.example", "same-password"))["business_id"] == cafe.business_id


def _without_instance(response) -> tuple:
    body = dict(response.json())
    body.pop("instance", None)
    return response.status_code, body, response.headers.get("content-type")


def test_unknown_email_and_wrong_password_answer_the_same_401(cloud):
    cloud.owner("Cafe", email="sam@shop.example", password="cafe-password")
    bakery = cloud.owner("Bakery")
    assert _add(cloud, bakery, "sam@shop.example", "bakery-password").status_code == 201
    calls = []
    verify = cloud.app.state.ctx.passwords.verify

    def counting(hashed, password):
        calls.append(hashed is None)
        return verify(hashed, password)

    cloud.app.state.ctx.passwords.verify = counting
    answers = {}
    for case, body in {
        "unknown": {"email": "ghost@shop.example", "password": "cafe-password"},
        "wrong": {"email": "sam@shop.example", "password": "not-this-one"},
        "wrong, business given": {
            "email": "sam@shop.example",
            "password": "not-this-one",
            "business_id": bakery.business_id,
        },
        "unknown, business given": {
            "email": "ghost@shop.example",
            "password": "cafe-password",
            "business_id": bakery.business_id,
        },
    }.items():
        calls.clear()
        r = cloud.client.post(LOGIN, json=body)
        answers[case] = _without_instance(r)
        # an unknown email still costs an argon2 verification (against the dummy hash)
        assert len(calls) >= 1, case
    assert answers["unknown"][0] == 401
    assert answers["unknown"][1]["type"].endswith("/invalid-credentials")
    assert len(set(map(repr, answers.values()))) == 1, answers


def test_failed_sign_ins_are_throttled_per_email_across_its_accounts(make_cloud, settings):
    cloud = make_cloud(settings, rate_login_failures_per_hour=3)
    cloud.owner("Cafe", email="sam@shop.example", password="cafe-password")
    bakery = cloud.owner("Bakery")
    assert _add(cloud, bakery, "sam@shop.example", "bakery-password").status_code == 201
    for _ in range(3):
        r = cloud.client.post(LOGIN, json={"email": "sam@shop.example", "password": "guess-guess"})
        assert r.status_code == 401
    r = cloud.client.post(LOGIN, json={"email": "sam@shop.example", "password": "bakery-password"})
    assert r.status_code == 429, r.text
    assert int(r.headers["Retry-After"]) >= 1


@pytest.mark.parametrize("business_id", [0, -1, 2**31, True, 1.5, [1]])
def test_a_bad_business_id_is_a_422(cloud, business_id):
    owner = cloud.owner()
    r = cloud.client.post(
        LOGIN, json={"email": owner.email, "password": owner.password, "business_id": business_id}
    )
    assert r.status_code == 422, r.text


def test_every_sign_in_lasts_at_least_the_floor_of_verifications():
    """An email with one account, with two (another business's), or with none: each sign-in
    lasts as long as SIGN_IN_VERIFICATIONS_FLOOR verifications, measured on the request."""
    floor = SIGN_IN_VERIFICATIONS_FLOOR
    assert floor >= 2  # hides at least an email's account in one other business
    for verifications in range(1, floor + 1):
        per_verification = 0.03
        elapsed = per_verification * verifications
        total = elapsed + sign_in_padding(elapsed, verifications)
        assert total == pytest.approx(per_verification * floor)
    assert sign_in_padding(0.5, floor + 2) == 0.0  # beyond the floor nothing is added
    assert sign_in_padding(0.5, 0) == 0.0
