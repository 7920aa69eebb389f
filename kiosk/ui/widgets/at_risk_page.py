"""The Analytics screen's "At risk" tab: the members the cloud's churn model (BG/NBD) finds less
likely than not to still be customers, the most valuable first (kiosk/domain/insights.py), each
with that chance; or, without a fitted model, why there is no list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from kiosk.domain.insights import Churn, ChurnState, MemberOutlook, at_risk
from kiosk.ui.text import arg
from kiosk.ui.theme import Palette
from kiosk.ui.widgets.analytics_charts import heat_colour


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
            # the kiosk's language's decimal point, as the A/B results write theirs (8,2 in German)
            visits = f"{m.expected_visits:.1f}".replace(".", QLocale().decimalPoint())
            cells = (m.name, str(m.visit_days), percent(m.probability_alive), visits)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)
            background, foreground = heat_colour(m.probability_alive, palette)  # paler: less likely
            self.item(row, 2).setBackground(background)
            self.item(row, 2).setForeground(foreground)


class AtRiskPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 6, 0, 0)
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.table = AtRiskTable()
        box.addWidget(self.note)
        box.addWidget(self.table, 1)
        box.addStretch()  # keeps the note at the top while there is no table under it

    @staticmethod
    def members(churn: Churn) -> tuple[MemberOutlook, ...]:
        return at_risk(churn.members) if churn.state is ChurnState.READY else ()

    def note_text(self, churn: Churn) -> str:
        texts = {
            ChurnState.NEEDS_CLOUD: self.tr(
                "At risk needs the cloud: only its churn model, fitted on every till's visits, can "
                "tell who is likely to stay away. Pair this kiosk on the Sync screen."
            ),
            ChurnState.FITTING: self.tr(
                "The cloud is fitting its churn model on the shop's visits; look again soon."
            ),
            ChurnState.NOT_ENOUGH_DATA: self.tr(
                "Not enough visits yet: the churn model needs more members who came back on another day."
            ),
            ChurnState.FAILED: self.tr("The cloud could not fit its churn model; it tries again daily."),
        }
        if churn.state in texts:
            return texts[churn.state]
        return arg(
            self.tr(
                "Members less likely than not to still be customers (BG/NBD model), those who came "
                "most often first; expected visits over the next %1 weeks."
            ),
            churn.weeks,
        )

    def percent(self, share: float) -> str:
        return arg(self.tr("%1 %"), round(share * 100))

    def show_churn(self, churn: Churn, palette: Palette) -> None:
        self.note.setText(self.note_text(churn))
        headers = [
            self.tr("Member"),
            self.tr("Visit days"),
            self.tr("Still a customer"),
            self.tr("Expected visits"),
        ]
        self.table.show_members(self.members(churn), headers, palette, self.percent)
        self.table.setVisible(churn.state is ChurnState.READY)

    def clear(self) -> None:
        self.table.setRowCount(0)
