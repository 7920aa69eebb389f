"""Points offers in the cloud (TestClient, real database): the REST API takes kind "points" with
its settings and answers their problems at their own fields; each change of the settings is a
new revision; a kiosk's upload carries them; and the push checks every points earn by the
revision it was computed under, so a till offline while the rate changed is not refused."""

from __future__ import annotations

import uuid
from decimal import Decimal

from kiosk.domain.model import Program, ProgramKind
from kiosk.sync.wire import offer_json, program_from
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, settings_to_plain

SETTINGS = PointsSettings(
    rate=Decimal("1"),
    rounding=Rounding.DOWN,
    minimum_spend_minor=0,
    catalogue=(Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120)),
)
DOUBLE = PointsSettings(
    rate=Decimal("2"), rounding=Rounding.DOWN, minimum_spend_minor=0, catalogue=SETTINGS.catalogue
)


def _points_body(settings: PointsSettings = SETTINGS, **fields) -> dict:
    return {
        "name": "Points",
        "kind": "points",
        "stamps_required": 50,
        "reward_text": "From the catalogue",
        "points": settings_to_plain(settings),
        **fields,
    }


def _errors(r) -> set[tuple[tuple[str, ...], str]]:
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return {(tuple(e["loc"]), e["type"]) for e in r.json()["errors"]}


def test_the_offers_api_makes_a_points_offer_with_its_settings_as_revision_1(cloud):
    owner = cloud.owner()
    r = cloud.client.post("/api/v1/offers", json=_points_body(), headers=owner.headers)
    assert r.status_code == 201, r.text
    made = r.json()
    assert (made["kind"], made["points"], made["points_revision"]) == (
        "points",
        settings_to_plain(SETTINGS),
        1,
    )
    kiosk = cloud.kiosk(owner)
    (pulled,) = cloud.pull(kiosk)["offers"]
    assert program_from(pulled).points == SETTINGS  # the kiosk reads it exactly (rate "1", not 1.0)
    assert program_from(pulled).points_revision == 1
    # a stamp card is made as before (no kind: stamps) and has no settings
    stamps = cloud.client.get(f"/api/v1/offers/{cloud.offer(owner)}", headers=owner.headers).json()
    assert (stamps["kind"], stamps["points"], stamps["points_revision"]) == ("stamps", None, 0)


def test_bad_points_settings_are_named_at_their_fields_and_nothing_is_made(cloud):
    owner = cloud.owner()
    bad = settings_to_plain(SETTINGS)
    bad["rate"] = "0.125"  # three decimals
    bad["catalogue"][1]["cost"] = 0
    bad["catalogue"][1]["id"] = "coffee"  # the same code twice
    r = cloud.client.post("/api/v1/offers", json={**_points_body(), "points": bad}, headers=owner.headers)
    assert _errors(r) == {
        (("body", "points", "rate"), "offer_points_rate"),
        (("body", "points", "catalogue", "1", "cost"), "offer_catalogue_cost"),
        (("body", "points", "catalogue", "1", "id"), "offer_catalogue_id"),
    }
    # a points offer without settings cannot grant anything
    without = {k: v for k, v in _points_body().items() if k != "points"}
    r = cloud.client.post("/api/v1/offers", json=without, headers=owner.headers)
    assert _errors(r) == {
        (("body", "points", "rate"), "offer_points_rate"),
        (("body", "points", "catalogue"), "offer_catalogue_size"),
    }
    # a stamp card with points settings is refused, and a float rate is no decimal text
    r = cloud.client.post("/api/v1/offers", json=_points_body(kind="stamps"), headers=owner.headers)
    assert r.status_code == 422, r.text
    r = cloud.client.post(
        "/api/v1/offers",
        json={**_points_body(), "points": {**settings_to_plain(SETTINGS), "rate": 1.5}},
        headers=owner.headers,
    )
    assert r.status_code == 422, r.text
    assert cloud.client.get("/api/v1/offers", headers=owner.headers).json() == []


def test_each_change_of_the_settings_is_a_new_revision_and_other_edits_keep_it(cloud):
    owner = cloud.owner()
    offer = cloud.client.post("/api/v1/offers", json=_points_body(), headers=owner.headers).json()["id"]

    def patch(body: dict):
        return cloud.client.patch(f"/api/v1/offers/{offer}", json=body, headers=owner.headers)

    assert patch({"points": settings_to_plain(DOUBLE)}).json()["points_revision"] == 2
    assert patch({"name": "Points plus"}).json()["points_revision"] == 2
    assert patch({"points": settings_to_plain(DOUBLE)}).json()["points_revision"] == 2  # the same again
    bad = {**settings_to_plain(DOUBLE), "minimum_spend_minor": -1}
    assert _errors(patch({"points": bad})) == {
        (("body", "points", "minimum_spend_minor"), "offer_points_minimum")
    }
    assert patch({"points": None}).status_code == 422  # settings are never dropped
    now = cloud.client.get(f"/api/v1/offers/{offer}", headers=owner.headers).json()
    assert (now["points"], now["points_revision"]) == (settings_to_plain(DOUBLE), 2)
    stamps = cloud.offer(owner)
    r = cloud.client.patch(
        f"/api/v1/offers/{stamps}", json={"points": settings_to_plain(SETTINGS)}, headers=owner.headers
    )
    assert r.status_code == 422, r.text


