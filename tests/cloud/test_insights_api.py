"""The owner's member analytics on small ledgers whose answers were worked out by hand
(on SQLite and on PostgreSQL: the `cloud` fixture runs each test on both)."""

from __future__ import annotations

import csv
import io
import random
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

import cardtoken
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, points_for, settings_to_plain
from loyalty_rules.reports import local_day


def _at(day: date, hour: int = 12, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC).isoformat()


def _join(cloud, kiosk, program, when: str, name: str, email=None, consent=False, joined=None) -> int:
    """A card enrolled at `when` for a new member, who joined then (or at `joined`)."""
    card = cardtoken.new_card_id()
    customer = {
        "id": str(uuid.uuid4()),
        "name": name,
        "email": email,
        "phone": None,
        "marketing_consent": consent,
    }
    if joined is not None:
        customer["created_at"] = joined
    [result] = cloud.push(
        kiosk,
        cloud.event("enroll", card, program, 0, customer=customer, key_id=kiosk.key_id, occurred_at=when),
    )
    assert result["status"] == "accepted", result
    return card


def _visit(cloud, kiosk, program, card, when: str) -> dict:
    event = cloud.event("earn", card, program, 1, occurred_at=when)
    [result] = cloud.push(kiosk, event)
    assert result["status"] == "accepted", result
    return event


def _points_offer(cloud, owner, minor_per_unit: int = 100) -> tuple[str, PointsSettings]:
    points = PointsSettings(
        Decimal("1"), Rounding.UP, 0, (Reward("coffee", "Coffee", 1),), minor_per_unit=minor_per_unit
    )
    body = {"name": "Points", "kind": "points", "stamps_required": 1, "reward_text": "Coffee"}
    r = cloud.client.post(
        "/api/v1/offers", json={**body, "points": settings_to_plain(points)}, headers=owner.headers
    )
    assert r.status_code == 201, r.text
    return r.json()["id"], points


def _shop(cloud):
    owner = cloud.owner()
    program = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    return owner, program, kiosk


# --- RFM --------------------------------------------------------------------------------------

# days before `end` of each member's visits; scores worked out with 1 + ⌊5·(members worse)/6⌋:
#   recency days 0,1,30,100,200,300 -> R 5,4,3,2,1,1; visit days 4,3,2,1,5,1 -> F 4,3,2,1,5,1
LEDGER = {
    "Ann": [0, 0, 1, 2, 3],  # two stamps on the last day are one visit
    "Ben": [1, 10, 20],
    "Cid": [30, 40],
    "Dora": [100],
    "Emil": [200, 201, 202, 203, 204],
    "Finn": [300],
}
EXPECTED = {  # name: (R, F, segment)
    "Ann": (5, 4, "champions"),
    "Ben": (4, 3, "potential_loyalist"),
    "Cid": (3, 2, "about_to_sleep"),
    "Dora": (2, 1, "hibernating"),
    "Emil": (1, 5, "cannot_lose"),
    "Finn": (1, 1, "hibernating"),
}


def _rfm_ledger(cloud):
    owner, program, kiosk = _shop(cloud)
    end = cloud.clock().date()
    cards = {}
    for name, days in LEDGER.items():
        joined = end - timedelta(days=max(days))
        cards[name] = _join(
            cloud,
            kiosk,
            program,
            _at(joined, 8),
            name,
            email=f"{name.lower()}@mail.example",
            consent=name != "Ben",
        )
        for i, d in enumerate(days):
            _visit(cloud, kiosk, program, cards[name], _at(end - timedelta(days=d), 9, i))
    # Cid's stamp 5 days ago was undone: it is not a visit (else her recency would be 5)
    undone = _visit(cloud, kiosk, program, cards["Cid"], _at(end - timedelta(days=5)))
    void = cloud.event("void", cards["Cid"], program, -1, ref_event_id=undone["id"], occurred_at=_at(end, 10))
    assert cloud.push(kiosk, void)[0]["status"] == "accepted"
    _join(cloud, kiosk, program, _at(end), "Gus")  # a member with no visit is not scored
    return owner, program, kiosk, end


