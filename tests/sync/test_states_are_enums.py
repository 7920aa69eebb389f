"""Card states and paired/standalone are enums end to end: from the cloud's pull page through the
store to the export, and one decision (kiosk.store.meta.connection) for every paired test."""

from __future__ import annotations

import pytest

from kiosk.domain.connection import Connection
from kiosk.domain.model import CardStatus
from kiosk.store import export, meta, sync_repo
from kiosk.sync import details, wire
from kiosk.sync.engine import SyncEngine, SyncState


def _card_json(record: export.CardRecord, program_id: str, status: str) -> dict:
    """A card as the cloud's pull page carries it (docs/wire.md)."""
    return {
        "id": record.card_id,
        "customer_id": record.customer_id,
        "program_id": program_id,
        "key_id": 1,
        "status": status,
        "flagged": False,
        "balance": {"units": 3, "lifetime": 3, "redemptions": 0, "visits": 1},
        "last_seq": 7,
    }


def _first_card(demo):
    with demo.ctx.store.reading() as conn:
        record = next(export.cards_for_export(conn))
        program_id = conn.exec_driver_sql(
            "SELECT program_id FROM cards WHERE id = ?", (record.card_id,)
        ).scalar_one()
    return record, program_id


def test_a_pulled_card_state_is_a_card_status_in_the_store_and_the_export(demo):
    record, program_id = _first_card(demo)
    assert record.status is CardStatus.ACTIVE
    pulled = wire.card_from(_card_json(record, program_id, "revoked"))
    assert pulled.status is CardStatus.REVOKED
    with demo.ctx.store.transaction() as conn:
        sync_repo.apply_page(
            conn, sync_repo.PulledPage(cards=(pulled,)), business_id=1, cursor=7, now=demo.clock()
        )
    with demo.ctx.store.reading() as conn:
        after = next(r for r in export.cards_for_export(conn) if r.card_id == record.card_id)
    assert after.status is CardStatus.REVOKED
    assert after.units == 3


def test_an_unknown_card_state_makes_the_page_unreadable_and_changes_nothing(demo):
    record, program_id = _first_card(demo)
    body = {
        "cards": [_card_json(record, program_id, "lost")],
        "offers": [],
        "customers": [],
        "keys": [],
        "revoked_cards": [],
        "conflicts": [],
        "cursor": 9,
        "has_more": False,
        "server_time": demo.clock().isoformat(),
    }
    with pytest.raises(wire.WireError, match="lost"):
        wire.parse_pull(body, 1)
    with demo.ctx.store.reading() as conn:
        again = next(r for r in export.cards_for_export(conn) if r.card_id == record.card_id)
    assert again == record


def test_paired_or_standalone_is_one_decision_the_sync_engine_shares(demo):
    store = demo.ctx.store
    engine = SyncEngine(store, None, clock=demo.clock)
    with store.reading() as conn:
        assert meta.connection(conn) is Connection.STANDALONE
    assert engine.status().state is SyncState.UNPAIRED
    assert details.read_overview(store, demo.clock).connection is Connection.STANDALONE

    with store.transaction() as conn:
        meta.put_setting(conn, meta.CLOUD_URL, "https://cloud.example")
        assert meta.connection(conn) is Connection.PAIRED
    assert engine.status().state is not SyncState.UNPAIRED
    overview = details.read_overview(store, demo.clock)
    assert overview.connection is Connection.PAIRED
    assert overview.paired

    with store.transaction() as conn:
        meta.delete_setting(conn, meta.CLOUD_URL)
    assert engine.status().state is SyncState.UNPAIRED
    assert not details.read_overview(store, demo.clock).paired
