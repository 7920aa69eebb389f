"""The offer editor's part for "Points per spend": the rate (points per 1 of the shop's currency),
the rounding in words, the minimum spend, and the catalogue of rewards (name, cost).

What is typed is read as typed and checked by the shared rule (check_settings): a rate or an
amount that does not read as a number is handed on as one the rule refuses, so every problem is
said under its own box, in one place. A reward's id is made from its name when it is first saved
and kept after (events name rewards by id): renaming "Coffee" to "Large coffee" keeps "coffee".
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.amounts import decimals_of, format_amount, parse_amount
from kiosk.ui.screens.offers_tiers import TierFields
from kiosk.ui.text import arg
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.flow import flow_row
from kiosk.ui.widgets.forms import FieldError
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, points_for
from loyalty_rules.tiers import multiplied, problems

_ID_ROLE = Qt.ItemDataRole.UserRole  # a saved reward's id, on its name cell
_ERROR_BRUSH = QBrush(QColor("#ffcdd2"))


def reward_id_from(name: str, taken: set[str]) -> str:
    """ "Café crème" -> "cafe-creme"; a second "Coffee" -> "coffee-2". Never empty."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:32] or "reward"
    found, n = base, 1
    while found in taken:
        n += 1
        found = f"{base}-{n}"
    return found


