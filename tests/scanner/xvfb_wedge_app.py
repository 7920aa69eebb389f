"""Run under a real X server (by test_xvfb_wedge.py): real keystrokes from xdotool into a QLineEdit.

Prints one JSON line: the scans the wedge filter reported and what ended up in the field.
"""

from __future__ import annotations

import json
import subprocess
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from cardtoken import format_card_number
from kiosk.scanner.wedge import WedgeSettings
from kiosk.ui.wedge_filter import WedgeFilter

# a card number whose check digit matches: into a text field, only a whole card code is a scan
SCAN = format_card_number(12345678901).replace(" ", "")


def main() -> int:
    app = QApplication(sys.argv)
    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit()
    layout.addWidget(field)
    window.setGeometry(0, 0, 400, 120)
    window.show()
    wedge = WedgeFilter(WedgeSettings(max_gap_s=0.05))
    wedge.install(app)
    scans: list[str] = []
    wedge.code_scanned.connect(scans.append)
    typed: list[str] = []  # the field's text whenever Enter reached it
    field.returnPressed.connect(lambda: typed.append(field.text()))
    released: list[int] = []
    wedge.keys_released.connect(released.append)
    steps = [
        ["xdotool", "mousemove", "100", "40"],
        ["xdotool", "type", "--delay", "4", SCAN + "\r"],  # a scanner: a key every 4 ms
        ["xdotool", "type", "--delay", "4", "ABCDEFGHJK234567YZ\r"],  # as fast, but no card code
        ["xdotool", "key", "ctrl+a", "BackSpace"],  # so it landed in the field: clear it again
        ["xdotool", "type", "--delay", "250", "hi"],  # a person
    ]

    running: list[subprocess.Popen] = []

    def run_next_step() -> None:
        # xdotool runs beside the event loop, so key events arrive with their real timing
        if running and running[-1].poll() is None:
            QTimer.singleShot(20, run_next_step)
            return
        if not steps:
            QTimer.singleShot(800, finish)
            return
        window.activateWindow()
        field.setFocus()
        running.append(subprocess.Popen(steps.pop(0)))
        QTimer.singleShot(20, run_next_step)

    def finish() -> None:
        print(
            json.dumps(
                {"scans": scans, "typed": "".join(typed), "field": field.text(), "released": released}
            ),
            flush=True,
        )
        app.quit()

    QTimer.singleShot(500, run_next_step)
    QTimer.singleShot(30_000, app.quit)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
