"""Migration 0009_points: a ledger from before keeps every program, card and event, none of them
with points settings, amounts or rewards; on the upgraded file a points program's settings and
its earn's amount and redemption's reward are stored and read back exactly (real SQLite)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from kiosk.domain.model import Card, Event, EventKind, Program, ProgramKind
from kiosk.services import Context
from kiosk.services.demo import create_demo_shop
from kiosk.store import directory, ledger, migrate, open_store
from kiosk.store.db import make_engine
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, points_for

SETTINGS = PointsSettings(
    rate=Decimal("1.25"),
    rounding=Rounding.HALF_UP,
    minimum_spend_minor=500,
    catalogue=(Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120)),
)


def test_a_ledger_from_0008_upgrades_with_every_row_kept_and_no_points(tmp_path, clock):
    folder = tmp_path / "kiosk"
    store = open_store(folder, now=clock())
    create_demo_shop(Context(store, clock=clock), customers_count=6)
    with store.reading() as conn:
        cards = conn.exec_driver_sql("SELECT id, units, lifetime, visits FROM cards ORDER BY id").all()
        events = conn.exec_driver_sql("SELECT id, kind, units FROM events ORDER BY n").all()
        programs = directory.all_programs(conn)
    store.close()
    engine = make_engine(folder / "kiosk.sqlite")
    migrate.downgrade(engine, "0008_merge")  # the file as the code before this change left it
    engine.dispose()

    store = open_store(folder, now=clock())  # backs up, then brings the file to head
    with store.reading() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD
        assert (
            conn.exec_driver_sql("SELECT id, units, lifetime, visits FROM cards ORDER BY id").all() == cards
        )
        assert conn.exec_driver_sql("SELECT id, kind, units FROM events ORDER BY n").all() == events
        assert directory.all_programs(conn) == programs
        assert all(program.points is None for program in programs)
        assert (
            conn.exec_driver_sql(
                "SELECT COUNT(*) FROM events WHERE amount_minor IS NOT NULL OR reward_id IS NOT NULL"
            ).scalar_one()
            == 0
        )
    store.close()


def test_a_points_program_and_its_earn_and_redemption_are_stored_exactly(tmp_path, clock):
    store = open_store(tmp_path / "kiosk", now=clock())
    create_demo_shop(Context(store, clock=clock), customers_count=1)
    now = clock()
    program = Program(
        "p-points", "Points", 50, "Choose from the catalogue", kind=ProgramKind.STAMPS, points=SETTINGS
    )
    with store.transaction() as conn:
        directory.upsert_program(conn, program, now)
        some_card = conn.exec_driver_sql("SELECT customer_id, key_id FROM cards LIMIT 1").one()
        card = Card(
            id=987_654, customer_id=some_card[0], program_id=program.id, key_id=some_card[1], created_at=now
        )
        ledger.insert_card(conn, card)
        earned = points_for(4999, SETTINGS)  # 49.99 * 1.25 = 62.4875 -> 62
        earn = Event("e-1", EventKind.EARN, card.id, program.id, earned, now, amount_minor=4999)
        card = ledger.append_event(conn, card, earn)
        redeem = Event("e-2", EventKind.REDEEM, card.id, program.id, -50, now, reward_id="coffee")
        ledger.append_event(conn, card, redeem)
    store.close()

    store = open_store(tmp_path / "kiosk", now=clock())  # read back from the file
    with store.reading() as conn:
        # its first settings are revision 1, and the events record the revision they were made under
        assert directory.get_program(conn, program.id) == replace(program, points_revision=1)
        assert directory.get_program(conn, program.id).points.rate == Decimal("1.25")  # not 1.25 as float
        stored = {e.id: e for e in ledger.events_of_card(conn, card.id)}
        assert stored["e-1"] == replace(earn, server_seq=None, offer_revision=1)
        assert stored["e-2"].offer_revision == 1
        assert (stored["e-1"].amount_minor, stored["e-1"].units) == (4999, 62)
        assert (stored["e-2"].reward_id, stored["e-2"].units) == ("coffee", -50)
        assert stored["e-2"].amount_minor is None
        assert stored["e-1"].reward_id is None
        assert ledger.get_card(conn, card.id).balance.units == 62 - 50
        assert ledger.recompute_balance(conn, card.id).units == 62 - 50
    store.close()
