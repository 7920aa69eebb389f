"""Statements compiled once and run on the driver (kiosk.store.prepared) read and write exactly what
SQLAlchemy Core does, and fail the same way."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from kiosk.domain.model import EventKind
from kiosk.services.context import Actor
from kiosk.services.counter import new_event
from kiosk.services.demo import create_demo_shop
from kiosk.store import directory, ledger
from kiosk.store.prepared import Prepared
from kiosk.store.rows import to_card, to_customer, to_event, to_program
from kiosk.store.schema import cards, customers, events, programs, settings
from tests.helpers import open_kiosk


@pytest.fixture
def kiosk(tmp_path):
    k = open_kiosk(tmp_path / "k")
    shop = create_demo_shop(k.ctx, customers_count=2)
    for token in shop.tokens.values():
        assert k.services.record_scan(token).ok
    yield k
    k.close()


def test_rows_read_through_prepared_statements_equal_core_rows(kiosk):
    with kiosk.ctx.store.reading() as conn:
        for row in conn.execute(select(cards)):
            card = to_card(row)
            assert ledger.get_card(conn, card.id) == card
            assert card.last_earn_at is not None
            assert card.last_earn_at.tzinfo is not None
            assert isinstance(ledger.get_card(conn, card.id).flagged, bool)
            assert card in ledger.cards_of_customer(conn, card.customer_id)
        for row in conn.execute(select(customers)):
            assert directory.get_customer(conn, row.id) == to_customer(row)
        core_programs = [to_program(r) for r in conn.execute(select(programs))]
        assert sorted(directory.all_programs(conn), key=lambda p: p.id) == sorted(
            core_programs, key=lambda p: p.id
        )
        assert directory.get_program(conn, core_programs[0].id) == core_programs[0]
        assert ledger.get_card(conn, 1) is None


def test_an_event_written_through_a_prepared_statement_reads_back_through_core(kiosk):
    with kiosk.ctx.store.reading() as conn:
        card = to_card(conn.execute(select(cards)).first())
    with kiosk.ctx.store.transaction() as conn:
        event = new_event(kiosk.ctx, conn, Actor.command_line(), EventKind.EARN, card, 2, kiosk.clock())
        after = ledger.append_event(conn, card, event)
    with kiosk.ctx.store.reading() as conn:
        stored = to_event(conn.execute(select(events).where(events.c.id == event.id)).one())
        assert stored == event
        assert ledger.get_card(conn, card.id) == after
        assert after.balance.units == card.balance.units + 2
        assert ledger.pending_count(conn) >= 1
        assert ledger.recompute_balance(conn, card.id) == after.balance


def test_a_driver_error_comes_out_as_sqlalchemys_so_the_store_handles_it_alike(kiosk):
    setting = Prepared(select(settings.c.value).where(settings.c.key == bindparam("key")))
    with kiosk.ctx.store.reading() as conn:
        assert setting.scalar(conn, key="no such setting") is None
        card = to_card(conn.execute(select(cards)).first())
        event = ledger.events_of_card(conn, card.id, limit=1)[0]
    # the same event id twice: SQLite's own refusal
    with pytest.raises(IntegrityError), kiosk.ctx.store.transaction() as conn:
        ledger.append_event(conn, card, event)
    with kiosk.ctx.store.reading() as conn:
        assert ledger.get_card(conn, card.id) == card  # rolled back, nothing half-written


def test_a_list_for_in_is_refused_when_prepared():
    with pytest.raises(ValueError, match="expanding"):
        Prepared(select(settings.c.value).where(settings.c.key.in_(["a", "b"])))
