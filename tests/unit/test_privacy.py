"""The owner's data duties (kiosk/services/privacy.py) end to end on real SQLite files: the
export's three CSV files, and a customer's erasure (GDPR). The paired-kiosk story with the real
cloud is in tests/sync/test_erasure.py."""

from __future__ import annotations

import csv
import errno
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event

import cardtoken
from kiosk.domain.model import CardStatus, EventKind, Role
from kiosk.domain.offers import OfferDraft
from kiosk.domain.problems import Problem
from kiosk.domain.refusals import Reason
from kiosk.services import Actor
from kiosk.services.privacy import EXPORT_PREFIX, erase_customer, export_data
from kiosk.store import directory, erasure, export, ledger, meta, sync_repo
from kiosk.store.db import DB_FILENAME, wal_checkpoint

OWNER = Actor("o1", "Olivia Owner", Role.OWNER)
MANAGER = Actor("m1", "Max Manager", Role.MANAGER)
CASHIER = Actor("c1", "Cara Cashier", Role.CASHIER)
EMAIL, PHONE, NAME = "quentin.zyl@example.org", "+491705551234", "Quentin Zylberstein"


def read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def audit_of(kiosk, action: str) -> list[dict]:
    with kiosk.ctx.store.reading() as conn:
        return [e for e in meta.audit_entries(conn, limit=10_000) if e["action"] == action]


def quentin(kiosk):
    """A customer with a history: stamps, an undo, a new QR code, a reward redeemed."""
    out = kiosk.services.enroll(NAME, email=EMAIL, phone="+49 170 555 1234", actor=OWNER)
    assert out.ok, out.message
    coffee = next(v for v in out.cards if v.program.name == "Coffee card")
    token = out.tokens[coffee.card.id]
    assert kiosk.services.record_scan(token, quantity=5, actor=CASHIER).ok
    kiosk.clock.advance(61)
    assert kiosk.services.record_scan(token, quantity=5, actor=CASHIER).ok
    assert kiosk.services.undo(token, actor=CASHIER).ok
    assert kiosk.services.adjust(coffee.card.id, 5, "stamp card was full", actor=MANAGER).ok
    assert kiosk.services.redeem(token, actor=CASHIER).ok
    assert kiosk.services.new_card_code(coffee.card.id, actor=MANAGER).ok
    return out, token


# --- export ------------------------------------------------------------------------------------


def test_the_owner_exports_three_complete_files_into_a_new_folder(demo, tmp_path):
    out, _ = quentin(demo)
    target = tmp_path / "exports"
    target.mkdir()
    done = export_data(demo.ctx, target, actor=OWNER)
    assert done.ok, done.message
    stamp = demo.clock().astimezone().strftime("%Y%m%d-%H%M%S")
    assert done.folder == target / f"{EXPORT_PREFIX}{stamp}"
    assert sorted(p.name for p in done.folder.iterdir()) == ["cards.csv", "customers.csv", "events.csv"]

    customers = read_csv(done.folder / "customers.csv")
    assert customers[0] == ["customer id", "name", "email", "phone", "marketing consent", "created at"]
    assert len(customers) - 1 == done.customers == 9
    row = next(r for r in customers if r[0] == out.customer.id)
    # the phone starts with "+": a spreadsheet would read it as a formula
    enrolled = out.customer.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert enrolled.endswith("T09:00:00Z")  # the test clock's start: today at 09:00 UTC
    assert row == [out.customer.id, NAME, EMAIL, "'" + PHONE, "no", enrolled]

    cards = read_csv(done.folder / "cards.csv")
    assert len(cards) - 1 == done.cards == len(demo.shop.tokens) + 2
    coffee = next(v for v in out.cards if v.program.name == "Coffee card")
    number = cardtoken.format_card_number(coffee.card.id)
    assert next(r for r in cards if r[0] == number) == [
        number,
        out.customer.id,
        "Coffee card",
        "active",
        "0",  # 5 + 5 - 5 (undo) + 5 (adjust) - 10 (reward)
        "5",  # lifetime: stamps earned and not undone (an adjustment is not earned)
        "1",
        "1",
        "no",
        "",  # a stamp card has no spend
        "stamps",  # what "stamps now" and "lifetime stamps" count
    ]
    assert cards[0][4:6] == ["stamps now", "lifetime stamps"]  # kept where scripts read them
    assert cards[0][-1] == "offer kind"

    events = read_csv(done.folder / "events.csv")
    assert len(events) - 1 == done.events
    mine = [r for r in events if r[3] == number]
    assert [r[2] for r in mine] == ["enroll", "earn", "earn", "void", "adjust", "redeem"]
    earn, void = mine[2], mine[3]
    assert void[5] == "-5"  # a number we wrote: no apostrophe
    assert void[9] == earn[0]  # the void names the stamp it cancelled
    assert (earn[6], earn[7]) == ("Cara Cashier", "Counter 1")
    assert mine[4][8] == "stamp card was full"

    (entry,) = audit_of(demo, "data_exported")
    assert entry["staff_name"] == "Olivia Owner"
    assert entry["detail"] == {
        "folder": str(done.folder),
        "customers": done.customers,
        "cards": done.cards,
        "events": done.events,
    }


