"""A restore carries the referrals recorded after the backup (issue 15): the referral comes with
the newcomer and her first visit, granted as it was, so an undo of that visit in the restored
ledger still voids both bonuses."""

from __future__ import annotations

import shutil

from kiosk.domain.model import Role
from kiosk.services import Actor, Context, Services
from kiosk.services.demo import create_demo_shop
from kiosk.store import open_store
from kiosk.store import referrals as referral_store
from kiosk.store.carry import carry_events
from kiosk.store.db import DB_FILENAME
from loyalty_rules.referrals import ReferralStatus
from tests.helpers import SetClock

CASHIER = Actor("s1", "Cara", Role.CASHIER)


def test_a_referral_granted_after_the_backup_is_carried_and_its_undo_voids_the_bonuses(tmp_path):
    clock = SetClock()
    live, backup = tmp_path / "live", tmp_path / "backup"
    store = open_store(live, now=clock())
    shop = create_demo_shop(Services(Context(store, clock=clock)).ctx, customers_count=4)
    store.close()
    backup.mkdir()
    shutil.copy(live / DB_FILENAME, backup / DB_FILENAME)  # the backup, before the referral

    store = open_store(live, now=clock())
    services = Services(Context(store, clock=clock))
    referrer = next(t for k, t in shop.tokens.items() if k.endswith("Coffee card"))
    joined = services.enroll("Nina Neu", referred_by=referrer, actor=CASHIER)
    code = next(joined.tokens[v.card.id] for v in joined.cards if v.program.name == "Coffee card")
    first = services.record_scan(code, actor=CASHIER)
    assert first.referral is not None
    store.close()

    restored = open_store(backup, now=clock())
    try:
        with restored.transaction() as conn:
            carried = carry_events(live / DB_FILENAME, conn)
            assert carried.by_kind["referral"] == 2
            (referral,) = referral_store.of_newcomer(conn, joined.customer.id)
            assert referral.status is ReferralStatus.GRANTED
            assert referral.visit_event_id == first.event.id
        services = Services(Context(restored, clock=clock))
        before = services.inspect(referrer).card.card.balance.units
        undone = services.undo(code, actor=CASHIER, event_id=first.event.id)
        assert undone.referral_voided is not None
        assert undone.card.card.balance.units == 0
        assert services.inspect(referrer).card.card.balance.units == before - 1
    finally:
        restored.close()
