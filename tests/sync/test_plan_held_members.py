"""A free plan's member #101 enrolled at a paired kiosk: the cloud refuses her for the plan, the
kiosk keeps her (and her stamps) pending and flagged, usable at the counter, offers her again each
round, and sends her once the operator upgrades the plan; the flag then goes."""

from __future__ import annotations

from cloud.plans import set_plan
from kiosk.domain.model import Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor, customers, offers
from kiosk.store import offer_uploads
from kiosk.sync.details import read_overview
from loyalty_rules.plans import Plan
from tests.sync.harness import OwnerApi

MANAGER = Actor(None, "Max", Role.MANAGER)


def _set_plan(cloud, plan: Plan) -> None:
    with cloud.app.state.ctx.db.writing() as session:
        set_plan(session, cloud.business_id, plan)


def _customers_in_cloud(cloud) -> int:
    owner = OwnerApi(cloud.http, cloud.owner_email)  # signed in afresh: the test moves the clock on
    r = cloud.http.get("/api/v1/customers", params={"limit": 1000}, headers=owner.headers)
    assert r.status_code == 200, r.text
    return len(r.json())


def test_member_101_stays_local_and_flagged_until_the_upgrade_then_syncs(cloud, make_kiosk):
    _set_plan(cloud, Plan.FREE)
    kiosk = make_kiosk(cloud)
    for i in range(100):
        kiosk.enroll(f"Member {i:03}")
    first = kiosk.engine(cloud.http).run_round()
    assert (first.online, first.accepted, first.held_now, first.pending) == (True, 100, 0, 0)

    card_id, token = kiosk.enroll("Number 101")
    assert kiosk.stamp(token).refusal is None
    held = kiosk.engine(cloud.http).run_round()
    assert held.online, held
    assert (held.held_now, held.rejected_now, held.rejected) == (2, 0, 0)  # the enrolment and its stamp
    assert (held.pending, held.held, held.held_members) == (2, 2, 1)
    assert "1 member(s) waiting for a plan upgrade" in held.summary()
    assert _customers_in_cloud(cloud) == 100
    assert cloud.http.get(f"/api/v1/cards/{card_id}", headers=cloud.owner.headers).status_code == 404

    # usable at the counter meanwhile: her stamps count here, and the next round offers her again
    kiosk.clock.advance(hours=1)  # past the offer's cooldown between stamps
    assert kiosk.stamp(token).refusal is None
    assert kiosk.card(card_id).balance.units == 2
    again = kiosk.engine(cloud.http).run_round()
    assert (again.held_now, again.rejected_now, again.held, again.held_members) == (3, 0, 3, 1)
    assert kiosk.card(card_id).balance.units == 2  # a held event is never reversed as a rejected one is

    _set_plan(cloud, Plan.PROFESSIONAL)
    synced = kiosk.engine(cloud.http).run_round()
    assert synced.online, synced
    assert (synced.accepted, synced.held_now, synced.pending, synced.held, synced.held_members) == (
        3,
        0,
        0,
        0,
        0,
    )
    assert "plan upgrade" not in synced.summary()
    assert _customers_in_cloud(cloud) == 101
    assert OwnerApi(cloud.http, cloud.owner_email).card(card_id)["balance"]["units"] == 2
    assert kiosk.card(card_id).balance.units == 2


def test_an_offer_the_plan_refuses_waits_with_its_events_and_goes_up_after_the_upgrade(cloud, make_kiosk):
    _set_plan(cloud, Plan.FREE)  # the cloud runs one offer already (the fixture's)
    kiosk = make_kiosk(cloud)
    made = offers.save_offer(
        kiosk.ctx, OfferDraft("Tea card", 8, "a free tea", cooldown_seconds=0), actor=MANAGER
    )
    assert made.refusal is None, made.refusal
    tea = made.program.id
    out = customers.enroll(kiosk.ctx, "Ana", program_ids=[tea])
    assert out.refusal is None, out.refusal
    ((card_id, token),) = out.tokens.items()
    assert kiosk.stamp(token).refusal is None

    held = kiosk.engine(cloud.http).run_round()
    assert held.online, held
    assert (held.rejected_now, held.rejected, held.held_now, held.held) == (0, 0, 2, 2)
    assert held.held_members == 0  # not the member limit: her offer waits, not she
    overview = read_overview(kiosk.store, kiosk.clock)
    ((offer_id, _name, reason),) = [(o.offer_id, o.name, o.reason) for o in overview.rejected_offers]
    assert offer_id == tea
    assert reason.startswith("plan_offer_limit: The free plan allows 1 running offer(s)")
    with kiosk.store.reading() as conn:
        assert [p.id for p in offer_uploads.waiting(conn, 10)] == [tea]  # offered again next round
    assert kiosk.card(card_id).balance.units == 1

    _set_plan(cloud, Plan.PROFESSIONAL)
    synced = kiosk.engine(cloud.http).run_round()
    assert (synced.accepted, synced.held, synced.pending, synced.rejected) == (2, 0, 0, 0)
    assert read_overview(kiosk.store, kiosk.clock).rejected_offers == ()
    assert OwnerApi(cloud.http, cloud.owner_email).card(card_id)["balance"]["units"] == 1
