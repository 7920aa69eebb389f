"""A manager sets up offers at a paired kiosk: saved here at once, uploaded by the next sync
round before its events (so enrolments in a new offer are accepted), pulled by every kiosk."""

from __future__ import annotations

import dataclasses

from cloud.security import Passwords
from cloud.services import create_business
from kiosk.domain.model import ProgramStatus, Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor, customers, offers
from kiosk.store import directory, offer_uploads
from kiosk.sync.details import read_overview
from loyalty_rules.plans import Plan
from tests.sync.harness import PASSWORD, OwnerApi

MANAGER = Actor(None, "Max", Role.MANAGER)


def _waiting(kiosk) -> list[str]:
    with kiosk.store.reading() as conn:
        return [p.id for p in offer_uploads.waiting(conn, 100)]


def _enroll(kiosk, program_id: str, name: str = "Ana") -> tuple[int, str]:
    out = customers.enroll(kiosk.ctx, name, program_ids=[program_id])
    assert out.refusal is None, out.refusal
    ((card_id, token),) = out.tokens.items()
    return card_id, token


def _offer(kiosk, program_id: str):
    return next(p for p in offers.list_offers(kiosk.ctx) if p.id == program_id)


def test_an_offer_made_at_kiosk_a_reaches_the_cloud_before_its_enrolments(cloud, make_kiosk):
    a, b = make_kiosk(cloud), make_kiosk(cloud)
    made = offers.save_offer(
        a.ctx, OfferDraft("Tea card", 8, "a free tea", cooldown_seconds=0), actor=MANAGER
    )
    assert made.refusal is None, made.refusal
    tea = made.program.id
    assert _waiting(a) == [tea]
    card_id, token = _enroll(a, tea)
    assert a.stamp(token, quantity=2).refusal is None

    status = a.engine(cloud.http).run_round()
    assert status.online, status
    assert status.rejected_now == 0
    assert status.rejected == 0
    assert status.pending == 0
    assert _waiting(a) == []
    card = cloud.owner.card(card_id)
    assert card["program_id"] == tea
    assert card["balance"]["units"] == 2
    offer = cloud.owner._ok(cloud.http.get(f"/api/v1/offers/{tea}", headers=cloud.owner.headers))
    assert (offer["name"], offer["stamps_required"], offer["reward_text"]) == ("Tea card", 8, "a free tea")

    # kiosk B pulls the offer and the card, and stamps it
    assert b.engine(cloud.http).run_round().online
    assert _offer(b, tea).name == "Tea card"
    assert _waiting(b) == []  # pulled offers are never sent back
    assert b.stamp(token).refusal is None
    assert b.engine(cloud.http).run_round().rejected == 0
    assert cloud.owner.card(card_id)["balance"]["units"] == 3
    # and A, pulling its own offer back, has nothing left to upload
    assert a.engine(cloud.http).run_round().online
    assert _waiting(a) == []
    assert a.card(card_id).balance.units == 3


def test_pausing_at_kiosk_a_pauses_the_offer_at_kiosk_b(cloud, make_kiosk):
    a, b = make_kiosk(cloud), make_kiosk(cloud)
    card_id, token = _enroll(b, cloud.offer_id)
    assert b.engine(cloud.http).run_round().online
    paused = offers.set_offer_status(a.ctx, cloud.offer_id, ProgramStatus.PAUSED, actor=MANAGER)
    assert paused.refusal is None, paused.refusal
    assert _waiting(a) == [cloud.offer_id]
    assert a.engine(cloud.http).run_round().online
    assert _waiting(a) == []
    assert b.engine(cloud.http).run_round().online
    assert _offer(b, cloud.offer_id).status is ProgramStatus.PAUSED
    assert b.stamp(token).refusal is not None  # a paused offer takes no stamps
    assert cloud.owner.card(card_id)["balance"]["units"] == 0
    owners_view = cloud.http.get(f"/api/v1/offers/{cloud.offer_id}", headers=cloud.owner.headers).json()
    assert owners_view["status"] == "paused"
    # resuming goes the same way
    offers.set_offer_status(a.ctx, cloud.offer_id, ProgramStatus.ACTIVE, actor=MANAGER)
    assert a.engine(cloud.http).run_round().online
    assert b.engine(cloud.http).run_round().online
    assert _offer(b, cloud.offer_id).status is ProgramStatus.ACTIVE
    assert b.stamp(token).refusal is None


