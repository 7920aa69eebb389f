"""The points offer editor's tiers (issue 15): Bronze/Silver/Gold as a table of name, threshold
and multiplier, what they count (points or visits) and the window in months.

As in the rest of the points editor, what is typed is read as typed and checked by the shared
rule (loyalty_rules.tiers.problems, through check_settings): a threshold or a multiplier that
does not read as a number is handed on as one the rule refuses, so its problem is said under the
table and its cells are marked.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.flow import flow_row
from kiosk.ui.widgets.forms import FieldError
from loyalty_rules.tiers import MULTIPLIER_RANGE, NAME_MAX, Measure, Tier, TierScheme

_ERROR_BRUSH = QBrush(QColor("#ffcdd2"))
# a new scheme starts as the shops of the issue name theirs; the owner renames and re-prices
_STARTER = (("Bronze", 0, "1"), ("Silver", 500, "1.5"), ("Gold", 1500, "2"))


class TierFields(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tierFields")
        self.enabled = QCheckBox(self.tr("Tiers (Bronze, Silver, Gold)"))
        self.enabled.setObjectName("tiersOn")
        self.measure = QComboBox()
        self.measure.setObjectName("tierMeasure")
        self.measure.addItem(self.tr("Points earned"), Measure.POINTS)
        self.measure.addItem(self.tr("Visits"), Measure.VISITS)
        self.window = QSpinBox()
        self.window.setObjectName("tierWindow")
        self.window.setRange(0, 99)  # the rule says 1 to 36: a 0 or a 40 is told, not clamped
        self.window.setSuffix(self.tr(" months"))
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("tierTable")
        self.table.setHorizontalHeaderLabels([self.tr("Tier"), self.tr("From"), self.tr("Points ×")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(130)
        self.add_button = BigButton(self.tr("Add a tier"))
        self.remove_button = BigButton(self.tr("Remove the chosen tier"))
        self.add_button.clicked.connect(lambda: self.add_row("", 0, ""))
        self.remove_button.clicked.connect(self.on_remove_clicked)

        self.errors: dict[str, FieldError] = {"table": FieldError(), "window_months": FieldError()}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.enabled)
        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Counted"), self.measure)
        window_box = QVBoxLayout()
        window_box.addWidget(self.window)
        window_box.addWidget(self.errors["window_months"])
        form.addRow(self.tr("Within the last"), window_box)
        table_box = QVBoxLayout()
        table_box.setSpacing(2)
        table_box.addWidget(self.table)
        table_box.addWidget(flow_row(self.add_button, self.remove_button))
        table_box.addWidget(self.errors["table"])
        form.addRow(table_box)
        outer.addWidget(self.body)
        self.enabled.toggled.connect(self.on_toggled)
        self.measure.currentIndexChanged.connect(self.on_changed)
        self.window.valueChanged.connect(self.on_changed)
        self.table.itemChanged.connect(self.on_changed)
        self.fill(None)

    # filling
    def fill(self, scheme: TierScheme | None) -> None:
        self.blockSignals(True)
        self.enabled.setChecked(scheme is not None)
        self.measure.setCurrentIndex(
            max(0, self.measure.findData(scheme.measure if scheme else Measure.POINTS))
        )
        self.window.setValue(scheme.window_months if scheme else 12)
        self.table.setRowCount(0)
        separator = QLocale().decimalPoint()
        if scheme is None:
            for name, threshold, times in _STARTER:
                self.add_row(name, threshold, times.replace(".", separator))
        else:
            for tier in scheme.tiers:
                self.add_row(tier.name, tier.threshold, str(tier.multiplier).replace(".", separator))
        self.blockSignals(False)
        self.body.setVisible(scheme is not None)
        self.show_errors({})

    def add_row(self, name: str, threshold: int, multiplier: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(str(threshold) if name or threshold else ""))
        self.table.setItem(row, 2, QTableWidgetItem(multiplier))

    def on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.on_changed()

    def on_toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        self.on_changed()

    # reading
    def scheme(self) -> TierScheme | None:
        """What the boxes say, or None when the offer has no tiers."""
        if not self.enabled.isChecked():
            return None
        separator = QLocale().decimalPoint()
        tiers = []
        for row in range(self.table.rowCount()):
            threshold_text = self._text(row, 1).strip()
            threshold = int(threshold_text) if threshold_text.isdigit() else -1
            try:
                multiplier = Decimal(self._text(row, 2).strip().replace(separator, "."))
            except InvalidOperation:
                multiplier = Decimal(0)  # the rule refuses it: its problem is told
            if not multiplier.is_finite():
                multiplier = Decimal(0)
            tiers.append(Tier(" ".join(self._text(row, 0).split()), threshold, multiplier))
        return TierScheme(self.measure.currentData(), self.window.value(), tuple(tiers))

    # errors
    def show_errors(self, errors: dict[str, str]) -> None:
        """`errors`: check_settings' "tiers.<field>" -> its text; the cells it is about are marked."""
        self.errors["window_months"].show_error(errors.get("tiers.window_months", ""))
        texts = [
            errors[f"tiers.{f}"]
            for f in ("tiers", "names", "thresholds", "multipliers")
            if f"tiers.{f}" in errors
        ]
        self.errors["table"].show_error("\n".join(texts))
        scheme = self.scheme()
        tiers = scheme.tiers if scheme else ()
        names = [t.name.casefold() for t in tiers]
        self.table.blockSignals(True)  # marking a cell is no edit
        for row, tier in enumerate(tiers):
            marks = (
                "tiers.names" in errors
                and (not tier.name or len(tier.name) > NAME_MAX or names.count(tier.name.casefold()) > 1),
                "tiers.thresholds" in errors
                and (
                    tier.threshold < 0
                    or (row == 0) != (tier.threshold == 0)
                    or (row > 0 and tier.threshold <= tiers[row - 1].threshold)
                ),
                "tiers.multipliers" in errors
                and not (
                    MULTIPLIER_RANGE[0] <= tier.multiplier <= MULTIPLIER_RANGE[1]
                    and tier.multiplier == tier.multiplier.quantize(Decimal("0.1"))
                ),
            )
            for column, marked in enumerate(marks):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(_ERROR_BRUSH if marked else QBrush())
        self.table.blockSignals(False)

    def on_changed(self, *_args) -> None:
        self.changed.emit()

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
