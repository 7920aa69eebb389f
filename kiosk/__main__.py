"""The one composition root: settings -> store -> services -> UI or a headless command.

loyalty-kiosk                  open the kiosk (GUI)
loyalty-kiosk --demo           open it on the demo shop, creating it in an empty data folder
loyalty-kiosk scan CODE        record a scan headless (see --help for every command)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.settings import SettingsError, default_data_dir, load_settings


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="folder holding this kiosk's database and settings (default: the platform's user data folder); "
        "give each kiosk its own to run several side by side",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    from kiosk.cli import counter, data, decode, maintenance, sync

    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="loyalty-kiosk",
        parents=[common],
        description="Loyalty Kiosk: scan loyalty cards, stamp, redeem and enroll at the counter. "
        "With no command it opens the kiosk window.",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open on the demo shop (created if the folder is empty)"
    )
    parser.add_argument("--kiosk-mode", action="store_true", help="full screen; leaving needs a manager PIN")
    parser.add_argument(
        "--camera", help="camera: a device index, /dev/videoN, or a video file that plays as one"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    counter.add_parsers(sub, common)
    data.add_parsers(sub, common)
    decode.add_parser(sub)
    sync.add_parsers(sub, common)
    maintenance.add_parsers(sub, common, qt_probe=_probe_qt)
    return parser


def _probe_qt() -> str:
    # kiosk.cli may not import the UI: the composition root hands self-check its Qt probe
    from kiosk.ui.selfcheck import probe_qt_platform

    return probe_qt_platform()


def main(argv: list[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["self-check", "--qt-probe-only"]:
        # self-check's Qt child: answer before build_parser imports the whole kiosk (about 1 s)
        print(_probe_qt())
        return 0
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    # only the GUI takes extra options (Qt's own, and the start-up benchmark's --report-ready)
    if unknown and (
        getattr(args, "handler", None) is not None or not all(a.startswith("-") for a in unknown)
    ):
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.qt_args = unknown
    args.data_dir = getattr(args, "data_dir", None) or default_data_dir()
    from kiosk.private import keep_new_files_private, restrict_tree

    keep_new_files_private()  # customers' data, PIN hashes, the kiosk's private key: owner only
    restrict_tree(args.data_dir)  # an installation from before this: fix what is there
    handler = getattr(args, "handler", None)
    if handler is not None and getattr(args, "needs_store", True) is False:
        return handler(args)
    if handler is None:  # the counter itself: a rotating log and crash reports; commands just print
        from kiosk.logs import setup_logging
        from kiosk.settings import default_log_dir

        setup_logging(default_log_dir())
    try:
        settings = load_settings(args.data_dir)
    except SettingsError as exc:
        # a broken settings file must not stop the counter: say so and run on defaults
        print(f"loyalty-kiosk: settings ignored: {exc}", file=sys.stderr)
        from kiosk.settings import KioskSettings

        settings = KioskSettings()
    services = _open_services(args.data_dir, settings.offline_redemption_cap)
    if services is None:
        return 1
    try:
        if handler is not None:
            return handler(args, services)
        return _run_gui(args, services, settings)  # the UI takes the daily backup on its store worker
    finally:
        services.ctx.store.close()


def _open_services(data_dir: Path, offline_redemption_cap: int):
    from kiosk.services import Context, Services
    from kiosk.services.context import utc_now
    from kiosk.store import StorageError, open_store
    from kiosk.store.db import CorruptDatabase

    try:
        store = open_store(data_dir, now=utc_now())
    except CorruptDatabase as exc:
        from kiosk.store.backups import newest_good_backup

        newest = newest_good_backup(data_dir)
        offer = f"The newest good backup is {newest}." if newest else "There is no good backup."
        print(
            f"loyalty-kiosk: the database is damaged and was not opened: {exc}\n"
            f"{offer}\nStop the kiosk, then restore it with: loyalty-kiosk restore --data-dir {data_dir}",
            file=sys.stderr,
        )
        return None
    except StorageError as exc:
        print(f"loyalty-kiosk: cannot open the database in {data_dir}: {exc}", file=sys.stderr)
        return None
    if store.trouble is not None:  # reading works; stamps and other writes are refused until then
        print(
            f"loyalty-kiosk: warning: {store.trouble.advice()}. Until then nothing can be recorded.",
            file=sys.stderr,
        )
    return Services(Context(store, offline_redemption_cap=offline_redemption_cap))


def _camera_factory(source: str, debounce_ms: int):
    """The webcam (or a video file playing as one) behind the scan screen's preview.

    `debounce_ms` is the settings' "the same code again within this is the same scan"; a code
    held in view is one scan however long it stays there (the debouncer tracks it in view).
    """
    from kiosk.scanner.camera import OpenCvCamera, parse_camera_source
    from kiosk.scanner.debounce import Debouncer, DebounceSettings
    from kiosk.ui.camera_worker import CameraWorker

    camera_source = parse_camera_source(source, loop=True)  # a video file plays on like a camera
    debounce = DebounceSettings(repeat_after_s=debounce_ms / 1000)
    return lambda: CameraWorker(lambda: OpenCvCamera(camera_source), debouncer=Debouncer(debounce))


def _serial_factory(port: str, baud: int):
    """A CDC-ACM scanner on the configured port; the worker reconnects after an unplug."""
    from kiosk.ui.serial_worker import SerialWorker

    return lambda: SerialWorker(port, baud)


def _sync_round(data_dir: Path, services):
    """The paired kiosk's sync round, or None when it runs standalone."""
    from kiosk.services.context import utc_now
    from kiosk.sync.credentials import CredentialError, credentials_for
    from kiosk.sync.pairing import cloud_url_of, engine_for

    store = services.ctx.store
    if not cloud_url_of(store):
        return None
    try:
        engine = engine_for(store, credentials_for(data_dir), clock=utc_now)
    except CredentialError as exc:
        # the counter keeps working offline; the owner sees why sync is off
        print(f"loyalty-kiosk: sync is off: {exc}", file=sys.stderr)
        return None
    return engine.run_round


def _run_gui(args, services, settings) -> int:
    from kiosk.services.demo import create_demo_shop
    from kiosk.ui.app import run_gui

    if args.demo and not services.identity().is_set_up:
        create_demo_shop(services.ctx, qr_dir=args.data_dir / "demo-qr", points=True)
    camera_factory = None
    if args.camera or settings.scanner_kind == "camera":  # --camera always wins (demos, tests)
        camera_factory = _camera_factory(args.camera or settings.camera_source, settings.debounce_ms)
    serial_factory = None
    if settings.scanner_kind == "serial" and settings.serial_port:
        serial_factory = _serial_factory(settings.serial_port, settings.serial_baud)
    sync_round = _sync_round(args.data_dir, services)
    return run_gui(
        services,
        settings,
        data_dir=args.data_dir,
        argv=sys.argv[:1] + args.qt_args,
        camera_factory=camera_factory,
        kiosk_mode=args.kiosk_mode or settings.kiosk_mode,
        sync_round=sync_round,
        serial_factory=serial_factory,
    )


if __name__ == "__main__":
    raise SystemExit(main())
