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


def test_analytics_rejects_inverted_range(cloud):
    owner = cloud.owner()
    r = cloud.client.get(
        "/api/v1/analytics", params={"start": "2026-12-01", "end": "2026-11-01"}, headers=owner.headers
    )
    assert r.status_code == 422
