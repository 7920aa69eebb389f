"""Screenshots of every screen at 1024×768 for docs/screenshots (run under Xvfb or offscreen).

    python -m kiosk.ui.screenshots docs/screenshots

English in the folder itself (light, and the scan screen dark), German in its de/ subfolder.

Builds the demo shop in a temporary folder, signs in, drives each screen as a person would,
and saves one PNG per screen via widget.grab().
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.services.context import Context
from kiosk.services.demo import DEMO_OWNER_PIN, create_demo_shop
from kiosk.services.facade import Services
from kiosk.settings import KioskSettings
from kiosk.store import open_store
from kiosk.ui.app import Kiosk, build_main_window
from kiosk.ui.i18n import install_translations
from kiosk.ui.i18n_build import build as build_translations
from kiosk.ui.resources import TRANSLATIONS
from kiosk.ui.screenshot_steps import SIZE, save, settle, sign_in, staff_button
from kiosk.ui.screenshots_ab import shoot_ab_test
from kiosk.ui.screenshots_analytics import shoot_analytics
from kiosk.ui.screenshots_analytics_ab import shoot_analytics_ab
from kiosk.ui.screenshots_analytics_cloud import shoot_paired_analytics
from kiosk.ui.screenshots_happy import shoot_happy_hours
from kiosk.ui.screenshots_points import shoot_points, shoot_points_expiry, shoot_tiers
from kiosk.ui.screenshots_referrals import shoot_referrals


def _show_paired_with_conflict(kiosk: Kiosk, services: Services) -> None:
    """The Sync screen of a paired kiosk whose cloud reported one reward redeemed twice. No cloud
    runs here: the pairing and the pulled conflict are written to the store as a sync would, and
    the last round's status is handed to the screen as the sync worker would."""
    from kiosk.domain.model import CardStatus
    from kiosk.store import meta, sync_repo
    from kiosk.sync.engine import SyncState, SyncStatus

    store = services.ctx.store
    now = datetime.now(UTC)
    card = services.lookup("Ana").matches[0].cards[0].card
    here, other = str(uuid.uuid4()), str(uuid.uuid4())
    with store.transaction() as conn:
        location_id = meta.get_setting(conn, "location_id")
        for key, value in {"cloud_url": "https://loyalty.example.com", "device_id": here}.items():
            meta.put_setting(conn, key, value)
        conflict = sync_repo.Conflict(
            str(uuid.uuid4()),
            card.id,
            "double_redemption",
            (
                sync_repo.ConflictEvent(str(uuid.uuid4()), "Olivia Owner", location_id, here, now),
                sync_repo.ConflictEvent(
                    str(uuid.uuid4()), "Bea Barista", location_id, other, now, device_name="Back counter"
                ),
            ),
            now,
            False,
        )
        # the cloud flags the card that went negative; the same page carries it
        flagged = sync_repo.ServerCard(
            card.id, card.customer_id, card.program_id, card.key_id, CardStatus.ACTIVE, True, card.balance, 1
        )
        page = sync_repo.PulledPage(cards=(flagged,), conflicts=(conflict,))
        business_id = int(meta.get_setting(conn, "business_id", "0") or 0)
        sync_repo.apply_page(conn, page, business_id=business_id, cursor=1, now=now)
        meta.put_setting(conn, "sync_last_success", now.isoformat())
        # and the demo's events went up with the first push
        pushed = sync_repo.pending_batch(conn, 100_000)
        sync_repo.mark_accepted(conn, {p.event.id: n for n, p in enumerate(pushed, start=1)})
    screen = kiosk.screens["sync"]
    status = SyncStatus(state=SyncState.ONLINE, pending=0, last_success=now)
    kiosk.window.on_sync_finished(status)
    screen.on_sync_finished(status)
    screen.refresh()
    settle(screen.control.conflicts_read)