def test_rfm_scores_and_segment_counts_of_six_members_match_the_hand_computed_ones(cloud):
    owner, _program, _kiosk, end = _rfm_ledger(cloud)
    r = cloud.client.get(
        "/api/v1/analytics/rfm",
        params={"start": str(end - timedelta(days=364)), "end": str(end)},
        headers=owner.headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["members"] == 6
    segments = {s["segment"]: s["members"] for s in body["segments"]}
    assert segments == {
        "champions": 1,
        "loyal": 0,
        "potential_loyalist": 1,
        "new": 0,
        "promising": 0,
        "needs_attention": 0,
        "about_to_sleep": 1,
        "at_risk": 0,
        "cannot_lose": 1,
        "hibernating": 2,
    }
    grid = {(s["recency"], s["frequency"]): s["members"] for s in body["scores"]}
    assert grid == {(5, 4): 1, (4, 3): 1, (3, 2): 1, (2, 1): 1, (1, 5): 1, (1, 1): 1}
    assert {s["monetary"] for s in body["scores"]} == {None}  # no spend on the events yet


def test_the_campaign_csv_lists_a_segment_with_contacts_only_of_members_who_consented(cloud):
    owner, _program, _kiosk, end = _rfm_ledger(cloud)
    params = {"start": str(end - timedelta(days=364)), "end": str(end)}
    r = cloud.client.get("/api/v1/analytics/rfm/members.csv", params=params, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    by_name = {row["name"]: row for row in rows}
    assert set(by_name) == set(LEDGER)
    for name, (rec, freq, seg) in EXPECTED.items():
        row = by_name[name]
        assert (int(row["recency_score"]), int(row["frequency_score"]), row["segment"]) == (rec, freq, seg)
        assert row["visit_days"] == str(len(set(LEDGER[name])))
        assert row["last_visit"] == str(end - timedelta(days=min(LEDGER[name])))
        assert row["email"] == ("" if name == "Ben" else f"{name.lower()}@mail.example")
        assert row["spend"] == ""
        assert row["monetary_score"] == ""
    assert rows[0]["name"] == "Ann"  # best first

    r = cloud.client.get(
        "/api/v1/analytics/rfm/members.csv",
        params={**params, "segment": "hibernating"},
        headers=owner.headers,
    )
    assert sorted(row["name"] for row in csv.DictReader(io.StringIO(r.text))) == ["Dora", "Finn"]
    r = cloud.client.get(
        "/api/v1/analytics/rfm/members.csv", params={**params, "segment": "vip"}, headers=owner.headers
    )
    assert r.status_code == 422


@pytest.mark.parametrize(
    ("currency", "minor_per_unit", "ann", "ben"),
    [
        # yen has no minor unit: 1250 + 980 is 2230 yen (dividing by 100 said 22.30)
        ("JPY", 1, "2230", "500"),
        ("KWD", 1000, "2.230", "0.500"),  # the dinar's 1000 fils: three decimals
        ("EUR", 100, "22.30", "5.00"),
    ],
)
def test_spend_is_in_the_business_s_currency_units_in_the_csv_and_the_cohorts(
    cloud, currency, minor_per_unit, ann, ben
):
    owner = cloud.owner()
    program, points = _points_offer(cloud, owner, minor_per_unit)
    kiosk = cloud.kiosk(owner)
    for name, sales in (("Ann", (1250, 980)), ("Ben", (500,))):
        card = cloud.enroll(kiosk, program, name=name)
        for sale in sales:
            earn = cloud.event("earn", card, program, points_for(sale, points), amount_minor=sale)
            assert cloud.push(kiosk, earn)[0]["status"] == "accepted"
    today = local_day(cloud.clock(), ZoneInfo("UTC"))
    params = {"start": str(today - timedelta(days=30)), "end": str(today)}
    r = cloud.client.get("/api/v1/analytics/rfm/members.csv", params=params, headers=owner.headers)
    assert r.status_code == 200, r.text
    spend = {row["name"]: row["spend"] for row in csv.DictReader(io.StringIO(r.text))}
    assert spend == {"Ann": ann, "Ben": ben}
    r = cloud.client.get("/api/v1/analytics/cohorts", params=params, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert [c["spend"][0] for c in r.json()] == [float(ann) + float(ben)]


def test_another_business_sees_none_of_the_members_and_a_stranger_is_refused(cloud):
    _owner, program, _kiosk, end = _rfm_ledger(cloud)
    other = cloud.owner("Other shop")
    params = {"start": str(end - timedelta(days=364)), "end": str(end)}
    assert (
        cloud.client.get("/api/v1/analytics/rfm", params=params, headers=other.headers).json()["members"] == 0
    )
    # not even by naming the first shop's offer
    r = cloud.client.get(
        "/api/v1/analytics/rfm", params={**params, "program_id": program}, headers=other.headers
    )
    assert r.json()["members"] == 0
    csv_text = cloud.client.get(
        "/api/v1/analytics/rfm/members.csv", params=params, headers=other.headers
    ).text
    assert len(csv_text.strip().splitlines()) == 1  # the header only
    cohorts = cloud.client.get("/api/v1/analytics/cohorts", params=params, headers=other.headers).json()
    assert cohorts == []
    for path in ("rfm", "rfm/members.csv", "cohorts", "acquisition"):
        assert cloud.client.get(f"/api/v1/analytics/{path}").status_code == 401


def test_filters_by_program_and_bad_days_are_refused(cloud):
    owner, program, _kiosk, end = _rfm_ledger(cloud)
    cake = cloud.offer(owner, name="Cake")
    params = {"start": str(end - timedelta(days=364)), "end": str(end)}
    got = cloud.client.get(
        "/api/v1/analytics/rfm", params={**params, "program_id": cake}, headers=owner.headers
    )
    assert got.json()["members"] == 0
    got = cloud.client.get(
        "/api/v1/analytics/rfm", params={**params, "program_id": program}, headers=owner.headers
    )
    assert got.json()["members"] == 6
    for bad in ({"end": "2026-02-30"}, {"start": "yesterday"}, {"program_id": "not-a-uuid"}):
        r = cloud.client.get("/api/v1/analytics/rfm", params=bad, headers=owner.headers)
        assert r.status_code == 422, bad


# --- cohorts ------------------------------------------------------------------------------------


def _month_back(first: date, months: int) -> date:
    y, m = divmod(first.year * 12 + first.month - 1 - months, 12)
    return date(y, m + 1, 1)


def test_cohort_cells_of_three_join_months(cloud):
    owner, program, kiosk = _shop(cloud)
    today = cloud.clock().date()
    m0 = today.replace(day=1)
    m1, m2, m3 = (_month_back(m0, k) for k in (1, 2, 3))
    pia = _join(cloud, kiosk, program, _at(m2, 9), "Pia")
    for month in (m2, m1, m0):
        _visit(cloud, kiosk, program, pia, _at(month, 10))
        _visit(cloud, kiosk, program, pia, _at(month, 11))  # twice in a month is still one member
    quinn = _join(cloud, kiosk, program, _at(m2, 9), "Quinn")
    _visit(cloud, kiosk, program, quinn, _at(m2, 10))
    rosa = _join(cloud, kiosk, program, _at(m1, 9), "Rosa")
    _visit(cloud, kiosk, program, rosa, _at(m1, 10))
    _visit(cloud, kiosk, program, rosa, _at(m0, 10))
    _join(cloud, kiosk, program, _at(m0, 9), "Sam")  # joined, never came back
    tom = _join(cloud, kiosk, program, _at(m3, 9), "Tom")  # joined before the range
    _visit(cloud, kiosk, program, tom, _at(m1, 10))

    r = cloud.client.get(
        "/api/v1/analytics/cohorts", params={"start": str(m2), "end": str(today)}, headers=owner.headers
    )
    assert r.status_code == 200, r.text
    rows = [(c["month"], c["size"], c["active"], c["retention"], c["spend"]) for c in r.json()]
    assert rows == [
        (m2.isoformat()[:7], 2, [2, 1, 1], [1.0, 0.5, 0.5], [None, None, None]),
        (m1.isoformat()[:7], 1, [1, 1, None], [1.0, 1.0, None], [None, None, None]),
        (m0.isoformat()[:7], 1, [0, None, None], [0.0, None, None], [None, None, None]),
    ]
    # the same through the offer and the location filters; another place has no cohorts
    for narrowed in ({"program_id": program}, {"location_id": kiosk.location_id}):
        again = cloud.client.get(
            "/api/v1/analytics/cohorts",
            params={"start": str(m2), "end": str(today), **narrowed},
            headers=owner.headers,
        )
        assert again.status_code == 200, again.text
        assert again.json() == r.json()
    elsewhere = cloud.location(owner, "Elsewhere")
    r = cloud.client.get(
        "/api/v1/analytics/cohorts",
        params={"start": str(m2), "end": str(today), "location_id": elsewhere, "program_id": program},
        headers=owner.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json() == []


def test_a_cohort_range_from_mid_month_counts_only_the_spend_on_and_after_its_first_day(cloud):
    """The month a range starts in is read from its rollup rows; a member of the range's cohorts
    whose card has a sale before the range in that month (her card was used before she gave her
    details: she joined later) has that sale left out."""
    owner = cloud.owner()
    program, points = _points_offer(cloud, owner)
    kiosk = cloud.kiosk(owner)
    m2 = _month_back(cloud.clock().date().replace(day=1), 2)

    def on(day: int, hour: int = 12) -> str:
        return _at(m2 + timedelta(days=day - 1), hour)

    def member(name: str, card_from: int, joined: int, *sales: tuple[int, int]) -> None:
        card = _join(cloud, kiosk, program, on(card_from, 9), name, joined=on(joined, 9))
        earns = [
            cloud.event(
                "earn", card, program, points_for(sale, points), amount_minor=sale, occurred_at=on(day)
            )
            for day, sale in sales
        ]
        assert {x["status"] for x in cloud.push(kiosk, *earns)} == {"accepted"}

    member("Kim", 3, 10, (3, 300), (10, 700))  # her card since the 3rd, a member since the 10th
    member("Lea", 8, 8, (8, 250))
    member("Max", 2, 2, (2, 400), (7, 100))  # joined before the 6th: not in the range's cohorts

    def first_cohort(start: date) -> tuple:
        params = {"start": str(start), "end": str(cloud.clock().date())}
        r = cloud.client.get("/api/v1/analytics/cohorts", params=params, headers=owner.headers)
        assert r.status_code == 200, r.text
        c = r.json()[0]
        return c["month"], c["size"], c["active"][0], c["spend"][0]

    # from the 6th: Kim's 7.00 and Lea's 2.50; Kim's 3.00 of the 3rd is before the range
    assert first_cohort(m2 + timedelta(days=5)) == (m2.isoformat()[:7], 2, 2, 9.5)
    # from the 3rd it is in, and from the 2nd Max's cohort too
    assert first_cohort(m2 + timedelta(days=2)) == (m2.isoformat()[:7], 2, 2, 12.5)
    assert first_cohort(m2 + timedelta(days=1)) == (m2.isoformat()[:7], 3, 3, 17.5)


def test_without_a_start_the_cohorts_are_this_month_and_the_eleven_whole_join_months_before_it(cloud):
    owner, program, kiosk = _shop(cloud)
    today = cloud.clock().date()
    m0 = today.replace(day=1)
    m11, m12 = _month_back(m0, 11), _month_back(m0, 12)
    # on the first day of the oldest month: 365 days back would cut that month in most years
    for name, day in (("Uma", m11), ("Vic", m12 + timedelta(days=27)), ("Wes", m0)):
        member = _join(cloud, kiosk, program, _at(day, 9), name)
        _visit(cloud, kiosk, program, member, _at(today, 8))
    r = cloud.client.get("/api/v1/analytics/cohorts", headers=owner.headers)
    assert r.status_code == 200, r.text
    so_far = [(c["month"], c["size"], sum(a is not None for a in c["active"])) for c in r.json()]
    assert (
        so_far
        == [
            (m11.isoformat()[:7], 1, 12),  # Uma, whole; Vic joined in the month before: not counted
            (m0.isoformat()[:7], 1, 1),
        ]
    )


# --- acquisition ----------------------------------------------------------------------------------


def _last_sunday_of_march(year: int) -> date:
    day = date(year, 3, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def test_acquisition_counts_the_shop_s_days_across_the_spring_dst_change_in_berlin(cloud):
    owner, program, kiosk = _shop(cloud)
    r = cloud.client.patch(
        "/api/v1/businesses/me", json={"time_zone": "Europe/Berlin"}, headers=owner.headers
    )
    assert r.status_code == 200, r.text
    sunday = _last_sunday_of_march(cloud.clock().year - 1)  # clocks go 02:00 -> 03:00 that night
    saturday, monday = sunday - timedelta(days=1), sunday + timedelta(days=1)
    _join(cloud, kiosk, program, _at(saturday, 12), "a")  # Saturday 13:00 CET
    _join(cloud, kiosk, program, _at(saturday, 23, 30), "b")  # Sunday 00:30 CET
    _join(cloud, kiosk, program, _at(sunday, 21, 30), "c")  # Sunday 23:30 CEST
    _join(cloud, kiosk, program, _at(sunday, 22, 30), "d")  # Monday 00:30 CEST (22:30 UTC)
    params = {"start": str(saturday), "end": str(monday)}
    r = cloud.client.get("/api/v1/analytics/acquisition", params=params, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert r.json() == [
        {"period": str(saturday), "new_members": 1},
        {"period": str(sunday), "new_members": 2},
        {"period": str(monday), "new_members": 1},
    ]
    weekly = cloud.client.get(
        "/api/v1/analytics/acquisition", params={**params, "by": "week"}, headers=owner.headers
    ).json()
    assert weekly == [
        {"period": str(saturday - timedelta(days=5)), "new_members": 3},  # the week's Monday
        {"period": str(monday), "new_members": 1},
    ]
    other_place = cloud.location(owner, "Elsewhere")
    r = cloud.client.get(
        "/api/v1/analytics/acquisition", params={**params, "location_id": other_place}, headers=owner.headers
    )
    assert [p["new_members"] for p in r.json()] == [0, 0, 0]
    r = cloud.client.get(
        "/api/v1/analytics/acquisition",
        params={**params, "location_id": kiosk.location_id},
        headers=owner.headers,
    )
    assert [p["new_members"] for p in r.json()] == [1, 2, 1]


# --- churn and lifetime value ----------------------------------------------------------------------


def _churn(cloud, owner, **params):
    return cloud.client.get("/api/v1/analytics/churn", params=params, headers=owner.headers)


def _fitted(cloud) -> None:
    assert cloud.app.state.churn_fits.wait_idle(60)


def _regulars_and_one_timers(cloud, members: int = 40, seed: int = 5):
    """Members who joined over 40 weeks, each with her own pace (every 4 to 30 days on average)
    and a one in five chance of not coming back after each visit; deterministic by seed. Returns
    the owner, the members and those who came back on another day."""
    owner, program, kiosk = _shop(cloud)
    today = cloud.clock().date()
    rng = random.Random(seed)
    events, repeat = [], 0
    for i in range(members):
        first = today - timedelta(days=280 - (270 * i) // members)
        card = _join(cloud, kiosk, program, _at(first, 8), f"member {i}")
        days, mean = [first], rng.choice((4, 7, 14, 30))
        while rng.random() > 0.2:
            later = days[-1] + timedelta(days=1 + int(rng.expovariate(1 / mean)))
            if later > today:
                break
            days.append(later)
        repeat += len(days) > 1
        events += [cloud.event("earn", card, program, 1, occurred_at=_at(day, 9)) for day in days]
    for i in range(0, len(events), 500):
        assert {r["status"] for r in cloud.push(kiosk, *events[i : i + 500])} == {"accepted"}
    return owner, members, repeat


def test_churn_says_fitting_then_answers_from_the_fitted_models_and_refits_when_stale(cloud):
    owner, members, repeat = _regulars_and_one_timers(cloud)
    r = _churn(cloud, owner, weeks=8, limit=1000)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "fitting"
    assert r.json()["outlook"] == []
    _fitted(cloud)

    r = _churn(cloud, owner, weeks=8, limit=1000)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "ready"
    assert (body["members"], body["repeat_members"]) == (members, repeat)
    assert body["fitted_as_of"] == str(cloud.clock().date())
    assert all(v > 0 for v in body["visit_model"].values())
    assert body["spend_model"] is None  # events carry no amount yet
    outlook = body["outlook"]
    assert len(outlook) == members
    alive = [m["probability_alive"] for m in outlook]
    assert alive == sorted(alive)  # most at risk first
    assert all(0 <= p <= 1 for p in alive)
    # BG/NBD: a member who never came back cannot have dropped out after a repeat visit
    once = [m for m in outlook if m["visit_days"] == 1]
    assert len(once) == members - repeat
    assert all(m["probability_alive"] == 1.0 for m in once)
    assert all(m["expected_spend"] is None for m in outlook)
    # the models tell members apart: the list runs from at risk to safe
    assert outlook[-1]["probability_alive"] > outlook[0]["probability_alive"]
    assert _churn(cloud, owner, limit=3).json()["outlook"] == outlook[:3]
    first_fit = body["fitted_at"]

    cloud.clock.advance(days=2)  # a stale fit is served while the refit runs
    fresh = cloud.login(owner.email, owner.password)
    owner.headers = {"Authorization": f"Bearer {fresh['access_token']}"}
    r = _churn(cloud, owner)
    assert r.status_code == 200
    assert r.json()["fitted_at"] == first_fit
    _fitted(cloud)
    refit = _churn(cloud, owner).json()
    assert refit["status"] == "ready"
    assert refit["fitted_at"] != first_fit
    assert refit["fitted_as_of"] == str(cloud.clock().date())


def test_churn_says_not_enough_data_while_too_few_members_came_back(cloud):
    owner, members, repeat = _regulars_and_one_timers(cloud, members=9)
    assert repeat < 10  # fewer came back than the models need
    assert _churn(cloud, owner).status_code == 202
    _fitted(cloud)
    r = _churn(cloud, owner)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "not_enough_data"
    assert "Not enough data yet" in body["message"]
    assert (body["members"], body["repeat_members"]) == (members, repeat)
    assert body["visit_model"] is None
    assert body["outlook"] == []
    other = cloud.owner("Another shop")  # sees its own (empty) state, not this one
    assert _churn(cloud, other).status_code == 202
    _fitted(cloud)
    assert _churn(cloud, other).json()["members"] == 0
    for bad in ({"weeks": 0}, {"weeks": "x"}, {"limit": 0}):
        assert _churn(cloud, owner, **bad).status_code == 422
    assert cloud.client.get("/api/v1/analytics/churn").status_code == 401
