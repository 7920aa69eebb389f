"""The dark theme switches live: icons take the new colours at once; and an empty stamp slot
stands out from its card in both themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.ui.theme import PALETTES, apply_theme, current_palette
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.stamps import StampStrip


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def icon_colour(button: BigButton) -> QColor:
    """The colour of the icon's solid pixels (the SVGs are one colour)."""
    image = button.icon().pixmap(24, 24).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    solid = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    solid = [c for c in solid if c.alpha() == 255]
    assert solid, "the icon has no solid pixels"
    return solid[len(solid) // 2]


@pytest.fixture
def restore_theme(qapp):
    yield
    apply_theme(qapp, "light")


def test_a_plain_button_icon_follows_the_theme_live(qapp, qtbot, restore_theme):
    apply_theme(qapp, "light")
    button = BigButton("Undo", icon_name="undo")
    qtbot.addWidget(button)
    button.show()
    assert icon_colour(button).name() == PALETTES["light"].text
    apply_theme(qapp, "dark")
    assert icon_colour(button).name() == PALETTES["dark"].text  # no stale dark icon on dark grey
    apply_theme(qapp, "light")
    assert icon_colour(button).name() == PALETTES["light"].text


def test_coloured_buttons_keep_white_icons(qapp, qtbot, restore_theme):
    apply_theme(qapp, "dark")
    button = BigButton("Stamp", kind="primary", icon_name="check")
    qtbot.addWidget(button)
    apply_theme(qapp, "light")
    assert icon_colour(button).name() == "#ffffff"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_empty_stamp_slots_are_visible_on_their_card(qapp, qtbot, theme, restore_theme):
    apply_theme(qapp, theme)
    palette = current_palette()
    assert contrast(QColor(palette.empty_stamp), QColor(palette.card)) >= 3.0
    # and as drawn: 3 of 8 filled, the empty ones painted on the card's colour
    strip = StampStrip(stamp_size=32)
    qtbot.addWidget(strip)
    strip.resize(8 * 37, 37)
    strip.show_stamps(3, 8, "coffee", "#6d4c41")
    image = QImage(strip.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor(palette.card))
    painter = QPainter(image)
    strip.render(painter, QPoint(0, 0))
    painter.end()
    card = QColor(palette.card)
    best = 0.0
    for x in range(3 * 37 + 3, 4 * 37):  # the first empty slot
        for y in range(image.height()):
            best = max(best, contrast(image.pixelColor(x, y), card))
    assert best >= 3.0, f"the empty slot's outline reaches only {best:.2f}:1 against the card"


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("state", ["idle", "good", "reward", "bad"])
def test_result_banners_are_readable_in_both_themes(theme, state):
    """The banner is read from two metres: its text contrasts at least 4.5:1 with its colour."""
    import re

    from kiosk.ui.theme import stylesheet

    rule = re.search(rf'#banner\[state="{state}"\] \{{([^}}]*)\}}', stylesheet(theme)).group(1)
    background = re.search(r"background: (#[0-9a-f]{6})", rule).group(1)
    text = re.search(r"(?<!-)color: (#[0-9a-f]{6})", rule).group(1)
    assert contrast(QColor(text), QColor(background)) >= 4.5, (theme, state, text, background)
