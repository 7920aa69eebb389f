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
        f"{len(screens)} screen(s) ({where}), German collation, {probe_charts()}"
    )


def probe_charts() -> str:
    """Draw the Analytics screen's A/B interval chart (QtCharts, the chart library the bundle must
    carry) into an image and check that its lines and dots came out; raises when they did not."""
    from datetime import date

    from PySide6.QtGui import QColor, QImage, QPainter

    from kiosk.domain.insights import ExperimentReport
    from kiosk.ui.theme import PALETTES
    from kiosk.ui.widgets.ab_results_page import interval_chart
    from kiosk.ui.widgets.analytics_charts import ChartView, accent
    from loyalty_rules.ab_stats import proportion_estimate
    from loyalty_rules.experiment_results import ArmResult, Results
    from loyalty_rules.experiments import Metric

    arms = tuple(
        ArmResult(offer, 40, 40, came / 40, 0, estimate=proportion_estimate(came, 40))
        for offer, came in ((None, 12), ("b", 24))
    )
    report = ExperimentReport(
        "x",
        "x",
        True,
        date(2026, 1, 1),
        Metric.RETURN_WITHIN_DAYS,
        7,
        40,
        (None, "B"),
        Results(True, arms, None),
    )
    palette = PALETTES["light"]
    view = ChartView()
    view.resize(400, 240)
    interval_chart(view, report, ["A", "B"], palette, "self-check")
    image = QImage(view.size(), QImage.Format.Format_RGB32)
    image.fill(QColor(palette.surface))
    painter = QPainter(image)
    view.render(painter)
    painter.end()
    colour = accent(palette).rgb()
    drawn = sum(
        image.pixel(x, y) == colour for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
    )
    if drawn < 20:
        raise RuntimeError(f"the analytics chart did not draw (QtCharts): {drawn} of its pixels")
    return f"analytics chart drawn ({drawn} of its pixels)"
