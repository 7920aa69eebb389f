"""Makes the compatibility fixtures in tests/compat/fixtures/ with the code of the checkout it runs in.

Run by hand (not by the test command), as root (the private PostgreSQL runs as user postgres):

    .venv/bin/python -m tests.compat.make_fixtures

It plays one small shop's session on fixed dates (from 2026-11-02 08:00 UTC): a cloud (SQLite, in
this process) whose owner makes a location and the "Coffee" offer; a kiosk (the real store, the
real services, the real sync engine) paired with it, that makes the "Tea" offer, enrols four
customers, stamps, redeems, undoes a stamp (a void), adjusts, grants referral stamps, makes a
replacement code, syncs three times (the answer to one push is lost on the way and the kiosk
sends the same events again), and then records more events that stay in its outbox.
It writes:

- kiosk.sqlite.gz       the kiosk's ledger (VACUUM INTO: one file, no WAL; gzipped)
- cloud.sqlite.gz       the cloud's database after the last sync (gzipped)
- cloud.pg.sql          the same shop in PostgreSQL (the recording replayed into the private
                        server of tests/postgres_server.py, then pg_dump --no-owner --no-privileges)
- wire_v1.json          the kiosk's HTTP exchanges with the cloud (see wire_recording.py)
- expected.json         every card's balance at the kiosk and in the cloud, the kiosk's pending
                        event ids, and each card's code

and rewrites fixtures/README.md with the commit it ran on. The tests never call this: the files are
what today's code made, and later code must still read them.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring

import cardtoken
from kiosk.domain.ledger import balance_of
from kiosk.domain.model import EventKind, Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor, Services
from kiosk.services.counter import new_event
from kiosk.services.identity import issuing_private_key
from kiosk.store import ledger, meta, sync_repo
from tests.compat.ledger_views import kiosk_event
from tests.compat.wire_recording import (
    MovableClock,
    RecordingClient,
    cloud_settings,
    make_recording,
    replay,
    set_up_shop,
)
from tests.conftest import MemoryKeyring
from tests.postgres_server import PG_BIN, PostgresServer
from tests.sync.harness import Kiosk

FIXTURES = Path(__file__).parent / "fixtures"
START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
OWNER = Actor(None, "Olga", Role.OWNER)
SETUP = {
    "business_name": "Corner Cafe",
    "owner_email": "owner@compat.example",
    "password": "password-1",
    "location_name": "Main street",
    "offers": {
        "offer_coffee": {
            "name": "Coffee",
            "stamps_required": 5,
            "reward_text": "Free coffee",
            "per_visit_limit": 3,
        }
    },
}


def ok(outcome):
    assert outcome.refusal is None, outcome.refusal
    return outcome


def referral(kiosk: Kiosk, card_id: int, units: int) -> None:
    """Referral stamps: a ledger event kind the kiosk stores and syncs (no counter screen makes one)."""
    with kiosk.store.transaction() as conn:
        card = ledger.get_card(conn, card_id)
        event = new_event(kiosk.ctx, conn, OWNER, EventKind.REFERRAL, card, units, kiosk.clock())
        ledger.append_event(conn, card, event)


def play_session(kiosk: Kiosk, shop, http: RecordingClient, clock: MovableClock) -> dict[str, int]:
    services = Services(kiosk.ctx)
    clock.advance(minutes=1)
    kiosk.pair("http://testserver", shop.bindings["pairing_code"], http=http)
    engine = kiosk.engine(http)
    assert engine.run_round().online
    coffee = shop.bindings["offer_coffee"]
    clock.advance(minutes=4)
    tea = ok(services.save_offer(OfferDraft("Tea", 8, "A pot of tea", cooldown_seconds=0), actor=OWNER))
    tea = tea.program.id

    clock.advance(minutes=5)
    alice = ok(
        services.enroll(
            "Alice Archer",
            email="alice@example.org",
            phone="+49 30 1234567",
            marketing_consent=True,
            program_ids=[coffee, tea],
            actor=OWNER,
        )
    )
    card = {}
    for card_id in alice.tokens:
        card["alice_" + ("coffee" if kiosk.card(card_id).program_id == coffee else "tea")] = card_id
    (card["bob"],) = ok(services.enroll("Bob Baker", program_ids=[coffee], actor=OWNER)).tokens
    (card["carol"],) = ok(services.enroll("Carol Cho", program_ids=[tea], actor=OWNER)).tokens

    def scan(name: str, quantity: int = 1):
        clock.advance(hours=1)  # past any cooldown
        code = cardtoken.format_card_number(card[name])
        return ok(services.record_scan(code, quantity=quantity, actor=OWNER))

    scan("alice_coffee", 2)
    scan("alice_coffee", 3)
    clock.advance(minutes=1)
    ok(services.redeem(card["alice_coffee"], actor=OWNER))
    scan("alice_tea")
    stamped = scan("bob")
    clock.advance(seconds=30)
    ok(services.undo(card["bob"], actor=OWNER, event_id=stamped.event.id))  # a void
    scan("bob", 2)
    clock.advance(minutes=2)
    ok(services.adjust(card["carol"], 3, "paper card carried over", actor=OWNER))
    clock.advance(minutes=1)
    referral(kiosk, card["carol"], 1)
    ok(services.new_card_code(card["bob"], actor=OWNER))  # a replaced code (audited, no event)
    clock.advance(minutes=5)
    assert engine.run_round().online  # the Tea offer goes up first, then the events

    clock.advance(days=1)
    scan("alice_tea", 2)
    scan("carol")
    clock.advance(minutes=10)
    http.lose_answer_to = "/api/v1/sync/push"
    assert not engine.run_round().online  # the cloud took the push; its answer was lost
    clock.advance(minutes=1)
    assert engine.run_round().online  # the same events again (duplicates), an incremental pull

    clock.advance(hours=3)
    scan("alice_coffee")  # from here on, nothing is synced: the outbox keeps it
    (card["dave"],) = ok(services.enroll("Dave Dunn", program_ids=[coffee], actor=OWNER)).tokens
    scan("dave", 2)
    clock.advance(minutes=1)
    ok(services.adjust(card["bob"], -1, "stamped twice by mistake", actor=OWNER))
    return card


def kiosk_expectations(kiosk: Kiosk, cards: dict[str, int]) -> dict:
    balances, events = {}, {}
    with kiosk.store.reading() as conn:
        for name, card_id in cards.items():
            cached = ledger.get_card(conn, card_id).balance
            card_events = ledger.events_of_card(conn, card_id)
            events[str(card_id)] = [kiosk_event(e) for e in card_events]
            recomputed = balance_of(card_events)
            assert cached == recomputed, (name, cached, recomputed)
            balances[str(card_id)] = {
                "units": cached.units,
                "lifetime": cached.lifetime,
                "visits": cached.visits,
                "redemptions": cached.redemptions,
            }
        pending = [p.event.id for p in sync_repo.pending_batch(conn, 1000)]
    tokens = {str(cid): token for cid, token in card_tokens(kiosk).items()}
    assert sorted(tokens) == sorted(str(c) for c in cards.values())
    return {"balances": balances, "events": events, "pending_event_ids": pending, "tokens": tokens}


def card_tokens(kiosk: Kiosk) -> dict[int, str]:
    """Each card's code as this kiosk prints it (signed by its own key)."""
    with kiosk.store.reading() as conn:
        business_id = int(meta.get_setting(conn, "business_id", "0") or 0)
        key_id, private = meta.issuing_key(conn, business_id)
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM cards").all()]
    sign = issuing_private_key(private)
    return {cid: cardtoken.encode(cardtoken.sign(sign, business_id, cid, key_id)) for cid in ids}


