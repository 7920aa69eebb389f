"""Analytics numbers checked against the events the test pushed."""

from __future__ import annotations

from datetime import timedelta


def test_analytics_per_day_offer_location_and_popular(cloud):
    day1 = cloud.clock().date()
    before, day2 = (str(day1 + timedelta(days=d)) for d in (-1, 1))
    owner = cloud.owner()
    coffee = cloud.offer(owner, name="Coffee")
    cake = cloud.offer(owner, name="Cake")
    harbour, station = cloud.location(owner, "Harbour"), cloud.location(owner, "Station")
    k1, k2 = cloud.kiosk(owner, harbour), cloud.kiosk(owner, station)
    # day 1 (the cloud clock's today): two customers at the harbour on coffee
    c1 = cloud.enroll(k1, coffee, "A")
    c2 = cloud.enroll(k1, coffee, "B")
    cloud.push(
        k1, *[cloud.event("earn", c1, coffee, 1) for _ in range(3)], cloud.event("earn", c2, coffee, 2)
    )
    voided = cloud.event("earn", c2, coffee, 1)
    cloud.push(k1, voided, cloud.event("void", c2, coffee, -1, ref_event_id=voided["id"]))
    cloud.push(k1, cloud.event("redeem", c1, coffee, -3))
    # day 2: one customer at the station on cake
    cloud.clock.advance(86400)
    c3 = cloud.enroll(k2, cake, "C")
    cloud.push(k2, cloud.event("earn", c3, cake, 1), cloud.event("earn", c3, cake, 1))

    fresh = cloud.login(owner.email, owner.password)  # a day later the access token has expired
    owner.headers = {"Authorization": f"Bearer {fresh['access_token']}"}
    r = cloud.client.get(
        "/api/v1/analytics", params={"start": before, "end": str(day2)}, headers=owner.headers
    )
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["days"] == [
        {
            "day": str(day1),
            "new_customers": 2,
            "visits": 4,
            "stamps": 5,
            "redemptions": 1,
            "redemption_rate": 0.25,
        },
        {
            "day": day2,
            "new_customers": 1,
            "visits": 2,
            "stamps": 2,
            "redemptions": 0,
            "redemption_rate": 0.0,
        },
    ]
    offers = {o["name"]: o for o in data["offers"]}
    assert (offers["Coffee"]["visits"], offers["Coffee"]["stamps"], offers["Coffee"]["redemptions"]) == (
        4,
        5,
        1,
    )
    assert (offers["Cake"]["visits"], offers["Cake"]["redemptions"]) == (2, 0)
    locations = {loc["name"]: loc for loc in data["locations"]}
    assert locations["Harbour"]["visits"] == 4
    assert locations["Station"]["visits"] == 2
    assert [o["name"] for o in data["popular_offers"]] == ["Coffee", "Cake"]
    assert data["open_conflicts"] == 0

    daily = cloud.client.get(
        "/api/v1/analytics/daily", params={"start": day2, "end": day2}, headers=owner.headers
    ).json()
    assert [d["day"] for d in daily] == [day2]
    popular = cloud.client.get(
        "/api/v1/analytics/popular-offers", params={"limit": 1, "end": day2}, headers=owner.headers
    ).json()
    assert [o["name"] for o in popular] == ["Coffee"]
    by_loc = cloud.client.get(
        "/api/v1/analytics/locations", params={"end": day2}, headers=owner.headers
    ).json()
    assert {x["name"] for x in by_loc} == {"Harbour", "Station"}


def test_an_inverted_range_is_empty_not_an_error(cloud):
    """start after end is a valid request (the schema cannot forbid it): it covers no days."""
    owner = cloud.owner()
    kiosk = cloud.kiosk(owner)
    offer = cloud.offer(owner)
    cloud.push(kiosk, cloud.event("earn", cloud.enroll(kiosk, offer), offer, 1))
    today = cloud.clock().date()
    params = {"start": str(today + timedelta(days=1)), "end": str(today)}
    r = cloud.client.get("/api/v1/analytics", params=params, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert r.json()["days"] == []
    assert r.json()["offers"] == []
    assert cloud.client.get("/api/v1/analytics/daily", params=params, headers=owner.headers).json() == []


def test_days_outside_the_sane_range_are_422_not_500(cloud):
    owner = cloud.owner()
    for path, params in [
        ("/api/v1/analytics", {"end": "0001-01-05"}),
        ("/api/v1/analytics/daily", {"end": "0001-01-01"}),
        ("/api/v1/analytics/offers", {"start": "9999-12-31"}),
        ("/api/v1/analytics/locations", {"start": "1999-12-31", "end": "2000-01-02"}),
        ("/api/v1/analytics/popular-offers", {"end": "2200-01-01"}),
        ("/api/v1/analytics", {"start": "0"}),  # pydantic alone would read a Unix time into it
        ("/api/v1/analytics", {"end": "2026-02-30"}),
    ]:
        r = cloud.client.get(path, params=params, headers=owner.headers)
        assert r.status_code == 422, (path, params, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "2000-01-01 to 2199-12-31" in r.json()["detail"]
    edges = {"start": "2000-01-01", "end": "2199-12-31"}
    assert cloud.client.get("/api/v1/analytics/daily", params=edges, headers=owner.headers).status_code == 200


def test_push_refuses_events_dated_year_1_or_9999_and_keeps_the_rest(cloud):
    owner = cloud.owner()
    kiosk = cloud.kiosk(owner)
    offer = cloud.offer(owner)
    card = cloud.enroll(kiosk, offer)
    ancient = cloud.event("earn", card, offer, 1, occurred_at="0001-01-01T00:00:00+00:00")
    far = cloud.event("earn", card, offer, 1, occurred_at="9999-12-31T12:00:00+00:00")
    fine = cloud.event("earn", card, offer, 2)
    results = cloud.push(kiosk, ancient, far, fine)
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("rejected", "occurred_at_out_of_range"),
        ("rejected", "occurred_at_out_of_range"),
        ("accepted", None),
    ]
    card_now = cloud.client.get(f"/api/v1/cards/{card}", headers=owner.headers).json()
    assert card_now["balance"]["units"] == 2
    events = cloud.client.get(f"/api/v1/cards/{card}/events", headers=owner.headers).json()
    assert [e["kind"] for e in events] == ["enroll", "earn"]
