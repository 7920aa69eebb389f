"""Referral bonuses and the cloud (issue 15): a kiosk pushes the newcomer's first visit and its
two bonuses, each carrying its referral; the cloud takes them (the same ids, the same abuse rules
with its own counts) and the void of both when the visit is undone. A bonus the kiosk did not
derive from a referral (a forged `referral` event) is refused with its reason."""

from __future__ import annotations

import uuid

from kiosk.domain.model import EventKind
from kiosk.services import Actor, counter, customers
from kiosk.services.events import new_event
from kiosk.store import ledger, sync_repo


def _units(kiosk, code) -> int:
    return customers.inspect(kiosk.ctx, code).card.card.balance.units


def _cloud_units(cloud, customer_id: str) -> list[tuple[int, int]]:
    cards = cloud.owner._ok(
        cloud.http.get("/api/v1/cards", params={"customer_id": customer_id}, headers=cloud.owner.headers)
    )
    return sorted((c["id"], c["balance"]["units"]) for c in cards)


def test_a_referral_and_its_bonuses_are_taken_and_so_is_the_undo(cloud, make_kiosk):
    kiosk = make_kiosk(cloud)
    ana = customers.enroll(kiosk.ctx, "Ana Jensen", program_ids=[cloud.offer_id])
    ((ana_card, ana_code),) = ana.tokens.items()
    nina = customers.enroll(kiosk.ctx, "Nina Neu", program_ids=[cloud.offer_id], referred_by=ana_code)
    ((nina_card, nina_code),) = nina.tokens.items()
    first = counter.record_scan(kiosk.ctx, nina_code)
    assert first.referral is not None

    status = kiosk.engine(cloud.http).run_round()

    with kiosk.ctx.store.reading() as conn:
        assert sync_repo.rejected_events(conn) == []
    assert (status.online, status.rejected, status.pending) == (True, 0, 0), status
    assert _cloud_units(cloud, str(nina.customer.id)) == [(nina_card, 2)]  # her visit and her bonus
    assert _cloud_units(cloud, str(ana.customer.id)) == [(ana_card, 1)]
    assert (_units(kiosk, nina_code), _units(kiosk, ana_code)) == (2, 1)  # the same after the pull

    undone = counter.undo(kiosk.ctx, nina_code, event_id=first.event.id)
    assert undone.referral_voided is not None
    status = kiosk.engine(cloud.http).run_round()
    assert (status.rejected, status.pending) == (0, 0), status
    assert _cloud_units(cloud, str(nina.customer.id)) == [(nina_card, 0)]
    assert _cloud_units(cloud, str(ana.customer.id)) == [(ana_card, 0)]


def test_referral_stamps_without_a_referral_are_taken_as_wire_version_1_took_them(cloud, make_kiosk):
    """A `referral` event with no referral behind it is what version 1 kiosks stored and synced as
    "referral stamps": the cloud takes it as before (the trust an adjustment has), so a kiosk that
    has some from before loses none; a bonus that names a referral is checked (the tests below)."""
    kiosk = make_kiosk(cloud)
    ana = customers.enroll(kiosk.ctx, "Ana Jensen", program_ids=[cloud.offer_id])
    ((ana_card, ana_code),) = ana.tokens.items()
    assert kiosk.engine(cloud.http).run_round().rejected == 0
    with kiosk.ctx.store.transaction() as conn:  # referral stamps, as a version 1 kiosk kept them
        card = ledger.get_card(conn, ana_card)
        granted = new_event(
            kiosk.ctx, conn, Actor.command_line(), EventKind.REFERRAL, card, 5, kiosk.ctx.clock()
        )
        ledger.append_event(conn, card, granted)

    status = kiosk.engine(cloud.http).run_round()

    assert (status.rejected, status.pending) == (0, 0), status
    assert _cloud_units(cloud, str(ana.customer.id)) == [(ana_card, 5)]
    with kiosk.ctx.store.reading() as conn:
        assert sync_repo.rejected_events(conn) == []
    assert _units(kiosk, ana_code) == 5  # the same after the pull


def test_a_bonus_naming_a_visit_the_cloud_never_counted_is_refused(cloud, make_kiosk):
    """A till that invents a referral (its id, members, a first visit that never was) gets no
    bonus: the cloud asks for the counted first visit."""
    kiosk = make_kiosk(cloud)
    ana = customers.enroll(kiosk.ctx, "Ana Jensen", program_ids=[cloud.offer_id])
    ((_ana_card, ana_code),) = ana.tokens.items()
    nina = customers.enroll(kiosk.ctx, "Nina Neu", program_ids=[cloud.offer_id], referred_by=ana_code)
    ((_nina_card, nina_code),) = nina.tokens.items()
    first = counter.record_scan(kiosk.ctx, nina_code)
    assert first.referral is not None
    with kiosk.ctx.store.transaction() as conn:  # the visit is said to be another, never recorded
        conn.exec_driver_sql("UPDATE referrals SET visit_event_id = ?", (str(uuid.uuid4()),))

    status = kiosk.engine(cloud.http).run_round()

    assert status.rejected == 2, status
    with kiosk.ctx.store.reading() as conn:
        reasons = {reason for _event, reason in sync_repo.rejected_events(conn)}
    assert reasons == {"referral_no_first_visit"}
