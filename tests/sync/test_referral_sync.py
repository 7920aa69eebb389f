"""Referral bonuses and the cloud (issue 15), as far as this branch goes: the cloud cannot yet
check a bonus against the referral it comes from, so a paired kiosk keeps the bonuses (and their
voids) in its outbox and never offers them; the first visit that granted them syncs as ever, and
the bonuses stay on the kiosk's balances through every pull."""

from __future__ import annotations

from kiosk.domain.model import EventKind
from kiosk.services import counter, customers
from kiosk.store import ledger, sync_repo


def _units(kiosk, code) -> int:
    return customers.inspect(kiosk.ctx, code).card.card.balance.units


def test_the_visit_syncs_and_its_bonuses_wait_at_the_kiosk_through_pulls(cloud, make_kiosk):
    kiosk = make_kiosk(cloud)
    ana = customers.enroll(kiosk.ctx, "Ana Jensen", program_ids=[cloud.offer_id])
    ((ana_card, ana_code),) = ana.tokens.items()
    nina = customers.enroll(kiosk.ctx, "Nina Neu", program_ids=[cloud.offer_id], referred_by=ana_code)
    assert nina.ok, nina.message
    ((nina_card, nina_code),) = nina.tokens.items()
    first = counter.record_scan(kiosk.ctx, nina_code)
    assert first.referral is not None

    status = kiosk.engine(cloud.http).run_round()

    assert (status.online, status.rejected) == (True, 0), status
    assert status.pending == 2  # the two bonuses, kept here
    with kiosk.ctx.store.reading() as conn:
        waiting = sync_repo.pending_batch(conn, 100)
    assert waiting == []  # nothing offered to the cloud
    cards = cloud.owner._ok(
        cloud.http.get(
            "/api/v1/cards", params={"customer_id": str(nina.customer.id)}, headers=cloud.owner.headers
        )
    )
    assert [(c["id"], c["balance"]["units"]) for c in cards] == [(nina_card, 1)]  # her visit only
    assert (_units(kiosk, nina_code), _units(kiosk, ana_code)) == (2, 1)  # bonuses kept after the pull

    undone = counter.undo(kiosk.ctx, nina_code, event_id=first.event.id)
    assert undone.referral_voided is not None
    status = kiosk.engine(cloud.http).run_round()
    assert (status.rejected, status.pending) == (0, 4), status  # the bonuses and their voids
    assert (_units(kiosk, nina_code), _units(kiosk, ana_code)) == (0, 0)
    with kiosk.ctx.store.reading() as conn:
        assert sync_repo.pending_batch(conn, 100) == []  # the voids of bonuses wait with them
        kinds = [e.kind for card in (nina_card, ana_card) for e in ledger.events_of_card(conn, card)]
    assert kinds.count(EventKind.REFERRAL) == 2  # both recorded here, with their voids
