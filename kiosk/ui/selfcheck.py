"""The Qt item of `loyalty-kiosk self-check`: does a QApplication start on this platform?

Run in a child process by kiosk.cli.selfcheck: when no platform plugin loads, Qt aborts the
whole process, and the parent must survive that to report it.
"""

from __future__ import annotations

import sys

# German names in the order a German reader expects; without ICU's collation data (the bundle
# carries a trimmed copy, see build/icu_data.py) Qt falls back to code-point order:
# 'Zebra', 'apfel', 'Ärger'
_NAMES_IN_GERMAN_ORDER = ["apfel", "Ärger", "Ober", "Öl", "Zebra"]
_NAMES_UNSORTED = ["Zebra", "Öl", "apfel", "Ober", "Ärger"]


def probe_qt_platform() -> str:
    """Start a QApplication with the current platform (QT_QPA_PLATFORM, offscreen in tests) and
    describe it; raises (or Qt aborts the process) when it cannot start."""
    from PySide6.QtCore import QCollator, QLibraryInfo, QLocale
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    screens = app.screens()
    size = screens[0].size() if screens else None
    where = f"{size.width()}x{size.height()}" if size else "no screen"
    collator = QCollator(QLocale("de_DE"))
    ordered = sorted(_NAMES_UNSORTED, key=collator.sortKey)
    if ordered != _NAMES_IN_GERMAN_ORDER:
        raise RuntimeError(f"ICU collation data missing: German names sort as {ordered}")
    return (
        f"Qt {QLibraryInfo.version().toString()}, platform '{app.platformName()}', "
        f"{len(screens)} screen(s) ({where}), German collation"
    )