def vacuum_into_gzip(source: Path, target: Path) -> None:
    """A one-file copy (VACUUM INTO, as the kiosk's backups do), gzipped: the empty pages of a
    few hundred KB of tables and indexes pack into a few KB."""
    copy = source.with_name(source.name + ".copy")
    copy.unlink(missing_ok=True)
    conn = sqlite3.connect(source)
    try:
        conn.execute("VACUUM INTO ?", (str(copy),))
    finally:
        conn.close()
    with open(copy, "rb") as raw, gzip.GzipFile(target, "wb", compresslevel=9, mtime=0) as packed:
        shutil.copyfileobj(raw, packed)


def postgres_copy(recording: dict, work: Path, expected_cloud: dict) -> str:
    """The recorded session replayed (same dates) into a fresh PostgreSQL database, dumped."""
    server = PostgresServer()
    try:
        url = server.new_database()
        replayed = replay(recording, cloud_settings(url, work / "pg"), delta=timedelta())
        try:
            assert not replayed.problems, replayed.problems
            assert replayed.shop.balances() == expected_cloud["balances"]
            assert replayed.shop.events(sorted(expected_cloud["balances"])) == expected_cloud["events"]
        finally:
            replayed.shop.close()
        dbname = url.rsplit("/", 1)[1]
        dump = subprocess.run(
            [
                *(str(PG_BIN / "pg_dump"), "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres"),
                *("--no-owner", "--no-privileges", dbname),
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return dump.stdout
    finally:
        server.stop()


PRODUCT = ("kiosk", "cloud", "cardtoken", "loyalty_rules")


def git(*args: str) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout.strip()


def made_by() -> tuple[str, str]:
    """(the last commit that changed the product code, the commit checked out): the fixtures say
    which code wrote them, so that code must be committed."""
    if git("status", "--porcelain", "--", *PRODUCT):
        raise SystemExit("make_fixtures: commit the product code first; the README must name what made them")
    return git("log", "-1", "--format=%h", "--", *PRODUCT), git("rev-parse", "--short", "HEAD")


def main() -> None:
    made_by()  # refuse early, before minutes of work
    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="compat-fixtures-"))
    try:
        (work / "cloud").mkdir()
        clock = MovableClock(START)
        settings = cloud_settings(f"sqlite:///{work / 'cloud' / 'cloud.sqlite3'}", work / "cloud")
        shop = set_up_shop(settings, clock, SETUP)
        http = RecordingClient(shop.app, clock)
        kiosk = Kiosk(work / "kiosk", clock)
        cards = play_session(kiosk, shop, http, clock)
        kiosk_side = kiosk_expectations(kiosk, cards)
        cloud_balances = shop.balances()
        cloud_events = shop.events(sorted(cloud_balances))
        business_id = http.exchanges[0]["answer"]["business_id"]
        device_id = http.exchanges[0]["answer"]["device_id"]
        kiosk_key = http.exchanges[0]["answer"]["key_id"]
        (cloud_key,) = [k for k in http.exchanges[1]["answer"]["keys"] if k["key_id"] != kiosk_key]
        known = {
            "pairing_code": shop.bindings["pairing_code"],
            "device_token": http.exchanges[0]["answer"]["device_token"],
            "device_id": device_id,
            "location_id": shop.bindings["location_id"],
            "offer_coffee": shop.bindings["offer_coffee"],
            "business_id": business_id,
            "cloud_public_key": cloud_key["public_key"],  # the business's own key, made by the cloud
        }
        recording = make_recording(SETUP, START, http.exchanges, known)
        kiosk.close()
        shop.close()

        FIXTURES.mkdir(exist_ok=True)
        vacuum_into_gzip(kiosk.store.path, FIXTURES / "kiosk.sqlite.gz")
        vacuum_into_gzip(work / "cloud" / "cloud.sqlite3", FIXTURES / "cloud.sqlite.gz")
        cloud_side = {"balances": cloud_balances, "events": cloud_events}
        expected = {"kiosk": kiosk_side, "cloud": cloud_side, "cards": cards}
        (FIXTURES / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
        (FIXTURES / "wire_v1.json").write_text(json.dumps(recording, indent=1) + "\n")
        (FIXTURES / "cloud.pg.sql").write_text(postgres_copy(recording, work, cloud_side))
        write_readme(*made_by())
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_readme(product: str, head: str) -> None:
    (FIXTURES / "README.md").write_text(
        f"Made by the product code of commit {product} (kiosk head 0007, cloud head 0006_rules) with "
        f"`tests/compat/make_fixtures.py` as of commit {head}, run as root: "
        "`.venv/bin/python -m tests.compat.make_fixtures` (that script says what each file holds). "
        "Do not remake them after a schema or wire change: they are what that code wrote and sent, "
        "and later code must still read them.\n"
    )


if __name__ == "__main__":
    sys.exit(main())
