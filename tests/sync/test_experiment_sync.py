"""An A/B test made in the cloud reaches a paired kiosk by the pull; the counter then applies
each member's arm with no network, and the earns it allowed are pushed and counted in her arm."""

from __future__ import annotations

from kiosk.domain.model import Role
from kiosk.domain.problems import Problem
from kiosk.domain.refusals import Reason
from kiosk.services import Actor, counter, customers
from kiosk.services import experiments as experiments_service
from kiosk.services.experiments import ExperimentDraft
from kiosk.store import experiments
from loyalty_rules.experiments import Metric, variant_for

MANAGER, CASHIER = Actor(None, "Max", Role.MANAGER), Actor(None, "Cara", Role.CASHIER)


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


def test_a_test_set_up_at_the_kiosk_splits_at_once_and_reaches_the_cloud(cloud, make_kiosk):
    a, b = make_kiosk(cloud), make_kiosk(cloud)
    coffee, eight = cloud.owner.offer(name="Coffee"), cloud.owner.offer(name="Eight", stamps_required=8)
    assert a.engine(cloud.http).run_round().online
    draft = ExperimentDraft("Eight stamps", None, eight, Metric.RETURN_WITHIN_DAYS, days=30, horizon=388)
    assert (
        experiments_service.create_experiment(a.ctx, draft, actor=CASHIER).refusal.reason
        is Reason.NOT_ALLOWED
    )
    made = experiments_service.create_experiment(a.ctx, draft, actor=MANAGER)
    assert made.refusal is None, made.refusal
    test = made.experiment
    control = _member_in(a, coffee, test, want_control=True)  # offline: the split holds already
    assert counter.record_scan(a.ctx, control, program_id=eight).refusal.reason is Reason.NOT_IN_TEST_ARM
    again = experiments_service.create_experiment(a.ctx, draft, actor=MANAGER)  # eight is taken
    assert again.refusal.params["problem_code"] is Problem.TEST_OFFER_TAKEN

    assert a.engine(cloud.http).run_round().online
    listed = cloud.owner._ok(cloud.http.get("/api/v1/experiments", headers=cloud.owner.headers))
    assert [(e["id"], e["arms"][0]["offer_id"], e["horizon"]) for e in listed] == [(test.id, None, 388)]
    assert b.engine(cloud.http).run_round().online
    with b.store.reading() as conn:
        assert [e.id for e in experiments.running_experiments(conn)] == [test.id]


def test_a_test_the_cloud_refuses_stops_at_the_kiosk_too(cloud, make_kiosk):
    kiosk = make_kiosk(cloud)
    cloud.owner.offer(name="Coffee")
    eight = cloud.owner.offer(name="Eight", stamps_required=8)
    assert kiosk.engine(cloud.http).run_round().online
    # meanwhile a manager in the cloud put the same offer under a test the kiosk has not pulled
    body = {"name": "first", "arms": [{"offer_id": None}, {"offer_id": eight}], "metric": "visits_per_member"}
    body |= {"days": 7, "horizon": 10}
    cloud.owner._ok(cloud.http.post("/api/v1/experiments", json=body, headers=cloud.owner.headers), 201)
    draft = ExperimentDraft("second", None, eight, Metric.RETURN_WITHIN_DAYS, days=30, horizon=100)
    mine = experiments_service.create_experiment(kiosk.ctx, draft, actor=MANAGER).experiment
    assert kiosk.engine(cloud.http).run_round().online
    with kiosk.store.reading() as conn:
        running = experiments.running_experiments(conn)
    assert [e.name for e in running] == ["first"]  # the cloud's; the kiosk's own was stopped
    assert mine.id not in {e.id for e in running}