def test_a_points_card_exports_its_spend_each_sale_and_each_reward(demo, tmp_path):
    from decimal import Decimal

    from kiosk.domain.model import Card, Program, ProgramKind
    from kiosk.services.points import earn_points, redeem_reward
    from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding

    settings = PointsSettings(Decimal("1"), Rounding.DOWN, 0, (Reward("=coffee", "Coffee", 50),))
    program = Program(
        "p-points", "Points", 50, "Catalogue", kind=ProgramKind.POINTS, per_visit_limit=1, points=settings
    )
    with demo.ctx.store.transaction() as conn:
        directory.upsert_program(conn, program, demo.clock())
        member, key_id = conn.exec_driver_sql("SELECT customer_id, key_id FROM cards LIMIT 1").one()
        ledger.insert_card(conn, Card(777_002, member, program.id, key_id, created_at=demo.clock()))
    assert earn_points(demo.ctx, 777_002, 6050, actor=CASHIER).ok
    assert redeem_reward(demo.ctx, 777_002, "=coffee", actor=CASHIER).ok
    done = export_data(demo.ctx, tmp_path, actor=OWNER)
    assert done.ok, done.message
    number = cardtoken.format_card_number(777_002)
    (card,) = [r for r in read_csv(done.folder / "cards.csv") if r[0] == number]
    # points now, issued, spend in cents; and the row says its units are points, not stamps
    assert (card[4], card[5], card[-2], card[-1]) == ("10", "60", "6050", "points")
    mine = [r for r in read_csv(done.folder / "events.csv") if r[3] == number]
    assert [(r[2], r[5], r[10], r[11]) for r in mine] == [
        ("earn", "60", "6050", ""),
        ("redeem", "-50", "", "'=coffee"),  # a reward code is free text: defused like the others
    ]


def test_free_text_that_looks_like_a_formula_is_defused(demo, tmp_path):
    offer = demo.services.save_offer(
        OfferDraft(name="=HYPERLINK(1)", units_required=5, reward_text="a cake"), actor=OWNER
    )
    assert offer.ok, offer.message
    out = demo.services.enroll(
        "@SUM(A1)", email="-x@example.com", program_ids=[offer.program.id], actor=OWNER
    )
    assert out.ok, out.message
    card_id = out.cards[0].card.id
    assert demo.services.adjust(
        card_id, 1, "+1 for a =friend", actor=Actor("m9", "-Mallory", Role.MANAGER)
    ).ok
    done = export_data(demo.ctx, tmp_path, actor=OWNER)
    assert done.ok, done.message
    (person,) = [r for r in read_csv(done.folder / "customers.csv") if r[0] == out.customer.id]
    assert person[1:3] == ["'@SUM(A1)", "'-x@example.com"]
    number = cardtoken.format_card_number(card_id)
    (card,) = [r for r in read_csv(done.folder / "cards.csv") if r[0] == number]
    assert card[2] == "'=HYPERLINK(1)"
    adjusted = [r for r in read_csv(done.folder / "events.csv") if r[3] == number and r[2] == "adjust"]
    assert adjusted[0][4:9] == ["'=HYPERLINK(1)", "1", "'-Mallory", "Counter 1", "'+1 for a =friend"]


def test_a_second_export_in_the_same_second_gets_its_own_folder(demo, tmp_path):
    first = export_data(demo.ctx, tmp_path, actor=OWNER)
    (first.folder / "customers.csv").write_text("kept", encoding="utf-8")
    second = export_data(demo.ctx, tmp_path, actor=OWNER)
    assert second.ok, second.message
    assert second.folder == first.folder.with_name(first.folder.name + "-2")
    assert (first.folder / "customers.csv").read_text(encoding="utf-8") == "kept"
    assert len(audit_of(demo, "data_exported")) == 2


