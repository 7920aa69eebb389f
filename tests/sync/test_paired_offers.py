"""A paired kiosk takes its offers from the cloud and refuses to make its own (they could never
reach the cloud, and enrolments in them would be rejected there)."""

from __future__ import annotations

from kiosk.domain.model import ProgramStatus, Role
from kiosk.domain.offers import OfferDraft
from kiosk.domain.problems import Problem
from kiosk.services import Actor, offers


def test_offers_come_from_the_cloud_and_local_edits_are_refused(cloud, make_kiosk):
    kiosk = make_kiosk(cloud)
    manager = Actor(None, "Max", Role.MANAGER)
    pulled = offers.list_offers(kiosk.ctx)
    assert [p.id for p in pulled] == [cloud.offer_id]
    made = offers.save_offer(kiosk.ctx, OfferDraft("Tea card", 8, "a free tea"), actor=manager)
    assert made.refusal.params["problem_code"] is Problem.OFFERS_IN_CLOUD
    paused = offers.set_offer_status(kiosk.ctx, cloud.offer_id, ProgramStatus.PAUSED, actor=manager)
    assert paused.refusal.params["problem_code"] is Problem.OFFERS_IN_CLOUD
    assert offers.list_offers(kiosk.ctx) == pulled
