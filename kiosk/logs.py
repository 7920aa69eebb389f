"""Logging for an installed kiosk: rotating files in the platform's log folder, and crash reports.

    setup_logging(default_log_dir())   # once, in the composition root, before anything else

~/.local/state/loyalty-kiosk/log/ on Linux (platformdirs.user_log_dir):
    kiosk.log, kiosk.log.1 ... kiosk.log.5   rotated at 2 MB each, so logs never fill the disk
    crash-20261129-101500-123456.txt          one file per unhandled exception, with traceback

An uncaught exception on the main thread still ends the process (exit status 1), so systemd's
Restart=on-failure brings the kiosk back to the scan screen; on any other thread it is
reported the same way and the thread dies, as Python does by default.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.private import restrict_tree

LOG_FILE = "kiosk.log"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"

log = logging.getLogger("kiosk.crash")


@dataclass
class LoggingSetup:
    """What setup_logging changed, so tests (and a clean shutdown) can put it back."""

    log_dir: Path
    handler: logging.Handler
    restore: Callable[[], None]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("loyalty-kiosk")
    except PackageNotFoundError:
        return "(version unknown)"


def write_crash_report(
    log_dir: Path, exc_type, exc, tb, thread_name: str, now: datetime | None = None
) -> Path:
    now = now or datetime.now()
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / f"crash-{now:%Y%m%d-%H%M%S-%f}.txt"
    version = _version()
    lines = [
        f"Loyalty Kiosk {version} crashed at {now.isoformat(timespec='seconds')} in thread {thread_name}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"frozen bundle: {getattr(sys, 'frozen', False)}",
        f"command: {' '.join(sys.argv)}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    return path


def setup_logging(log_dir: Path, level: int = logging.INFO) -> LoggingSetup:
    log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    restrict_tree(log_dir)  # logs name customers and staff: owner only (kiosk.private)
    (log_dir / LOG_FILE).touch(mode=0o600)
    handler = logging.handlers.RotatingFileHandler(
        log_dir / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic logs every plugin and migration step at INFO on each start: noise in a shop's log
    alembic_log = logging.getLogger("alembic")
    previous_alembic_level = alembic_log.level
    alembic_log.setLevel(logging.WARNING)
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook

    def on_crash(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous_hook(exc_type, exc, tb)
            return
        report = write_crash_report(log_dir, exc_type, exc, tb, threading.current_thread().name)
        log.critical("unhandled exception; crash report: %s", report, exc_info=(exc_type, exc, tb))
        previous_hook(exc_type, exc, tb)

    def on_thread_crash(hook_args: threading.ExceptHookArgs) -> None:
        if hook_args.exc_type is SystemExit:
            return
        name = hook_args.thread.name if hook_args.thread else "?"
        report = write_crash_report(
            log_dir, hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback, name
        )
        log.critical(
            "unhandled exception in thread %s; crash report: %s",
            name,
            report,
            exc_info=(hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback),
        )
        previous_thread_hook(hook_args)

    sys.excepthook = on_crash
    threading.excepthook = on_thread_crash

    def restore() -> None:
        sys.excepthook, threading.excepthook = previous_hook, previous_thread_hook
        root.removeHandler(handler)
        root.setLevel(previous_level)
        alembic_log.setLevel(previous_alembic_level)
        handler.close()

    logging.getLogger(__name__).info("logging to %s", log_dir / LOG_FILE)
    return LoggingSetup(log_dir, handler, restore)
