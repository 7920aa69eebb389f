"""The store's half of the owner's data requests (kiosk/store/export.py), on real SQLite files:
rows streamed for an export from one consistent read, and the erasure's writes."""

from __future__ import annotations

import types

import cardtoken
from kiosk.domain.model import Customer, Role
from kiosk.services import Actor
from kiosk.store import bulk, directory, erasure, export, ledger, meta

OWNER = Actor("o1", "Olivia Owner", Role.OWNER)
MANAGER = Actor("m1", "Max Manager", Role.MANAGER)


def enroll(kiosk, name: str, email: str | None = None, phone: str | None = None):
    out = kiosk.services.enroll(name, email=email, phone=phone, actor=OWNER)
    assert out.ok, out.message
    return out


def test_export_reads_stream_lazily_in_recording_order_with_offer_names(demo):
    with export.snapshot(demo.ctx.store) as conn:
        people = export.customers_for_export(conn)
        assert isinstance(people, types.GeneratorType)  # nothing read until iterated
        listed = list(people)
        cards = list(export.cards_for_export(conn))
        events = list(export.events_for_export(conn))
    assert len(listed) == len({c.id for c in listed}) == 8
    assert all(c.email and c.email.endswith("@example.com") and c.created_at for c in listed)
    assert [c.card_id for c in cards] == sorted(c.card_id for c in cards)
    assert {c.offer_name for c in cards} == {"Coffee card", "Lunch club"}
    assert len(events) == len(cards)  # one enroll event per card, nothing else yet
    assert {e.kind for e in events} == {"enroll"}
    assert all(e.staff_name == "Olivia Owner" and e.location_id for e in events)


def test_a_void_names_the_event_it_cancels(demo):
    token = next(iter(demo.shop.tokens.values()))
    stamped = demo.services.record_scan(token)
    undone = demo.services.undo(token)
    assert undone.ok, undone.message
    with export.snapshot(demo.ctx.store) as conn:
        events = list(export.events_for_export(conn))
    assert [e.kind for e in events[-2:]] == ["earn", "void"]
    assert events[-1].ref_event_id == stamped.event.id
    assert events[-1].units == -1
    assert events[-1].reason == "undo at the counter"


def test_the_snapshot_does_not_see_writes_made_while_it_reads(demo):
    with export.snapshot(demo.ctx.store) as conn:
        sqlite = conn.connection.dbapi_connection
        before = sum(1 for _ in export.customers_for_export(conn))
        enroll(demo, "Late Comer")  # committed by another connection in the middle of the export
        cards_then = sum(1 for _ in export.cards_for_export(conn))
        again = sum(1 for _ in export.customers_for_export(conn))
    assert before == again == 8
    assert not sqlite.in_transaction  # back in the pool without its read transaction
    assert cards_then == len(demo.shop.tokens)
    with export.snapshot(demo.ctx.store) as conn:
        assert sum(1 for _ in export.customers_for_export(conn)) == 9


def test_many_customers_come_out_in_batches_all_of_them(kiosk):
    now = kiosk.clock()
    total = export.BATCH * 2 + 7
    people = (Customer(f"c{i:07d}", f"Person {i}", None, None, False, now) for i in range(total))
    with kiosk.ctx.store.transaction() as conn:
        bulk.load_customers(conn, people, now)
    with export.snapshot(kiosk.ctx.store) as conn:
        ids = [c.id for c in export.customers_for_export(conn)]
    assert ids == [f"c{i:07d}" for i in range(total)]  # the table's own order, none lost or repeated


def test_erasing_the_row_clears_what_search_finds_by(demo):
    out = enroll(demo, "Quentin Zylberstein", "quentin@example.org", "+49 170 5551234")
    with demo.ctx.store.transaction() as conn:
        erasure.erase_customer_row(conn, out.customer.id, demo.clock())
        erasure.revoke_cards_of(conn, out.customer.id)
    with demo.ctx.store.reading() as conn:
        erased = directory.get_customer(conn, out.customer.id)
        for query in ("quentin", "Quentin Zylberstein", "quentin@example.org", "+491705551234"):
            assert directory.search_customers(conn, query) == [], query
        assert directory.search_customers(conn, erasure.ERASED_NAME) == []
        statuses = {card.status.value for card in ledger.cards_of_customer(conn, out.customer.id)}
    assert (erased.name, erased.email, erased.phone, erased.marketing_consent) == (
        erasure.ERASED_NAME,
        None,
        None,
        False,
    )
    assert statuses == {"revoked"}


