"""Ledgers written by the code of d983ead (tests/compat/fixtures, made by make_fixtures.py) open with
today's kiosk and cloud, migrated to their heads, and keep every card's balance, lifetime, visits
and redemptions; and a version-1 kiosk's recorded session, replayed against today's cloud, gets
the answers it got then. The guard for the member redesign and wire v2 (issue 14)."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient

from cloud.app import create_app
from cloud.clock import FakeClock
from cloud.db import alembic_config
from kiosk.domain.ledger import balance_of
from kiosk.services.cards import resolve
from kiosk.store import ledger, migrate, open_store, sync_repo
from kiosk.store.db import DB_FILENAME
from kiosk.sync import pairing
from tests.compat.ledger_views import card_events, kiosk_event, same_events
from tests.compat.wire_recording import cloud_settings, replay, replay_delta
from tests.helpers import real_now
from tests.postgres_server import PG_BIN
from tests.sync.harness import Clock, Kiosk, OwnerApi

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text())
RECORDING = json.loads((FIXTURES / "wire_v1.json").read_text())


def unpack(name: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(FIXTURES / name, "rb") as packed, open(target, "wb") as out:
        shutil.copyfileobj(packed, out)
    return target


def revision_in(path: Path) -> str:
    """The Alembic revision a SQLite file was left at, read before any code of today opens it."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def as_dict(balance) -> dict[str, int]:
    return {
        "units": balance.units,
        "lifetime": balance.lifetime,
        "visits": balance.visits,
        "redemptions": balance.redemptions,
    }


def test_the_fixtures_hold_a_varied_ledger():
    """What the other tests lean on is there: several cards, pending events, a cloud that differs."""
    kiosk, cloud = EXPECTED["kiosk"], EXPECTED["cloud"]
    assert len(kiosk["balances"]) >= 5
    assert len(cloud["balances"]) >= 4
    assert any(b["redemptions"] for b in kiosk["balances"].values())
    assert kiosk["pending_event_ids"]
    assert kiosk["balances"] != cloud["balances"]  # the outbox holds what the cloud has not seen
    kinds = {
        e["kind"] for x in RECORDING["exchanges"] if x["path"].endswith("/push") for e in x["body"]["events"]
    }
    assert kinds == {"enroll", "earn", "redeem", "void", "adjust", "referral"}
    answered = [r["status"] for x in RECORDING["exchanges"] for r in (x["answer"] or {}).get("results", ())]
    assert "duplicate" in answered  # a push sent again after its answer was lost
    assert any(x.get("answer_lost") for x in RECORDING["exchanges"])


# --- the kiosk ---------------------------------------------------------------------------------


def test_a_kiosk_ledger_from_d983ead_keeps_every_balance_its_outbox_and_its_codes(tmp_path):
    data_dir = tmp_path / "kiosk"
    assert revision_in(unpack("kiosk.sqlite.gz", data_dir / DB_FILENAME)) == "0007"
    store = open_store(data_dir, now=real_now())  # migrates to head (a backup is written first)
    try:
        with store.reading() as conn:
            assert migrate.current_revision(conn) == migrate.script_head()
            card_ids = {r[0] for r in conn.exec_driver_sql("SELECT id FROM cards").all()}
            assert card_ids == {int(c) for c in EXPECTED["kiosk"]["balances"]}
            for card_id, recorded in EXPECTED["kiosk"]["balances"].items():
                card = ledger.get_card(conn, int(card_id))
                assert as_dict(card.balance) == recorded, card_id
                events = ledger.events_of_card(conn, int(card_id))
                assert as_dict(balance_of(events)) == recorded, card_id
                assert same_events([kiosk_event(e) for e in events]) == same_events(
                    EXPECTED["kiosk"]["events"][card_id]
                ), card_id
            pending = [p.event.id for p in sync_repo.pending_batch(conn, 1000)]
            assert pending == EXPECTED["kiosk"]["pending_event_ids"]
            assert ledger.pending_count(conn) == len(pending)
            for card_id, token in EXPECTED["kiosk"]["tokens"].items():  # printed codes still scan
                found = resolve(conn, token)
                assert getattr(found, "card", None) is not None, (card_id, found)
                assert found.card.id == int(card_id)
    finally:
        store.close()


# --- the cloud ---------------------------------------------------------------------------------


def _cloud_reads(database_url: str, data_dir: Path) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """Today's cloud opened on the database (create_app upgrades it to head), read as its owner:
    every card's balance and events."""
    settings = cloud_settings(database_url, data_dir)
    app = create_app(settings, clock=FakeClock())
    with TestClient(app, raise_server_exceptions=False) as http:
        db = app.state.ctx.db
        with db.write_engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        assert current == ScriptDirectory.from_config(alembic_config(db.write_engine)).get_current_head()
        owner = OwnerApi(http, RECORDING["setup"]["owner_email"], RECORDING["setup"]["password"])
        cards = owner._ok(http.get("/api/v1/cards", params={"limit": 1000}, headers=owner.headers))
        balances = {str(c["id"]): c["balance"] for c in cards}
        return balances, card_events(owner, sorted(balances))


def assert_cloud_kept_everything(balances: dict, events: dict, shifted: timedelta = timedelta()) -> None:
    """The recorded balances, and every event (its times moved by `shifted` in a replay)."""
    assert balances == EXPECTED["cloud"]["balances"]
    assert events.keys() == EXPECTED["cloud"]["events"].keys()
    for card_id, recorded in EXPECTED["cloud"]["events"].items():
        assert same_events(events[card_id]) == same_events(recorded, shifted), card_id


