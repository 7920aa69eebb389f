"""The operator restores a paired kiosk's backup with `restore --force` after stamps and a reward
were recorded (some synced since the backup, some not): the live cloud ends up with every event,
once, and the kiosk's balances equal the cloud's, event by event."""

from __future__ import annotations

from kiosk.services.context import Context
from kiosk.store import ledger as store_ledger
from kiosk.store import open_store
from kiosk.store.db import DB_FILENAME
from tests.faults.test_offline_kiosks import _sync
from tests.store.test_backups import kiosk_cli


def _reopen(kiosk) -> None:
    kiosk.store = open_store(kiosk.data_dir, now=kiosk.clock())
    kiosk.ctx = Context(kiosk.store, clock=kiosk.clock)


def _kiosk_events(kiosk, card_id: int) -> list[str]:
    with kiosk.store.reading() as conn:
        return sorted(e.id for e in store_ledger.events_of_card(conn, card_id))


def test_restore_force_on_a_paired_kiosk_loses_nothing_on_the_way_to_the_cloud(live_cloud, kiosks):
    live_cloud.owner.offer(stamps_required=5, per_visit_limit=5)
    kiosk = kiosks(live_cloud)
    _sync(kiosk)
    regular, reg_token = kiosk.enroll("Rita Regular")
    other, other_token = kiosk.enroll("Otto Other")
    assert kiosk.stamp(reg_token, quantity=2).refusal is None
    _sync(kiosk)
    backed = kiosk_cli("backup", "--data-dir", kiosk.data_dir)
    assert backed.returncode == 0, backed.stderr

    # after the backup: a stamp that reaches the cloud before the restore ...
    assert kiosk.stamp(other_token, quantity=2).refusal is None
    _sync(kiosk)
    # ... then, after the last sync, a reward earned and handed over, and a newcomer stamped
    assert kiosk.stamp(reg_token, quantity=3).refusal is None
    assert kiosk.redeem(regular).refusal is None
    newcomer, new_token = kiosk.enroll("Nina Newcomer")
    assert kiosk.stamp(new_token, quantity=4).refusal is None
    unsynced = kiosk.pending()
    assert unsynced == 4  # the stamp, the redemption, the enrolment, the newcomer's stamp
    recorded = {card: _kiosk_events(kiosk, card) for card in (regular, other, newcomer)}
    kiosk.close()

    done = kiosk_cli("restore", "--force", "--data-dir", kiosk.data_dir)
    assert done.returncode == 0, done.stderr
    assert f"{unsynced} not yet synced" in done.stdout, done.stdout
    assert list(kiosk.data_dir.glob(f"{DB_FILENAME}.replaced-*"))

    _reopen(kiosk)
    assert kiosk.pending() == unsynced, "every unsynced event waits in the restored outbox"
    _sync(kiosk)
    for card_id, ids in recorded.items():
        assert _kiosk_events(kiosk, card_id) == ids
        cloud_events = live_cloud.owner.http.get(
            f"/api/v1/cards/{card_id}/events", headers=live_cloud.owner.headers
        ).json()
        assert sorted(e["id"] for e in cloud_events) == ids, "the cloud has each event, once"
        on_cloud = live_cloud.owner.card(card_id)["balance"]
        here = kiosk.card(card_id).balance
        assert (here.units, here.lifetime, here.redemptions, here.visits) == (
            on_cloud["units"],
            on_cloud["lifetime"],
            on_cloud["redemptions"],
            on_cloud["visits"],
        )
        with kiosk.store.reading() as conn:
            assert store_ledger.recompute_balance(conn, card_id) == here
    assert live_cloud.owner.card(regular)["balance"]["redemptions"] == 1
    assert live_cloud.owner.card(newcomer)["balance"]["units"] == 4
