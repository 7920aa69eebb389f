"""The five rules the kiosk and the cloud used to count differently (issue 14), each pinned:
the same events give the same balances, report counts and days, and offers the same limits, on
both sides."""

from __future__ import annotations

import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

import cardtoken
from cloud.deps import bump_seq
from cloud.models import Offer as OfferRow
from kiosk.domain.ledger import balance_of
from kiosk.domain.model import Event, EventKind
from kiosk.domain.offers import OfferDraft, check_offer
from kiosk.domain.reports import ReportLine, period, summarise
from loyalty_rules.referrals import BonusFor, bonus_event_id


@pytest.fixture
def shop(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    return owner, offer, cloud.kiosk(owner)


def _kiosk_event(cloud, wire: dict, ref_kind: EventKind | None = None) -> Event:
    return Event(
        wire["id"],
        EventKind(wire["kind"]),
        wire["card_id"],
        wire["program_id"],
        wire["units"],
        cloud.clock(),
        ref_event_id=wire.get("ref_event_id"),
        ref_kind=ref_kind,
    )


def test_an_enrolment_s_starting_stamps_count_to_lifetime_alike_at_the_kiosk_and_in_the_cloud(cloud, shop):
    """(a) the cloud counted an enrolment's units in `lifetime`, the kiosk did not. They are a grant
    (a paper card carried over, a welcome stamp): both count them, and a void takes them back."""
    owner, offer, kiosk = shop
    card_id = 10_000_000_007
    customer = {"id": str(uuid.uuid4()), "name": "Grace", "email": None, "phone": None}
    enrol = cloud.event("enroll", card_id, offer, 3, customer=customer, key_id=kiosk.key_id)
    earn = cloud.event("earn", card_id, offer, 2)
    void = cloud.event("void", card_id, offer, -2, ref_event_id=earn["id"])
    assert [r["status"] for r in cloud.push(kiosk, enrol, earn, void)] == ["accepted"] * 3
    kiosk_balance = balance_of(
        [
            _kiosk_event(cloud, enrol),
            _kiosk_event(cloud, earn),
            _kiosk_event(cloud, void, EventKind.EARN),
        ]
    )
    r = cloud.client.get(f"/api/v1/cards/{card_id}", headers=owner.headers)
    assert r.status_code == 200, r.text
    cloud_balance = r.json()["balance"]
    assert cloud_balance == {"units": 3, "lifetime": 3, "redemptions": 0, "visits": 0}
    assert (kiosk_balance.units, kiosk_balance.lifetime, kiosk_balance.redemptions, kiosk_balance.visits) == (
        3,
        3,
        0,
        0,
    )


def _analytics(cloud, owner, **params) -> dict:
    r = cloud.client.get("/api/v1/analytics", params=params, headers=owner.headers)
    assert r.status_code == 200, r.text
    return r.json()


def _member(cloud, kiosk, offer, name: str) -> tuple[int, str]:
    card_id, customer_id = cardtoken.new_card_id(), str(uuid.uuid4())
    customer = {"id": customer_id, "name": name, "email": None, "phone": None}
    enrol = cloud.event("enroll", card_id, offer, 0, customer=customer, key_id=kiosk.key_id)
    assert [r["status"] for r in cloud.push(kiosk, enrol)] == ["accepted"]
    return card_id, customer_id


def test_referral_stamps_count_in_the_cloud_s_analytics_as_in_the_kiosk_s_reports(cloud, shop):
    """(b) the kiosk's reports counted referral stamps, the cloud's analytics did not. A referral
    (issue 15): her first visit grants her 2 bonus stamps and her referrer 4, whose bonus is then
    undone; both sides count 1 + 2 + 4 - 4 stamps and one visit."""
    owner, offer, kiosk = shop
    card, newcomer = _member(cloud, kiosk, offer, "Nina")
    referrer_card, referrer = _member(cloud, kiosk, offer, "Ana")
    earn = cloud.event("earn", card, offer, 1)
    referral_id = str(uuid.uuid4())
    about = {
        "id": referral_id,
        "referrer_customer_id": referrer,
        "newcomer_customer_id": newcomer,
        "created_at": cloud.clock().isoformat(),
        "visit_event_id": earn["id"],
        "monthly_cap": 5,
    }
    referral = cloud.event("referral", card, offer, 2, referral=about)
    referral["id"] = str(bonus_event_id(referral_id, BonusFor.NEWCOMER))
    undone = cloud.event("referral", referrer_card, offer, 4, referral=about)
    undone["id"] = str(bonus_event_id(referral_id, BonusFor.REFERRER))
    void = cloud.event("void", referrer_card, offer, -4, ref_event_id=undone["id"])
    assert {r["status"] for r in cloud.push(kiosk, earn, referral, undone, void)} == {"accepted"}
    utc = ZoneInfo("UTC")
    start, end = period(cloud.clock() + timedelta(minutes=1), 1, utc)
    lines = [
        ReportLine(cloud.clock(), EventKind(e["kind"]), e["units"], offer, "c", None, ref)
        for e, ref in ((earn, None), (referral, None), (undone, None), (void, EventKind.REFERRAL))
    ]
    kiosk_report = summarise(lines, start, end, utc)
    cloud_day = _analytics(cloud, owner)["days"][-1]
    assert kiosk_report.totals.stamps == 3
    assert (cloud_day["visits"], cloud_day["stamps"]) == (kiosk_report.totals.visits, 3)
    offers = _analytics(cloud, owner)["offers"]
    assert [o["stamps"] for o in offers] == [3]


def test_a_stamp_undone_after_midnight_stays_in_its_day_and_is_taken_back_in_the_next(cloud, shop):
    """(e) the kiosk counted an undo on its own day, the cloud dropped the undone stamp from its
    first day. Both now count the undo on its own day: a day a manager may have read keeps its
    figures, and the period's totals are the same either way."""
    owner, offer, kiosk = shop
    card = cloud.enroll(kiosk, offer)
    midnight = cloud.clock().replace(hour=0, minute=0, second=0, microsecond=0)
    earn = cloud.event("earn", card, offer, 2, occurred_at=(midnight - timedelta(minutes=2)).isoformat())
    void = cloud.event(
        "void",
        card,
        offer,
        -2,
        ref_event_id=earn["id"],
        occurred_at=(midnight + timedelta(minutes=1)).isoformat(),
    )
    assert [r["status"] for r in cloud.push(kiosk, earn, void)] == ["accepted"] * 2
    utc = ZoneInfo("UTC")
    start, end = period(cloud.clock(), 2, utc)
    lines = [
        ReportLine(midnight - timedelta(minutes=2), EventKind.EARN, 2, offer, "c"),
        ReportLine(midnight + timedelta(minutes=1), EventKind.VOID, -2, offer, "c", None, EventKind.EARN),
    ]
    kiosk_days = [(str(d), t.visits, t.stamps) for d, t in summarise(lines, start, end, utc).by_day]
    yesterday, today = str(midnight.date() - timedelta(days=1)), str(midnight.date())
    assert kiosk_days == [(yesterday, 1, 2), (today, -1, -2)]
    cloud_days = _analytics(cloud, owner, start=yesterday, end=today)["days"]
    assert [(d["day"], d["visits"], d["stamps"]) for d in cloud_days] == kiosk_days
    # over both days the stamp is gone, on both sides
    assert [o["stamps"] for o in _analytics(cloud, owner, start=yesterday, end=today)["offers"]] == [0]


# noon UTC (the cloud's test clock) is already 02:00 of the next day here, all year (no DST)
KIRITIMATI = "Pacific/Kiritimati"


def test_the_cloud_counts_days_in_the_shop_s_time_zone_like_the_kiosk(cloud, shop):
    """(c) the kiosk's report days are the shop's local days, the cloud's were UTC dates."""
    owner, offer, kiosk = shop
    before_zone = cloud.enroll(kiosk, offer)
    cloud.push(kiosk, cloud.event("earn", before_zone, offer, 1))
    r = cloud.client.patch("/api/v1/businesses/me", json={"time_zone": KIRITIMATI}, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert r.json()["time_zone"] == KIRITIMATI
    after_zone = cloud.enroll(kiosk, offer, name="Bea")
    cloud.push(kiosk, cloud.event("earn", after_zone, offer, 2))

    now = cloud.clock()
    local = now.astimezone(ZoneInfo(KIRITIMATI)).date()
    assert local == now.date() + timedelta(days=1)
    # the kiosk's report of the same moments, in the same zone, puts them on the same day
    zone = ZoneInfo(KIRITIMATI)
    start, end = period(now + timedelta(minutes=1), 2, zone)
    line = ReportLine(now, EventKind.EARN, 1, offer, "c")
    assert [d for d, t in summarise([line], start, end, zone).by_day if t.visits] == [local]

    days = _analytics(cloud, owner, start=str(now.date() - timedelta(days=1)), end=str(local))["days"]
    # both customers and all three stamps on the shop's day, including those pushed before the zone
    # was set (a change of zone recounts the business's days)
    assert [(d["day"], d["new_customers"], d["visits"], d["stamps"]) for d in days] == [(str(local), 2, 2, 3)]
    # with no dates given, "today" is the shop's today
    assert [d["day"] for d in _analytics(cloud, owner)["days"]] == [str(local)]


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "utc ", 5])
def test_an_unknown_time_zone_is_refused_and_changes_nothing(cloud, shop, zone):
    owner, _, _ = shop
    r = cloud.client.patch("/api/v1/businesses/me", json={"time_zone": zone}, headers=owner.headers)
    assert r.status_code == 422, r.text
    me = cloud.client.get("/api/v1/businesses/me", headers=owner.headers).json()
    assert me["time_zone"] == "UTC"


