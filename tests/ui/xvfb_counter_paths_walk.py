"""The counter's common paths, driven with real X input (xdotool) and counted.

Not collected on its own (no test_ prefix): tests/ui/test_xvfb_counter_paths.py runs it in a
child pytest on Xvfb with the xcb platform and reads the counts it writes. The kiosk is built as
run_gui builds it (wedge filter included) on the demo shop; every key press, click and scanner
burst goes through the X server, with its real timing (xdotool runs beside the event loop).

The driver takes the shortest way the screen offers and counts what it took: a scanner burst
(code + Enter at a few ms a key) is one input, each key a person presses is one, each click is
one. Set-up that is not part of a path (the card filled up beforehand) goes through the
services and is not counted.
"""

from __future__ import annotations

import json
import os
import subprocess

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.exceptions import TimeoutError as WaitTimeout

from kiosk.services.demo import DEMO_MANAGER_PIN
from kiosk.ui.app import _install_wedge_filter
from tests.ui.conftest import sign_in

PERSON_DELAY_MS = "150"  # a person's typing: far slower than a scanner
SCANNER_DELAY_MS = "3"


class Driver:
    """Real X input to the kiosk's window, counted."""

    def __init__(self, qtbot, kiosk) -> None:
        self.qtbot = qtbot
        self.kiosk = kiosk
        self.count = 0

    def _xdotool(self, *args: str) -> None:
        # beside the event loop: the app reads each key when it is sent, at its real pace
        running = subprocess.Popen(["xdotool", *args])
        self.qtbot.waitUntil(lambda: running.poll() is not None, timeout=30_000)
        assert running.returncode == 0

    def click(self, widget: QWidget) -> None:
        # a widget just added shows, and its layout places it, from the event loop: let it run
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        assert widget.isVisible(), widget
        assert widget.isEnabled(), widget
        centre = widget.mapToGlobal(widget.rect().center())
        self._xdotool("mousemove", "--sync", str(centre.x()), str(centre.y()), "click", "1")
        self.count += 1

    def key(self, name: str) -> None:
        self._xdotool("key", name)
        self.count += 1

    def type(self, text: str) -> None:
        self._xdotool("type", "--delay", PERSON_DELAY_MS, text)
        self.count += len(text)

    def scan(self, code: str) -> None:
        """One pass of a keyboard-wedge scanner: the code and Enter, a few ms a key."""
        self._xdotool("type", "--delay", SCANNER_DELAY_MS, code + "\r")
        self.count += 1

    def took(self) -> int:
        taken, self.count = self.count, 0
        return taken


def _tokens(demo, offer: str) -> list[str]:
    return [t for k, t in demo.tokens.items() if k.endswith(f"/ {offer}")]


def _units(services, token: str) -> int:
    match = services.lookup(token).matches[0]
    return next(v.card.balance.units for v in match.cards if v.program.name == "Coffee card")


def test_count_the_inputs_of_the_counters_common_paths(qtbot, qapp, make_kiosk, demo, services, clock):
    counts: dict[str, int] = {}
    kiosk = make_kiosk()
    # set-up, not measured: Max signed in at this till before his break (keys sent all at once
    # by qtbot, so before the wedge filter is installed: they would look like a scan to it)
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    kiosk.session.sign_out("button")
    wedge = _install_wedge_filter(qapp, kiosk.settings, kiosk)
    try:
        window = kiosk.window
        window.move(0, 0)
        window.activateWindow()
        qtbot.waitExposed(window)
        subprocess.run(["xdotool", "windowfocus", "--sync", str(int(window.winId()))], check=True)
        qtbot.waitUntil(window.isActiveWindow)
        drive = Driver(qtbot, kiosk)
        ana, ben, cem = _tokens(demo, "Coffee card")[:3]
        # xdotool maps its keys on first use, which slows its first burst: warm it up signed out
        drive.scan(ana)
        drive.took()

        # sign in: Max is back from his break
        signin = window.signin
        qtbot.waitUntil(lambda: signin.isVisible() and len(signin.staff_buttons) == 3)
        max_id = next(sid for sid, b in signin.staff_buttons.items() if b.text() == "Max Manager")
        qtbot.wait(300)  # let the roster settle: the preselection is part of what is measured
        if signin.selected_staff_id() != max_id:
            drive.click(signin.staff_buttons[max_id])
        signin.pin_entry.setFocus()
        drive.type(DEMO_MANAGER_PIN)
        try:
            qtbot.waitUntil(lambda: kiosk.session.actor is not None, timeout=1500)
        except WaitTimeout:
            drive.key("Return")  # the PIN did not submit itself
            qtbot.waitUntil(lambda: kiosk.session.actor is not None, timeout=5000)
        assert kiosk.session.actor.name == "Max Manager"
        counts["sign in"] = drive.took()

        scan_screen = kiosk.screens["scan"]
        qtbot.waitUntil(scan_screen.code_entry.hasFocus)

        # stamp: one stamp for Ana
        with qtbot.waitSignal(scan_screen.result_shown, timeout=10_000) as shown:
            drive.scan(ana)
        assert shown.args[0].ok
        assert _units(services, ana) == 1
        counts["stamp"] = drive.took()

        # n stamps: three for Ben
        while scan_screen.quantity < 3:
            drive.click(scan_screen.plus_button)
        with qtbot.waitSignal(scan_screen.result_shown, timeout=10_000) as shown:
            drive.scan(ben)
        assert shown.args[0].ok
        assert _units(services, ben) == 3
        counts["3 stamps"] = drive.took()

        # undo: Ben's three stamps were meant for someone else
        with qtbot.waitSignal(scan_screen.result_shown, timeout=10_000) as shown:
            drive.click(scan_screen.result.undo_button)
        assert shown.args[0].ok
        assert _units(services, ben) == 0
        counts["undo"] = drive.took()

        # redeem: Cem's card is full (filled before, not counted); he asks for his coffee
        for _ in range(2):
            clock.advance(3600)
            services.record_scan(cem, quantity=5)
        clock.advance(3600)
        with qtbot.waitSignal(scan_screen.result_shown, timeout=10_000):
            drive.scan(cem)
        result = scan_screen.result
        with qtbot.waitSignal(scan_screen.result_shown, timeout=10_000):
            if result.confirm_bar.isVisible() and scan_screen.code_entry.hasFocus():
                drive.key("Return")  # the question is on screen already: Enter answers it
            else:
                row = next(r for r in result.rows if r.redeem_button is not None)
                drive.click(row.redeem_button)
                drive.click(result.confirm_yes)
        qtbot.waitUntil(lambda: "Reward given" in result.banner.text())
        assert _units(services, cem) == 1  # 11 stamps, 10 given for the reward
        counts["redeem a full card"] = drive.took()
    finally:
        wedge.uninstall(qapp)
        out = os.environ.get("KIOSK_COUNTS_OUT")
        if out:
            with open(out, "w") as f:
                json.dump(counts, f)
