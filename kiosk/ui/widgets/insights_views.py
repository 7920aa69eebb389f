"""The Analytics screen's RFM segment bars (kiosk/domain/insights.py), with the segments' names in
the kiosk's language (the PDF report lists them too)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.domain.insights import SegmentCount
from kiosk.ui.theme import Palette
from kiosk.ui.widgets.analytics_charts import ChartView, bar_chart
from loyalty_rules.rfm import Segment


def segment_name(segment: Segment) -> str:
    """The segment's name in the kiosk's language."""
    names = {
        Segment.CHAMPIONS: QCoreApplication.translate("Segments", "Champions"),
        Segment.LOYAL: QCoreApplication.translate("Segments", "Loyal"),
        Segment.POTENTIAL_LOYALIST: QCoreApplication.translate("Segments", "Potential loyalists"),
        Segment.NEW: QCoreApplication.translate("Segments", "New"),
        Segment.PROMISING: QCoreApplication.translate("Segments", "Promising"),
        Segment.NEEDS_ATTENTION: QCoreApplication.translate("Segments", "Need attention"),
        Segment.ABOUT_TO_SLEEP: QCoreApplication.translate("Segments", "About to sleep"),
        Segment.AT_RISK: QCoreApplication.translate("Segments", "At risk"),
        Segment.CANNOT_LOSE: QCoreApplication.translate("Segments", "Cannot lose"),
        Segment.HIBERNATING: QCoreApplication.translate("Segments", "Hibernating"),
    }
    return names[segment]


def segments_chart(view: ChartView, segments: tuple[SegmentCount, ...], palette: Palette, title: str) -> None:
    """Members per segment, in the rules' order from the best (champions) at the top down."""
    rows = list(segments)[::-1]  # a horizontal bar chart draws its first category lowest
    bar_chart(
        view, [segment_name(s.segment) for s in rows], [s.members for s in rows], palette, title, across=True
    )