def test_audit_scrub_takes_out_the_customer_and_leaves_staff_and_others_alone(demo):
    # a customer who shares a first name with a member of staff: "Max" must survive elsewhere
    out = enroll(demo, "Max", "max.customer@example.org", "+49 170 5550000")
    card_id = out.cards[0].card.id
    assert demo.services.adjust(card_id, 2, "goodwill for Max, call +491705550000", actor=MANAGER).ok
    other = enroll(demo, "Someone Else")
    with demo.ctx.store.transaction() as conn:
        # an entry about something else that happens to quote the email (a note, a later feature)
        meta.audit(conn, demo.clock(), None, None, "note", text="wrote to max.customer@example.org")
        meta.audit(
            conn, demo.clock(), None, None, "wish", customer_id=out.customer.id, text="Maxi cup for Max"
        )
        meta.audit(conn, demo.clock(), MANAGER.staff_id, MANAGER.name, "staff_changed", staff="Max Manager")
        customer = directory.get_customer(conn, out.customer.id)
        changed = erasure.scrub_audit(conn, customer, [c.card.id for c in out.cards])
        entries = meta.audit_entries(conn)
    assert changed == 4  # enrolled, adjusted (its reason), the note, the wish
    text = repr(entries)
    assert "max.customer@example.org" not in text
    assert "+491705550000" not in text
    enrolled = {e["detail"]["customer_id"]: e for e in entries if e["action"] == "customer_enrolled"}
    assert enrolled[out.customer.id]["detail"]["customer"] == erasure.ERASED_NAME
    assert enrolled[other.customer.id]["detail"]["customer"] == "Someone Else"
    adjusted = next(e for e in entries if e["action"] == "balance_adjusted")
    assert adjusted["detail"]["reason"] == f"goodwill for {erasure.ERASED_NAME}, call {erasure.ERASED_NAME}"
    assert adjusted["detail"]["card"] == cardtoken.format_card_number(card_id)  # what and to which card stays
    assert adjusted["staff_name"] == "Max Manager"
    wish = next(e for e in entries if e["action"] == "wish")
    assert wish["detail"]["text"] == f"Maxi cup for {erasure.ERASED_NAME}"  # whole words only
    staff_changed = next(e for e in entries if e["action"] == "staff_changed")
    assert staff_changed["detail"]["staff"] == "Max Manager"


def test_secure_delete_is_switched_back_to_what_it_was(kiosk):
    with kiosk.ctx.store.transaction() as conn:
        conn.exec_driver_sql("PRAGMA secure_delete = OFF")
        with erasure.secure_delete(conn):
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 0


def test_a_points_card_exports_its_sales_and_rewards_and_its_spend_net_of_undos(demo):
    from decimal import Decimal

    from kiosk.domain.model import Card, Event, EventKind, Program, ProgramKind
    from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding

    settings = PointsSettings(Decimal("1"), Rounding.DOWN, 0, (Reward("coffee", "Coffee", 50),))
    program = Program("p-points", "Points", 50, "Catalogue", kind=ProgramKind.POINTS, points=settings)
    now = demo.clock()
    with demo.ctx.store.transaction() as conn:
        directory.upsert_program(conn, program, now)
        member, key_id = conn.exec_driver_sql("SELECT customer_id, key_id FROM cards LIMIT 1").one()
        card = Card(777_001, member, program.id, key_id, created_at=now)
        ledger.insert_card(conn, card)
        steps = [
            Event("e1", EventKind.EARN, card.id, program.id, 90, now, amount_minor=9000),
            Event("e2", EventKind.EARN, card.id, program.id, 15, now, amount_minor=1550),
            Event(
                "e3",
                EventKind.VOID,
                card.id,
                program.id,
                -15,
                now,
                ref_event_id="e2",
                ref_kind=EventKind.EARN,
            ),
            Event("e4", EventKind.REDEEM, card.id, program.id, -50, now, reward_id="coffee"),
        ]
        for step in steps:
            card = ledger.append_event(conn, card, step)
    with export.snapshot(demo.ctx.store) as conn:
        cards = {c.card_id: c for c in export.cards_for_export(conn)}
        events = [e for e in export.events_for_export(conn) if e.card_id == card.id]
    assert (cards[card.id].units, cards[card.id].lifetime, cards[card.id].spend_minor) == (40, 90, 9000)
    assert {c.spend_minor for c in cards.values() if c.card_id != card.id} == {None}  # stamp cards
    assert cards[card.id].kind is ProgramKind.POINTS  # its units are points
    assert {c.kind for c in cards.values() if c.card_id != card.id} == {ProgramKind.STAMPS}
    assert [(e.kind, e.units, e.amount_minor, e.reward_id) for e in events] == [
        ("earn", 90, 9000, None),
        ("earn", 15, 1550, None),
        ("void", -15, None, None),
        ("redeem", -50, None, "coffee"),
    ]
