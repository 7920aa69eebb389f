"""One stylesheet per theme; colours the painted widgets need are read from here too."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QApplication

from kiosk.ui.resources import ICONS, STYLES


@dataclass(frozen=True)
class Palette:
    """Colours for what QSS cannot reach: stamps and result banners are painted by hand."""

    text: str
    muted: str
    surface: str
    empty_stamp: str
    good: str
    bad: str
    card: str = "#ffffff"  # #cardRow's background in the QSS: what an empty stamp is seen against


# an empty stamp slot contrasts at least 3:1 with its card (WCAG's contrast for graphics): the
# customer must see how many stamps are left, in either theme

PALETTES = {
    "light": Palette("#1b1b1f", "#5f6368", "#ffffff", "#8d837c", "#1e7e34", "#b3261e", "#ffffff"),
    "dark": Palette("#ececf1", "#a8abb3", "#26272c", "#80838c", "#2ea043", "#e5534b", "#26272c"),
}


def stylesheet(theme: str) -> str:
    path = STYLES / f"{theme}.qss"
    if not path.exists():
        path = STYLES / "light.qss"
    # QSS url() paths are relative to the working folder, so the icon folder is filled in here
    return path.read_text(encoding="utf-8").replace("@ICONS@", ICONS.as_posix())


def apply_theme(app: QApplication, theme: str) -> Palette:
    app.setStyle("Fusion")  # same look on every platform; the QSS then only adjusts it
    # the theme first: re-polishing for the new QSS is when icons take the new colours
    app.setProperty("kiosk_theme", theme)
    app.setStyleSheet(stylesheet(theme))
    return palette_of(theme)


def palette_of(theme: str) -> Palette:
    return PALETTES.get(theme, PALETTES["light"])


def current_palette() -> Palette:
    app = QApplication.instance()
    return palette_of(str(app.property("kiosk_theme") or "light")) if app else PALETTES["light"]
