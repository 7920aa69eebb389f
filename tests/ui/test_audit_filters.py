"""The audit log narrowed by who, what and when, and the chosen entry's details shown whole."""

from __future__ import annotations

from datetime import timedelta

from kiosk.services.demo import DEMO_MANAGER_PIN
from kiosk.store import meta
from tests.ui.conftest import sign_in


def _column(screen, column: int) -> list[str]:
    return [screen.table.item(r, column).text() for r in range(screen.table.rowCount())]


def _choose(qtbot, screen, box, data) -> None:
    with qtbot.waitSignal(screen.worker.settled):
        box.setCurrentIndex(box.findData(data))
    qtbot.waitUntil(lambda: screen.entries is not None)


def test_audit_log_filters_by_who_what_and_when_and_shows_whole_details(
    qtbot, make_kiosk, demo, services, clock
):
    long_reason = "stamp forgotten on Tuesday because the scanner was unplugged; " * 4
    with services.ctx.store.transaction() as conn:
        meta.audit(
            conn, clock() - timedelta(days=40), None, "Old Olga", "balance_adjusted", reason="long ago"
        )
        meta.audit(conn, clock(), None, "Olivia Owner", "balance_adjusted", card=123, reason=long_reason)
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    kiosk.window.show_screen("audit")
    screen = kiosk.screens["audit"]
    qtbot.waitUntil(lambda: screen.table.rowCount() > 10)
    everything = screen.table.rowCount()
    assert "Old Olga" in _column(screen, 1)

    _choose(qtbot, screen, screen.who, "Olivia Owner")
    qtbot.waitUntil(lambda: set(_column(screen, 1)) == {"Olivia Owner"})
    _choose(qtbot, screen, screen.what, "balance_adjusted")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert _column(screen, 2) == ["Balance adjusted"]
    screen.table.selectRow(0)
    assert long_reason.strip() in screen.details.text()  # whole, not cut at the cell's edge

    _choose(qtbot, screen, screen.who, None)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    _choose(qtbot, screen, screen.when, 29)  # the last 30 days leave out Olga's entry
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert _column(screen, 1) == ["Olivia Owner"]
    _choose(qtbot, screen, screen.what, None)
    qtbot.waitUntil(lambda: screen.table.rowCount() == everything - 1)
    assert "Old Olga" not in _column(screen, 1)
