"""Maintenance commands: self-check, backup, restore, integrity.

restore, integrity and self-check run without opening the store (needs_store=False): they
must work when the ledger is damaged, which is exactly when they are needed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.cli import selfcheck
from kiosk.services import Services
from kiosk.store import space
from kiosk.store.backups import (
    BackupError,
    RestoreRefused,
    backup_if_due,
    check_integrity,
    list_backups,
    newest_good_backup,
    restore,
    take_backup,
)
from kiosk.store.db import DB_FILENAME

REFUSED = 2  # README: 0 done, 2 refused, 1 trouble


def _local_now() -> datetime:
    # backup names and the "one per day" rule follow the shop's clock, not UTC
    return datetime.now().astimezone().replace(tzinfo=None)


def add_parsers(sub, common, qt_probe: Callable[[], str] | None = None) -> None:
    """`qt_probe` comes from the composition root (kiosk.ui.selfcheck.probe_qt_platform): the
    command layer may not import the UI."""
    p = sub.add_parser("self-check", parents=[common], help="check this installation can run the counter")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument(
        "--work-dir", type=Path, help="where to create the throw-away test database (default: temp)"
    )
    p.add_argument(selfcheck.QT_ONLY_FLAG, action="store_true", dest="qt_probe_only", help=argparse.SUPPRESS)
    p.set_defaults(handler=self_check, needs_store=False, qt_probe=qt_probe)

    p = sub.add_parser("backup", parents=[common], help="back up the ledger now into DATA_DIR/backups")
    p.add_argument("--daily", action="store_true", help="only if today's daily backup is missing (keeps 7)")
    p.set_defaults(handler=backup)

    p = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the ledger with the newest good backup (or FILE); the old one is kept aside",
    )
    p.add_argument(
        "file", nargs="?", type=Path, help="a backup file (default: the newest that passes its check)"
    )
    p.add_argument("--list", action="store_true", help="list the backups, newest first, and change nothing")
    p.add_argument("--force", action="store_true", help="restore even though the current ledger is healthy")
    p.set_defaults(handler=restore_command, needs_store=False)

    p = sub.add_parser("integrity", parents=[common], help="run SQLite's full integrity check on the ledger")
    p.set_defaults(handler=integrity, needs_store=False)


def self_check(args) -> int:
    if args.qt_probe_only:
        return selfcheck.run_qt_probe_here(args.qt_probe)
    items = selfcheck.run_self_check(
        args.data_dir, args.work_dir, qt_probe_available=args.qt_probe is not None
    )
    seconds = selfcheck.seconds_since_process_start()
    print(selfcheck.as_json(items, seconds) if args.json else selfcheck.render(items, seconds))
    return 0 if selfcheck.all_required_pass(items) else 1


def backup(args, services: Services) -> int:
    store = services.ctx.store
    try:
        if args.daily:
            path = backup_if_due(store, args.data_dir, _local_now())
            print(path or "today's daily backup already exists")
        else:
            print(take_backup(store, args.data_dir, _local_now()))
    except BackupError as exc:
        print(f"loyalty-kiosk: {exc}", file=sys.stderr)
        return 1
    return 0


def _print_backups(data_dir: Path) -> int:
    backups = list_backups(data_dir)
    if not backups:
        print(f"loyalty-kiosk: no backups in {data_dir / 'backups'}", file=sys.stderr)
        return REFUSED
    for b in backups:
        ok, detail = check_integrity(b.path)
        size_mb = b.path.stat().st_size / 1e6
        print(
            f"{'good   ' if ok else 'DAMAGED'}  {b.path}  {size_mb:.1f} MB" + ("" if ok else f"  ({detail})")
        )
    return 0


def restore_command(args) -> int:
    data_dir: Path = args.data_dir
    if args.list:
        return _print_backups(data_dir)
    current = data_dir / DB_FILENAME
    if current.exists() and not args.force:
        ok, _ = check_integrity(current)
        if ok:
            print(
                f"loyalty-kiosk: {current} passes its integrity check; nothing to restore. "
                "Add --force to restore anyway: events recorded since the backup are carried into "
                "the restored ledger, and the current file is kept aside.",
                file=sys.stderr,
            )
            return REFUSED
    source = args.file or newest_good_backup(data_dir)
    if source is None:
        print(f"loyalty-kiosk: no good backup in {data_dir / 'backups'}", file=sys.stderr)
        return REFUSED
    try:
        done = restore(data_dir, source, _local_now())
    except RestoreRefused as exc:
        print(f"loyalty-kiosk: {exc}", file=sys.stderr)
        return REFUSED
    except BackupError as exc:
        print(f"loyalty-kiosk: {exc}", file=sys.stderr)
        return 1
    print(f"restored {current} from {done.source}")
    if done.carried.events:
        print(done.carried.summary())
    if done.not_carried:
        print(f"loyalty-kiosk: warning: {done.not_carried}; they are in the file kept aside", file=sys.stderr)
    for kept in done.kept_as:
        print(f"the previous file is kept as {kept}")
    return 0


def integrity(args) -> int:
    path = args.data_dir / DB_FILENAME
    if not path.exists():
        print(f"no ledger in {args.data_dir}")
        return 1
    ok, detail = check_integrity(path)
    trouble = space.storage_trouble(args.data_dir, "" if ok else detail)
    if trouble is not None:  # no verdict on the file from a check the disk kept from running
        print(f"loyalty-kiosk: {trouble.advice()}", file=sys.stderr)
        if not ok:
            return 1
    print(f"{path}: {'ok' if ok else 'DAMAGED: ' + detail}")
    if not ok:
        print(f"restore the newest good backup with: loyalty-kiosk restore --data-dir {args.data_dir}")
    return 0 if ok else 1