def _earn(cloud, card, offer, units, amount, revision=None) -> dict:
    extra = {"offer_revision": revision} if revision is not None else {}
    return cloud.event("earn", card, offer, units, amount_minor=amount, **extra)


def test_earns_are_checked_by_the_revision_they_were_computed_under(cloud):
    owner = cloud.owner()
    offer = cloud.client.post("/api/v1/offers", json=_points_body(), headers=owner.headers).json()["id"]
    kiosk = cloud.kiosk(owner)
    card = cloud.enroll(kiosk, offer)
    # the manager doubles the rate while the till is offline: it still grants 1 per EUR 1
    r = cloud.client.patch(
        f"/api/v1/offers/{offer}", json={"points": settings_to_plain(DOUBLE)}, headers=owner.headers
    )
    assert r.json()["points_revision"] == 2
    old_rate = _earn(cloud, card, offer, 10, 1000, revision=1)
    new_rate = _earn(cloud, card, offer, 20, 1000, revision=2)
    lunch = cloud.event("redeem", card, offer, -120, reward_id="lunch", offer_revision=1)
    refused = [
        (_earn(cloud, card, offer, 10, 1000, revision=2), "points_mismatch"),  # the old rate, said to be new
        (_earn(cloud, card, offer, 10, 1000, revision=7), "unknown_offer_revision"),
        (_earn(cloud, card, offer, 10, 1000), "points_mismatch"),  # no revision: the settings now
        (cloud.event("adjust", card, offer, 5, reason="x", offer_revision=1), "points_fields_on_other_kind"),
    ]
    results = cloud.push(kiosk, old_rate, new_rate, lunch, *(e for e, _ in refused))
    assert [r["status"] for r in results[:3]] == ["accepted"] * 3
    assert [(r["status"], r["reason"]) for r in results[3:]] == [("rejected", why) for _, why in refused]
    balance = cloud.client.get(f"/api/v1/cards/{card}", headers=owner.headers).json()["balance"]
    assert balance["units"] == 10 + 20 - 120  # below zero: the conflict policy of stamps, flagged
    assert [r["status"] for r in cloud.push(kiosk, old_rate)] == ["duplicate"]
    # a stamp card's earn naming a revision is not a points event
    stamps = cloud.offer(owner)
    stamp_card = cloud.enroll(kiosk, stamps, name="Bob")
    (result,) = cloud.push(kiosk, cloud.event("earn", stamp_card, stamps, 1, offer_revision=1))
    assert (result["status"], result["reason"]) == ("rejected", "not_a_points_offer")


def _upload(cloud, kiosk, program: Program) -> dict:
    r = cloud.client.put("/api/v1/sync/offers", json={"offers": [offer_json(program)]}, headers=kiosk.headers)
    assert r.status_code == 200, r.text
    return r.json()["results"][0]


def test_a_kiosks_upload_carries_the_settings_and_their_revision(cloud):
    owner = cloud.owner()
    kiosk = cloud.kiosk(owner)
    program = Program(
        str(uuid.uuid4()),
        "Points",
        50,
        "Catalogue",
        kind=ProgramKind.POINTS,
        per_visit_limit=1,
        cooldown_seconds=0,
        points=SETTINGS,
        points_revision=1,
    )
    assert _upload(cloud, kiosk, program)["status"] == "accepted"
    cursor = cloud.pull(kiosk)["cursor"]
    assert _upload(cloud, kiosk, program)["status"] == "accepted"  # a retry: nothing new to pull
    assert cloud.pull(kiosk, cursor)["offers"] == []
    from dataclasses import replace

    edited = replace(program, points=DOUBLE, points_revision=2)  # the till's edit: its next revision
    assert _upload(cloud, kiosk, edited)["status"] == "accepted"
    (pulled,) = cloud.pull(kiosk, cursor)["offers"]
    assert (program_from(pulled).points, program_from(pulled).points_revision) == (DOUBLE, 2)
    # another till made revision 2 something else while offline: refused, the cloud keeps its own
    other = replace(program, points=replace(SETTINGS, rate=Decimal("3")), points_revision=2)
    assert _upload(cloud, kiosk, other) == {
        "id": program.id,
        "status": "rejected",
        "reason": "points_revision_taken",
    }
    # both earns of revision 1 and 2 are checked by their own rate
    card = cloud.enroll(kiosk, program.id)
    results = cloud.push(
        kiosk, _earn(cloud, card, program.id, 10, 1000, 1), _earn(cloud, card, program.id, 20, 1000, 2)
    )
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    # a kiosk from before points uploads without `points` and `points_revision`: a stamp card as before
    old = offer_json(Program(str(uuid.uuid4()), "Stamps", 9, "Coffee", per_visit_limit=1, cooldown_seconds=0))
    del old["points"], old["points_revision"]
    r = cloud.client.put("/api/v1/sync/offers", json={"offers": [old]}, headers=kiosk.headers)
    assert r.json()["results"][0]["status"] == "accepted", r.text


