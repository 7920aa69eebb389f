"""A fresh kiosk's first run: the shop, its time zone and currency, the owner's PIN and the first
offer on one page. Enter moves to the next field; on the last it sets the shop up. Every field's
problem shows under its field at once, and nothing is saved until all are right."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.offers import OfferDraft
from kiosk.domain.shop import ShopSetup
from kiosk.ui.messages import problem_text, refusal_text
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.forms import FieldError, MessageLine, restyle, screen_layout
from kiosk.ui.workers import StoreWorker


def _searchable(combo: QComboBox) -> QComboBox:
    """Type any part of a name ("berl", "euro") and pick from what matches."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


def _currency_label(code: str, name: str, longest: int = 26) -> str:
    """ "CHF – Swiss Franc"; a long name is cut short so that every item fits the field."""
    label = f"{code} – {name}"
    return label if len(label) <= longest else label[: longest - 1].rstrip() + "…"


class FirstRunScreen(QWidget):
    shop_ready = Signal(object)  # ShopOutcome: the shop, its owner and first offer are saved

    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunScreen")
        self.worker = worker
        self._busy = False  # one set-up at a time: a second Enter must not make a second shop
        layout, _heading = screen_layout(self, self.tr("Welcome! Set up your shop"))

        self.shop_name = QLineEdit()
        self.location_name = QLineEdit()
        self.time_zone = _searchable(QComboBox())
        self.currency = _searchable(QComboBox())
        self.owner_name = QLineEdit()
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for pin in (self.pin, self.pin_again):
            pin.setEchoMode(QLineEdit.EchoMode.Password)
            pin.setMaxLength(8)
        self.offer_name = QLineEdit(self.tr("Coffee card"))
        self.offer_stamps = QSpinBox()
        self.offer_stamps.setRange(0, 99)
        self.offer_stamps.setValue(10)
        self.offer_reward = QLineEdit(self.tr("a free coffee"))
        self.shop_name.textChanged.connect(self.location_name.setPlaceholderText)

        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}
        shop = self._section(
            self.tr("Your shop"),
            (
                ("shop_name", self.tr("Shop name"), self.shop_name),
                ("location_name", self.tr("This counter's location (optional)"), self.location_name),
                ("time_zone", self.tr("Time zone (type to search)"), self.time_zone),
                ("currency", self.tr("Currency (type to search)"), self.currency),
            ),
        )
        owner = self._section(
            self.tr("The owner"),
            (
                ("owner_name", self.tr("Owner's name"), self.owner_name),
                ("pin", self.tr("Choose a PIN (4 to 8 digits)"), self.pin),
                ("pin_again", self.tr("The same PIN again"), self.pin_again),
            ),
        )
        offer = self._section(
            self.tr("Your first offer (you can change it later)"),
            (
                ("offer_name", self.tr("Offer name"), self.offer_name),
                ("offer_units_required", self.tr("Stamps needed for the reward"), self.offer_stamps),
                ("offer_reward_text", self.tr("Reward"), self.offer_reward),
            ),
        )
        host = QWidget()
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 8, 0)
        # the shop on the left, the owner and the offer on the right: all of it fits 1024x768
        grid.addWidget(shop, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(owner, 0, 1)
        grid.addWidget(offer, 1, 1)
        grid.setRowStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 1)
        self.message = MessageLine()
        self.done_button = BigButton(self.tr("Set up the shop"), kind="primary", icon_name="check")
        self.done_button.clicked.connect(self.on_done_clicked)
        bottom = QHBoxLayout()  # one row: the form keeps the height
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(bottom)

        # Enter moves on, field by field; on the last one it sets the shop up
        order = [self.shop_name, self.location_name, self.time_zone, self.currency]
        order += [self.owner_name, self.pin, self.pin_again, self.offer_name, self.offer_stamps]
        for here, after in zip(order, [*order[1:], self.offer_reward], strict=True):
            line = here.lineEdit() if isinstance(here, QComboBox | QSpinBox) else here
            line.returnPressed.connect(lambda after=after: after.setFocus())
        self.offer_reward.returnPressed.connect(self.on_done_clicked)

    def _section(self, title: str, rows) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: German fits
        form.setVerticalSpacing(4)
        for key, label, widget in rows:
            error = FieldError()
            self.errors[key] = error
            self.fields[key] = widget
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(label, column)
        return box

    def start(self) -> None:
        """Shown on a kiosk with no owner yet: fetch the zones and currencies, guess the defaults."""
        self.show_field_errors({})
        self.message.say("", "")
        # the currency names in the kiosk's language: the translation names its language code
        language = self.tr("en", "the language code of this translation")
        self.worker.op(self, lambda s: s.shop_choices(language)).success(
            self.on_choices_read
        ).run_in_background()
        self.shop_name.setFocus()

    def on_choices_read(self, choices) -> None:
        typed_zone, typed_currency = self.time_zone.currentText(), self.currency.currentText()
        self.time_zone.clear()
        self.time_zone.addItems(list(choices.zones))
        self.time_zone.setCurrentText(typed_zone or choices.zone)
        self.currency.clear()
        for code, name in choices.currencies:
            self.currency.addItem(_currency_label(code, name), code)
        index = self.currency.findData(choices.currency)
        if typed_currency:
            self.currency.setCurrentText(typed_currency)
        else:
            self.currency.setCurrentIndex(max(index, 0))
        self.time_zone.completer().setModel(self.time_zone.model())
        self.currency.completer().setModel(self.currency.model())

    def setup(self) -> ShopSetup:
        text = self.currency.currentText().strip()
        index = self.currency.findText(text)
        currency = self.currency.itemData(index) if index >= 0 else (text.split() or [""])[0]
        return ShopSetup(
            shop_name=self.shop_name.text(),
            location_name=self.location_name.text(),
            time_zone=self.time_zone.currentText().strip(),
            currency=currency,
            owner_name=self.owner_name.text(),
            pin=self.pin.text(),
            pin_again=self.pin_again.text(),
            offer=OfferDraft(self.offer_name.text(), self.offer_stamps.value(), self.offer_reward.text()),
        )

    def on_done_clicked(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.done_button.setEnabled(False)
        self.message.say("", self.tr("Setting up the shop…"))
        setup = self.setup()
        self.worker.op(self, lambda s: s.set_up_shop(setup)).success(self.on_shop_set_up).refused(
            self.on_shop_refused
        ).failure(self.on_failed).run_in_background()

    def on_failed(self, _error: Exception) -> None:
        self._busy = False  # the window has said what went wrong: the owner may try again
        self.done_button.setEnabled(True)
        self.message.say("", "")

    def on_shop_set_up(self, outcome) -> None:
        self._busy = False
        self.done_button.setEnabled(True)
        self.show_field_errors({})
        self.message.say("good", "")
        for pin in (self.pin, self.pin_again):
            pin.clear()
        self.shop_ready.emit(outcome)

    def on_shop_refused(self, outcome) -> None:
        self._busy = False
        self.done_button.setEnabled(True)
        problems = outcome.field_problems
        self.show_field_errors({name: problem_text(p) for name, p in problems.items()})
        if problems:
            self.message.say("bad", self.tr("Please correct the marked fields."))
            self.fields[next(iter(problems))].setFocus()
        else:
            self.message.say("bad", refusal_text(outcome.refusal))

    def show_field_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.show_error(errors.get(key, ""))
            restyle(self.fields[key], "error", key in errors)
