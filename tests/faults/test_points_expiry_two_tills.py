"""Points expiry across two paired tills against the real cloud under uvicorn on 127.0.0.1 (its
real clock: the tills' visits are dated in the past). Till B saw her visit 20 months ago and not
the one at till A 13 months ago (a pulled balance does not carry the visit): its sweep computes an
expiry the cloud refuses with `visit_within_expiry`, and B takes it back. Till A, which saw her
last visit, records the right one, accepted; both tills end at the cloud's balance, 0."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from kiosk.services.first_run import TIME_ZONE
from kiosk.services.points import earn_points
from kiosk.services.points_expiry import sweep
from kiosk.store import ledger, meta, sync_repo
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, settings_to_plain
from loyalty_rules.kinds.points_expiry import EXPIRY_REASON
from tests.faults.test_offline_kiosks import _sync
from tests.helpers import real_now

SETTINGS = PointsSettings(
    Decimal(1), Rounding.DOWN, 0, (Reward("coffee", "Coffee", 50),), 100, expiry_months=12
)


def _till(kiosks, live_cloud):
    till = kiosks(live_cloud)
    with till.store.transaction() as conn:
        meta.put_setting(conn, TIME_ZONE, "UTC")  # the cloud's business zone (its default)
    _sync(till)
    return till


def _earn_at(till, card_id, offer, amount_minor, when) -> None:
    now = till.clock.now
    till.clock.now = when
    outcome = earn_points(till.ctx, card_id, amount_minor, program_id=offer)
    till.clock.now = now
    assert outcome.refusal is None, outcome.refusal


def test_only_the_till_that_saw_her_last_visit_expires_her_points(live_cloud, kiosks):
    owner = live_cloud.owner
    offer = owner.offer(
        kind="points", stamps_required=50, per_visit_limit=1, points=settings_to_plain(SETTINGS)
    )
    a, b = _till(kiosks, live_cloud), _till(kiosks, live_cloud)
    card_id, _token = b.enroll("Points Member")
    _earn_at(b, card_id, offer, 3000, real_now() - timedelta(days=610))  # 20 months ago, at B
    _sync(b)
    _sync(a)
    _earn_at(a, card_id, offer, 5000, real_now() - timedelta(days=400))  # 13 months ago, at A
    _sync(a)
    _sync(b)  # B's balance is the cloud's (80); her visit at A is not in it
    assert b.card(card_id).balance.units == 80

    swept = sweep(b.ctx)
    assert (swept.cards, swept.points) == (1, 80)
    assert b.card(card_id).balance.units == 0  # B's own view: no visit since 20 months
    engine = b.engine()
    try:
        engine.run_round()
    finally:
        engine.client.close()
    with b.store.reading() as conn:
        refused = sync_repo.rejected_events(conn)
    assert [(e.reason, why) for e, why in refused] == [(EXPIRY_REASON, "visit_within_expiry")]
    _sync(b)
    assert b.card(card_id).balance.units == 80  # taken back: the cloud's balance stands

    swept = sweep(a.ctx)
    assert (swept.cards, swept.points) == (1, 80)
    _sync(a)
    _sync(b)
    assert owner.card(card_id)["balance"]["units"] == 0
    assert (a.card(card_id).balance.units, b.card(card_id).balance.units) == (0, 0)
    with a.store.reading() as conn:
        expiries = [e for e in ledger.events_of_card(conn, card_id) if e.reason == EXPIRY_REASON]
    assert [e.units for e in expiries] == [-80]