class PointsFields(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pointsFields")
        self.minor_per_unit = 100
        self.rate = QLineEdit()
        self.rate.setObjectName("pointsRate")
        self.rounding = QComboBox()
        self.rounding.addItem(self.tr("Down (12.99 earns 12)"), Rounding.DOWN)
        self.rounding.addItem(self.tr("Half up (12.50 earns 13)"), Rounding.HALF_UP)
        self.rounding.addItem(self.tr("Up (12.01 earns 13)"), Rounding.UP)
        self.minimum = QLineEdit()
        self.minimum.setObjectName("pointsMinimum")
        self.catalogue = QTableWidget(0, 3)
        self.catalogue.setObjectName("pointsCatalogue")
        self.catalogue.setHorizontalHeaderLabels(
            [self.tr("Reward"), self.tr("Cost in points"), self.tr("From tier")]
        )
        self.catalogue.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.catalogue.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.catalogue.verticalHeader().setVisible(False)
        self.catalogue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.catalogue.setMinimumHeight(150)
        self.add_button = BigButton(self.tr("Add a reward"), icon_name="gift")
        self.remove_button = BigButton(self.tr("Remove the chosen reward"))
        self.add_button.clicked.connect(lambda: self.add_row("", 0))
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.tiers = TierFields()
        self.expiry = QLineEdit()  # whole months; empty: points never expire
        self.expiry.setObjectName("pointsExpiry")
        self.expiry.setPlaceholderText(self.tr("never"))
        self.expiry_example = QLabel()  # the live line under it: what the number means
        self.expiry_example.setObjectName("pointsExpiryExample")
        self.expiry_example.setWordWrap(True)
        self.example = QLabel()
        self.example.setObjectName("pointsExample")
        self.example.setWordWrap(True)

        self.errors: dict[str, FieldError] = {}
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setContentsMargins(0, 0, 0, 0)
        self.rate_label = QLabel()
        self.minimum_label = QLabel()
        # a long label: wrapped, so it does not widen the form past the screen
        self.expiry_label = QLabel(
            self.tr("Points expire after this many months without a visit (empty: never)")
        )
        self.expiry_label.setWordWrap(True)
        for key, label, widget in (
            ("rate", self.rate_label, self.rate),
            ("rounding", QLabel(self.tr("Rounding of a part of a point")), self.rounding),
            ("minimum_spend", self.minimum_label, self.minimum),
            (
                "expiry_months",
                self.expiry_label,
                self.expiry,
            ),
            ("catalogue", QLabel(self.tr("Rewards to choose from")), self.catalogue),
        ):
            error = FieldError()
            self.errors[key] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            if key == "catalogue":
                box.addWidget(flow_row(self.add_button, self.remove_button))
            if key == "expiry_months":
                box.addWidget(self.expiry_example)
            box.addWidget(error)
            form.addRow(label, box)
        form.addRow(self.tiers)
        form.addRow(self.example)
        self.rate.textChanged.connect(self.on_changed)
        self.minimum.textChanged.connect(self.on_changed)
        self.expiry.textChanged.connect(self.on_changed)
        self.rounding.currentIndexChanged.connect(self.on_changed)
        self.catalogue.itemChanged.connect(self.on_changed)
        self.tiers.changed.connect(self.on_changed)
        self.set_currency(100)

    # filling
    def set_currency(self, minor_per_unit: int) -> None:
        separator = QLocale().decimalPoint()
        before = self.minor_per_unit
        typed = parse_amount(self.minimum.text(), separator, decimals_of(before))
        self.minor_per_unit = minor_per_unit
        if isinstance(typed, int):  # the same amount in the shop's currency's decimals
            scaled = typed * minor_per_unit // before
            self.minimum.setText(format_amount(scaled, separator, decimals_of(minor_per_unit)))
        self.rate_label.setText(self.tr("Points per 1 of the currency"))
        self.minimum_label.setText(self.tr("Minimum spend (0: every sale earns)"))

    def fill(self, settings: PointsSettings | None) -> None:
        separator = QLocale().decimalPoint()
        if settings is None:  # a new offer: 1 point per unit, down, no minimum, one empty row
            settings = PointsSettings(Decimal(1), Rounding.DOWN, 0, (), self.minor_per_unit)
        self.blockSignals(True)
        self.rate.setText(str(settings.rate).replace(".", separator))
        self.rounding.setCurrentIndex(max(0, self.rounding.findData(settings.rounding)))
        decimals = decimals_of(self.minor_per_unit)
        self.minimum.setText(format_amount(settings.minimum_spend_minor, separator, decimals))
        self.expiry.setText("" if settings.expiry_months is None else str(settings.expiry_months))
        self.catalogue.setRowCount(0)
        for reward in settings.catalogue:
            self.add_row(reward.name, reward.cost, reward.id, reward.lowest_tier or "")
        if not settings.catalogue:
            self.add_row("", 0)
        self.tiers.fill(settings.tiers)
        self.blockSignals(False)
        self.show_errors({})
        self.on_changed()

    def add_row(self, name: str, cost: int, reward_id: str = "", lowest_tier: str = "") -> None:
        row = self.catalogue.rowCount()
        self.catalogue.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(_ID_ROLE, reward_id)
        self.catalogue.setItem(row, 0, name_item)
        self.catalogue.setItem(row, 1, QTableWidgetItem(str(cost) if cost else ""))
        self.catalogue.setItem(row, 2, QTableWidgetItem(lowest_tier))

    def on_remove_clicked(self) -> None:
        row = self.catalogue.currentRow()
        if row >= 0:
            self.catalogue.removeRow(row)
            self.on_changed()

    # reading
    def settings(self) -> PointsSettings:
        """What the boxes say; a box that does not read as a number gives a value the rule
        refuses (NaN, -1, 0), so its problem is said under it."""
        separator = QLocale().decimalPoint()
        try:
            rate = Decimal(self.rate.text().strip().replace(separator, "."))
        except InvalidOperation:
            rate = Decimal("NaN")
        minimum = parse_amount(self.minimum.text(), separator, decimals_of(self.minor_per_unit))
        return PointsSettings(
            rate=rate,
            rounding=self.rounding.currentData(),
            minimum_spend_minor=minimum if isinstance(minimum, int) else -1,
            catalogue=self._rewards(),
            minor_per_unit=self.minor_per_unit,
            tiers=self.tiers.scheme(),
            expiry_months=self._expiry_months(),
        )

    def _expiry_months(self) -> int | None:
        """Empty: never; whole months as typed; anything else a value the rule refuses (-1)."""
        typed = self.expiry.text().strip()
        if not typed:
            return None
        return int(typed) if typed.isascii() and typed.isdigit() else -1

    def _rewards(self) -> tuple[Reward, ...]:
        rewards: list[Reward] = []
        taken = {self._saved_id(row) for row in range(self.catalogue.rowCount())} - {""}
        for row in range(self.catalogue.rowCount()):
            name = " ".join(self._text(row, 0).split())
            cost_text = self._text(row, 1).strip()
            cost = int(cost_text) if cost_text.isdigit() else 0
            reward_id = self._saved_id(row)
            if not reward_id and name:
                reward_id = reward_id_from(name, taken)
                taken.add(reward_id)
            lowest = " ".join(self._text(row, 2).split()) or None  # empty: every tier may take it
            rewards.append(Reward(reward_id, name, cost, lowest))
        return tuple(rewards)

    def cheapest(self) -> int:
        costs = [r.cost for r in self._rewards() if r.cost > 0]
        return min(costs) if costs else 0

    # errors and the example
    def show_errors(self, errors: dict[str, str]) -> None:
        """`errors`: check_settings' fields ("rate", "catalogue.2.cost", …) -> their text."""
        for key, label in self.errors.items():
            label.show_error(errors.get(key, ""))
        rows: list[str] = []
        for row in range(self.catalogue.rowCount()):
            for column, field in ((0, "name"), (0, "id"), (1, "cost"), (2, "lowest_tier")):
                text = errors.get(f"catalogue.{row}.{field}")
                item = self.catalogue.item(row, column)
                if item is not None and field != "id":
                    item.setBackground(_ERROR_BRUSH if text else QBrush())
                    item.setToolTip(text or "")
                if text:
                    rows.append(arg(self.tr("Row %1: %2"), row + 1, text))
        whole = errors.get("catalogue", "")
        self.errors["catalogue"].show_error("\n".join([whole, *rows]) if whole else "\n".join(rows))
        self.tiers.show_errors(errors)

    def on_changed(self, *_args) -> None:
        settings = self.settings()
        try:
            earned = points_for(1250 * self.minor_per_unit // 100, settings)
            separator = QLocale().decimalPoint()
            sale = format_amount(
                1250 * self.minor_per_unit // 100, separator, decimals_of(self.minor_per_unit)
            )
            example = arg(self.tr("A sale of %1 earns %n point(s).", "", earned), sale)
            scheme = settings.tiers
            if scheme is not None and not problems(scheme):  # the multiplier each tier gives
                higher = [
                    arg(self.tr("%1 ×%2: %n point(s)", "", multiplied(earned, t)), t.name, self._times(t))
                    for t in scheme.tiers
                    if t.multiplier != 1
                ]
                example = "\n".join([example, *higher])
            self.example.setText(example)
        except (ValueError, ArithmeticError, TypeError):  # SaleRefused, or a rate not read as one
            self.example.setText(self.tr("A sale of this size earns no points with these settings."))
        self.expiry_example.setText(self._expiry_example(settings.expiry_months))
        self.changed.emit()

    @staticmethod
    def _times(tier) -> str:
        return str(tier.multiplier.normalize()).replace(".", QLocale().decimalPoint())

    def _expiry_example(self, months: int | None) -> str:
        if months is None:
            return self.tr("Points never expire.")
        if months < 1:
            return self.tr("Points expire after a number of months without a visit.")
        return self.tr("Points not spent expire %n month(s) after her last visit.", "", months)

    def _text(self, row: int, column: int) -> str:
        item = self.catalogue.item(row, column)
        return item.text() if item is not None else ""

    def _saved_id(self, row: int) -> str:
        item = self.catalogue.item(row, 0)
        return (item.data(_ID_ROLE) or "") if item is not None else ""
