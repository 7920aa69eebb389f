"""The settings screen's "Scanner" section: which scanner, its port or camera, wedge timing, debounce.

Numbers are typed into plain fields (not spin boxes, which would silently clamp a wrong value),
parsed here, and checked by KioskSettings.validate(), the one place the limits live; each
problem is shown under its own field and nothing is saved. The scanners are built once at
start, so a change takes effect after a restart: the section says so.
"""

from __future__ import annotations

import dataclasses
import re

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.settings import KioskSettings, SettingsError
from kiosk.ui.text import arg
from kiosk.ui.widgets.forms import FieldError

# the KioskSettings fields this section owns, in form order
SCANNER_FIELDS = (
    "scanner_kind",
    "camera_source",
    "serial_port",
    "serial_baud",
    "wedge_max_gap_ms",
    "wedge_prefix",
    "wedge_suffix",
    "debounce_ms",
)
_NUMBER_FIELDS = ("serial_baud", "wedge_max_gap_ms", "debounce_ms")
_COMMON_BAUDS = ("9600", "19200", "38400", "57600", "115200")


def scanner_changed(before: KioskSettings, after: KioskSettings) -> bool:
    return any(getattr(before, name) != getattr(after, name) for name in SCANNER_FIELDS)


class ScannerSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scannerSettings")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Camera"), "camera")
        self.kind.addItem(self.tr("USB scanner (types like a keyboard)"), "wedge")
        self.kind.addItem(self.tr("Serial scanner"), "serial")
        self.camera_source = QLineEdit()
        self.camera_source.setPlaceholderText(self.tr("auto, a camera number, /dev/video0 or a video file"))
        self.serial_port = QLineEdit()
        self.serial_port.setPlaceholderText("/dev/ttyACM0")
        self.serial_baud = QComboBox()
        self.serial_baud.setEditable(True)  # common rates to pick, any other to type
        self.serial_baud.addItems(_COMMON_BAUDS)
        self.wedge_max_gap_ms = QLineEdit()
        self.wedge_prefix = QLineEdit()
        self.wedge_suffix = QLineEdit()
        self.debounce_ms = QLineEdit()
        self.errors: dict[str, FieldError] = {}

        # labels above fields, two to a row: the whole section fits a 1024×768 screen, no scrolling
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for row, column, span, name, label, widget in (
            (0, 0, 2, "scanner_kind", self.tr("Scanner in use"), self.kind),
            (1, 0, 2, "camera_source", self.tr("Camera"), self.camera_source),
            (2, 0, 1, "serial_port", self.tr("Serial port"), self.serial_port),
            (2, 1, 1, "serial_baud", self.tr("Baud rate"), self.serial_baud),
            (3, 0, 1, "wedge_max_gap_ms", self.tr("USB scanner: key gap (ms)"), self.wedge_max_gap_ms),
            (3, 1, 1, "debounce_ms", self.tr("Same code again after (ms)"), self.debounce_ms),
            (4, 0, 1, "wedge_prefix", self.tr("USB scanner: prefix"), self.wedge_prefix),
            (4, 1, 1, "wedge_suffix", self.tr("USB scanner: suffix"), self.wedge_suffix),
        ):
            grid.addWidget(self._labelled(name, label, widget), row, column, 1, span)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.restart_note = QLabel(
            self.tr("Scanner changes apply after the kiosk restarts. A USB scanner always works.")
        )
        self.restart_note.setObjectName("hint")
        self.restart_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.restart_note)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self.on_kind_changed)

    def _labelled(self, name: str, text: str, widget: QWidget) -> QWidget:
        """The field with its label above and its error message right under it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setBuddy(widget)
        column.addWidget(label)
        column.addWidget(widget)
        error = FieldError()
        column.addWidget(error)
        self.errors[name] = error
        return box

    def fill(self, settings: KioskSettings) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(settings.scanner_kind)))
        self.camera_source.setText(settings.camera_source)
        self.serial_port.setText(settings.serial_port)
        self.serial_baud.setCurrentText(str(settings.serial_baud))
        self.wedge_max_gap_ms.setText(str(settings.wedge_max_gap_ms))
        self.wedge_prefix.setText(settings.wedge_prefix)
        self.wedge_suffix.setText(settings.wedge_suffix)
        self.debounce_ms.setText(str(settings.debounce_ms))
        self.show_errors({})
        self.on_kind_changed()

    def on_kind_changed(self, _index: int = 0) -> None:
        # only the chosen scanner's own fields are editable; the others keep their values
        kind = self.kind.currentData()
        self.camera_source.setEnabled(kind == "camera")
        self.serial_port.setEnabled(kind == "serial")
        self.serial_baud.setEnabled(kind == "serial")
        self.debounce_ms.setEnabled(kind == "camera")

    def apply_to(self, base: KioskSettings) -> tuple[KioskSettings | None, dict[str, str]]:
        """`base` with this section's values, or None and a message per field in trouble."""
        errors: dict[str, str] = {}
        numbers: dict[str, int] = {}
        for name in _NUMBER_FIELDS:
            widget = getattr(self, name)
            text = (widget.currentText() if isinstance(widget, QComboBox) else widget.text()).strip()
            if re.fullmatch(r"\d{1,9}", text):
                numbers[name] = int(text)
            else:
                errors[name] = self.tr("Enter a whole number.")
        source = self.camera_source.text().strip() or "auto"
        if re.fullmatch(r"-\d+", source):  # OpenCV crashes on a negative index: refuse it here
            errors["camera_source"] = self.tr("Camera numbers start at 0.")
        # validate() with whatever parsed (the saved value stands in for the rest), so every
        # problem shows at once rather than one round of corrections at a time
        chosen = dataclasses.replace(
            base,
            scanner_kind=self.kind.currentData(),
            camera_source=source,
            serial_port=self.serial_port.text().strip(),
            wedge_prefix=self.wedge_prefix.text(),
            wedge_suffix=self.wedge_suffix.text(),
            **numbers,
        )
        try:
            chosen.validate()
        except SettingsError as exc:
            return None, {**self._explain(str(exc)), **errors}
        return (None, errors) if errors else (chosen, {})

    def _explain(self, problems: str) -> dict[str, str]:
        """validate()'s English problems, one per field, as messages for the cashier's language."""
        errors: dict[str, str] = {}
        for problem in problems.split("; "):
            name = problem.split(" ", 1)[0]
            limits = re.search(r"from (\d+) to (\d+)", problem)
            if name == "serial_port" and "needed" in problem:
                errors[name] = self.tr("Enter the scanner's port, for example /dev/ttyACM0.")
            elif limits:
                errors[name] = arg(self.tr("Enter a whole number from %1 to %2."), *limits.groups())
            elif "characters" in problem:
                errors[name] = self.tr("At most 300 characters.")
            else:
                errors[name] = problem
        return errors

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.show_error(errors.get(name, ""))
