"""The frozen bundle: its size on disk and as a download, and the time from start to self-check done.

Uses dist/loyalty-kiosk when it is there; builds it (build/build_bundle.sh) when not, unless
--quick, which then reports nothing rather than spend a minute building.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tarfile
import tempfile
from pathlib import Path

from benchmarks._table import Row

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "loyalty-kiosk"
SIZE_TARGET_MB = 300
TIME_TARGET_S = 1.5


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def _archive_mb(folder: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "bundle.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(folder, arcname=folder.name)
        return archive.stat().st_size / 1e6


def _self_check_seconds(runs: int) -> list[float]:
    seconds = []
    with tempfile.TemporaryDirectory() as home:
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
        for _ in range(runs):
            done = subprocess.run(
                [str(BUNDLE / "loyalty-kiosk"), "self-check", "--json"],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
                check=False,
            )
            report = json.loads(done.stdout)
            if not report["ok"]:
                raise RuntimeError(f"the bundle's self-check failed: {done.stdout}")
            seconds.append(report["seconds_from_process_start"])
    return seconds


def run(quick: bool) -> list[Row]:
    if not (BUNDLE / "loyalty-kiosk").exists():
        if quick:
            return [
                Row("bundle", "not built", "skipped", notes="run build/build_bundle.sh, or without --quick")
            ]
        subprocess.run([str(ROOT / "build" / "build_bundle.sh")], check=True, env=dict(os.environ))
    size = _size_mb(BUNDLE)
    rows = [Row("bundle", "size on disk", f"{size:.0f} MB", f"< {SIZE_TARGET_MB} MB", size < SIZE_TARGET_MB)]
    if not quick:
        rows.append(
            Row("bundle", "as .tar.gz", f"{_archive_mb(BUNDLE):.0f} MB", notes="what a shop downloads")
        )
    seconds = _self_check_seconds(3 if quick else 7)
    median = statistics.median(seconds)
    rows.append(
        Row(
            "bundle",
            "start to self-check done (median)",
            f"{median:.2f} s",
            f"< {TIME_TARGET_S} s",
            median < TIME_TARGET_S,
            notes=f"{len(seconds)} runs, min {min(seconds):.2f} s, offscreen",
        )
    )
    return rows