@pytest.mark.parametrize("actor", [CASHIER, MANAGER])
def test_only_the_owner_exports(demo, tmp_path, actor):
    refused = export_data(demo.ctx, tmp_path, actor=actor)
    assert refused.refusal.reason is Reason.NOT_ALLOWED
    assert list(tmp_path.iterdir()) == [demo.data_dir]  # only the kiosk's own folder
    assert audit_of(demo, "data_exported") == []


def test_a_missing_folder_or_a_file_is_refused_and_nothing_is_written(demo, tmp_path):
    missing = export_data(demo.ctx, tmp_path / "nope", actor=OWNER)
    assert missing.refusal.reason is Reason.STORAGE_FAILED
    assert str(tmp_path / "nope") in missing.message
    assert not (tmp_path / "nope").exists()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    assert export_data(demo.ctx, a_file, actor=OWNER).refusal.reason is Reason.STORAGE_FAILED
    assert audit_of(demo, "data_exported") == []


def test_a_folder_nobody_may_write_in_is_refused(demo, tmp_path):
    # root writes into a folder whatever its mode bits say; sysfs refuses new folders to everyone
    # (EPERM), root included, so the check runs under any user and touches nothing
    locked = Path("/sys")
    before = sorted(p.name for p in locked.iterdir())
    refused = export_data(demo.ctx, locked, actor=OWNER)
    assert refused.refusal.reason is Reason.STORAGE_FAILED
    assert "cannot write" in refused.message
    assert sorted(p.name for p in locked.iterdir()) == before
    assert audit_of(demo, "data_exported") == []


def test_a_file_is_only_complete_under_its_final_name_and_a_failed_export_leaves_nothing(
    demo, tmp_path, monkeypatch
):
    seen = []
    real = export.events_for_export

    def events_then_disk_full(conn):
        for n, record in enumerate(real(conn)):
            folder = next(tmp_path.glob(f"{EXPORT_PREFIX}*"))
            seen.append(sorted(p.name for p in folder.iterdir()))
            if n == 3:
                raise OSError(errno.ENOSPC, "No space left on device")
            yield record

    monkeypatch.setattr(export, "events_for_export", events_then_disk_full)
    failed = export_data(demo.ctx, tmp_path, actor=OWNER)
    assert failed.refusal.reason is Reason.STORAGE_FAILED
    assert "No space left on device" in failed.message
    # while events.csv was being written only its .part existed; the two before were complete
    assert seen[0] == ["cards.csv", "customers.csv", "events.csv.part"]
    assert list(tmp_path.glob(f"{EXPORT_PREFIX}*")) == []
    assert audit_of(demo, "data_exported") == []


# --- erasure -----------------------------------------------------------------------------------


@pytest.fixture
def secure_delete_off(kiosk):
    """SQLite as Windows' and macOS' Pythons ship it: Debian builds it with secure_delete on by
    default, which would hide an erasure that leaves old bytes in the file's free space."""
    engine = kiosk.ctx.store.engine
    event.listen(
        engine, "connect", lambda dbapi_conn, _record: dbapi_conn.execute("PRAGMA secure_delete = 0")
    )
    engine.dispose()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 0


def raw_database_bytes(kiosk) -> bytes:
    return b"".join(p.read_bytes() for p in kiosk.data_dir.glob(f"{DB_FILENAME}*"))


