"""The widgets that keep text whole: an eliding label, a wrapping check box, a wrapping row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.fitting import ElidedLabel, WrapCheckBox
from kiosk.ui.widgets.flow import flow_row

LONG = "Maximiliane Wilhelmine Josephine Freifrau von Hohenzollern-Sigmaringen"


def test_a_long_label_ends_in_an_ellipsis_and_keeps_the_whole_text(qtbot):
    label = ElidedLabel(LONG)
    qtbot.addWidget(label)
    label.resize(200, 40)
    label.show()
    assert label.text() == LONG
    assert label.shown_text().endswith("…")
    assert label.fontMetrics().horizontalAdvance(label.shown_text()) <= label.contentsRect().width()
    assert label.toolTip() == LONG  # the whole name on hover
    label.resize(label.fontMetrics().horizontalAdvance(LONG) + 20, 40)
    assert label.shown_text() == LONG
    assert label.toolTip() == ""


def test_a_wrapping_check_box_wraps_and_ticks_when_its_text_is_clicked(qtbot):
    host = QWidget()
    layout = QVBoxLayout(host)
    box = WrapCheckBox("Kioskmodus: Vollbild; Verlassen nur mit PIN der Filialleitung")
    layout.addWidget(box)
    qtbot.addWidget(host)
    host.resize(260, 200)
    host.show()
    qtbot.waitExposed(host)
    assert box.label.height() > 1.5 * box.label.fontMetrics().height()  # two lines or more
    assert box.label.geometry().right() <= box.width()
    assert box.accessibleName() == box.text()
    assert not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.label.geometry().center())
    assert box.isChecked()


def test_a_flow_row_moves_buttons_to_a_second_line_instead_of_squeezing_them(qtbot):
    buttons = [BigButton(text) for text in ("Speichern", "Pausieren", "Archivieren")]
    row = flow_row(*buttons)
    host = QWidget()
    QVBoxLayout(host).addWidget(row)
    qtbot.addWidget(host)
    two = buttons[0].sizeHint().width() + buttons[1].sizeHint().width() + 8  # and the spacing
    margins = host.layout().contentsMargins()
    host.resize(two + margins.left() + margins.right() + 10, 300)  # room for two, not three
    host.show()
    qtbot.waitExposed(host)
    for button in buttons:
        assert button.width() >= button.sizeHint().width()
    assert buttons[2].y() > buttons[0].y()  # the last one went to the next line
    host.resize(1000, 300)
    qtbot.waitUntil(lambda: buttons[2].y() == buttons[0].y())
