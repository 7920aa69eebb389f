"""Plans, enforced by the cloud (cloud/plans.py over loyalty_rules/plans.py): each limit where it
bites, the 402 problem that names the plan, the limit and the upgrade, and the upgrade lifting it."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

import cardtoken
from cloud import plans
from cloud.__main__ import main as cloud_main
from cloud.models import Business, Customer, Location, Offer
from loyalty_rules.plans import Plan

FORM = {"name": "Ada Lovelace", "email": "ada@example.org", "phone": "", "consent": "yes", "referral": ""}


def upgrade(cloud, owner, plan: Plan) -> None:
    with cloud.db.writing() as session:
        plans.set_plan(session, owner.business_id, plan)


def count(cloud, model, *where) -> int:
    with cloud.db.read_session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def assert_plan_problem(response, plan: str, refusal: str, upgrade_to: str, limit_words: str) -> None:
    assert response.status_code == 402, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"].endswith("/plan-limit")
    assert (body["plan"], body["refusal"], body["upgrade_to"]) == (plan, refusal, upgrade_to)
    assert f"The {plan} plan" in body["detail"]
    assert limit_words in body["detail"]
    assert f"Upgrade to the {upgrade_to} plan" in body["detail"]


def enrol_event(cloud, kiosk, program_id: str, name: str) -> dict:
    customer = {
        "id": str(uuid.uuid4()),
        "name": name,
        "email": None,
        "phone": None,
        "marketing_consent": False,
    }
    return cloud.event(
        "enroll", cardtoken.new_card_id(), program_id, 0, customer=customer, key_id=kiosk.key_id
    )


def test_free_plan_runs_one_offer_paused_ones_are_free_and_the_upgrade_lifts_it(cloud):
    owner = cloud.owner(plan=Plan.FREE)
    cloud.offer(owner)
    second = {"name": "Tea", "stamps_required": 5, "reward_text": "Free tea"}
    r = cloud.client.post("/api/v1/offers", json=second, headers=owner.headers)
    assert_plan_problem(r, "free", "plan_offer_limit", "professional", "1 running offer(s)")
    assert count(cloud, Offer, Offer.business_id == owner.business_id) == 1  # nothing written
    paused = cloud.offer(owner, name="Tea", status="paused")  # a paused offer does not count
    r = cloud.client.patch(f"/api/v1/offers/{paused}", json={"status": "active"}, headers=owner.headers)
    assert_plan_problem(r, "free", "plan_offer_limit", "professional", "1 running offer(s)")
    r = cloud.client.patch(f"/api/v1/offers/{paused}", json={"name": "Green tea"}, headers=owner.headers)
    assert r.status_code == 200, r.text  # editing it otherwise is fine
    upgrade(cloud, owner, Plan.PROFESSIONAL)
    r = cloud.client.patch(f"/api/v1/offers/{paused}", json={"status": "active"}, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "active"
    cloud.offer(owner, name="Cake")  # professional: any number


def test_a_kiosks_offer_upload_over_the_limit_is_rejected_with_the_plans_sentence(cloud):
    owner = cloud.owner(plan=Plan.FREE)
    kiosk = cloud.kiosk(owner)
    base = {
        "kind": "stamps",
        "stamps_required": 8,
        "reward_text": "A coffee",
        "status": "active",
        "per_visit_limit": 1,
        "cooldown_seconds": 0,
        "starts_at": None,
        "ends_at": None,
        "colour": "#6d4c41",
        "icon": "coffee",
    }
    one, two = str(uuid.uuid4()), str(uuid.uuid4())
    body = {"offers": [{"id": one, "name": "Coffee", **base}, {"id": two, "name": "Tea", **base}]}
    r = cloud.client.put("/api/v1/sync/offers", json=body, headers=kiosk.headers)
    assert r.status_code == 200, r.text
    first, second = r.json()["results"]
    assert first["status"] == "accepted"
    assert second["status"] == "rejected"
    assert second["reason"].startswith("plan_offer_limit: The free plan allows 1 running offer(s)")
    assert "Upgrade to the professional plan" in second["reason"]
    assert count(cloud, Offer, Offer.id == two) == 0
    upgrade(cloud, owner, Plan.PROFESSIONAL)
    r = cloud.client.put("/api/v1/sync/offers", json=body, headers=kiosk.headers)
    assert [x["status"] for x in r.json()["results"]] == ["accepted", "accepted"]


def test_member_101_is_refused_on_every_way_in_until_the_upgrade(cloud):
    owner = cloud.owner(plan=Plan.FREE)
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    results = cloud.push(kiosk, *(enrol_event(cloud, kiosk, offer, f"Member {i}") for i in range(100)))
    assert {r["status"] for r in results} == {"accepted"}
    # the kiosk's enrolment #101, and its stamp after it: refused for the plan, the stamp for its card
    extra = enrol_event(cloud, kiosk, offer, "Number 101")
    stamp = cloud.event("earn", extra["card_id"], offer, 1)
    refused, orphan = cloud.push(kiosk, extra, stamp)
    assert (refused["status"], refused["reason"]) == ("rejected", "plan_member_limit")
    assert (orphan["status"], orphan["reason"]) == ("rejected", "unknown_card")
    r = cloud.client.post("/api/v1/customers", json={"name": "Bea"}, headers=owner.headers)
    assert_plan_problem(r, "free", "plan_member_limit", "professional", "100 members")
    code = cloud.client.post("/api/v1/join-links", json={}, headers=owner.headers).json()["code"]
    page = cloud.client.get(f"/j/{code}")
    assert page.status_code == 200
    assert "Joining here is paused" in page.text
    assert "<form" not in page.text
    sent = cloud.client.post(f"/j/{code}", data=FORM, follow_redirects=False)
    assert sent.status_code == 402
    assert "nothing you typed was kept" in sent.text
    de = cloud.client.get(f"/j/{code}", headers={"Accept-Language": "de"})
    assert "Anmelden ist hier gerade nicht möglich" in de.text
    assert count(cloud, Customer, Customer.business_id == owner.business_id) == 100
    upgrade(cloud, owner, Plan.PROFESSIONAL)
    again, stamped = cloud.push(kiosk, extra, stamp)
    assert (again["status"], stamped["status"]) == ("accepted", "accepted")
    r = cloud.client.post("/api/v1/customers", json={"name": "Bea"}, headers=owner.headers)
    assert r.status_code == 201, r.text
    assert cloud.client.get(f"/j/{code}").text.count("<form") >= 1
    assert count(cloud, Customer, Customer.business_id == owner.business_id) == 102


def test_merged_and_erased_members_leave_room(cloud):
    owner = cloud.owner(plan=Plan.FREE)
    cloud.offer(owner)
    ids = []
    for i in range(100):
        r = cloud.client.post("/api/v1/customers", json={"name": f"M{i}"}, headers=owner.headers)
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    r = cloud.client.post("/api/v1/customers", json={"name": "One more"}, headers=owner.headers)
    assert r.status_code == 402
    assert cloud.client.delete(f"/api/v1/customers/{ids[0]}", headers=owner.headers).status_code == 204
    r = cloud.client.post("/api/v1/customers", json={"name": "One more"}, headers=owner.headers)
    assert r.status_code == 201, r.text


def test_a_second_location_is_enterprise_only(cloud):
    owner = cloud.owner(plan=Plan.PROFESSIONAL)
    cloud.location(owner)
    r = cloud.client.post("/api/v1/locations", json={"name": "Station"}, headers=owner.headers)
    assert_plan_problem(r, "professional", "plan_location_limit", "enterprise", "1 location(s)")
    assert count(cloud, Location, Location.business_id == owner.business_id) == 1
    upgrade(cloud, owner, Plan.ENTERPRISE)
    cloud.location(owner, "Station")
    cloud.location(owner, "Airport")


def test_the_public_signup_api_is_enterprise_only(cloud):
    owner = cloud.owner(plan=Plan.PROFESSIONAL)
    offer = cloud.offer(owner)
    body = {"business_id": owner.business_id, "program_id": offer, "name": "Cleo"}
    r = cloud.client.post("/api/v1/public/signup", json=body)
    assert_plan_problem(r, "professional", "plan_no_api_access", "enterprise", "does not include API access")
    assert count(cloud, Customer, Customer.business_id == owner.business_id) == 0
    upgrade(cloud, owner, Plan.ENTERPRISE)
    r = cloud.client.post("/api/v1/public/signup", json=body)
    assert r.status_code == 201, r.text


def test_the_owner_sees_the_plan(cloud):
    owner = cloud.owner(plan=Plan.FREE)
    assert cloud.client.get("/api/v1/businesses/me", headers=owner.headers).json()["plan"] == "free"


def test_the_operator_changes_the_plan_with_the_cli(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cloud.sqlite3'}"
    common = ["--data-dir", str(tmp_path), "--database-url", url]
    assert (
        cloud_main(
            [
                "create-owner",
                *common,
                "--email",
                "o@shop.example",
                "--password",
                "password-1",
                "--business-name",
                "Cafe",
            ]
        )
        == 0
    )
    assert "plan: free" in capsys.readouterr().out
    assert cloud_main(["plan", *common, "1", "enterprise"]) == 0
    assert "free -> enterprise" in capsys.readouterr().out
    assert cloud_main(["plan", *common, "99", "enterprise"]) == 2
    assert "no business 99" in capsys.readouterr().err
    from cloud.db import Database

    db = Database(url)
    try:
        with db.read_session() as session:
            assert session.scalar(select(Business.plan).where(Business.id == 1)) == "enterprise"
    finally:
        db.dispose()


@pytest.mark.parametrize("plan", list(Plan))
def test_the_detail_of_every_refusal_fits_a_problem(plan):
    from loyalty_rules.plans import PlanRefusal, detail, upgrade_for

    for refusal in PlanRefusal:
        if upgrade_for(plan, refusal) is not None:
            assert len(detail(plan, refusal)) < 300