def _hold_a_member_for_the_plan(kiosk: Kiosk, services: Services) -> None:
    """A member enrolled here that the cloud's plan refused: her enrolment waits in the outbox
    with the plan's reason, as a sync round leaves it (kiosk/sync/plan_holds.py)."""
    from kiosk.store import plan_holds, sync_repo

    services.enroll("Noor Haddad", actor=None)
    with services.ctx.store.transaction() as conn:
        waiting = sync_repo.pending_batch(conn, 100)
        plan_holds.hold_for_plan(conn, {p.event.id: plan_holds.HELD_FOR_PLAN for p in waiting})
    kiosk.screens["sync"].refresh()
    settle(kiosk.screens["sync"].control.sync_status_read)


def _keep_till_join_link(services: Services) -> None:
    """What a sync round keeps after asking the cloud for this till's join link."""
    from kiosk.domain.till_join import TillJoinLink
    from kiosk.store import meta, till_join

    with services.ctx.store.transaction() as conn:
        _location, device_id = meta.location_and_device(conn)
        link = TillJoinLink(
            "https://loyalty.example.com/j/Kx7pQ2mA", "Kx7pQ2mA", device_id, None, datetime.now(UTC)
        )
        till_join.keep(conn, link)


def shoot(outdir: Path, theme: str = "light", prefix: str = "", language: str = "en") -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv)
    if not (TRANSLATIONS / f"kiosk_{language}.qm").exists():
        build_translations()
    translators = install_translations(app, language)  # English too: plural forms ("3 stamps")
    outdir.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = open_store(data, now=datetime.now(UTC))
        services = Services(Context(store))
        demo = create_demo_shop(Context(store))
        # the coffee card first: the lunch club allows only 2 stamps a visit
        tokens = sorted(
            demo.tokens.values(),
            key=lambda t: not any(k.endswith("Coffee card") for k, v in demo.tokens.items() if v == t),
        )
        looks = KioskSettings(theme=theme, sound=False, language=language)
        kiosk = build_main_window(services, looks, data_dir=data, app=app)
        try:
            kiosk.window.resize(*SIZE)
            kiosk.window.show()
            window, scan = kiosk.window, kiosk.screens["scan"]
            if prefix:
                sign_in(kiosk, "Olivia Owner", DEMO_OWNER_PIN)
                scan.set_quantity(3)
                scan.submit_code(tokens[0])
                settle(scan.result_shown)
                return [save(kiosk, outdir, f"{prefix}scan-after-stamp")]
            cara = staff_button(kiosk, "Cara Cashier")
            shots.append(save(kiosk, outdir, "signin"))
            screen = window.signin
            screen.select_staff(cara)
            for _ in range(5):
                screen.pin_entry.setText("0000")
                screen.on_submit()
                settle(kiosk.worker.settled)
            shots.append(save(kiosk, outdir, "signin-lockout"))
            sign_in(kiosk, "Olivia Owner", DEMO_OWNER_PIN)
            shots.append(save(kiosk, outdir, "scan-idle"))
            scan.set_quantity(3)
            scan.submit_code(tokens[0])
            settle(scan.result_shown)
            shots.append(save(kiosk, outdir, "scan-after-stamp"))
            scan.submit_code(tokens[0])
            settle(scan.result_shown)
            shots.append(save(kiosk, outdir, "scan-refused"))
            window.show_screen("enroll")
            enroll = kiosk.screens["enroll"]
            enroll.name.setText("Noor Haddad")
            enroll.email.setText("noor@example.com")
            enroll.on_enroll_clicked()
            settle(kiosk.worker.settled)
            shots.append(save(kiosk, outdir, "enroll-qr"))
            window.show_screen("lookup")
            lookup = kiosk.screens["lookup"]
            lookup.query.setText("Ana")
            lookup.on_search()
            settle(kiosk.worker.settled)
            shots.append(save(kiosk, outdir, "lookup"))
            window.show_screen("offers")
            settle(kiosk.worker.settled)
            offers = kiosk.screens["offers"]
            offers.offer_list.setCurrentRow(0)
            shots.append(save(kiosk, outdir, "offers-editor"))
            offers.on_new_clicked()
            offers.units.setValue(1)
            offers.on_save_clicked()
            settle(kiosk.worker.settled)
            shots.append(save(kiosk, outdir, "offers-field-errors"))
            window.show_screen("customers")
            customers = kiosk.screens["customers"]
            customers.query.setText(tokens[0])
            customers.on_search()
            settle(kiosk.worker.settled)
            shots.append(save(kiosk, outdir, "customer-history"))
            customers.on_new_code_clicked()
            settle(kiosk.worker.settled)
            settle()
            dialog_shot = outdir / f"{prefix}customer-new-code.png"
            customers.code_dialog.grab().save(str(dialog_shot))
            shots.append(dialog_shot)
            customers.code_dialog.close()
            customers.erase.on_erase_clicked()  # the owner's erase, at its confirmation (not done)
            settle()
            shots.append(save(kiosk, outdir, "customer-erase-confirm"))
            customers.erase.confirm_bar.hide()
            window.show_screen("reports")
            settle(kiosk.worker.settled)
            shots.append(save(kiosk, outdir, "reports"))
            window.show_screen("staff")
            settle(kiosk.worker.settled)
            shots.append(save(kiosk, outdir, "staff"))
            window.show_screen("audit")
            settle(kiosk.worker.settled)
            shots.append(save(kiosk, outdir, "audit"))
            window.show_screen("settings")
            shots.append(save(kiosk, outdir, "settings"))
            settings_screen = kiosk.screens["settings"]
            settings_screen.tabs.setCurrentWidget(settings_screen.data)
            settings_screen.data.folder.setText("/home/shop/exports")
            settle()
            shots.append(save(kiosk, outdir, "settings-data"))
            settings_screen.tabs.setCurrentIndex(0)
            window.show_screen("sync")
            _show_paired_with_conflict(kiosk, services)
            shots.append(save(kiosk, outdir, "sync"))
            _hold_a_member_for_the_plan(kiosk, services)
            shots.append(save(kiosk, outdir, "sync-plan-waiting"))
            _keep_till_join_link(services)  # paired now: the join QR the enrolment screen shows
            window.show_screen("enroll")
            enroll.on_phone_join_clicked()
            settle(kiosk.worker.settled)
            shots.append(save(kiosk, outdir, "enroll-join-on-phone"))
        finally:
            kiosk.window.close()
            kiosk.shutdown()
            store.close()
            for translator in translators:
                app.removeTranslator(translator)
    return shots


