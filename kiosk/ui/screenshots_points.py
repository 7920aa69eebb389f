"""Screenshots of Points per spend (docs/screenshots/points-*.png, German in de/): the counter
after a sale typed on the keypad, a catalogue reward asked for, the offer's editor, and the
counter when her points expired (points-expiry.png).

    python -m kiosk.ui.screenshots_points docs/screenshots

Kept apart from kiosk/ui/screenshots.py (whose demo shop has stamp cards only, as its tests
count); that tool's main() takes these too."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QScrollArea

from kiosk.domain.model import Role
from kiosk.services import offers
from kiosk.services.context import Actor, Context
from kiosk.services.demo import BAKERY_POINTS, DEMO_OWNER_PIN, create_demo_shop
from kiosk.services.points import earn_points
from kiosk.ui.screenshot_steps import save, settle, shop_window, sign_in

OWNER = Actor("owner", "Olivia Owner", Role.OWNER)


def shoot_points(outdir: Path, language: str = "en") -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    found: dict[str, str] = {}

    def seed(store) -> None:
        demo = create_demo_shop(Context(store), customers_count=6, points=True)
        found["token"] = next(t for k, t in demo.tokens.items() if k.endswith("/ Coffee card"))

    with shop_window(language, seed=seed) as (kiosk, services):
        token = found["token"]
        bakery = next(p for p in services.list_offers() if p.points is not None)
        services.earn_points(token, 4000, program_id=bakery.id)  # 40 points from earlier sales
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
        offers.offer_list.setCurrentRow(next(i for i, p in enumerate(offers.programs) if p.id == bakery.id))
        settle()
        # the form scrolled to the points part: rate, rounding, minimum, the catalogue
        form_scroll = offers.points.parentWidget().parentWidget().parentWidget()
        assert isinstance(form_scroll, QScrollArea), form_scroll
        form_scroll.verticalScrollBar().setValue(offers.points.y() - 8)
        shots.append(save(kiosk, outdir, "points-editor"))
    return shots


def shoot_tiers(outdir: Path, language: str = "en") -> list[Path]:
    """The editor with Bronze/Silver/Gold (made as the owner would, in the editor) and the result
    panel of the sale that lifts a member to Silver, with the lunch kept for Gold."""
    outdir.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    found: dict[str, str] = {}

    def seed(store) -> None:
        demo = create_demo_shop(Context(store), customers_count=6, points=True)
        found["token"] = next(t for k, t in demo.tokens.items() if k.endswith("/ Coffee card"))

    with shop_window(language, seed=seed) as (kiosk, services):
        token = found["token"]
        bakery = next(p for p in services.list_offers() if p.points is not None)
        services.earn_points(token, 9000, program_id=bakery.id)  # 90 points: Bronze, Silver at 100
        window, scan = kiosk.window, kiosk.screens["scan"]
        sign_in(kiosk, "Olivia Owner", DEMO_OWNER_PIN)
        window.show_screen("offers")
        settle(kiosk.worker.settled)
        offers = kiosk.screens["offers"]
        offers.offer_list.setCurrentRow(next(i for i, p in enumerate(offers.programs) if p.id == bakery.id))
        settle()
        fields, tiers = offers.points, offers.points.tiers
        tiers.enabled.setChecked(True)
        separator = scan.points_panel.separator
        for row, (threshold, times) in enumerate((("0", "1"), ("100", f"1{separator}5"), ("300", "2"))):
            tiers.table.item(row, 1).setText(threshold)
            tiers.table.item(row, 2).setText(times)
        lunch = next(i for i, r in enumerate(bakery.points.catalogue) if r.id == "lunch")
        fields.catalogue.item(lunch, 2).setText(tiers.table.item(2, 0).text())  # the lunch: Gold only
        offers.save_button.click()
        settle(kiosk.worker.settled)
        form_scroll = offers.points.parentWidget().parentWidget().parentWidget()
        assert isinstance(form_scroll, QScrollArea), form_scroll
        # the tiers down to the example line under them (German buttons take more rows)
        bottom = offers.points.y() + fields.example.y() + fields.example.height() + 8
        form_scroll.verticalScrollBar().setValue(bottom - form_scroll.viewport().height())
        shots.append(save(kiosk, outdir, "points-tiers-editor"))
        window.show_screen("scan")
        scan.submit_code(token)
        settle(scan.points.standing_shown)
        panel = scan.points_panel
        panel.amount_entry.setText("40")
        panel.on_enter()
        settle(scan.result_shown)
        shots.append(save(kiosk, outdir, "points-tier-reached"))
    return shots


def shoot_points_expiry(outdir: Path, language: str = "en") -> list[Path]:
    """The counter when her points lapsed: 120 points earned 400 days ago in an offer whose points
    expire after 12 months; her scan and a sale of 12.50 say the expiry first, then the sale."""
    outdir.mkdir(parents=True, exist_ok=True)
    found: dict[str, str] = {}

    def seed(store) -> None:
        then = datetime.now(UTC) - timedelta(days=400)
        past = Context(store, clock=lambda: then)
        demo = create_demo_shop(past, customers_count=6, points=True)
        found["token"] = next(t for k, t in demo.tokens.items() if k.endswith("/ Coffee card"))
        bakery = next(p for p in offers.list_offers(past) if p.points is not None)
        expiring = replace(BAKERY_POINTS, points=replace(bakery.points, expiry_months=12))
        offers.save_offer(past, expiring, actor=OWNER, program_id=bakery.id)
        earn_points(past, found["token"], 12000, program_id=bakery.id)

    with shop_window(language, seed=seed) as (kiosk, _services):
        scan = kiosk.screens["scan"]
        sign_in(kiosk, "Olivia Owner", DEMO_OWNER_PIN)
        scan.submit_code(found["token"])
        settle(scan.result_shown)
        panel = scan.points_panel
        panel.amount_entry.setText(f"12{panel.separator}50")
        panel.on_enter()
        settle(scan.result_shown)
        return [save(kiosk, outdir, "points-expiry")]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else Path("docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shoot_points(outdir)
    shoot_points(outdir / "de", language="de")
    shoot_tiers(outdir)
    shoot_tiers(outdir / "de", language="de")
    shoot_points_expiry(outdir)
    shoot_points_expiry(outdir / "de", language="de")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
