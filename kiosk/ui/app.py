"""The GUI's entry point: the composition root (kiosk/__main__.py) calls run_gui."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.domain.model import Role
from kiosk.services.facade import Services
from kiosk.settings import KioskSettings
from kiosk.ui.expiry_sweep import schedule_points_expiry
from kiosk.ui.i18n import install_translations
from kiosk.ui.main_window import MainWindow, ScreenEntry
from kiosk.ui.screens.scan import ScanScreen
from kiosk.ui.session import Session
from kiosk.ui.sound import SoundPlayer
from kiosk.ui.theme import apply_theme
from kiosk.ui.workers import StoreWorker, WorkerThread

_STARTED = time.perf_counter()


@dataclass
class Kiosk:
    """Everything the GUI made, so that tests can drive it and shutdown stops it in order."""

    app: QApplication
    window: MainWindow
    worker: StoreWorker
    session: Session
    sounds: SoundPlayer
    screens: dict[str, object]
    settings: KioskSettings
    threads: list[WorkerThread] = field(default_factory=list)
    camera: object | None = None
    sync: object | None = None  # kiosk.ui.sync_wiring.SyncParts: the Sync screen and its threads
    serial: object | None = None  # the serial scanner's worker, when scanner_kind is "serial"

    def shutdown(self) -> None:
        """Scanners first, then the store worker (DESIGN.md's order); each thread is joined."""
        for scanner in (self.camera, self.serial):
            if scanner is not None and hasattr(scanner, "stop"):
                scanner.stop()
        self.app.removeEventFilter(self.session)
        self.session.sign_out("shutdown")
        for thread in reversed(self.threads):
            thread.stop()


def _add_screens(kiosk: Kiosk, data_dir: Path) -> None:
    # imported here so a missing optional screen never stops the counter from starting
    from kiosk.ui.screens.analytics import AnalyticsScreen
    from kiosk.ui.screens.audit import AuditScreen
    from kiosk.ui.screens.customers import CustomersScreen
    from kiosk.ui.screens.enroll import EnrollScreen
    from kiosk.ui.screens.lookup import LookupScreen
    from kiosk.ui.screens.offers import OffersScreen
    from kiosk.ui.screens.reports import ReportsScreen
    from kiosk.ui.screens.settings import SettingsScreen
    from kiosk.ui.screens.staff import StaffScreen

    w, s, window = kiosk.worker, kiosk.session, kiosk.window
    lookup = LookupScreen(w, s)
    scan = kiosk.screens["scan"]

    def stamp_from_lookup(card_number: str) -> None:
        if window.show_screen("scan"):
            scan.submit_code(card_number)

    lookup.stamp_requested.connect(stamp_from_lookup)
    enroll = EnrollScreen(w, s, kiosk.settings)
    enroll.stamp_requested.connect(stamp_from_lookup)
    reports, analytics = ReportsScreen(w, s), AnalyticsScreen(w, s)
    reports.analytics_requested.connect(lambda: window.show_screen("analytics"))
    analytics.reports_requested.connect(lambda: window.show_screen("reports"))
    made = [
        ScreenEntry(
            "enroll",
            QCoreApplication.translate("Nav", "New customer"),
            "person-add",
            Role.CASHIER,
            enroll,
            "F3",
        ),
        ScreenEntry(
            "lookup", QCoreApplication.translate("Nav", "Find customer"), "search", Role.CASHIER, lookup, "F4"
        ),
        ScreenEntry(
            "offers",
            QCoreApplication.translate("Nav", "Offers"),
            "tag",
            Role.MANAGER,
            OffersScreen(w, s),
            "F5",
        ),
        ScreenEntry(
            "customers",
            QCoreApplication.translate("Nav", "Customers"),
            "people",
            Role.MANAGER,
            CustomersScreen(w, s, kiosk.settings),
            "F6",
        ),
        ScreenEntry(
            "reports",
            QCoreApplication.translate("Nav", "Reports"),
            "chart",
            Role.MANAGER,
            reports,
            "F11",
        ),
        ScreenEntry(
            "analytics",
            QCoreApplication.translate("Nav", "Analytics"),
            "chart",
            Role.MANAGER,
            analytics,
            "F12",
            under="reports",
        ),
        ScreenEntry(
            "staff",
            QCoreApplication.translate("Nav", "Staff"),
            "people",
            Role.MANAGER,
            StaffScreen(w, s),
            "F7",
        ),
        ScreenEntry(
            "audit",
            QCoreApplication.translate("Nav", "Audit log"),
            "list",
            Role.MANAGER,
            AuditScreen(w, s),
            "F8",
        ),
        ScreenEntry(
            "settings",
            QCoreApplication.translate("Nav", "Settings"),
            "gear",
            Role.OWNER,
            SettingsScreen(w, s, kiosk.settings, data_dir, window),
            "F9",
        ),
    ]
    for entry in made:
        window.add_screen(entry)
        kiosk.screens[entry.name] = entry.widget


def build_main_window(
    services: Services,
    settings: KioskSettings,
    *,
    data_dir: Path,
    app: QApplication,
    camera_factory: Callable[[], object] | None = None,
    kiosk_mode: bool = False,
    idle_interval_ms: int | None = None,
    serial_factory: Callable[[], object] | None = None,
    sync_engine_options: dict | None = None,
) -> Kiosk:
    """Build and start everything except the event loop (tests call this, then shutdown())."""
    apply_theme(app, settings.theme)
    worker = StoreWorker(services)
    store_thread = WorkerThread(worker.runner, "kiosk-store")
    session = Session(settings.idle_sign_out_seconds)
    if idle_interval_ms is not None:
        session.set_idle_interval_ms(idle_interval_ms)
    app.installEventFilter(session)
    sounds = SoundPlayer(settings.sound)
    window = MainWindow(worker, session, services.identity().business_name)
    scan = ScanScreen(worker, session, sounds)
    window.add_screen(
        ScreenEntry("scan", QCoreApplication.translate("Nav", "Scan"), "scan", Role.CASHIER, scan, "F2")
    )
    kiosk = Kiosk(app, window, worker, session, sounds, {"scan": scan}, settings, [store_thread])
    _add_screens(kiosk, data_dir)
    _add_sync_screen(kiosk, services, data_dir, sync_engine_options)
    store_thread.start()
    window.show_signin()
    if camera_factory is not None:
        start_camera(kiosk, camera_factory)
    if serial_factory is not None:
        start_serial(kiosk, serial_factory)
    if kiosk_mode or settings.kiosk_mode:
        window.set_kiosk_mode(True)
    return kiosk


def schedule_daily_backup(
    kiosk: Kiosk,
    data_dir: Path,
    check_every_ms: int = 3_600_000,
    on_checked: Callable[[Path | None], None] | None = None,
) -> QTimer:
    """Today's backup on the store worker: soon after start (never delaying the first scan)
    and then every hour, so a kiosk left running for weeks still gets one a day. `on_checked`
    hears each check's answer: the new backup's path, or None when today's exists."""
    timer = QTimer(kiosk.window)
    timer.setInterval(check_every_ms)

    def check() -> None:
        # a failed backup surfaces through job_failed (logged); the counter keeps going
        op = kiosk.worker.op(kiosk.window, lambda s: s.backup_if_due(data_dir))
        if on_checked is not None:
            op.success(on_checked)
        op.run_in_background()

    timer.timeout.connect(check)
    timer.start()
    QTimer.singleShot(0, check)
    return timer


def scan_router(kiosk: Kiosk) -> Callable[[str], None]:
    """Where a scanner's code goes, whichever screen is open: to the scan screen, and only while
    someone is signed in (a stamp must say who gave it; signed out, the code is dropped). While the
    enrolment's "Referred by" field has the focus, the code is the referrer's and goes there."""
    scan = kiosk.screens["scan"]
    enroll = kiosk.screens.get("enroll")

    def on_code_scanned(code: str) -> None:
        if kiosk.session.actor is None:
            return
        if enroll is not None and enroll.takes_scan(code):
            return
        if kiosk.window.show_screen("scan"):
            scan.on_code_scanned(code)

    return on_code_scanned


def start_camera(kiosk: Kiosk, camera_factory: Callable[[], object]) -> object | None:
    """Make, connect and start the camera worker; build_main_window calls it, and tests that
    want the camera running only after sign-in call it themselves."""
    kiosk.camera = _connect_camera(camera_factory, kiosk.screens["scan"], scan_router(kiosk))
    return kiosk.camera


def _connect_camera(
    camera_factory: Callable[[], object], scan: ScanScreen, on_code: Callable[[str], None] | None = None
) -> object | None:
    """The camera worker: frame_captured(QImage, outline), code_scanned(str), camera_failed(str),
    camera_recovered(), start(), stop()."""
    try:
        camera = camera_factory()
    except Exception as exc:  # no camera is a normal state at a counter: fall back to the scanner
        scan.on_camera_failed(str(exc))
        return None
    camera.frame_captured.connect(scan.on_frame_captured)
    camera.code_scanned.connect(on_code or scan.on_code_scanned)
    camera.camera_failed.connect(scan.on_camera_failed)
    recovered = getattr(camera, "camera_recovered", None)
    if recovered is not None:  # after an unplug or a busy camera, say it is back until frames flow
        recovered.connect(scan.on_camera_recovered)
    if hasattr(camera, "start"):
        camera.start()
    return camera


def start_serial(kiosk: Kiosk, serial_factory: Callable[[], object]) -> object | None:
    """The serial scanner's worker (code_scanned, serial_failed, serial_connected), feeding the
    scan screen like the camera does; its state shows where the preview would be."""
    scan = kiosk.screens["scan"]
    try:
        serial = serial_factory()
    except Exception as exc:  # a bad port setting must not stop the counter: say why, keep going
        scan.on_scanner_failed(str(exc))
        return None
    serial.code_scanned.connect(scan_router(kiosk))
    serial.serial_failed.connect(scan.on_scanner_failed)
    serial.serial_connected.connect(scan.on_scanner_connected)
    serial.start()
    kiosk.serial = serial
    return serial


def _install_wedge_filter(
    app: QApplication, settings: KioskSettings, kiosk: Kiosk, clock: Callable[[], float] = time.monotonic
):
    """A keyboard-wedge scan lands at the counter wherever the focus is (the scanner engineer's
    filter); without it, the scan screen's code field still takes the scanner's typing + Enter.
    `clock` is for tests, which drive key timing without sleeping."""
    from kiosk.scanner.wedge import WedgeSettings
    from kiosk.ui.wedge_filter import WedgeFilter

    wedge = WedgeFilter(
        WedgeSettings(
            max_gap_s=settings.wedge_max_gap_ms / 1000,
            prefix=settings.wedge_prefix,
            suffix=settings.wedge_suffix,
        ),
        clock=clock,
        parent=kiosk.window,
    )
    wedge.code_scanned.connect(scan_router(kiosk))
    wedge.install(app)
    return wedge


def _add_sync_screen(kiosk: Kiosk, services: Services, data_dir: Path, engine_options: dict | None) -> None:
    from kiosk.ui.sync_wiring import install_sync

    install_sync(kiosk, services, data_dir, engine_options=engine_options)


def _start_sync(kiosk: Kiosk, sync_round: Callable[[], object]) -> None:
    """Sync rounds on their own thread, on a timer and soon after each recorded event; the
    status bar and the Sync screen show what the last round found. Pairing on the Sync screen
    starts them too (kiosk.ui.sync_wiring); they stop after the store worker (DESIGN.md)."""
    from kiosk.ui.sync_wiring import start_rounds

    start_rounds(kiosk, sync_round)


def run_gui(
    services: Services,
    settings: KioskSettings,
    *,
    data_dir: Path,
    argv: list[str],
    camera_factory: Callable[[], object] | None = None,
    kiosk_mode: bool = False,
    sync_round: Callable[[], object] | None = None,
    serial_factory: Callable[[], object] | None = None,
) -> int:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("Loyalty Kiosk")
    install_translations(app, settings.language)
    kiosk = build_main_window(
        services,
        settings,
        data_dir=data_dir,
        app=app,
        camera_factory=camera_factory,
        kiosk_mode=kiosk_mode,
        serial_factory=serial_factory,
    )
    schedule_daily_backup(kiosk, data_dir)
    schedule_points_expiry(kiosk)
    wedge = _install_wedge_filter(app, settings, kiosk)
    if sync_round is not None:
        _start_sync(kiosk, sync_round)
    if not kiosk.window.kiosk_mode:
        kiosk.window.resize(1024, 768)
        kiosk.window.show()
    if "--report-ready" in argv:
        # the start-up benchmark: print once the first screen is on the display
        def ready() -> None:
            print(f"ready {time.perf_counter() - _STARTED:.3f}", flush=True)
            if "--quit-when-ready" in argv:
                app.quit()

        QTimer.singleShot(0, ready)
    app.aboutToQuit.connect(kiosk.shutdown)
    if wedge is not None:
        app.aboutToQuit.connect(lambda: wedge.uninstall(app))
    code = app.exec()
    return code


if __name__ == "__main__":
    sys.exit("run the kiosk with: python -m kiosk")