def test_the_analytics_summary_counts_points_issued_redeemed_and_the_spend_net_of_undos(cloud):
    owner = cloud.owner()
    offer = cloud.client.post("/api/v1/offers", json=_points_body(), headers=owner.headers).json()["id"]
    stamps = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    card = cloud.enroll(kiosk, offer)
    stamp_card = cloud.enroll(kiosk, stamps, name="Bob")
    big = _earn(cloud, card, offer, 90, 9000, 1)
    undone = _earn(cloud, card, offer, 15, 1550, 1)
    lunch = cloud.event("redeem", card, offer, -120, reward_id="lunch", offer_revision=1)
    coffee = cloud.event("redeem", card, offer, -50, reward_id="coffee", offer_revision=1)
    events = [
        big,
        _earn(cloud, card, offer, 40, 4099, 1),
        undone,
        cloud.event("void", card, offer, -15, ref_event_id=undone["id"]),
        lunch,
        coffee,
        cloud.event("void", card, offer, 50, ref_event_id=coffee["id"]),
        cloud.event("earn", stamp_card, stamps, 3),  # a stamp card's units are no points
    ]
    assert {r["status"] for r in cloud.push(kiosk, *events)} == {"accepted"}
    r = cloud.client.get("/api/v1/analytics", headers=owner.headers)
    assert r.status_code == 200, r.text
    assert r.json()["points"] == {"issued": 130, "redeemed": 120, "spend_minor": 13099}


def test_the_members_csv_says_what_each_member_spent_on_points_sales_net_of_undos(cloud):
    import csv
    import io

    owner = cloud.owner()
    offer = cloud.client.post("/api/v1/offers", json=_points_body(), headers=owner.headers).json()["id"]
    stamps = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    ann, ben = cloud.enroll(kiosk, offer, name="Ann"), cloud.enroll(kiosk, stamps, name="Ben")
    undone = _earn(cloud, ann, offer, 15, 1550, 1)
    events = [
        _earn(cloud, ann, offer, 90, 9000, 1),
        _earn(cloud, ann, offer, 40, 4099, 1),
        undone,
        cloud.event("void", ann, offer, -15, ref_event_id=undone["id"]),
        cloud.event("earn", ben, stamps, 1),
    ]
    assert {r["status"] for r in cloud.push(kiosk, *events)} == {"accepted"}
    r = cloud.client.get("/api/v1/analytics/rfm/members.csv", headers=owner.headers)
    assert r.status_code == 200, r.text
    spend = {row["name"]: row["spend"] for row in csv.DictReader(io.StringIO(r.text))}
    assert spend == {"Ann": "130.99", "Ben": ""}  # a stamp card's visits carry no sale


def test_stamps_required_of_a_points_offer_is_its_cheapest_reward_s_cost(cloud):
    """The registry counts "rewards ready" towards stamps_required: a points offer whose
    stamps_required is not its catalogue's cheapest cost is refused, made or patched, and kept."""
    owner = cloud.owner()
    r = cloud.client.post("/api/v1/offers", json=_points_body(stamps_required=120), headers=owner.headers)
    assert _errors(r) == {(("body", "stamps_required"), "offer_points_cheapest")}
    assert cloud.client.get("/api/v1/offers", headers=owner.headers).json() == []
    offer = cloud.client.post("/api/v1/offers", json=_points_body(), headers=owner.headers).json()["id"]

    def patch(body: dict):
        return cloud.client.patch(f"/api/v1/offers/{offer}", json=body, headers=owner.headers)

    assert _errors(patch({"stamps_required": 49})) == {(("body", "stamps_required"), "offer_points_cheapest")}
    dearer = PointsSettings(Decimal("1"), Rounding.DOWN, 0, (Reward("lunch", "Lunch", 120),))
    # the new catalogue's cheapest is 120 while the offer still says 50
    assert _errors(patch({"points": settings_to_plain(dearer)})) == {
        (("body", "stamps_required"), "offer_points_cheapest")
    }
    kept = cloud.client.get(f"/api/v1/offers/{offer}", headers=owner.headers).json()
    assert (kept["stamps_required"], kept["points"], kept["points_revision"]) == (
        50,
        settings_to_plain(SETTINGS),
        1,
    )
    # both together agree: saved, as a new revision
    both = patch({"stamps_required": 120, "points": settings_to_plain(dearer)})
    assert both.status_code == 200, both.text
    assert (both.json()["stamps_required"], both.json()["points_revision"]) == (120, 2)
