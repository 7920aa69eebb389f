"""An A/B test made in the cloud reaches a paired kiosk by the pull; the counter then applies
each member's arm with no network, and the earns it allowed are pushed and counted in her arm."""

from __future__ import annotations

from kiosk.domain.refusals import Reason
from kiosk.services import counter, customers
from kiosk.store import experiments
from loyalty_rules.experiments import variant_for


def _member_in(kiosk, coffee: str, test, want_control: bool) -> str:
    """Enrol members until the hash puts one in the wanted arm; her code."""
    while True:
        out = customers.enroll(kiosk.ctx, "Ana", program_ids=[coffee])
        assert out.refusal is None, out.refusal
        if variant_for(test, out.customer.id).is_control == want_control:
            return next(iter(out.tokens.values()))


def test_a_pulled_test_splits_the_counter_offline(cloud, make_kiosk):
    kiosk = make_kiosk(cloud)
    coffee, eight = cloud.owner.offer(name="Coffee"), cloud.owner.offer(name="Eight", stamps_required=8)
    body = {
        "name": "Eight stamps",
        "arms": [{"offer_id": None}, {"offer_id": eight}],
        "metric": "visits_per_member",
        "days": 28,
        "horizon": 50,
    }
    made = cloud.owner._ok(
        cloud.http.post("/api/v1/experiments", json=body, headers=cloud.owner.headers), 201
    )
    assert kiosk.engine(cloud.http).run_round().online
    with kiosk.store.reading() as conn:
        [test] = experiments.running_experiments(conn)
    assert test.id == made["id"]

    control = _member_in(kiosk, coffee, test, want_control=True)
    treated = _member_in(kiosk, coffee, test, want_control=False)
    # no sync round from here until the push: the counter decides from what it holds
    refused = counter.record_scan(kiosk.ctx, control, program_id=eight)
    assert refused.refusal.reason is Reason.NOT_IN_TEST_ARM
    assert counter.record_scan(kiosk.ctx, control).refusal is None  # her Coffee card, as ever
    stamped = counter.record_scan(kiosk.ctx, treated, program_id=eight)
    assert stamped.refusal is None, stamped.refusal
    assert stamped.joined

    status = kiosk.engine(cloud.http).run_round()
    assert (status.online, status.pending, status.rejected) == (True, 0, 0)
    results = cloud.owner._ok(
        cloud.http.get(f"/api/v1/experiments/{made['id']}/results", headers=cloud.owner.headers)
    )
    assert results["status"] == "not_enough_data"
    assert [(a["entered"], a["off_arm"]) for a in results["arms"]] == [(1, 0), (1, 0)]