@pytest.mark.parametrize(
    ("field", "good", "bad"),
    [("stamps_required", (2, 50), (1, 51)), ("per_visit_limit", (1, 20), (0, 21))],
)
def test_offer_limits_are_the_same_for_the_kiosk_form_and_the_cloud_api(cloud, shop, field, good, bad):
    """(d) the kiosk took 2-50 stamps and at most 20 per visit, the cloud 1-1000 and 100."""
    owner, offer, _ = shop
    kiosk_field = {"stamps_required": "units_required"}.get(field, field)
    for value in good:
        r = cloud.client.post(
            "/api/v1/offers",
            json={"name": "Tea", "stamps_required": 9, "reward_text": "A tea", field: value},
            headers=owner.headers,
        )
        assert r.status_code == 201, r.text
        draft = OfferDraft("Tea", **{"units_required": 9, "reward_text": "A tea", kiosk_field: value})
        assert kiosk_field not in check_offer(draft)
    for value in bad:
        r = cloud.client.post(
            "/api/v1/offers",
            json={"name": "Tea", "stamps_required": 9, "reward_text": "A tea", field: value},
            headers=owner.headers,
        )
        assert r.status_code == 422, r.text
        r = cloud.client.patch(f"/api/v1/offers/{offer}", json={field: value}, headers=owner.headers)
        assert r.status_code == 422, r.text
        draft = OfferDraft("Tea", **{"units_required": 9, "reward_text": "A tea", kiosk_field: value})
        assert kiosk_field in check_offer(draft)


def test_an_offer_saved_under_the_old_wider_limits_still_loads_and_works(cloud, shop):
    owner, _, kiosk = shop
    offer_id = str(uuid.uuid4())
    with cloud.db.writing() as session:
        session.add(
            OfferRow(
                id=offer_id,
                business_id=owner.business_id,
                kind="stamps",
                name="Big card",
                stamps_required=500,
                reward_text="A party",
                per_visit_limit=60,
                cooldown_seconds=0,
                created_at=cloud.clock(),
                seq=bump_seq(session, owner.business_id),
            )
        )
    r = cloud.client.get(f"/api/v1/offers/{offer_id}", headers=owner.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["stamps_required"], r.json()["per_visit_limit"]) == (500, 60)
    assert offer_id in [o["id"] for o in cloud.pull(kiosk)["offers"]]
    renamed = cloud.client.patch(f"/api/v1/offers/{offer_id}", json={"name": "Huge"}, headers=owner.headers)
    assert renamed.status_code == 200, renamed.text
    card = cloud.enroll(kiosk, offer_id)
    assert cloud.push(kiosk, cloud.event("earn", card, offer_id, 40))[0]["status"] == "accepted"
