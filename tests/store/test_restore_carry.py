"""`restore --force` as an operator runs it: what was recorded after the backup and not yet synced
comes along into the restored ledger, once, and the replaced file is not called damaged."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.domain.model import Program
from kiosk.services import Context, Services
from kiosk.services.demo import create_demo_shop
from kiosk.store import directory, open_store
from kiosk.store import ledger as store_ledger
from kiosk.store.db import DB_FILENAME
from kiosk.store.schema import cards
from tests.helpers import real_now
from tests.store.test_backups import kiosk_cli

QUICK = "5b0e8a52-8f5c-4d0b-9a51-3c1f4a0d7e11"


def _shop(data: Path) -> None:
    """The demo shop plus an offer with no cooldown, so one visit can earn a reward."""
    store = open_store(data, now=real_now())
    try:
        create_demo_shop(Services(Context(store)).ctx)
        with store.transaction() as conn:
            quick = Program(QUICK, "Quick card", 5, "a treat", per_visit_limit=10, cooldown_seconds=0)
            directory.upsert_program(conn, quick, real_now())
    finally:
        store.close()


def _ok(*args) -> dict | str:
    done = kiosk_cli(*args)
    assert done.returncode == 0, done.stdout + done.stderr
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        return done.stdout


def _quick_card(enrolled: dict) -> dict:
    (card,) = [c for c in enrolled["cards"] if c["offer"]["id"] == QUICK]
    return card


def _ledger(data: Path) -> tuple[set[str], dict[int, tuple], int]:
    """Every event id, every card's cached balance (checked against a recompute), pending count."""
    store = open_store(data, now=real_now())
    try:
        with store.reading() as conn:
            ids = set(conn.exec_driver_sql("SELECT id FROM events").scalars())
            balances = {}
            for row in conn.execute(cards.select()):
                cached = (row.units, row.lifetime, row.redemptions, row.visits)
                again = store_ledger.recompute_balance(conn, row.id)
                assert cached == (again.units, again.lifetime, again.redemptions, again.visits), row.id
                balances[row.id] = cached
            return ids, balances, store_ledger.pending_count(conn)
    finally:
        store.close()


def test_restore_force_carries_what_was_recorded_after_the_backup(tmp_path):
    data = tmp_path / "kiosk"
    _shop(data)
    regular = _quick_card(_ok("enroll", "Rita Regular", "--data-dir", data))
    _ok("backup", "--data-dir", data)
    # after the backup: a visit that earns a reward, the reward handed over, a new customer
    _ok("scan", regular["qr"], "--quantity", "5", "--data-dir", data)
    redeemed = _ok("redeem", regular["qr"], "--data-dir", data)
    assert redeemed["ok"], redeemed
    newcomer = _quick_card(_ok("enroll", "Nina Newcomer", "--data-dir", data))
    _ok("scan", newcomer["qr"], "--quantity", "3", "--data-dir", data)
    before_ids, before_balances, before_pending = _ledger(data)

    unforced = kiosk_cli("restore", "--data-dir", data)
    assert unforced.returncode == 2, unforced.stderr  # refused (README: 2), nothing changed
    assert "--force" in unforced.stderr
    done = kiosk_cli("restore", "--force", "--data-dir", data)
    assert done.returncode == 0, done.stderr
    assert "carried" in done.stdout, done.stdout
    assert "not yet synced" in done.stdout, done.stdout

    after_ids, after_balances, after_pending = _ledger(data)
    assert after_ids == before_ids, "every event recorded after the backup is in the restored ledger"
    assert after_balances == before_balances
    assert after_pending == before_pending, "and every one that waited for the cloud still waits"
    card = _ok("card", regular["qr"], "--data-dir", data)["card"]
    assert (card["stamps"], card["redemptions"]) == (0, 1)
    assert _ok("card", newcomer["qr"], "--data-dir", data)["card"]["stamps"] == 3
    lookup = _ok("lookup", "Nina", "--data-dir", data)
    assert "Nina Newcomer" in json.dumps(lookup)

    # the healthy file replaced is kept under an honest name, with nothing left half-done
    assert [p.name for p in data.glob(f"{DB_FILENAME}.replaced-*")], list(data.iterdir())
    assert not list(data.glob(f"{DB_FILENAME}.damaged-*"))
    assert not list(data.glob("*.restoring*"))

    # restoring the same backup again carries each event once (idempotent by UUID)
    again = kiosk_cli("restore", "--force", "--data-dir", data)
    assert again.returncode == 0, again.stderr
    assert _ledger(data) == (before_ids, before_balances, before_pending)


def test_restore_refusals_exit_2_as_the_readme_says(tmp_path):
    data = tmp_path / "kiosk"
    _ok("demo", "--data-dir", data)
    listed = kiosk_cli("restore", "--list", "--data-dir", data)
    assert listed.returncode == 2, listed.stdout + listed.stderr
    assert "no backups" in listed.stderr
    nothing = kiosk_cli("restore", "--force", "--data-dir", data)
    assert nothing.returncode == 2, nothing.stdout + nothing.stderr
    assert "no good backup" in nothing.stderr
    _ok("backup", "--data-dir", data)
    healthy = kiosk_cli("restore", "--data-dir", data)
    assert healthy.returncode == 2, healthy.stdout + healthy.stderr
    assert "passes its integrity check" in healthy.stderr


def test_a_restore_that_cannot_carry_is_refused_and_says_how_many_events_it_would_lose(tmp_path):
    data, elsewhere = tmp_path / "kiosk", tmp_path / "another-shop"
    _ok("demo", "--data-dir", data)
    _ok("demo", "--data-dir", elsewhere)
    foreign = Path(_ok("backup", "--data-dir", elsewhere).strip())
    _, _, pending = _ledger(data)
    assert pending > 0
    before = (data / DB_FILENAME).read_bytes()

    refused = kiosk_cli("restore", "--force", foreign, "--data-dir", data)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "another business" in refused.stderr
    assert f"would lose {pending} event(s) not yet synced" in refused.stderr
    assert (data / DB_FILENAME).read_bytes() == before, "nothing changed"
    assert not [p for p in data.iterdir() if ".restoring" in p.name or ".replaced" in p.name]
