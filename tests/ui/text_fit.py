"""Finding clipped and untranslated text in a widget tree (tests/ui/test_no_clipped_text.py).

Generic on purpose: it walks whatever widgets are on screen, so a screen or dialog added later
is checked without changing this module. A text is clipped when the room its widget gives it
(and what its parents leave visible of that widget) is narrower than the text drawn in the
widget's own font, as QFontMetrics measures it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QWidget,
)

from kiosk.ui.resources import TRANSLATIONS

SLACK = 1  # px: rounding between QFontMetrics and the painter


def _name(widget: QWidget) -> str:
    parts = []
    w: QWidget | None = widget
    while w is not None and len(parts) < 4:
        parts.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(parts))


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0


def _visible_width(widget: QWidget) -> int:
    """How much of the widget's width its parents leave on screen (scroll areas, splitters)."""
    region = widget.visibleRegion()
    return region.boundingRect().width() if not region.isEmpty() else widget.width()


def _plain(text: str) -> str:
    if "<" in text and ">" in text:  # rich text: measure what is shown, not the tags
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _longest_line(metrics: QFontMetrics, text: str) -> int:
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")  # mnemonics take no room
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _longest_word(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(word) for word in text.split()), default=0)


def _label(label: QLabel) -> Iterable[str]:
    text = _plain(label.text())
    pixmap = label.pixmap()
    if not text or getattr(label, "elides", False) or (pixmap is not None and not pixmap.isNull()):
        return
    inset = 2 * max(label.indent(), 0) + 2 * label.margin()
    room = min(label.contentsRect().width(), _visible_width(label)) - inset
    metrics = label.fontMetrics()
    if label.wordWrap():
        if _longest_word(metrics, text) > room + SLACK:
            yield f"{_name(label)}: a word of {text!r} is wider than the label ({room} px)"
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            yield f"{_name(label)}: {text!r} needs {needed} px high, has {label.height()}"
    elif _longest_line(metrics, text) > room + SLACK:
        yield f"{_name(label)}: {text!r} needs {_longest_line(metrics, text)} px, has {room}"


