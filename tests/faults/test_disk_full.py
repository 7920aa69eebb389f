"""The kiosk's disk fills up during a stamp (SQLite's max_page_count stands in for a full disk)."""

from __future__ import annotations

import sqlite3

from sqlalchemy import event, text

from kiosk.domain.model import Program
from kiosk.domain.refusals import Reason
from kiosk.store import directory
from kiosk.store.db import integrity_ok
from tests.sync.harness import Clock, Kiosk

HEADROOM_PAGES = 3


def _cap_the_disk(kiosk: Kiosk) -> None:
    """From now on the file may grow by a few pages only, on every connection of the store."""
    engine = kiosk.store.engine
    with engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()

    def cap(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + HEADROOM_PAGES}")

    event.listen(engine, "connect", cap)
    engine.dispose()


def test_a_stamp_on_a_full_disk_is_refused_clearly_and_nothing_breaks(tmp_path):
    kiosk = Kiosk(tmp_path / "kiosk", Clock())
    with kiosk.store.transaction() as conn:
        directory.upsert_program(
            conn,
            Program("0b7d2a36-61c3-4a1e-9a44-6a0f6f1f2f7e", "Coffee", 5, "Free", cooldown_seconds=0),
            kiosk.clock(),
        )
    card_id, token = kiosk.enroll()
    _cap_the_disk(kiosk)
    done = 0
    for _ in range(10_000):
        outcome = kiosk.stamp(token)
        if outcome.refusal is not None:
            break
        done += 1
    else:
        raise AssertionError("the capped disk never filled up")
    assert outcome.refusal.reason is Reason.STORAGE_FAILED
    assert "full" in outcome.refusal.params["problem"]
    assert outcome.event is None  # the cashier is not told it worked
    # exactly the stamps reported done are kept, each once, each queued for the cloud
    assert kiosk.card(card_id).balance.units == done
    assert kiosk.pending() == done + 1  # + the enroll
    kiosk.close()
    ok, detail = integrity_ok(kiosk.store.path)
    assert ok, detail
    with sqlite3.connect(kiosk.store.path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert (
            raw.execute("SELECT count(*) FROM events WHERE card_id = ?", (card_id,)).fetchone()[0] == done + 1
        )


def test_the_counter_screen_says_the_disk_is_full_not_just_could_not_save(tmp_path):
    from kiosk.domain.refusals import StorageProblem
    from kiosk.ui.messages import refusal_text

    kiosk = Kiosk(tmp_path / "kiosk", Clock())
    with kiosk.store.transaction() as conn:
        directory.upsert_program(
            conn,
            Program("0b7d2a36-61c3-4a1e-9a44-6a0f6f1f2f7e", "Coffee", 5, "Free", cooldown_seconds=0),
            kiosk.clock(),
        )
    _card_id, token = kiosk.enroll()
    _cap_the_disk(kiosk)
    for _ in range(10_000):
        outcome = kiosk.stamp(token)
        if outcome.refusal is not None:
            break
    kiosk.close()
    assert outcome.refusal.params["storage"] is StorageProblem.FULL
    text = refusal_text(outcome.refusal)
    assert text.startswith("The disk is full"), text
    assert str(tmp_path / "kiosk") in text, "it names the folder to free space in"
    assert "Nothing was recorded" in text
