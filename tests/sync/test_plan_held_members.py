"""A free plan's member #101 enrolled at a paired kiosk: the cloud refuses her for the plan, the
kiosk keeps her (and her stamps) pending and flagged, usable at the counter, offers her again each
round, and sends her once the operator upgrades the plan; the flag then goes."""

from __future__ import annotations

from cloud.plans import set_plan
from loyalty_rules.plans import Plan
from tests.sync.harness import OwnerApi


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
