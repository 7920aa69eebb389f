"""Screenshots of the Analytics screen's A/B tests tab (docs/screenshots/analytics-ab.png, German
in de/), over the Analytics screenshots' five months of demo visits with two tests set up on the
first morning: the coffee card at 10 against 8 stamps, finished (every group past its horizon),
and the lunch club against the control with a horizon the shop has not reached yet.

    python -m kiosk.ui.screenshots_analytics_ab docs/screenshots

Kept apart from kiosk/ui/screenshots.py so it can be taken without redrawing every other screen;
that tool's main() takes it too."""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from functools import partial
from pathlib import Path

from kiosk.domain.model import Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor
from kiosk.services.demo import DEMO_OWNER_PIN
from kiosk.services.experiments import ExperimentDraft
from kiosk.services.facade import Services
from kiosk.ui.screenshot_steps import save, settle, shop_window, sign_in
from kiosk.ui.screenshots_analytics import seed_visits
from loyalty_rules.experiments import Metric

OWNER = Actor("demo-owner", "Olivia Owner", Role.OWNER)


def set_up_tests(services: Services, language: str) -> None:
    programs = {p.name: p for p in services.list_offers()}
    coffee, lunch = programs["Coffee card"], programs["Lunch club"]
    eight = services.save_offer(
        OfferDraft("Coffee card 8" if language == "en" else "Kaffeekarte 8", 8, coffee.reward_text),
        actor=OWNER,
    )
    assert eight.ok, eight.message
    for draft in (
        ExperimentDraft(
            "Lunch club or none" if language == "en" else "Mittagsclub oder keiner",
            None,
            lunch.id,
            Metric.VISITS_PER_MEMBER,
            30,
            60,
        ),
        ExperimentDraft(
            "Coffee: 10 or 8 stamps" if language == "en" else "Kaffee: 10 oder 8 Stempel",
            coffee.id,
            eight.program.id,
            Metric.RETURN_WITHIN_DAYS,
            14,
            12,
        ),
    ):
        made = services.create_experiment(draft, actor=OWNER)
        assert made.ok, made.message
        services.ctx.clock.now += timedelta(minutes=1)  # the coffee test is the newer: shown first


def shoot_analytics_ab(outdir: Path, language: str = "en") -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    seed = partial(seed_visits, tests=partial(set_up_tests, language=language))
    with shop_window(language, seed=seed) as (kiosk, _services):
        sign_in(kiosk, "Olivia Owner", DEMO_OWNER_PIN)
        screen = kiosk.screens["analytics"]
        kiosk.window.show_screen("analytics")
        settle(screen.drawn, timeout_ms=20000)
        screen.tabs.setCurrentWidget(screen.ab_page)
        screen.setFocus()
        settle()
        return save(kiosk, outdir, "analytics-ab")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else Path("docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shoot_analytics_ab(outdir)
    shoot_analytics_ab(outdir / "de", language="de")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
