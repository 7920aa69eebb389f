"""Screenshots of referrals (docs/screenshots/referral-*.png, German in de/): the enrolment form
with "Referred by" filled from a scan, the welcome that names the referrer, and the counter's
result at the newcomer's first visit with her referral bonus.

    python -m kiosk.ui.screenshots_referrals docs/screenshots

kiosk/ui/screenshots.py's main() takes these too."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.services.context import Context
from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN, create_demo_shop
from kiosk.ui.app import scan_router
from kiosk.ui.screenshot_steps import save, settle, shop_window, sign_in


def shoot_referrals(outdir: Path, language: str = "en") -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    found: dict[str, str] = {}

    def seed(store) -> None:
        demo = create_demo_shop(Context(store), customers_count=6)
        found["token"] = next(t for k, t in demo.tokens.items() if k.endswith("/ Coffee card"))

    with shop_window(language, seed=seed) as (kiosk, _services):
        window, scan = kiosk.window, kiosk.screens["scan"]
        sign_in(kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
        window.show_screen("enroll")
        enroll = kiosk.screens["enroll"]
        enroll.name.setText("Nina Neumann")
        enroll.phone.setText("0151 2345678")
        window.activateWindow()
        enroll.referred_by.setFocus()
        settle()
        scan_router(kiosk)(found["token"])  # the referrer's card, scanned into "Referred by"
        shots.append(save(kiosk, outdir, "referral-enroll-form"))
        enroll.on_enroll_clicked()
        settle(kiosk.worker.settled)
        shots.append(save(kiosk, outdir, "referral-enrolled"))
        enroll.on_stamp_clicked()  # "Stamp this visit": her first visit grants both bonuses
        settle(scan.result_shown)
        shots.append(save(kiosk, outdir, "referral-result"))
    shots.append(shoot_referral_policy(outdir, language))
    return shots


def shoot_referral_policy(outdir: Path, language: str = "en") -> Path:
    """The manager's referral rules (Offers › Referrals…), grabbed on its own like the A/B dialog."""
    with shop_window(language, seed=lambda store: create_demo_shop(Context(store))) as (kiosk, _services):
        sign_in(kiosk, "Max Manager", DEMO_MANAGER_PIN)
        kiosk.window.show_screen("offers")
        settle(kiosk.worker.settled)
        offers = kiosk.screens["offers"]
        offers.on_referrals_clicked()
        settle(kiosk.worker.settled)
        shot = outdir / "referral-policy.png"
        offers.referrals_dialog.grab().save(str(shot))
        print(shot)
        offers.referrals_dialog.close()
        return shot


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else Path("docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shoot_referrals(outdir)
    shoot_referrals(outdir / "de", language="de")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
