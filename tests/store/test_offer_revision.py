"""Kiosk migration 0011_offer_revision and the revisions of a program's points settings (real
SQLite): a ledger from 0009 keeps every row, its points programs become revision 1; an edit of
the settings here is the next revision and the same settings keep theirs; each points earn and
redemption records the revision its program had when it was recorded, a stamp none."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from kiosk.domain.model import Card, Event, EventKind, Program, ProgramKind
from kiosk.services import Context
from kiosk.services.demo import create_demo_shop
from kiosk.store import directory, ledger, migrate, open_store
from kiosk.store.db import make_engine
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding

SETTINGS = PointsSettings(
    rate=Decimal("1"),
    rounding=Rounding.DOWN,
    minimum_spend_minor=0,
    catalogue=(Reward("coffee", "Coffee", 50),),
)
PROGRAM = Program(
    "p-points", "Points", 50, "Catalogue", kind=ProgramKind.POINTS, per_visit_limit=1, points=SETTINGS
)


def _card(conn, program: Program, now) -> Card:
    customer_id, key_id = conn.exec_driver_sql("SELECT customer_id, key_id FROM cards LIMIT 1").one()
    card = Card(id=555_001, customer_id=customer_id, program_id=program.id, key_id=key_id, created_at=now)
    ledger.insert_card(conn, card)
    return card


def test_a_ledger_from_0009_keeps_its_rows_and_its_points_programs_become_revision_1(tmp_path, clock):
    folder = tmp_path / "kiosk"
    store = open_store(folder, now=clock())
    create_demo_shop(Context(store, clock=clock), customers_count=3)
    with store.transaction() as conn:
        directory.upsert_program(conn, PROGRAM, clock())
        card = _card(conn, PROGRAM, clock())
        ledger.append_event(
            conn, card, Event("e-1", EventKind.EARN, card.id, PROGRAM.id, 12, clock(), amount_minor=1299)
        )
        events_before = conn.exec_driver_sql(
            "SELECT id, kind, units, amount_minor FROM events ORDER BY n"
        ).all()
    store.close()
    engine = make_engine(folder / "kiosk.sqlite")
    migrate.downgrade(engine, "0009_points")
    with engine.connect() as conn:
        columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(programs)")}
    engine.dispose()
    assert "points_revision" not in columns

    store = open_store(folder, now=clock())  # backs up, then brings the file to head
    with store.reading() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD  # 0011 and after
        assert (
            conn.exec_driver_sql("SELECT id, kind, units, amount_minor FROM events ORDER BY n").all()
            == events_before
        )
        revisions = dict(conn.exec_driver_sql("SELECT id, points_revision FROM programs").all())
        # the points program is revision 1 (as the cloud's 0016 makes it), stamp cards have none
        assert revisions.pop(PROGRAM.id) == 1
        assert set(revisions.values()) == {0}
        # its event from before says no revision: the cloud checks it by its settings now
        assert ledger.events_of_card(conn, 555_001)[0].offer_revision is None
    store.close()


def test_an_edit_of_the_points_settings_is_the_next_revision_and_events_record_theirs(tmp_path, clock):
    store = open_store(tmp_path / "kiosk", now=clock())
    create_demo_shop(Context(store, clock=clock), customers_count=1)
    doubled = replace(SETTINGS, rate=Decimal("2"))
    with store.transaction() as conn:
        directory.upsert_program(conn, PROGRAM, clock())
        card = _card(conn, PROGRAM, clock())
        card = ledger.append_event(
            conn, card, Event("e-1", EventKind.EARN, card.id, PROGRAM.id, 10, clock(), amount_minor=1000)
        )
        # a change that leaves the settings alone (the name) keeps the revision
        directory.upsert_program(conn, replace(PROGRAM, name="Points!"), clock())
        assert directory.get_program(conn, PROGRAM.id).points_revision == 1
        directory.upsert_program(
            conn, replace(directory.get_program(conn, PROGRAM.id), points=doubled), clock()
        )
        assert directory.get_program(conn, PROGRAM.id).points_revision == 2
        card = ledger.append_event(
            conn, card, Event("e-2", EventKind.EARN, card.id, PROGRAM.id, 20, clock(), amount_minor=1000)
        )
        ledger.append_event(
            conn, card, Event("e-3", EventKind.REDEEM, card.id, PROGRAM.id, -50, clock(), reward_id="coffee")
        )
        stamp = Event("e-4", EventKind.ADJUST, card.id, PROGRAM.id, 1, clock(), reason="goodwill")
        ledger.append_event(conn, card, stamp)
    with store.reading() as conn:
        recorded = {e.id: e.offer_revision for e in ledger.events_of_card(conn, card.id)}
    assert recorded == {"e-1": 1, "e-2": 2, "e-3": 2, "e-4": None}
    store.close()
