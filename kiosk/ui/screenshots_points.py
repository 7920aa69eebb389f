"""Screenshots of Points per spend (docs/screenshots/points-*.png, German in de/): the counter
after a sale typed on the keypad, a catalogue reward asked for, and the offer's editor.

    python -m kiosk.ui.screenshots_points docs/screenshots

Kept apart from kiosk/ui/screenshots.py (whose demo shop has stamp cards only, as its tests
count); that tool's main() takes these too."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QScrollArea

from kiosk.services.context import Context
from kiosk.services.demo import DEMO_OWNER_PIN, create_demo_shop
from kiosk.services.facade import Services
from kiosk.settings import KioskSettings
from kiosk.store import open_store
from kiosk.ui.app import build_main_window
from kiosk.ui.i18n import install_translations
from kiosk.ui.i18n_build import build as build_translations
from kiosk.ui.resources import TRANSLATIONS
from kiosk.ui.screenshot_steps import SIZE, save, settle, sign_in


def shoot_points(outdir: Path, language: str = "en") -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv)
    if not (TRANSLATIONS / f"kiosk_{language}.qm").exists():
        build_translations()
    translators = install_translations(app, language)
    outdir.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = open_store(data, now=datetime.now(UTC))
        services = Services(Context(store))
        demo = create_demo_shop(Context(store), customers_count=6, points=True)
        token = next(t for k, t in demo.tokens.items() if k.endswith("/ Coffee card"))
        bakery = next(p for p in services.list_offers() if p.points is not None)
        services.earn_points(token, 4000, program_id=bakery.id)  # 40 points from earlier sales
        kiosk = build_main_window(
            services, KioskSettings(sound=False, language=language), data_dir=data, app=app
        )
        try:
            kiosk.window.resize(*SIZE)
            kiosk.window.show()
            window, scan = kiosk.window, kiosk.screens["scan"]
            sign_in(kiosk, "Olivia Owner", DEMO_OWNER_PIN)
            scan.submit_code(token)
            settle(scan.result_shown)
            panel = scan.points_panel
            separator = panel.separator
            panel.amount_entry.setText(f"12{separator}50")
            panel.on_enter()
            settle(scan.result_shown)
            shots.append(save(kiosk, outdir, "points-result"))
            panel.on_reward_tapped(next(r for r in bakery.points.catalogue if r.id == "coffee"))
            shots.append(save(kiosk, outdir, "points-redeem-confirm"))
            window.show_screen("offers")
            settle(kiosk.worker.settled)
            offers = kiosk.screens["offers"]
            offers.offer_list.setCurrentRow(
                next(i for i, p in enumerate(offers.programs) if p.id == bakery.id)
            )
            settle()
            # the form scrolled to the points part: rate, rounding, minimum, the catalogue
            form_scroll = offers.points.parentWidget().parentWidget().parentWidget()
            assert isinstance(form_scroll, QScrollArea), form_scroll
            form_scroll.verticalScrollBar().setValue(offers.points.y() - 8)
            shots.append(save(kiosk, outdir, "points-editor"))
        finally:
            kiosk.window.close()
            kiosk.shutdown()
            store.close()
            for translator in translators:
                app.removeTranslator(translator)
    return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else Path("docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shoot_points(outdir)
    shoot_points(outdir / "de", language="de")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
