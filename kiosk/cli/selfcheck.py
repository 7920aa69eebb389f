"""`loyalty-kiosk self-check`: is this installation (source or frozen) able to run the counter?

Each item passes or fails with a reason. Required items decide the exit status; the others
are informational when the thing is simply absent (no camera plugged in, kiosk not paired).
The Qt item runs in a child process of the same executable, started first so it overlaps the
other checks: a platform plugin that cannot load makes Qt abort its process, and self-check
must survive that to say so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

QT_CHILD_TIMEOUT_S = 30.0
QT_ONLY_FLAG = "--qt-probe-only"


@dataclass(frozen=True)
class Item:
    name: str
    status: str  # pass | fail | info
    required: bool
    detail: str
    ms: float = 0.0


def _timed(name: str, required: bool, check: Callable[[], tuple[str, str]]) -> Item:
    """Run one check: it returns (status, detail); an exception is a failure with its reason."""
    started = time.perf_counter()
    try:
        status, detail = check()
    except BaseException as exc:  # ImportError of a missing library included: that is the finding
        if isinstance(exc, KeyboardInterrupt):
            raise
        status, detail = "fail", f"{type(exc).__name__}: {exc}"
    if status == "fail" and not required:
        status = "info"
    return Item(name, status, required, detail, (time.perf_counter() - started) * 1000)


def seconds_since_process_start() -> float | None:
    """From the kernel's record of when this process started (Linux), so the figure includes the
    interpreter's or the frozen bootloader's own start-up, not only our code."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22 of proc(5), counted after the comm field
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return uptime - started_ticks / os.sysconf("SC_CLK_TCK")


