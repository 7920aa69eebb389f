"""Happy hours in the cloud (on SQLite and PostgreSQL: the `cloud` fixture runs both): every
problem of the shared rule comes back per field in a 422 problem+json, a good one is stored,
pulled by kiosks and ended; the push accepts an earn that names a happy hour only when it ran at
the event's time for that offer and the units are its boost of a plain earn, by the same rule the
kiosk boosted by (loyalty_rules.happy_hours), and refuses it otherwise with the reason."""

from __future__ import annotations

import uuid
from datetime import timedelta

WINDOW_HOURS = 3


def _window(cloud) -> dict:
    """A window of the shop's clock (UTC, the business's default) from an hour before now."""
    start = cloud.clock() - timedelta(hours=1)
    end = start + timedelta(hours=WINDOW_HOURS)
    return {"weekday": start.weekday(), "starts": f"{start.hour:02}:00", "ends": f"{end.hour:02}:00"}


def _body(programs, **fields) -> dict:
    return {"name": "Double", "windows": [], "boost": "multiply", "amount": 2, "programs": programs, **fields}


def _create(cloud, owner, body, expect=201) -> dict:
    r = cloud.client.post("/api/v1/happy-hours", json=body, headers=owner.headers)
    assert r.status_code == expect, r.text
    return r.json()


def test_every_problem_comes_back_at_its_field_and_a_good_one_is_stored_pulled_and_ended(cloud):
    owner = cloud.owner()
    coffee = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    cursor = cloud.pull(kiosk)["cursor"]

    bad = _create(cloud, owner, _body([], name=" ", amount=9), expect=422)
    assert bad["type"].endswith("validation-error")
    assert {e["loc"][-1]: e["msg"] for e in bad["errors"]} == {
        "name": "Give the happy hour a name.",
        "windows": "Add at least one day and time.",
        "amount": "The multiplier must be 2 to 5.",
        "programs": "Choose at least one offer it applies to.",
    }
    overlap = [_window(cloud), {**_window(cloud), "ends": _window(cloud)["starts"]}]
    assert {e["loc"][-1] for e in _create(cloud, owner, _body([coffee], windows=overlap), 422)["errors"]} == {
        "windows"
    }
    stranger = _create(cloud, owner, _body([str(uuid.uuid4())], windows=[_window(cloud)]), expect=422)
    assert [e["loc"][-1] for e in stranger["errors"]] == ["programs"]
    r = cloud.client.post("/api/v1/happy-hours", json={**_body([coffee]), "extra": 1}, headers=owner.headers)
    assert r.status_code == 422  # unknown fields are refused, as everywhere on the wire
    assert cloud.client.get("/api/v1/happy-hours", headers=owner.headers).json() == []

    made = _create(cloud, owner, _body([coffee], windows=[_window(cloud)], boost="bonus", amount=1))
    assert (made["active"], made["programs"], made["windows"]) == (True, [coffee], [_window(cloud)])
    pulled = cloud.pull(kiosk, cursor)
    assert [h["id"] for h in pulled["happy_hours"]] == [made["id"]]

    r = cloud.client.patch(f"/api/v1/happy-hours/{made['id']}", json={"active": False}, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["active"], r.json()["ended_at"] is not None) == (False, True)
    assert cloud.pull(kiosk, pulled["cursor"])["happy_hours"][0]["active"] is False
    again = cloud.client.put(f"/api/v1/happy-hours/{made['id']}", json=_body([coffee]), headers=owner.headers)
    assert again.status_code == 409  # an ended happy hour does not run again

    other = cloud.owner("Bakery")
    r = cloud.client.get(f"/api/v1/happy-hours/{made['id']}", headers=other.headers)
    assert r.status_code == 404


