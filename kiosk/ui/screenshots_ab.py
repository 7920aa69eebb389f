"""The A/B test dialog of the Offers screen (docs/screenshots/offers-ab-test.png, German in de/):
the demo shop's coffee card against the control, its members per group from the calculator.

    python -m kiosk.ui.screenshots_ab docs/screenshots

Kept apart from kiosk/ui/screenshots.py so it can be taken without redrawing every screen; that
tool's main() takes it too."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.services.context import Context
from kiosk.services.demo import DEMO_MANAGER_PIN, create_demo_shop
from kiosk.services.facade import Services
from kiosk.settings import KioskSettings
from kiosk.store import open_store
from kiosk.ui.app import build_main_window
from kiosk.ui.i18n import install_translations
from kiosk.ui.i18n_build import build as build_translations
from kiosk.ui.resources import TRANSLATIONS
from kiosk.ui.screenshot_steps import SIZE, settle, sign_in


def shoot_ab_test(outdir: Path, language: str = "en") -> Path:
    app = QApplication.instance() or QApplication(sys.argv)
    if not (TRANSLATIONS / f"kiosk_{language}.qm").exists():
        build_translations()
    translators = install_translations(app, language)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = open_store(data, now=datetime.now(UTC))
        create_demo_shop(Context(store))
        services = Services(Context(store))
        kiosk = build_main_window(
            services, KioskSettings(sound=False, language=language), data_dir=data, app=app
        )
        try:
            kiosk.window.resize(*SIZE)
            kiosk.window.show()
            sign_in(kiosk, "Max Manager", DEMO_MANAGER_PIN)
            kiosk.window.show_screen("offers")
            settle(kiosk.worker.settled)
            offers = kiosk.screens["offers"]
            offers.on_ab_clicked()
            dialog = offers.ab_dialog
            dialog.name.setText("Coffee card: 8 or none" if language == "en" else "Kaffeekarte: 8 oder keine")
            dialog.baseline.setValue(40)
            dialog.effect.setValue(10)
            settle()
            shot = outdir / "offers-ab-test.png"
            dialog.grab().save(str(shot))
            dialog.close()
            return shot
        finally:
            kiosk.window.close()
            kiosk.shutdown()
            store.close()
            for translator in translators:
                app.removeTranslator(translator)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else Path("docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shoot_ab_test(outdir)
    shoot_ab_test(outdir / "de", language="de")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