def test_a_refused_offer_is_shown_to_the_owner_and_not_sent_again(cloud, make_kiosk):
    """One offer the cloud's rules refuse (a NUL character the kiosk's form lets through) among
    good ones: the good ones are taken, the bad one is rejected with the cloud's reason."""
    a = make_kiosk(cloud)
    good = offers.save_offer(a.ctx, OfferDraft("Tea card", 8, "a free tea"), actor=MANAGER).program
    bad = offers.save_offer(a.ctx, OfferDraft("Cake\x00card", 6, "a free cake"), actor=MANAGER).program
    status = a.engine(cloud.http).run_round()
    assert status.online, status
    assert _waiting(a) == []
    ids = [o["id"] for o in cloud.http.get("/api/v1/offers", headers=cloud.owner.headers).json()]
    assert good.id in ids
    assert bad.id not in ids
    (refused,) = read_overview(a.store, a.clock).rejected_offers
    assert (refused.offer_id, refused.name) == (bad.id, bad.name)
    assert "422" in refused.reason
    # fixed by the manager: uploaded, and the refusal is gone
    fixed = offers.save_offer(
        a.ctx, OfferDraft("Cake card", 6, "a free cake"), actor=MANAGER, program_id=bad.id
    )
    assert fixed.refusal is None
    assert a.engine(cloud.http).run_round().online
    assert read_overview(a.store, a.clock).rejected_offers == ()
    ids = [o["id"] for o in cloud.http.get("/api/v1/offers", headers=cloud.owner.headers).json()]
    assert bad.id in ids


def test_an_offer_id_of_another_business_is_rejected_and_theirs_is_left_alone(cloud, make_kiosk):
    a = make_kiosk(cloud)
    email = "other@shop.example"
    with cloud.app.state.ctx.db.writing() as session:
        create_business(
            session,
            Passwords(cloud.settings),
            business_name="Other",
            email=email,
            password=PASSWORD,
            now=a.clock(),
            sealer=cloud.app.state.ctx.sealer,
            plan=Plan.ENTERPRISE,
        )
    stranger = OwnerApi(cloud.http, email)
    theirs = stranger.offer(name="Secret menu")
    before = stranger._ok(cloud.http.get(f"/api/v1/offers/{theirs}", headers=stranger.headers))
    with a.store.transaction() as conn:  # a kiosk that somehow holds an offer with their id
        local = dataclasses.replace(_offer(a, cloud.offer_id), id=theirs, name="Hijacked")
        directory.upsert_program(conn, local, a.clock())
        offer_uploads.mark_for_upload(conn, theirs)
    card_id, _ = _enroll(a, cloud.offer_id)  # the events of the round still go up
    status = a.engine(cloud.http).run_round()
    assert status.online
    assert status.pending == 0
    assert status.rejected == 0
    assert cloud.owner.card(card_id)["program_id"] == cloud.offer_id
    assert _waiting(a) == []
    (refused,) = read_overview(a.store, a.clock).rejected_offers
    assert (refused.offer_id, refused.reason) == (theirs, "offer_id_unavailable")
    assert stranger._ok(cloud.http.get(f"/api/v1/offers/{theirs}", headers=stranger.headers)) == before


def test_editing_a_pulled_offer_updates_it_in_the_cloud(cloud, make_kiosk):
    a = make_kiosk(cloud)
    draft = OfferDraft("Coffee", 6, "Free coffee", per_visit_limit=1, cooldown_seconds=0)
    edited = offers.save_offer(a.ctx, draft, actor=MANAGER, program_id=cloud.offer_id)
    assert edited.refusal is None, edited.refusal
    assert a.engine(cloud.http).run_round().online
    owners_view = cloud.http.get(f"/api/v1/offers/{cloud.offer_id}", headers=cloud.owner.headers).json()
    assert (owners_view["stamps_required"], owners_view["cooldown_seconds"]) == (6, 0)
    assert _waiting(a) == []


def test_a_standalone_kiosk_keeps_nothing_waiting(make_kiosk):
    k = make_kiosk()
    made = offers.save_offer(k.ctx, OfferDraft("Tea card", 8, "a free tea"), actor=MANAGER)
    assert made.refusal is None
    assert _waiting(k) == []