def shoot_first_run(outdir: Path, language: str = "en") -> Path:
    """A fresh install's first screen: the shop, its owner and its first offer, asked at once."""
    app = QApplication.instance() or QApplication(sys.argv)
    translators = install_translations(app, language)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = open_store(data, now=datetime.now(UTC))
        services = Services(Context(store))
        looks = KioskSettings(sound=False, language=language)
        kiosk = build_main_window(services, looks, data_dir=data, app=app)
        try:
            kiosk.window.resize(*SIZE)
            kiosk.window.show()
            settle(kiosk.worker.settled)
            screen = kiosk.window.first_run
            screen.shop_name.setText("Bäckerei Sonnenschein" if language == "de" else "Sunny Bakery")
            screen.owner_name.setText("Olivia Owner")
            return save(kiosk, outdir, "first-run")
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
    shoot(outdir)
    shoot(outdir, theme="dark", prefix="dark-")
    shoot(outdir / "de", language="de")
    shoot(outdir / "de", theme="dark", prefix="dark-", language="de")
    shoot_first_run(outdir)
    shoot_first_run(outdir / "de", language="de")

    shoot_analytics(outdir)
    shoot_analytics(outdir / "de", language="de")
    shoot_ab_test(outdir)
    shoot_ab_test(outdir / "de", language="de")
    shoot_analytics_ab(outdir)
    shoot_analytics_ab(outdir / "de", language="de")
    shoot_paired_analytics(outdir)  # a kiosk paired with a real cloud, started for these
    shoot_points(outdir)
    shoot_points(outdir / "de", language="de")
    shoot_happy_hours(outdir)
    shoot_happy_hours(outdir / "de", language="de")
    shoot_referrals(outdir)
    shoot_referrals(outdir / "de", language="de")
    shoot_tiers(outdir)
    shoot_tiers(outdir / "de", language="de")
    shoot_points_expiry(outdir)
    shoot_points_expiry(outdir / "de", language="de")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