def test_the_cloud_sqlite_database_from_d983ead_upgrades_and_keeps_every_balance(tmp_path):
    path = unpack("cloud.sqlite.gz", tmp_path / "cloud" / "cloud.sqlite3")
    assert revision_in(path) == "0006_rules"
    assert_cloud_kept_everything(*_cloud_reads(f"sqlite:///{path}", tmp_path / "cloud"))


@pytest.mark.postgres
def test_the_cloud_postgresql_dump_from_d983ead_restores_upgrades_and_keeps_every_balance(
    tmp_path, postgres_server
):
    url = postgres_server.new_database()
    subprocess.run(
        [
            *(str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(postgres_server.port), "-U", "postgres"),
            *(
                "-d",
                url.rsplit("/", 1)[1],
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-f",
                str(FIXTURES / "cloud.pg.sql"),
            ),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    import psycopg  # the PostgreSQL driver, needed only here

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0006_rules"
    (tmp_path / "cloud").mkdir()
    assert_cloud_kept_everything(*_cloud_reads(url, tmp_path / "cloud"))


# --- the wire ----------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_database(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cloud.sqlite3'}"
    return request.getfixturevalue("postgres_server").new_database()


def test_a_version_1_kiosks_session_replayed_gets_the_same_answers_and_balances(tmp_path, fresh_database):
    delta = replay_delta(RECORDING, real_now())
    replayed = replay(RECORDING, cloud_settings(fresh_database, tmp_path), delta)
    try:
        assert replayed.problems == []
        assert_cloud_kept_everything(
            replayed.shop.balances(), replayed.shop.events(sorted(EXPECTED["cloud"]["balances"])), delta
        )
    finally:
        replayed.shop.close()


def test_a_replay_notices_an_answer_that_changed(tmp_path):
    """The replay's comparison can fail: a recording whose answers differ from what the cloud says
    (an event's status, a balance, a time, a status code) is reported, each in its place."""
    altered = json.loads(json.dumps(RECORDING))
    steps = altered["exchanges"]
    pushes = [n for n, x in enumerate(steps) if x["path"].endswith("/sync/push")]
    pulls = [n for n, x in enumerate(steps) if x["path"].endswith("/sync/pull")]
    first_push, second_push, second_pull = pushes[0], pushes[1], pulls[1]
    assert first_push < second_pull < second_push
    steps[first_push]["answer"]["results"][0]["status"] = "duplicate"
    steps[second_pull]["answer"]["cards"][0]["balance"]["units"] += 1
    steps[second_pull]["answer"]["server_time"] = steps[0]["at"]
    steps[second_push]["status"] = 202
    settings = cloud_settings(f"sqlite:///{tmp_path / 'c.sqlite3'}", tmp_path)
    replayed = replay(altered, settings, replay_delta(altered, real_now()))
    try:
        found = "\n".join(replayed.problems)
        assert (
            f"#{first_push} POST /api/v1/sync/push $.results[0].status: 'accepted', recorded 'duplicate'"
            in found
        )
        assert f"#{second_pull} GET /api/v1/sync/pull $.cards[0].balance.units:" in found
        assert f"#{second_pull} GET /api/v1/sync/pull $.server_time:" in found
        assert f"#{second_push} POST /api/v1/sync/push: status 200, recorded 202" in found
        assert replayed.problems[-1] == f"the replay stopped at #{second_push} POST /api/v1/sync/push"
        assert len(replayed.problems) == 5, found
    finally:
        replayed.shop.close()


def test_the_kiosk_from_d983ead_sends_its_outbox_to_its_cloud_from_d983ead(tmp_path):
    """Both ledgers of the session, migrated: the owner pairs the till again (its credential lives
    in the OS keyring, not in the fixture), its pending events go up, and kiosk and cloud then
    hold the kiosk's recorded balances for every card."""
    data_dir = tmp_path / "kiosk"
    unpack("kiosk.sqlite.gz", data_dir / DB_FILENAME)
    cloud_path = unpack("cloud.sqlite.gz", tmp_path / "cloud" / "cloud.sqlite3")
    settings = cloud_settings(f"sqlite:///{cloud_path}", tmp_path / "cloud")
    app = create_app(settings, clock=FakeClock())
    clock = Clock()
    with TestClient(app, raise_server_exceptions=False) as http:
        owner = OwnerApi(http, RECORDING["setup"]["owner_email"], RECORDING["setup"]["password"])
        locations = owner._ok(http.get("/api/v1/locations", headers=owner.headers))
        kiosk = Kiosk(data_dir, clock, existing=True)
        try:
            pairing.unpair(kiosk.store, kiosk.credentials, now=clock)
            paired = kiosk.pair("http://testserver", owner.pairing_code(locations[0]["id"]), http=http)
            assert paired.kept_pending == len(EXPECTED["kiosk"]["pending_event_ids"])
            status = kiosk.engine(http).run_round()
            assert status.online, status
            assert status.accepted == len(EXPECTED["kiosk"]["pending_event_ids"])
            assert kiosk.pending() == 0
            with kiosk.store.reading() as conn:
                for card_id, recorded in EXPECTED["kiosk"]["balances"].items():
                    assert as_dict(ledger.get_card(conn, int(card_id)).balance) == recorded, card_id
        finally:
            kiosk.close()
        cards = owner._ok(http.get("/api/v1/cards", params={"limit": 1000}, headers=owner.headers))
        assert {str(c["id"]): c["balance"] for c in cards} == EXPECTED["kiosk"]["balances"]