def own_command() -> list[str]:
    """How to run this same program again: the bundle's executable, or this interpreter on kiosk."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "kiosk"]


# --- the Qt item -------------------------------------------------------------------------------
def start_qt_child() -> subprocess.Popen:
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):  # the child must import this same kiosk package
        source_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [source_root, env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [*own_command(), "self-check", QT_ONLY_FLAG],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def finish_qt_child(child: subprocess.Popen, started: float) -> Item:
    try:
        out, err = child.communicate(timeout=QT_CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return Item(
            "qt-platform", "fail", True, f"QApplication did not start within {QT_CHILD_TIMEOUT_S:g} s"
        )
    ms = (time.perf_counter() - started) * 1000
    if child.returncode == 0 and out.strip():
        return Item("qt-platform", "pass", True, out.strip().splitlines()[-1], ms)
    why = [line for line in err.strip().splitlines() if line.strip()][-3:]
    platform = os.environ.get("QT_QPA_PLATFORM", "the default platform")
    return Item(
        "qt-platform",
        "fail",
        True,
        f"Qt could not start on {platform} (exit {child.returncode}): {' | '.join(why) or 'no message'}",
        ms,
    )


def run_qt_probe_here(qt_probe: Callable[[], str] | None) -> int:
    """The child's side: print the probe's description, or fail."""
    if qt_probe is None:
        print("the composition root did not hand a Qt probe to the maintenance commands", file=sys.stderr)
        return 2
    print(qt_probe())
    return 0


# --- the in-process items -----------------------------------------------------------------------
def check_decoders() -> list[Item]:
    from kiosk.scanner import probe

    image_holder = []

    def make_image() -> tuple[str, str]:
        image_holder.append(probe.probe_qr_image())
        return "pass", f"QR of {probe.PROBE_TEXT!r} made with segno, {image_holder[0].shape[1]} px wide"

    def zxing() -> tuple[str, str]:
        text = probe.read_with_zxing(image_holder[0])
        return ("pass" if text == probe.PROBE_TEXT else "fail"), f"read {text!r}"

    def pyzbar() -> tuple[str, str]:
        text, library = probe.read_with_pyzbar(image_holder[0])
        return ("pass" if text == probe.PROBE_TEXT else "fail"), f"read {text!r} with {library}"

    def opencv() -> tuple[str, str]:
        works, detail = probe.check_opencv(image_holder[0])
        return ("pass" if works else "fail"), detail

    items = [_timed("qr-image", True, make_image)]
    if not image_holder:
        return items
    return [
        *items,
        _timed("decoder-zxing-cpp", True, zxing),
        _timed("decoder-pyzbar", True, pyzbar),
        _timed("opencv", True, opencv),
    ]


def check_database(work_dir: Path | None) -> Item:
    from kiosk.store.probe import create_and_migrate

    def create() -> tuple[str, str]:
        revision = create_and_migrate(work_dir, datetime.now(UTC))
        where = work_dir or Path(tempfile.gettempdir())
        return "pass", f"created and migrated to {revision} under {where}"

    return _timed("database", True, create)


def check_ledger(data_dir: Path) -> Item:
    from kiosk.store.backups import check_integrity
    from kiosk.store.db import DB_FILENAME

    path = data_dir / DB_FILENAME
    if not path.is_file():
        return Item("ledger", "info", False, f"no ledger yet in {data_dir}")

    def quick() -> tuple[str, str]:
        ok, detail = check_integrity(path, thorough=False)
        if ok:
            return "pass", f"{path} passes quick_check"
        return "fail", f"{path} is damaged ({detail}); run: loyalty-kiosk restore --data-dir {data_dir}"

    return _timed("ledger", True, quick)


def check_keyring_and_cloud(data_dir: Path) -> list[Item]:
    from kiosk.store.probe import read_setting
    from kiosk.sync.credentials import TOKEN_FILE

    try:
        cloud_url = read_setting(data_dir, "cloud_url")
    except Exception as exc:  # a damaged ledger is the ledger item's finding; the cloud is unknown
        cloud_url, unreadable = None, f"{type(exc).__name__}: {exc}"
    else:
        unreadable = ""
    token_in_file = (data_dir / TOKEN_FILE).exists()
    # the device credential lives in the keyring once paired, unless the owner chose the file store
    keyring_required = bool(cloud_url) and not token_in_file

    def keyring_check() -> tuple[str, str]:
        from kiosk.sync.keyring_probe import probe_keyring

        status = probe_keyring()
        why = "" if keyring_required else " (needed only once paired)"
        return ("pass" if status.usable else "fail"), f"{status.backend}: {status.detail}{why}"

    items = [_timed("keyring", keyring_required, keyring_check)]
    if not cloud_url:
        items.append(Item("cloud", "info", False, unreadable or "not paired"))
        return items

    def cloud_check() -> tuple[str, str]:
        from kiosk.sync.cloud_probe import cloud_answers

        ok, detail = cloud_answers(cloud_url)
        return ("pass" if ok else "fail"), detail

    items.append(_timed("cloud", True, cloud_check))
    return items


def check_cameras() -> Item:
    from kiosk.scanner.probe import list_cameras

    def listing() -> tuple[str, str]:
        cameras = list_cameras()
        if not cameras:
            return "fail", "no /dev/video* device (a keyboard-wedge or serial scanner still works)"
        return "pass", "; ".join(f"{c.device} ({c.name})" for c in cameras)

    return _timed("cameras", False, listing)


def run_self_check(data_dir: Path, work_dir: Path | None, qt_probe_available: bool) -> list[Item]:
    started = time.perf_counter()
    child = start_qt_child() if qt_probe_available else None
    try:
        items = [
            *check_decoders(),
            check_database(work_dir),
            check_ledger(data_dir),
            *check_keyring_and_cloud(data_dir),
            check_cameras(),
        ]
    except BaseException:
        if child is not None:  # never leave the child behind (Ctrl-C, a bug in a check)
            child.kill()
            child.communicate()
        raise
    if child is None:
        qt = Item("qt-platform", "fail", True, "no Qt probe wired in (kiosk/__main__.py passes qt_probe)")
    else:
        qt = finish_qt_child(child, started)
    return [qt, *items]


def render(items: list[Item], seconds: float | None) -> str:
    width = max(len(i.name) for i in items)
    lines = [
        "loyalty-kiosk self-check (" + ("frozen bundle" if getattr(sys, "frozen", False) else "source") + ")"
    ]
    for i in items:
        need = "required" if i.required else "optional"
        lines.append(f"  {i.status.upper():4}  {i.name:{width}}  {need}  {i.ms:6.0f} ms  {i.detail}")
    ok = all_required_pass(items)
    took = f"{seconds:.2f} s from process start" if seconds is not None else "time unknown"
    lines.append(f"self-check done in {took}: " + ("all required items pass" if ok else "FAILED"))
    return "\n".join(lines)


def all_required_pass(items: list[Item]) -> bool:
    return all(i.status == "pass" for i in items if i.required)


def as_json(items: list[Item], seconds: float | None) -> str:
    return json.dumps(
        {
            "ok": all_required_pass(items),
            "frozen": bool(getattr(sys, "frozen", False)),
            "seconds_from_process_start": seconds,
            "items": [asdict(i) for i in items],
        },
        indent=2,
    )
