"""The sync engine against the real cloud app: push, pull, reconcile, conflicts, revocation."""

from __future__ import annotations

import dataclasses

from kiosk.domain.refusals import Reason
from kiosk.store import sync_repo
from kiosk.sync.engine import SyncState


def test_pair_stamp_offline_sync_and_pull_on_another_kiosk(cloud, make_kiosk):
    a = make_kiosk(cloud)
    b = make_kiosk(cloud)
    card_id, token = a.enroll("Ana Lima")
    for _ in range(3):
        assert a.stamp(token).refusal is None
    assert a.pending() == 4
    status = a.engine(cloud.http).run_round()
    assert (status.online, status.pending, status.pushed) == (True, 0, 4), status
    assert cloud.owner.card(card_id)["balance"]["units"] == 3
    status = b.engine(cloud.http).run_round()
    assert status.online, status
    # b pulled a's key, the customer and the card: a's token scans on b
    out = b.stamp(token)
    assert out.refusal is None, out.refusal
    assert b.card(card_id).balance.units == 4


def _sync(kiosk, cloud):
    status = kiosk.engine(cloud.http).run_round()
    assert status.online, status
    return status


def test_pull_reconciles_to_server_balance_with_local_pending_on_top(cloud, make_kiosk):
    a = make_kiosk(cloud)
    b = make_kiosk(cloud)
    card_id, token = a.enroll()
    a.stamp(token)
    _sync(a, cloud)
    _sync(b, cloud)
    assert b.stamp(token).refusal is None  # b: server has 1, b shows 3 with 2 pending
    assert b.stamp(token).refusal is None
    a.stamp(token)
    _sync(a, cloud)  # server now 2
    with b.store.transaction() as conn:  # b pulls before pushing: server 2 + b's pending 2
        page = b.engine(cloud.http).client.pull(0, cloud.business_id)
        sync_repo.apply_page(
            conn, page.page, business_id=cloud.business_id, cursor=page.cursor, now=b.clock()
        )
    assert b.card(card_id).balance.units == 4
    _sync(b, cloud)
    assert cloud.owner.card(card_id)["balance"]["units"] == 4
    assert b.card(card_id).balance.units == 4
    _sync(a, cloud)
    assert a.card(card_id).balance.units == 4
    assert a.card(card_id).balance.visits == 4


def test_a_rejected_event_is_recorded_and_never_blocks_the_queue(cloud, make_kiosk):
    a = make_kiosk(cloud)
    card_id, token = a.enroll()
    _sync(a, cloud)
    cloud.owner.http.delete(f"/api/v1/cards/{card_id}", headers=cloud.owner.headers)  # revoke in the cloud
    other_id, other = a.enroll()
    a.stamp(token)  # still active locally until the next pull
    a.stamp(other)
    status = a.engine(cloud.http).run_round()
    assert (status.online, status.rejected_now, status.pending) == (True, 1, 0), status
    with a.store.reading() as conn:
        ((event, reason),) = sync_repo.rejected_events(conn)
    assert event.card_id == card_id
    assert reason == "card_revoked"
    assert cloud.owner.card(other_id)["balance"]["units"] == 1
    # the pull made the card revoked here too, and its cached balance the server's
    assert a.card(card_id).status.value == "revoked"
    assert a.card(card_id).balance.units == 0


def test_double_redemption_is_one_conflict_visible_on_both_kiosks(cloud, make_kiosk):
    a = make_kiosk(cloud)
    b = make_kiosk(cloud)
    card_id, token = a.enroll("Bo")
    for _ in range(5):
        a.stamp(token)
    _sync(a, cloud)
    _sync(b, cloud)
    assert a.redeem(card_id).refusal is None  # both offline, both redeem the one reward
    assert b.redeem(card_id).refusal is None
    _sync(b, cloud)
    _sync(a, cloud)
    _sync(b, cloud)
    assert len(cloud.owner.conflicts()) == 1
    for kiosk in (a, b):
        with kiosk.store.reading() as conn:
            (conflict,) = sync_repo.all_conflicts(conn)
        assert conflict.card_id == card_id
        assert len(conflict.events) == 2
        assert kiosk.card(card_id).flagged
        assert kiosk.card(card_id).balance.units == -5


def test_offline_redemption_cap_counts_pending_redeems(cloud, make_kiosk):
    a = make_kiosk(cloud)
    card_id, token = a.enroll()
    for _ in range(10):
        a.stamp(token)
    assert a.redeem(card_id).refusal is None
    assert a.redeem(card_id).refusal is not None  # cap 1 while the first is unconfirmed
    _sync(a, cloud)
    assert a.redeem(card_id).refusal is None


def test_the_owners_offline_cap_is_the_one_obeyed(cloud, make_kiosk):
    a = make_kiosk(cloud)
    card_id, token = a.enroll()
    for _ in range(25):
        a.stamp(token)
    a.ctx.offline_redemption_cap = 2  # what the settings (file or screen) hand the services
    assert a.redeem(card_id).refusal is None
    assert a.redeem(card_id).refusal is None
    refused = a.redeem(card_id)
    assert refused.refusal.reason is Reason.OFFLINE_REDEMPTION_CAP
    _sync(a, cloud)  # the cloud confirmed both: the allowance is back
    assert a.redeem(card_id).refusal is None


