"""The Qt item of `loyalty-kiosk self-check`: does a QApplication start on this platform?

Run in a child process by kiosk.cli.selfcheck: when no platform plugin loads, Qt aborts the
whole process, and the parent must survive that to report it.
"""

from __future__ import annotations

import sys


def probe_qt_platform() -> str:
    """Start a QApplication with the current platform (QT_QPA_PLATFORM, offscreen in tests) and
    describe it; raises (or Qt aborts the process) when it cannot start."""
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    screens = app.screens()
    size = screens[0].size() if screens else None
    where = f"{size.width()}x{size.height()}" if size else "no screen"
    return (
        f"Qt {QLibraryInfo.version().toString()}, platform '{app.platformName()}', "
        f"{len(screens)} screen(s) ({where})"
    )
