"""Loading the compiled translations (.qm, built at setup by kiosk.ui.i18n_build)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.ui.resources import TRANSLATIONS


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Install ours and Qt's own for `language`. English loads ours too: it holds the plural
    forms ("1 stamp", "3 stamps"). A missing .qm leaves the English source texts."""
    installed: list[QTranslator] = []
    # the default locale follows the interface's language: what is named from data (countries)
    # asks it, and numbers and dates read as the person at the counter expects
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / f"kiosk_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    if language == "en":
        return installed
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed
