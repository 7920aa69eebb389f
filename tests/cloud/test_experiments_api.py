"""A/B tests of offers in the cloud: stored, checked, pulled by kiosks, and results worked out
by hand on a small ledger (on SQLite and PostgreSQL: the `cloud` fixture runs both)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

import cardtoken
from loyalty_rules.experiments import Arm, Experiment, Metric, variant_for


def _customer(member_id: str, name: str) -> dict:
    return {"id": member_id, "name": name, "email": None, "phone": None, "marketing_consent": False}


def _enroll(cloud, kiosk, program: str, member_id: str) -> int:
    card = cardtoken.new_card_id()
    event = cloud.event("enroll", card, program, 0, customer=_customer(member_id, "M"), key_id=kiosk.key_id)
    [result] = cloud.push(kiosk, event)
    assert result["status"] == "accepted", result
    return card


def _earn(cloud, kiosk, program: str, card: int) -> dict:
    [result] = cloud.push(kiosk, cloud.event("earn", card, program, 1))
    return result


def _signed_in(cloud, owner) -> dict:
    """Fresh headers: the test's clock moved days past the first access token's life."""
    return {"Authorization": f"Bearer {cloud.login(owner.email, owner.password)['access_token']}"}


def _create(cloud, owner, arms, expect=201, **fields) -> dict:
    body = {"name": "8 stamps?", "arms": arms, "metric": "return_within_days", "days": 7, "horizon": 4}
    r = cloud.client.post("/api/v1/experiments", json={**body, **fields}, headers=owner.headers)
    assert r.status_code == expect, r.text
    return r.json()


def _members_of(experiment_id: str, arms: tuple[Arm, ...], count: int) -> list[list[str]]:
    """`count` member ids in each arm, found by the shared hash."""
    e = Experiment(experiment_id, "x", arms, Metric.RETURN_WITHIN_DAYS, 7, 4, datetime.now(UTC))
    found: list[list[str]] = [[] for _ in arms]
    while min(len(f) for f in found) < count:
        member = str(uuid.uuid4())
        index = arms.index(variant_for(e, member))
        if len(found[index]) < count:
            found[index].append(member)
    return found


def test_experiments_are_checked_stored_and_pulled(cloud):
    owner = cloud.owner()
    eight, ten = cloud.offer(owner, stamps_required=8), cloud.offer(owner, stamps_required=10)
    kiosk = cloud.kiosk(owner)
    cursor = cloud.pull(kiosk)["cursor"]
    _create(cloud, owner, [{"offer_id": None}, {"offer_id": None}], expect=422)  # two controls
    _create(cloud, owner, [{"offer_id": eight}], expect=422)  # one arm
    _create(cloud, owner, [{"offer_id": eight}, {"offer_id": str(uuid.uuid4())}], expect=422)  # no such offer
    _create(cloud, owner, [{"offer_id": eight}, {"offer_id": ten}], expect=422, horizon=1)
    made = _create(cloud, owner, [{"offer_id": eight}, {"offer_id": ten, "weight": 2}])
    assert made["status"] == "running"
    assert made["arms"][1] == {"offer_id": ten, "weight": 2}
    _create(cloud, owner, [{"offer_id": None}, {"offer_id": ten}], expect=409)  # ten is under test already
    pulled = cloud.pull(kiosk, cursor)
    assert [e["id"] for e in pulled["experiments"]] == [made["id"]]
    # the arms and horizon are fixed; the name and the status are not
    r = cloud.client.patch(f"/api/v1/experiments/{made['id']}", json={"horizon": 2}, headers=owner.headers)
    assert r.status_code == 422
    r = cloud.client.patch(
        f"/api/v1/experiments/{made['id']}", json={"status": "stopped"}, headers=owner.headers
    )
    assert r.status_code == 200
    assert r.json()["status"] == "stopped"
    assert cloud.pull(kiosk, pulled["cursor"])["experiments"][0]["status"] == "stopped"
    other = cloud.owner("Bakery")
    assert cloud.client.get(f"/api/v1/experiments/{made['id']}", headers=other.headers).status_code == 404
    assert cloud.client.get("/api/v1/experiments", headers=other.headers).json() == []


def test_results_by_hand_and_final_once_the_horizon_is_reached(cloud):
    owner = cloud.owner()
    coffee, eight = cloud.offer(owner), cloud.offer(owner, name="Eight", stamps_required=8)
    kiosk = cloud.kiosk(owner)
    made = _create(cloud, owner, [{"offer_id": None}, {"offer_id": eight}])
    control, treated = _members_of(made["id"], (Arm(None), Arm(eight)), 5)
    cards = {m: _enroll(cloud, kiosk, coffee, m) for m in control + treated[:4]}
    url = f"/api/v1/experiments/{made['id']}/results"

    def visits_on(day: int, *members: str) -> None:
        cloud.clock.advance(days=day - (cloud.clock() - start).days)
        for member in members:
            assert _earn(cloud, kiosk, coffee, cards[member])["status"] == "accepted"

    start = cloud.clock()
    visits_on(1, *control[:4], *treated[:4])  # everyone's entry day is day 1 ...
    # ... and control[2] is also given a stamp in the tested offer (a kiosk that had not pulled):
    # accepted, kept in the control arm, counted as off-arm
    wrong_card = _enroll(cloud, kiosk, eight, control[2])
    assert _earn(cloud, kiosk, eight, wrong_card)["status"] == "accepted"
    visits_on(3, treated[0], control[4])  # control[4] enters on day 3
    visits_on(5, control[0])
    early = cloud.client.get(url, headers=_signed_in(cloud, owner)).json()
    assert early["status"] == "not_enough_data"
    assert "winner" not in early
    assert [(a["entered"], a["complete"], a["value"]) for a in early["arms"]] == [(5, 0, None), (4, 0, None)]
    visits_on(6, treated[2])
    visits_on(8, treated[1])  # day 8 = entry + 7: inside the window
    visits_on(9, control[1], treated[3])  # day 9: outside
    # today is day 9: the day-1 members' windows (days 1..8) are over, control[4]'s is not
    ready = cloud.client.get(url, headers=_signed_in(cloud, owner)).json()
    assert ready["status"] == "ready"
    assert ready["baseline"] == 0
    assert ready["winner"] is None
    base, arm = ready["arms"]
    assert (base["value"], base["complete"], base["off_arm"], base["effect"]) == (0.25, 4, 1, None)
    assert (arm["value"], arm["complete"], arm["off_arm"]) == (0.75, 4, 0)
    # by hand: effect 0.75 - 0.25; pooled p 0.5, SE_0 = √(0.25·(1/4+1/4)) = 0.353553, z = 1.414214,
    # p = 2·(1 − Φ(1.414214)) = 0.157299; SE = √(2·0.75·0.25/4) = 0.306186, ±1.959964·SE = ±0.600113
    assert arm["effect"] == pytest.approx(0.5)
    assert arm["p_value"] == pytest.approx(0.157299, abs=1e-6)
    assert (arm["ci_low"], arm["ci_high"]) == pytest.approx((-0.100113, 1.100113), abs=1e-6)
    # a later member (control[4], returning on day 4 of her window) does not move the final numbers
    visits_on(10, control[4])  # her day 7
    cloud.clock.advance(days=2)
    final = cloud.client.get(url, headers=_signed_in(cloud, owner)).json()
    assert final["arms"][0]["entered"] == 5
    assert final["arms"] == ready["arms"]


def test_a_clear_difference_names_its_winner(cloud):
    owner = cloud.owner()
    coffee, eight = cloud.offer(owner), cloud.offer(owner, name="Eight", stamps_required=8)
    kiosk = cloud.kiosk(owner)
    made = _create(cloud, owner, [{"offer_id": None}, {"offer_id": eight}], horizon=30)
    control, treated = _members_of(made["id"], (Arm(None), Arm(eight)), 30)
    cards = {m: _enroll(cloud, kiosk, coffee, m) for m in control + treated}
    for member in control + treated:
        _earn(cloud, kiosk, coffee, cards[member])
    cloud.clock.advance(days=2)
    for member in treated[:27] + control[:3]:  # 90 % against 10 % came back
        _earn(cloud, kiosk, coffee, cards[member])
    cloud.clock.advance(days=8)
    found = cloud.client.get(
        f"/api/v1/experiments/{made['id']}/results", headers=_signed_in(cloud, owner)
    ).json()
    assert found["status"] == "ready"
    assert found["winner"] == 1
    assert found["arms"][1]["p_value"] < 1e-6
    assert found["arms"][1]["ci_low"] > 0


def test_a_control_group_needs_an_offer_outside_the_test(cloud):
    owner = cloud.owner()
    eight = cloud.offer(owner, stamps_required=8)
    # the control earns nowhere else: its members would never be seen, the test never end
    _create(cloud, owner, [{"offer_id": None}, {"offer_id": eight}], expect=409)
    cloud.offer(owner, name="Coffee")
    _create(cloud, owner, [{"offer_id": None}, {"offer_id": eight}])


def test_a_kiosk_uploads_a_test_once_and_cannot_move_its_goalposts(cloud):
    owner = cloud.owner()
    eight = cloud.offer(owner, stamps_required=8)
    cloud.offer(owner, name="Coffee")
    kiosk = cloud.kiosk(owner)
    upload = {
        "id": str(uuid.uuid4()),
        "name": "Eight",
        "arms": [{"offer_id": None, "weight": 1}, {"offer_id": eight, "weight": 1}],
        "metric": "return_within_days",
        "days": 30,
        "horizon": 388,
        "started_at": cloud.clock().isoformat(),
        "status": "running",
    }

    def put(*tests) -> list[tuple[str, str | None]]:
        r = cloud.client.put(
            "/api/v1/sync/experiments", json={"experiments": list(tests)}, headers=kiosk.headers
        )
        assert r.status_code == 200, r.text
        return [(x["status"], x.get("reason")) for x in r.json()["results"]]

    assert put(upload) == [("accepted", None)]
    cursor = cloud.pull(kiosk)["cursor"]
    assert put(upload) == [("accepted", None)]  # a retry: nothing new to pull
    assert cloud.pull(kiosk, cursor)["experiments"] == []
    assert put({**upload, "horizon": 50}) == [("rejected", "experiment_fixed")]
    assert put({**upload, "status": "stopped"}) == [("accepted", None)]
    assert put({**upload, "status": "running"}) == [("rejected", "experiment_fixed")]  # stays stopped
    [stored] = cloud.client.get("/api/v1/experiments", headers=owner.headers).json()
    assert (stored["status"], stored["horizon"]) == ("stopped", 388)
    other = cloud.kiosk(cloud.owner("Bakery"))
    r = cloud.client.put("/api/v1/sync/experiments", json={"experiments": [upload]}, headers=other.headers)
    assert r.json()["results"][0]["reason"] == "experiment_id_unavailable"
    bad = cloud.client.put(
        "/api/v1/sync/experiments", json={"experiments": [{**upload, "days": 0}]}, headers=kiosk.headers
    )
    assert bad.status_code == 422