def test_the_push_accepts_a_boosted_earn_only_as_the_shared_rule_boosts_it(cloud):
    owner = cloud.owner()
    coffee, lunch = cloud.offer(owner), cloud.offer(owner, name="Lunch")
    kiosk = cloud.kiosk(owner)
    hour = _create(cloud, owner, _body([coffee], windows=[_window(cloud)]))
    card = cloud.enroll(kiosk, coffee)
    lunch_card = cloud.enroll(kiosk, lunch)

    def earn(units, card_id=card, program=coffee, hour_id=hour["id"], at=None):
        event = cloud.event("earn", card_id, program, units, happy_hour_id=hour_id)
        if at is not None:
            event["occurred_at"] = at.isoformat()
        [result] = cloud.push(kiosk, event)
        return result["status"], result.get("reason")

    assert earn(2) == ("accepted", None)  # one stamp, doubled
    assert earn(6) == ("accepted", None)  # three, doubled
    assert earn(3) == ("rejected", "happy_hour_units_mismatch")  # no plain earn doubles to 3
    assert earn(2, lunch_card, lunch) == ("rejected", "happy_hour_not_for_program")
    before = cloud.clock() - timedelta(hours=2)  # an hour before the window opened
    assert earn(2, at=before) == ("rejected", "happy_hour_not_running")
    assert earn(2, hour_id=str(uuid.uuid4())) == ("rejected", "unknown_happy_hour")

    earlier = cloud.clock()
    cloud.clock.advance(minutes=5)
    r = cloud.client.patch(f"/api/v1/happy-hours/{hour['id']}", json={"active": False}, headers=owner.headers)
    assert r.status_code == 200
    # a till offline meanwhile boosted before the end: it stands; one after the end does not
    assert earn(4, at=earlier) == ("accepted", None)
    assert earn(4) == ("rejected", "happy_hour_not_running")
    units = cloud.client.get(f"/api/v1/cards/{card}", headers=owner.headers).json()["balance"]["units"]
    assert units == 2 + 6 + 4


def test_a_points_sale_in_the_window_earns_the_boosted_points_and_nothing_else(cloud):
    """The boost multiplies the offer's points for the sale; the points before it must be exactly
    the offer's for the amount (loyalty_rules.kinds.points), as for any sale."""
    from tests.cloud.test_points_push import _balance, _points_offer  # 1 point per EUR 1, half-up

    owner = cloud.owner()
    points = _points_offer(cloud, owner)
    kiosk = cloud.kiosk(owner)
    hour = _create(cloud, owner, _body([points], windows=[_window(cloud)], amount=3))
    card = cloud.enroll(kiosk, points)
    sale = {"amount_minor": 1250, "happy_hour_id": hour["id"]}  # 12.50 -> 13 points, tripled
    good, forged, plain = cloud.push(
        kiosk,
        cloud.event("earn", card, points, 39, **sale),
        cloud.event("earn", card, points, 42, **sale),  # 14 x 3: not the offer's 13 for 12.50
        cloud.event("earn", card, points, 39, amount_minor=1250),  # tripled, with no happy hour named
    )
    assert good["status"] == "accepted", good
    assert (forged["status"], forged["reason"]) == ("rejected", "points_mismatch")
    assert (plain["status"], plain["reason"]) == ("rejected", "points_mismatch")
    assert _balance(cloud, owner, card)["units"] == 39


def test_a_kiosk_change_to_an_ended_happy_hour_is_answered_by_the_end_again(cloud):
    """A till changed a happy hour the cloud has ended meanwhile: the upload is taken (the end
    stands) and the next pull carries the ended one again, so the till stops boosting by it."""
    owner = cloud.owner()
    coffee = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    made = _create(cloud, owner, _body([coffee], windows=[_window(cloud)]))
    r = cloud.client.patch(f"/api/v1/happy-hours/{made['id']}", json={"active": False}, headers=owner.headers)
    assert r.status_code == 200
    cursor = cloud.pull(kiosk)["cursor"]  # the till has pulled past the end...
    upload = {"id": made["id"], **_body([coffee], name="Renamed", windows=[_window(cloud)])}
    r = cloud.client.put("/api/v1/sync/happy-hours", json={"happy_hours": [upload]}, headers=kiosk.headers)
    assert r.status_code == 200, r.text
    assert [(x["id"], x["status"]) for x in r.json()["results"]] == [(made["id"], "accepted")]
    [again] = cloud.pull(kiosk, cursor)["happy_hours"]  # ...and hears it again
    assert (again["name"], again["active"]) == ("Double", False)
