"""The points paths of the counter, driven with real X input (xdotool) and counted (issue 15).

Not collected on its own (no test_ prefix): tests/ui/test_xvfb_points_paths.py runs it in a child
pytest on Xvfb and reads the counts it writes. Counted as the cashier thinks of them: a scanner
pass is one input, the sale's amount is one input (its keys are counted too, separately: the
digits of the price are the sale, not extra work), each other key or click is one.
"""

from __future__ import annotations

import json
import os
import subprocess

from kiosk.services.demo import DEMO_CASHIER_PIN
from kiosk.store import directory
from kiosk.ui.app import _install_wedge_filter
from tests.ui.conftest import sign_in
from tests.ui.test_points_counter_screen import BAKERY
from tests.ui.xvfb_counter_paths_walk import Driver


def _points(services, token: str) -> int | None:
    match = services.lookup(token).matches[0]
    return next((v.card.balance.units for v in match.cards if v.program.id == BAKERY.id), None)


def test_count_the_inputs_of_the_points_paths(qtbot, qapp, make_kiosk, demo, services, clock):
    counts: dict[str, int] = {}
    with services.ctx.store.transaction() as conn:
        directory.upsert_program(conn, BAKERY, clock())
    ana, ben = [t for k, t in demo.tokens.items() if k.endswith("/ Coffee card")][:2]
    # set-up, not measured: Ben has 130 points from earlier sales
    assert services.earn_points(services.lookup(ben).card_id, 13000, program_id=BAKERY.id).ok
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)  # before the wedge filter: see the other walk
    wedge = _install_wedge_filter(qapp, kiosk.settings, kiosk)
    try:
        window = kiosk.window
        window.move(0, 0)
        window.activateWindow()
        qtbot.waitExposed(window)
        subprocess.run(["xdotool", "windowfocus", "--sync", str(int(window.winId()))], check=True)
        qtbot.waitUntil(window.isActiveWindow)
        drive = Driver(qtbot, kiosk)
        screen = kiosk.screens["scan"]
        qtbot.waitUntil(screen.code_entry.hasFocus)
        # xdotool maps its keys on first use, which slows its first burst: warm it up
        with qtbot.waitSignal(screen.result_shown, timeout=10_000):
            drive.scan(ana)
        screen.reset()
        screen.code_entry.setFocus()
        drive.took()

        # a points sale: Ana's scan, the amount, Enter
        with qtbot.waitSignal(screen.result_shown, timeout=10_000):
            drive.scan(ana)
        qtbot.waitUntil(screen.points_panel.amount_entry.hasFocus)  # no click to reach the field
        scanned = drive.took()
        drive.type("12.50")
        amount_keys = drive.took()
        with qtbot.waitSignal(screen.result_shown, timeout=10_000) as shown:
            drive.key("Return")
        assert shown.args[0].points_added == 13
        assert _points(services, ana) == 13
        counts["points sale"] = scanned + 1 + drive.took()  # the amount is one input
        counts["points sale: keys of the amount"] = amount_keys

        # a catalogue reward: Ben's scan, a tap on Lunch, Enter (or a tap) on Yes
        with qtbot.waitSignal(screen.result_shown, timeout=10_000):
            drive.scan(ben)
        panel = screen.points_panel
        lunch = next(b for b in panel.reward_buttons if b.text().startswith("Lunch"))
        drive.click(lunch)
        qtbot.waitUntil(panel.confirm_yes.hasFocus)
        with qtbot.waitSignal(screen.result_shown, timeout=10_000) as shown:
            drive.key("Return")
        assert shown.args[0].reward.id == "lunch"
        assert _points(services, ben) == 10
        counts["redeem a catalogue reward"] = drive.took()
    finally:
        wedge.uninstall(qapp)
        out = os.environ.get("KIOSK_COUNTS_OUT")
        if out:
            with open(out, "w") as f:
                json.dump(counts, f)
