"""The shared A/B rules: a member's arm by a stable hash, the offers that apply to her, the metric
and the fixed horizon (loyalty_rules.experiments)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from loyalty_rules.experiments import (
    Arm,
    Experiment,
    ExperimentProblem,
    ExperimentStatus,
    Metric,
    arm_index,
    check_experiment,
    member_result,
    offer_to_earn,
    offers_for_member,
    sample_size_proportions,
    unit_hash,
    variant_for,
    window_complete,
)

START = datetime(2026, 3, 2, 9, tzinfo=UTC)  # carried, never compared with the clock


def experiment(*arms: Arm, metric: Metric = Metric.RETURN_WITHIN_DAYS, **kw) -> Experiment:
    return Experiment(
        id=kw.pop("id", "exp-1"),
        name="8 or 10",
        arms=arms or (Arm("offer-8"), Arm("offer-10")),
        metric=metric,
        days=kw.pop("days", 30),
        horizon=kw.pop("horizon", 100),
        started_at=START,
        **kw,
    )


def test_the_hash_is_the_documented_one():
    digest = hashlib.sha256(b"exp-1:member-7").digest()
    assert unit_hash("exp-1", "member-7") == int.from_bytes(digest[:8], "big") / 2**64
    assert arm_index(experiment(), "member-7") == (0 if unit_hash("exp-1", "member-7") < 0.5 else 1)


def test_the_same_arms_in_another_process():
    ids = [f"member-{i}" for i in range(50)]
    here = [arm_index(experiment(), m) for m in ids]
    code = (
        "from loyalty_rules.experiments import Arm, Experiment, Metric, arm_index\n"
        "from datetime import UTC, datetime\n"
        "e = Experiment('exp-1', 'x', (Arm('offer-8'), Arm('offer-10')), Metric.RETURN_WITHIN_DAYS, 30, 100,"
        " datetime(2026, 3, 2, tzinfo=UTC))\n"
        "print(','.join(str(arm_index(e, f'member-{i}')) for i in range(50)))\n"
    )
    # another interpreter with another string-hash seed: nothing may depend on hash()
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "123"},
    )
    assert out.stdout.strip() == ",".join(map(str, here))
    assert set(here) == {0, 1}


@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_a_member_always_lands_in_the_same_arm(experiment_id, member_id):
    e = experiment(id=experiment_id)
    assert variant_for(e, member_id) == variant_for(e, member_id)
    assert 0 <= unit_hash(experiment_id, member_id) < 1


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=2, max_size=4), st.text(min_size=1, max_size=10))
def test_arms_are_filled_in_proportion_to_their_weights(weights, experiment_id):
    arms = tuple(Arm(f"offer-{i}", w) for i, w in enumerate(weights))
    e = experiment(*arms, id=experiment_id)
    n = 20_000
    counts = [0] * len(arms)
    for i in range(n):
        counts[arm_index(e, str(uuid.UUID(int=i)))] += 1
    total = sum(weights)
    for count, weight in zip(counts, weights, strict=True):
        share = weight / total
        # 5 standard errors of a binomial share: fails about once in 3 million arms
        assert abs(count / n - share) < 5 * (share * (1 - share) / n) ** 0.5


def test_two_experiments_assign_independently():
    a, b = experiment(id="exp-a"), experiment(id="exp-b")
    pairs = [(arm_index(a, f"m{i}"), arm_index(b, f"m{i}")) for i in range(4000)]
    same = sum(1 for x, y in pairs if x == y) / len(pairs)
    assert 0.45 < same < 0.55  # independent halves agree half the time, not always


def test_offers_that_apply_to_each_arm():
    e = experiment(Arm(None), Arm("offer-8"))
    running = {"offer-8", "coffee"}
    control = next(f"m{i}" for i in range(100) if variant_for(e, f"m{i}").is_control)
    treated = next(f"m{i}" for i in range(100) if not variant_for(e, f"m{i}").is_control)
    assert offers_for_member(running, [e], control) == {"coffee"}
    assert offers_for_member(running, [e], treated) == {"coffee", "offer-8"}
    e2 = experiment(Arm("offer-8"), Arm("offer-10"))
    both = {"offer-8", "offer-10", "coffee"}
    for member in (f"m{i}" for i in range(20)):
        mine = variant_for(e2, member).offer_id
        assert offers_for_member(both, [e2], member) == {"coffee", mine}
    stopped = experiment(Arm(None), Arm("offer-8"), status=ExperimentStatus.STOPPED)
    assert offers_for_member(running, [stopped], control) == running
    # an arm's offer that is not running (paused) is not brought back by the experiment
    assert offers_for_member({"coffee"}, [e], treated) == {"coffee"}


def test_bad_experiments_are_named_field_by_field():
    assert check_experiment(experiment()) == {}
    assert check_experiment(experiment(Arm("a"))) == {"arms": ExperimentProblem.ARMS}
    assert check_experiment(experiment(Arm(None), Arm(None))) == {"arms": ExperimentProblem.ARMS}
    assert check_experiment(experiment(Arm("a"), Arm("a"))) == {"arms": ExperimentProblem.ARMS}
    assert check_experiment(experiment(Arm("a", 0), Arm("b"))) == {"weights": ExperimentProblem.WEIGHTS}
    assert check_experiment(experiment(days=0, horizon=1)) == {
        "days": ExperimentProblem.DAYS,
        "horizon": ExperimentProblem.HORIZON,
    }


def test_the_metric_by_hand():
    d = date.fromisoformat
    start = d("2026-03-02")
    back = experiment(days=7)
    assert member_result(back, [d("2026-03-01")], start) is None  # before the start: not in the test
    assert member_result(back, [d("2026-03-03"), d("2026-03-10")], start).value == 1.0  # day 7: inside
    assert member_result(back, [d("2026-03-03"), d("2026-03-11")], start).value == 0.0  # day 8: outside
    assert member_result(back, [d("2026-03-03"), d("2026-03-03")], start).value == 0.0  # same day: one visit
    visits = experiment(metric=Metric.VISITS_PER_MEMBER, days=7)
    result = member_result(
        visits, [d("2026-03-01"), d("2026-03-03"), d("2026-03-05"), d("2026-03-10")], start
    )
    assert (result.entry, result.value) == (d("2026-03-03"), 2.0)  # the 3rd and 5th; the 10th is day 7
    assert not window_complete(back, d("2026-03-03"), d("2026-03-10"))
    assert window_complete(back, d("2026-03-03"), d("2026-03-11"))


def test_sample_size_by_hand():
    # (1.95996·√(2·0.55·0.45) + 0.84162·√(0.25 + 0.24))² / 0.1² = 387.1 → 388
    assert sample_size_proportions(0.5, 0.6) == 388


def test_where_a_scan_earns_for_each_arm():
    ab = experiment(Arm("offer-8"), Arm("offer-10"))
    with_control = experiment(Arm(None), Arm("offer-8"), id="exp-2")
    for member in (f"m{i}" for i in range(20)):
        mine = variant_for(ab, member).offer_id
        assert offer_to_earn("offer-8", [ab], member) == mine
        assert offer_to_earn("offer-10", [ab], member) == mine
        assert offer_to_earn("coffee", [ab], member) == "coffee"
        assert offer_to_earn("offer-8", [with_control], member) == variant_for(with_control, member).offer_id
    stopped = experiment(Arm(None), Arm("offer-8"), status=ExperimentStatus.STOPPED)
    assert {offer_to_earn("offer-8", [stopped], f"m{i}") for i in range(20)} == {"offer-8"}
