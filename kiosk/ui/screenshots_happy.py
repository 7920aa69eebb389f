"""Happy hours in the docs (docs/screenshots/, German in de/): the manager's Happy hours dialog
(happy-hours-editor.png) and the Scan screen after a stamp while one runs, its banner above the
result (happy-hour-scan.png).

    python -m kiosk.ui.screenshots_happy docs/screenshots

Kept apart from kiosk/ui/screenshots.py so it can be taken without redrawing every screen; that
tool's main() takes it too."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.domain.model import Role
from kiosk.services.context import Actor, Context
from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN, DemoShop, create_demo_shop
from kiosk.services.happy_hours import HappyHourDraft, save_happy_hour
from kiosk.store import Store, directory, meta
from kiosk.ui.screenshot_steps import save, settle, shop_window, sign_in
from loyalty_rules.happy_hours import Boost, Weekday, Window

ZONE = "Europe/Berlin"
_OWNER = Actor(None, "Olivia Owner", Role.OWNER)


def _now_window() -> Window:
    """A window of the shop's clock around now (the screenshot is taken at any hour)."""
    start = (datetime.now(UTC).astimezone(ZoneInfo(ZONE)) - timedelta(hours=1)).replace(minute=0)
    end = (start + timedelta(hours=3)).time()
    return Window(Weekday(start.weekday()), time(start.hour), end)


def _seed(store: Store, shop: list[DemoShop], language: str) -> None:
    ctx = Context(store)
    shop.append(create_demo_shop(ctx))
    with store.transaction() as conn:
        meta.put_setting(conn, "time_zone", ZONE)
        coffee = next(p for p in directory.all_programs(conn) if p.name == "Coffee card")
    # running now, for the Scan screen's banner
    running = HappyHourDraft(
        "Double stamps" if language == "en" else "Doppelte Stempel",
        (_now_window(),),
        Boost.MULTIPLY,
        2,
        frozenset({coffee.id}),
    )
    # a fixed one for the editor's picture, the same at any hour it is taken
    after_work = HappyHourDraft(
        "After work" if language == "en" else "Feierabend",
        (Window(Weekday.FRIDAY, time(17), time(19)), Window(Weekday.SATURDAY, time(22), time(1))),
        Boost.BONUS,
        1,
        frozenset({coffee.id}),
    )
    for draft in (running, after_work):
        outcome = save_happy_hour(ctx, draft, actor=_OWNER)
        assert outcome.ok, outcome.message


def shoot_happy_hours(outdir: Path, language: str = "en") -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    shop: list[DemoShop] = []
    shots: list[Path] = []
    with shop_window(language, seed=lambda store: _seed(store, shop, language)) as (kiosk, _services):
        sign_in(kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
        scan = kiosk.screens["scan"]
        settle(scan.banner.redrawn)
        token = next(t for name, t in shop[0].tokens.items() if name.endswith("/ Coffee card"))
        scan.submit_code(token)
        settle(scan.result_shown)
        shots.append(save(kiosk, outdir, "happy-hour-scan"))
        kiosk.session.sign_out()
        sign_in(kiosk, "Max Manager", DEMO_MANAGER_PIN)
        kiosk.window.show_screen("offers")
        settle(kiosk.worker.settled)
        offers = kiosk.screens["offers"]
        offers.on_happy_hours_clicked()
        dialog = offers.happy_dialog
        settle(kiosk.worker.settled)
        fixed = "After work" if language == "en" else "Feierabend"
        dialog.hour_list.setCurrentRow(next(i for i, h in enumerate(dialog.hours) if h.name == fixed))
        dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSize()))
        settle()
        shot = outdir / "happy-hours-editor.png"
        dialog.grab().save(str(shot))
        print(shot)
        shots.append(shot)
        dialog.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else Path("docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shoot_happy_hours(outdir)
    shoot_happy_hours(outdir / "de", language="de")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
