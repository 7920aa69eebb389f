"""A standalone kiosk's A/B results, from its own SQLite ledger through the shared rules
(loyalty_rules/experiment_results.py), checked by hand on a small ledger.

The ledger: a control group and an "Eight" offer, 4 members each (the horizon), who all come in on
day 0; then 1 of the control and 3 of Eight come back on day 3 (return within 7 days). On day 9
every window (days 0..7) is over:
  control 1/4 = 0.25, Eight 3/4 = 0.75; effect 0.75 - 0.25 = 0.5.
  p-value: pooled p = 4/8 = 0.5, SE_0 = √(0.5·0.5·(1/4 + 1/4)) = 0.353553, z = 0.5/SE_0 = 1.414214,
    p = 2·(1 − Φ(1.414214)) = 0.157299 (scipy: 2*stats.norm.sf(1.414214)).
  effect CI: SE = √(0.25·0.75/4 + 0.75·0.25/4) = 0.306186, 0.5 ± 1.959964·SE = (−0.100113, 1.100113).
  each group's own (Wilson) interval, z² = 3.841459: for 1 of 4, centre (0.25 + z²/8)/(1 + z²/4)
    = 0.730182/1.960365 = 0.372473, half-width z/(1 + z²/4)·√(0.25·0.75/4 + z²/64) = 0.326885,
    so (0.045587, 0.699358); for 3 of 4 the mirror image (0.300642, 0.954413)
    (statsmodels: proportion_confint(1, 4, method="wilson")).
No winner: 0.157 is not below 0.05.
"""

from __future__ import annotations

import uuid
from datetime import UTC, timedelta

import pytest

from kiosk.domain.model import Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor
from kiosk.services.analytics import analytics
from kiosk.store import sync_repo
from kiosk.sync import wire
from loyalty_rules.experiments import variant_for

MANAGER = Actor("s2", "Max", Role.MANAGER)
CASHIER = Actor("s1", "Cara", Role.CASHIER)
DAY = 86400


def _offer(demo, name: str, stamps: int):
    made = demo.services.save_offer(
        OfferDraft(name, stamps, "a free coffee", cooldown_seconds=0), actor=MANAGER
    )
    assert made.ok, made.message
    return made.program


def _pull(demo, arms: list[str | None], horizon: int = 4):
    """An experiment as the cloud's pull sends it, stored the way a pull page is."""
    body = {
        "id": str(uuid.uuid4()),
        "name": "Eight stamps?",
        "arms": [{"offer_id": a, "weight": 1} for a in arms],
        "metric": "return_within_days",
        "days": 7,
        "horizon": horizon,
        "started_at": wire.timestamp(demo.clock()),
        "status": "running",
    }
    found = wire.experiment_from(body)
    with demo.ctx.store.transaction() as conn:
        page = sync_repo.PulledPage(experiments=(found,))
        sync_repo.apply_page(conn, page, business_id=1, cursor=sync_repo.get_cursor(conn), now=demo.clock())
    return found


def _members(demo, experiment, coffee_id: str, count: int) -> list[list[str]]:
    """`count` new members' Coffee codes in each arm (the stable hash decides; we enrol until full)."""
    found: list[list[str]] = [[] for _ in experiment.arms]
    while min(len(f) for f in found) < count:
        out = demo.services.enroll(f"M{sum(map(len, found))}", program_ids=[coffee_id], actor=CASHIER)
        assert out.ok, out.message
        arm = experiment.arms.index(variant_for(experiment, out.customer.id))
        if len(found[arm]) < count:
            found[arm].append(next(iter(out.tokens.values())))
    return found


def _scan(demo, *codes: str) -> None:
    for code in codes:
        assert demo.services.record_scan(code, actor=CASHIER).ok


def _tests(demo):
    out = analytics(demo.ctx, 30, actor=MANAGER, tz=UTC)
    assert out.ok, out.message
    return out.insights.experiments


def test_local_results_by_hand_and_nothing_to_compare_before_the_horizon(demo):
    coffee = _offer(demo, "Coffee", 10)
    eight = _offer(demo, "Eight", 8)
    demo.clock.advance(DAY)  # the demo shop's own stamps are the day before the test
    experiment = _pull(demo, [None, eight.id])
    control, treated = _members(demo, experiment, coffee.id, 4)
    start = demo.clock()
    _scan(demo, *control, *treated)  # day 0: everybody enters
    demo.clock.now = start + timedelta(days=3)
    _scan(demo, control[0], *treated[:3])

    [early] = _tests(demo)
    assert (early.name, early.running, early.start, early.arm_names) == (
        "Eight stamps?",
        True,
        start.date(),
        (None, "Eight"),
    )
    assert not early.results.ready
    assert early.results.winner is None
    assert [(a.entered, a.complete, a.value, a.estimate, a.comparison) for a in early.results.arms] == [
        (4, 0, None, None, None),
        (4, 0, None, None, None),
    ]
    # all 8 entered on day 0: their windows (days 0..7) are over on day 8
    assert (early.counted, early.needed, early.results.expected) == (0, 8, start.date() + timedelta(days=8))

    demo.clock.now = start + timedelta(days=9)
    [done] = _tests(demo)
    assert done.results.ready
    base, arm = done.results.arms
    assert (base.value, arm.value, base.complete, arm.complete, base.off_arm) == (0.25, 0.75, 4, 4, 0)
    assert base.comparison is None
    c = arm.comparison
    assert c.effect == pytest.approx(0.5)
    assert c.p_value == pytest.approx(0.157299, abs=1e-6)
    assert (c.low, c.high) == pytest.approx((-0.100113, 1.100113), abs=1e-6)
    assert (base.estimate.low, base.estimate.high) == pytest.approx((0.045587, 0.699358), abs=1e-6)
    assert (arm.estimate.low, arm.estimate.high) == pytest.approx((0.300642, 0.954413), abs=1e-6)
    assert done.results.winner is None