def _button(button: QAbstractButton) -> Iterable[str]:
    text = button.text()
    if not text or getattr(button, "wraps", False):  # its text is a word-wrapped label inside
        return
    metrics = button.fontMetrics()
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button).width()
    elif isinstance(button, QCheckBox | QRadioButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(button, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        room = button.style().subElementRect(element, option, button).width()
    else:
        room = button.contentsRect().width()
    room = min(room, _visible_width(button))
    needed = _longest_line(metrics, text) + icon
    if needed > room + SLACK:
        yield f"{_name(button)}: button {text!r} needs {needed} px, has {room}"


def _line_edit(edit: QLineEdit) -> Iterable[str]:
    text = edit.placeholderText()
    if not text or edit.text():
        return
    margins = edit.textMargins()
    # the style's frame and QSS padding: what a QLineEdit leaves for its text
    room = edit.contentsRect().width() - margins.left() - margins.right() - 4
    needed = edit.fontMetrics().horizontalAdvance(text)
    if needed > min(room, _visible_width(edit)) + SLACK:
        yield f"{_name(edit)}: placeholder {text!r} needs {needed} px, has {room}"


def _combo(combo: QComboBox) -> Iterable[str]:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    room = min(field.width(), _visible_width(combo))
    metrics = combo.fontMetrics()
    for i in range(combo.count()):
        text = combo.itemText(i)
        icon = combo.iconSize().width() + 4 if not combo.itemIcon(i).isNull() else 0
        needed = metrics.horizontalAdvance(text) + icon
        if needed > room + SLACK:
            yield f"{_name(combo)}: item {text!r} needs {needed} px, has {room}"


def _tabs(bar: QTabBar) -> Iterable[str]:
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        rect, hint = bar.tabRect(i), bar.tabSizeHint(i)
        if rect.width() + SLACK < hint.width() or rect.right() > bar.width():
            yield f"{_name(bar)}: tab {bar.tabText(i)!r} needs {hint.width()} px, has {rect.width()}"


def _header(header: QHeaderView) -> Iterable[str]:
    model = header.model()
    if model is None or header.orientation() is not Qt.Orientation.Horizontal:
        return
    font = QFont(header.font())
    font.setBold(True)  # the QSS draws sections bold
    metrics = QFontMetrics(font)
    for i in range(header.count()):
        if header.isSectionHidden(i) or header.sectionSize(i) == 0:
            continue
        text = str(model.headerData(i, header.orientation(), Qt.ItemDataRole.DisplayRole) or "")
        needed = metrics.horizontalAdvance(text) + 12  # the QSS padding, 6 px each side
        if needed > header.sectionSize(i) + SLACK:
            yield f"{_name(header)}: column {text!r} needs {needed} px, has {header.sectionSize(i)}"


def _scroll_area(area: QAbstractScrollArea) -> Iterable[str]:
    # a screen or a list that needs a horizontal scroll bar hides what is to its right (a long
    # name in a list elides instead); only tables, with their many columns, may scroll sideways
    if not isinstance(area, QTableView) and area.horizontalScrollBar().isVisible():
        yield f"{_name(area)}: scrolls sideways: its content is wider than its room"


CHECKS = (
    (QLabel, _label),
    (QAbstractButton, _button),
    (QLineEdit, _line_edit),
    (QComboBox, _combo),
    (QTabBar, _tabs),
    (QHeaderView, _header),
    (QAbstractScrollArea, _scroll_area),
)


def shown_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in [root, *root.findChildren(QWidget)] if _shown(w)]


def clipped_texts(root: QWidget) -> list[str]:
    root.ensurePolished()
    problems: list[str] = []
    for widget in shown_widgets(root):
        widget.ensurePolished()
        for kind, check in CHECKS:
            if isinstance(widget, kind):
                problems.extend(check(widget))
    return problems


# untranslated text
def shown_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    """Every text a person reads on the shown widgets (tooltips too)."""
    texts: list[tuple[QWidget, str]] = []
    for widget in shown_widgets(root):
        found = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
        if isinstance(widget, QLabel):
            found.append(_plain(widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            found.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTabBar):
            found.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()
            found.extend(
                str(model.headerData(i, widget.orientation(), Qt.ItemDataRole.DisplayRole) or "")
                for i in range(widget.count())
            )
        texts.extend((widget, t) for t in found if t and t.strip())
    return texts


def english_sources() -> set[str]:
    """The kiosk's English texts whose German differs: one shown as is on a German screen was
    not translated there (a string built outside tr(), or a missing translation)."""
    sources = set()
    for message in ET.parse(TRANSLATIONS / "kiosk_de.ts").iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        german = "".join(translation.itertext()) if translation is not None else ""
        if source and german and source != german and len(source.split()) >= 2:
            sources.add(source)
    return sources


# words that are English and never German; a German text with one of them is (partly) English
ENGLISH_WORDS = frozenset(
    [
        "the",
        "is",
        "are",
        "with",
        "this",
        "that",
        "not",
        "and",
        "of",
        "already",
        "exists",
        "customer",
        "customers",
        "card",
        "cards",
        "camera",
        "connected",
        "stamp",
        "stamps",
        "offer",
        "offers",
        "reward",
        "rewards",
        "please",
        "your",
        "you",
        "save",
        "saved",
        "undo",
        "waiting",
        "never",
        "synced",
        "nobody",
        "signed",
        "sign",
        "into",
        "from",
        "has",
        "have",
        "will",
        "must",
        "should",
        "could",
        "cannot",
    ]
)


def english_in_german(root: QWidget, data: Iterable[str]) -> list[str]:
    """Texts on a German screen that are still English. `data` is the shop's own words (offer
    names, customers, staff), which stay as the shop typed them and are taken out first."""
    sources = english_sources()
    known = sorted({d for d in data if d}, key=len, reverse=True)
    problems = []
    for widget, text in shown_texts(root):
        # an offer the shop named "Coffee card" (as the set-up suggests in English) stays so
        if text in sources and text not in known:
            problems.append(f"{_name(widget)}: {text!r} is the English source text")
            continue
        rest = text
        for d in known:
            rest = rest.replace(d, " ")
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", rest)}
        english = sorted(words & ENGLISH_WORDS)
        if english:
            problems.append(f"{_name(widget)}: {text!r} has English words {english}")
    return problems
