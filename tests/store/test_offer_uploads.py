"""programs.needs_push: offers waiting for the cloud; a pull never overwrites one; an offer changed
again while its upload was on the way keeps waiting; the cloud's refusal is kept, then cleared."""

from __future__ import annotations

import dataclasses

from kiosk.domain.model import Program, ProgramStatus
from kiosk.store import directory, offer_uploads, sync_repo


def _waiting(store) -> list[Program]:
    with store.reading() as conn:
        return offer_uploads.waiting(conn, 100)


def test_waiting_settled_and_refused(kiosk, clock):
    tea = Program("p-tea", "Tea card", 8, "a free tea")
    cake = Program("p-cake", "Cake card", 6, "a free cake")
    with kiosk.ctx.store.transaction() as conn:
        for p in (tea, cake):
            directory.upsert_program(conn, p, clock())
        assert offer_uploads.waiting(conn, 100) == []  # saved, not marked: nothing to upload
        for p in (tea, cake):
            offer_uploads.mark_for_upload(conn, p.id)
    sent = _waiting(kiosk.ctx.store)
    assert {p.id for p in sent} == {"p-tea", "p-cake"}
    assert _waiting_limit(kiosk.ctx.store, 1) == 1
    # the manager pauses the tea card while the upload is on the way
    with kiosk.ctx.store.transaction() as conn:
        directory.upsert_program(conn, dataclasses.replace(tea, status=ProgramStatus.PAUSED), clock())
        offer_uploads.mark_for_upload(conn, tea.id)
        offer_uploads.settle(conn, sent, {cake.id: "offer_id_unavailable"})
    (still,) = _waiting(kiosk.ctx.store)
    assert still.id == tea.id
    assert still.status is ProgramStatus.PAUSED
    with kiosk.ctx.store.reading() as conn:
        assert offer_uploads.rejected_offers(conn) == [("p-cake", "Cake card", "offer_id_unavailable")]
    # accepted later: the refusal is gone
    with kiosk.ctx.store.transaction() as conn:
        offer_uploads.settle(conn, [cake], {})
    with kiosk.ctx.store.reading() as conn:
        assert offer_uploads.rejected_offers(conn) == []


def test_a_local_edit_waiting_for_upload_survives_a_pull(kiosk, clock):
    tea = Program("p-tea", "Tea card", 8, "a free tea")
    with kiosk.ctx.store.transaction() as conn:
        directory.upsert_program(conn, tea, clock())
        offer_uploads.mark_for_upload(conn, tea.id)
    older = sync_repo.PulledPage(programs=(dataclasses.replace(tea, name="Tea card (cloud)"),))
    with kiosk.ctx.store.transaction() as conn:
        sync_repo.apply_page(conn, older, business_id=1, cursor=5, now=clock())
    # the manager's edit is still here and still on its way to the cloud
    (waiting,) = _waiting(kiosk.ctx.store)
    assert waiting.name == "Tea card"
    # once uploaded, the cloud's version is the one to follow again
    with kiosk.ctx.store.transaction() as conn:
        offer_uploads.settle(conn, [waiting], {})
    with kiosk.ctx.store.transaction() as conn:
        sync_repo.apply_page(conn, older, business_id=1, cursor=6, now=clock())
    assert _waiting(kiosk.ctx.store) == []
    with kiosk.ctx.store.reading() as conn:
        assert directory.get_program(conn, tea.id).name == "Tea card (cloud)"


def _waiting_limit(store, limit: int) -> int:
    with store.reading() as conn:
        return len(offer_uploads.waiting(conn, limit))