def test_erasure_leaves_no_trace_of_the_person_and_keeps_the_ledger(secure_delete_off, demo):
    out, token = quentin(demo)
    card_ids = sorted(v.card.id for v in out.cards)
    with demo.ctx.store.reading() as conn:
        history = {i: ledger.events_of_card(conn, i) for i in card_ids}
        balances = {i: ledger.get_card(conn, i).balance for i in card_ids}
    wal_checkpoint(demo.ctx.store)  # the person is in the database file itself, not only the WAL
    assert EMAIL.encode() in raw_database_bytes(demo)

    erased = erase_customer(demo.ctx, out.customer.id, actor=OWNER)
    assert erased.ok, erased.message
    assert erased.customer.id == out.customer.id
    assert (erased.customer.name, erased.customer.email, erased.customer.phone) == (
        erasure.ERASED_NAME,
        None,
        None,
    )
    assert not erased.customer.marketing_consent
    assert sorted(v.card.id for v in erased.cards) == card_ids
    assert {v.card.status for v in erased.cards} == {CardStatus.REVOKED}
    assert erased.audit_entries_scrubbed == 2  # enrolled, code replaced

    for query in (NAME, "quentin", EMAIL, PHONE, "+49 170 555 1234"):
        assert demo.services.lookup(query).matches == (), query
    assert demo.services.record_scan(token).refusal.reason is Reason.CARD_REVOKED
    assert demo.services.redeem(token).refusal.reason is Reason.CARD_REVOKED
    with demo.ctx.store.reading() as conn:
        assert {i: ledger.events_of_card(conn, i) for i in card_ids} == history
        assert {i: ledger.get_card(conn, i).balance for i in card_ids} == balances
        assert all(ledger.recompute_balance(conn, i) == balances[i] for i in card_ids)
        # the enroll events still waiting to go up now carry the placeholder
        enrolls = [p for p in sync_repo.pending_batch(conn, 10_000) if p.event.card_id in card_ids]
        entries = meta.audit_entries(conn, limit=10_000)
    assert {p.event.kind for p in enrolls} >= {EventKind.ENROLL}
    assert all(p.customer.name == erasure.ERASED_NAME for p in enrolls if p.customer)
    assert all((p.customer.email, p.customer.phone) == (None, None) for p in enrolls if p.customer)
    for secret in (NAME, EMAIL, PHONE):
        assert secret not in repr(enrolls)
        assert secret not in repr(entries)
        # old bytes in SQLite's free space or in the WAL count too (the erasure checkpoints it)
        assert secret.encode() not in raw_database_bytes(demo), secret
    (entry,) = [e for e in entries if e["action"] == "customer_erased"]
    assert entry["detail"]["customer_id"] == out.customer.id
    assert sorted(entry["detail"]["cards"]) == sorted(
        cardtoken.format_card_number(v.card.id) for v in erased.cards
    )
    assert len(entry["detail"]) == 2
    assert entry["staff_name"] == "Olivia Owner"
    # everyone else is still there
    assert demo.services.lookup("ana0@example.com").matches[0].customer.name.startswith("Ana")


@pytest.mark.parametrize("actor", [CASHIER, MANAGER])
def test_only_the_owner_erases_and_a_refusal_changes_nothing(demo, actor):
    out, token = quentin(demo)
    audit_before = audit_of(demo, "customer_enrolled")
    refused = erase_customer(demo.ctx, out.customer.id, actor=actor)
    assert refused.refusal.reason is Reason.NOT_ALLOWED
    (match,) = demo.services.lookup(EMAIL).matches
    assert (match.customer.name, match.customer.phone) == (NAME, PHONE)
    assert {v.card.status for v in match.cards} == {CardStatus.ACTIVE}
    assert demo.services.inspect(token).ok
    assert audit_of(demo, "customer_enrolled") == audit_before
    assert audit_of(demo, "customer_erased") == []


def test_an_unknown_customer_is_refused(demo):
    for unknown in ("no-such-id", "", None):
        refused = erase_customer(demo.ctx, unknown, actor=OWNER)
        assert refused.refusal.reason is Reason.INVALID_INPUT
        assert refused.refusal.params["problem_code"] is Problem.NO_SUCH_CUSTOMER
        assert refused.message == "Customer: no such customer"
    assert audit_of(demo, "customer_erased") == []


def test_a_paired_kiosk_sends_the_owner_to_the_cloud(demo):
    out, _ = quentin(demo)
    with demo.ctx.store.transaction() as conn:  # what pairing writes (kiosk/sync/pairing.py)
        meta.put_setting(conn, "cloud_url", "https://loyalty.example")
    refused = erase_customer(demo.ctx, out.customer.id, actor=OWNER)
    assert refused.refusal.reason is Reason.INVALID_INPUT
    assert "erase the customer in the cloud" in refused.message
    assert "next sync" in refused.message
    assert demo.services.lookup(EMAIL).matches[0].customer.name == NAME
    assert audit_of(demo, "customer_erased") == []


def test_the_export_folder_is_named_in_local_time(demo, tmp_path):
    when = datetime.fromisoformat("2026-07-01T23:30:05+00:00")
    done = export_data(demo.ctx, tmp_path, actor=OWNER, now=when)
    assert done.folder.name == EXPORT_PREFIX + when.astimezone().strftime("%Y%m%d-%H%M%S")
