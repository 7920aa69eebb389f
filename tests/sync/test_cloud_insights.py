"""A paired kiosk reads the cloud's analytics for its shop (kiosk/sync/insights.py) with its
device credential, from the real cloud in process; the cloud's RFM segments are the ones the
kiosk scores on the same ledger (one rule, loyalty_rules/rfm.py); an unreachable, refusing or
absent cloud comes back as the reason, never as an exception."""

from __future__ import annotations

from datetime import UTC, timedelta

import httpx

from kiosk.domain.insights import ChurnState, CloudProblem, Source
from kiosk.domain.model import Role
from kiosk.services import Actor
from kiosk.services.analytics import analytics
from kiosk.store import meta
from kiosk.sync.insights import read_cloud_insights
from tests.sync.harness import free_port

MANAGER = Actor("m1", "Max Manager", Role.MANAGER)


def _shop(cloud, make_kiosk):
    """Five members: two came on three days, one on two, two once; pushed to the cloud."""
    kiosk = make_kiosk(cloud)
    start = kiosk.clock.now
    kiosk.clock.now = start - timedelta(days=20)
    cards = [kiosk.enroll(f"Member {i}")[0] for i in range(5)]
    for days_ago, members in ((20, range(5)), (10, (0, 1, 2)), (1, (0, 1))):
        kiosk.clock.now = start - timedelta(days=days_ago)
        for i in members:
            assert kiosk.stamp(cards[i]).ok
    kiosk.clock.now = start
    assert kiosk.engine(cloud.http).run_round().online
    return kiosk


def test_the_cloud_figures_are_read_with_the_device_credential_and_match_the_kiosks_own(cloud, make_kiosk):
    kiosk = _shop(cloud, make_kiosk)
    read = read_cloud_insights(kiosk.store, kiosk.credentials, 30, UTC, http=cloud.http)
    assert read.problem is None, read.detail
    got = read.insights
    assert (read.days, got.source, got.scored_members) == (30, Source.CLOUD, 5)
    assert len(got.analytics.days) == 30
    assert got.analytics.visits == 5 + 3 + 2
    assert [o.name for o in got.analytics.offers] == ["Coffee"]
    assert sum(c.size for c in got.analytics.cohorts) == 5
    assert got.churn.state in {ChurnState.FITTING, ChurnState.NOT_ENOUGH_DATA}  # five members fit no model
    own = analytics(kiosk.ctx, 30, actor=MANAGER, tz=UTC).insights
    assert own.source is Source.FALLBACK  # paired: the kiosk's own are the fallback
    assert own.segments == got.segments  # one rule scores both ledgers alike
    assert sum(s.members for s in got.segments) == 5


def test_an_unreachable_cloud_a_revoked_device_and_an_unpaired_kiosk_say_why(cloud, make_kiosk):
    kiosk = _shop(cloud, make_kiosk)
    with httpx.Client(base_url=f"http://127.0.0.1:{free_port()}", trust_env=False) as nowhere:
        read = read_cloud_insights(kiosk.store, kiosk.credentials, 30, UTC, http=nowhere)
    assert (read.insights, read.problem) == (None, CloudProblem.UNREACHABLE)
    with kiosk.store.reading() as conn:
        _location, device_id = meta.location_and_device(conn)
    cloud.owner.revoke(device_id)
    read = read_cloud_insights(kiosk.store, kiosk.credentials, 30, UTC, http=cloud.http)
    assert (read.insights, read.problem) == (None, CloudProblem.REFUSED)
    alone = make_kiosk()
    read = read_cloud_insights(alone.store, alone.credentials, 90, UTC, http=cloud.http)
    assert (read.days, read.problem) == (90, CloudProblem.NOT_PAIRED)
