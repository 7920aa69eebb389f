"""Screenshots of the Analytics screen (docs/screenshots/analytics*.png, German in de/), over a demo
ledger with five months of visits: busier weekends, regulars who keep coming, members who stop
after their first weeks, and a few new members every month so the cohort map has rows.

    python -m kiosk.ui.screenshots_analytics docs/screenshots

Kept apart from kiosk/ui/screenshots.py so these can be taken without redrawing every other
screen; that tool's main() takes these too."""

from __future__ import annotations

import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.domain.model import Role
from kiosk.services import Actor
from kiosk.services.context import Context
from kiosk.services.demo import DEMO_OWNER_PIN, create_demo_shop
from kiosk.services.facade import Services
from kiosk.ui.screenshot_steps import save, settle, shop_window, sign_in

DAYS = 150
NEWCOMERS = ("Lea", "Tom", "Mia", "Ole", "Ida", "Ben", "Eva", "Jan", "Zoe", "Kai")


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def seed_visits(store, *, days: int = DAYS, seed: int = 17, tests=None) -> None:
    """The demo shop as it was `days` days ago, then every day's visits up to now. `tests`, if
    given, is called with the Services on the first morning (A/B tests set up then)."""
    rng = random.Random(seed)
    start = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0) - timedelta(days=days)
    clock = _Clock(start)
    services = Services(Context(store, clock=clock))
    demo = create_demo_shop(services.ctx)
    if tests is not None:
        tests(services)
    cashier = Actor("demo-cashier", "Cara Cashier", Role.CASHIER)
    # (token, keeps coming until this day); a third of the members stop after a few weeks
    members = [(t, days if rng.random() < 0.65 else rng.randrange(7, 40)) for t in demo.tokens.values()]
    for day in range(days + 1):
        morning = start + timedelta(days=day)
        if day and day % 30 == 0:  # a few new members each month
            clock.now = morning
            for i in range(rng.randrange(4, 9)):
                name = f"{NEWCOMERS[rng.randrange(len(NEWCOMERS))]} {chr(65 + i)}. ({day // 30})"
                joined = services.enroll(name, actor=cashier)
                for token in joined.tokens.values():
                    members.append((token, day + (days if rng.random() < 0.5 else rng.randrange(10, 45))))
        weekend = morning.weekday() >= 5
        coming = [t for t, until in members if day < until]
        visitors = rng.sample(
            coming, min(len(coming), rng.randrange(8, 14) if weekend else rng.randrange(3, 8))
        )
        for n, token in enumerate(visitors):
            clock.now = morning + timedelta(minutes=25 * n + rng.randrange(20))
            if clock.now > datetime.now(UTC):
                break  # today's visits so far
            services.record_scan(token, quantity=rng.choice((1, 1, 1, 2)), actor=cashier)


def shoot_analytics(outdir: Path, language: str = "en", theme: str = "light") -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    with shop_window(language, theme, seed=seed_visits) as (kiosk, _services):
        sign_in(kiosk, "Olivia Owner", DEMO_OWNER_PIN)
        screen = kiosk.screens["analytics"]
        kiosk.window.show_screen("analytics")
        settle(screen.drawn, timeout_ms=20000)
        screen.period_buttons.button(90).click()
        settle(screen.drawn, timeout_ms=20000)
        screen.setFocus()  # no focus ring on a period button in the picture
        shots = [save(kiosk, outdir, "analytics")]
        for index, name in (
            (3, "analytics-segments"),
            (4, "analytics-cohorts"),
            (5, "analytics-at-risk"),
        ):
            screen.tabs.setCurrentIndex(index)
            shots.append(save(kiosk, outdir, name))
        return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else Path("docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shoot_analytics(outdir)
    shoot_analytics(outdir / "de", language="de")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