def test_revoked_device_stops_syncing_and_says_so(cloud, make_kiosk):
    a = make_kiosk(cloud)
    with a.store.reading() as conn:
        from kiosk.store import meta

        device_id = meta.get_setting(conn, "device_id")
    cloud.owner.revoke(device_id)
    a.enroll()
    status = a.engine(cloud.http).run_round()
    assert status.state is SyncState.REVOKED
    assert status.stopped
    assert "revoked" in status.last_error
    assert status.pending == 1
    again = a.engine(cloud.http).run_round()  # no request made: stays stopped
    assert again.state is SyncState.REVOKED


def test_first_sync_pages_with_progress_and_a_cursor_after_each_page(cloud, make_kiosk):
    a = make_kiosk(cloud)
    for _ in range(30):
        a.enroll()
    _sync(a, cloud)
    b = make_kiosk()
    b.pair("http://testserver", cloud.owner.pairing_code(cloud.location_id), http=cloud.http)
    seen: list[tuple[int, int]] = []
    status = b.engine(cloud.http, pull_page=7).run_round(
        progress=lambda done, total: seen.append((done, total))
    )
    assert status.online
    assert status.first_sync
    assert status.first_sync_done
    assert len(seen) >= 8
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with b.store.reading() as conn:
        from kiosk.store import directory

        assert directory.customer_count(conn) == 30


def test_clock_skew_is_reported_not_used(cloud, make_kiosk):
    from datetime import timedelta

    from tests.sync.harness import Clock

    ahead = Clock(cloud.clock() + timedelta(days=1))
    a = make_kiosk(cloud, clock=ahead)
    a.enroll()
    status = a.engine(cloud.http).run_round()
    assert status.online
    assert status.clock_warning
    assert "ahead" in status.clock_warning
    assert abs(status.clock_skew_seconds - 86400) < 5


def test_unpair_wipes_the_credential_and_keeps_the_ledger(cloud, make_kiosk):
    from kiosk.sync import pairing

    a = make_kiosk(cloud)
    a.enroll()
    assert a.credentials.get()
    pairing.unpair(a.store, a.credentials, now=a.clock)
    assert a.credentials.get() is None
    assert a.engine(cloud.http).run_round().state is SyncState.UNPAIRED
    assert a.pending() == 1


def test_pairing_refuses_a_kiosk_with_customers_unless_told_to_discard(cloud, make_kiosk):
    import pytest

    from kiosk.sync import pairing

    a = make_kiosk()
    with a.store.transaction() as conn:
        from kiosk.domain.model import Customer
        from kiosk.store import directory

        directory.insert_customer(conn, Customer("7b0b0c5e-6a4e-4f3e-9a55-0b7a6d2b2f10", "Demo"), a.clock())
    code = cloud.owner.pairing_code(cloud.location_id)
    with pytest.raises(pairing.PairingRefused):
        a.pair("http://testserver", code, http=cloud.http)
    result = pairing.pair(
        a.store,
        a.credentials,
        "http://testserver",
        code,
        device_name="Till",
        now=a.clock,
        discard_local_data=True,
        allow_insecure_http=True,  # the in-process TestClient: nothing crosses a network
        http=cloud.http,
    )
    assert result.discarded_local_data
    assert result.paired.business_id == cloud.business_id
    assert a.engine(cloud.http).run_round().online


def test_discarding_a_standalone_shop_s_data_at_pairing_takes_its_points_offers_too(cloud, make_kiosk):
    """A points offer saved standalone keeps its revision until uploaded (points_revisions names
    the program): discarding the demo data at pairing deleted the program first and failed."""
    from sqlalchemy import func, select

    from kiosk.services.demo import BAKERY_POINTS
    from kiosk.store import directory
    from kiosk.store.schema import points_revisions, programs
    from kiosk.sync import pairing
    from loyalty_rules.offers import program_from

    a = make_kiosk()
    with a.store.transaction() as conn:
        points = program_from(BAKERY_POINTS, "0c6f4d8e-2b1a-4c53-8f0e-5d9a7b3c1e22")
        directory.upsert_program(conn, dataclasses.replace(points, points_revision=1), a.clock())
        assert conn.execute(select(func.count()).select_from(points_revisions)).scalar_one() == 1
    result = pairing.pair(
        a.store,
        a.credentials,
        "http://testserver",
        cloud.owner.pairing_code(cloud.location_id),
        device_name="Till",
        now=a.clock,
        discard_local_data=True,
        allow_insecure_http=True,  # the in-process TestClient: nothing crosses a network
        http=cloud.http,
    )
    assert result.paired.business_id == cloud.business_id
    with a.store.reading() as conn:
        left = [
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (points_revisions, programs)
        ]
    assert left == [0, 0]
