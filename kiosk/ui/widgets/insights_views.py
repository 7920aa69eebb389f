"""The Analytics screen's pictures of members (kiosk/domain/insights.py): the RFM segment bars and
the at-risk table with each member's chance of still being a customer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from kiosk.domain.insights import MemberOutlook, SegmentCount
from kiosk.ui.theme import Palette
from kiosk.ui.widgets.analytics_charts import ChartView, bar_chart, heat_colour
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


class AtRiskTable(QTableWidget):
    """One row per member at risk, the most valuable first; the chance is in words and colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_members(
        self, members: tuple[MemberOutlook, ...], headers: list[str], palette: Palette, percent: Callable
    ) -> None:
        self.setRowCount(len(members))
        self.setHorizontalHeaderLabels(headers)
        for row, m in enumerate(members):
            cells = (m.name, str(m.visit_days), percent(m.probability_alive), f"{m.expected_visits:.1f}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)
            background, foreground = heat_colour(m.probability_alive, palette)  # paler: less likely
            self.item(row, 2).setBackground(background)
            self.item(row, 2).setForeground(foreground)
