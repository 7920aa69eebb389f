"""The A/B test dialog of the Offers screen (docs/screenshots/offers-ab-test.png, German in de/):
the demo shop's coffee card against the control, its members per group from the calculator.

    python -m kiosk.ui.screenshots_ab docs/screenshots

Kept apart from kiosk/ui/screenshots.py so it can be taken without redrawing every screen; that
tool's main() takes it too."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.services.context import Context
from kiosk.services.demo import DEMO_MANAGER_PIN, create_demo_shop
from kiosk.ui.screenshot_steps import settle, shop_window, sign_in


def shoot_ab_test(outdir: Path, language: str = "en") -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    with shop_window(language, seed=lambda store: create_demo_shop(Context(store))) as (kiosk, _services):
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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else Path("docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shoot_ab_test(outdir)
    shoot_ab_test(outdir / "de", language="de")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
