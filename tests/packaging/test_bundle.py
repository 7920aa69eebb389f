"""The frozen bundle, built the way the README says, passes its own self-check offscreen in a
clean environment: no virtualenv on PATH, a fresh HOME, nothing inherited from this process.

CI starts clean, so this builds every time (about a minute on 2 cores, more when the machine
is busy). It records the bundle's size and the start-to-self-check-done time in
dist/bundle-test.json (git-ignored) for the release notes and benchmarks/bench_bundle.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "build" / "build_bundle.sh"
SIZE_TARGET_MB = 300  # the bound on the bundle, with the chart library in
TIME_TARGET_S = 1.5  # recorded beside the measurement; speed is `python -m benchmarks bundle`'s
# The bundle measures 295.7 MB with QtCharts (it was 423 MB; the spec's header says what went):
# OpenCV's wheel 108 MB, Qt 63 MB, numpy 42 MB, system libraries 35 MB, Python and the rest.
# dist/bundle-test.json records the size and the self-check's times of each build.


def folder_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def clean_env(home: Path) -> dict[str, str]:
    # only system folders on PATH: no .venv/bin, no python of ours to fall back on
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(home / "tmp"),
    }


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_built_bundle_passes_self_check_in_a_clean_environment(tmp_path):
    # scripts/setup.sh --test installs binutils; without it the build cannot strip or relink
    assert shutil.which("strip"), "binutils is needed: apt install binutils"
    assert shutil.which("ld"), "binutils is needed: apt install binutils"
    dist, work, home = tmp_path / "dist", tmp_path / "work", tmp_path / "home"
    (home / "tmp").mkdir(parents=True)
    started = time.perf_counter()
    built = subprocess.run(
        [str(BUILD_SCRIPT), str(dist)],
        capture_output=True,
        text=True,
        timeout=840,
        env={**os.environ, "LOYALTY_KIOSK_WORKPATH": str(work)},
    )
    build_s = time.perf_counter() - started
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-5000:]
    bundle = dist / "loyalty-kiosk"
    executable = bundle / "loyalty-kiosk"
    assert executable.is_file()

    runs = []
    for _ in range(3):  # the first run pays for a cold page cache; report the best and the first
        t0 = time.perf_counter()
        done = subprocess.run(
            [str(executable), "self-check", "--json"],
            capture_output=True,
            text=True,
            env=clean_env(home),
            cwd=home,
            timeout=120,
        )
        wall = time.perf_counter() - t0
        assert done.returncode == 0, done.stdout + done.stderr
        runs.append((wall, json.loads(done.stdout)))
    report = runs[-1][1]
    items = {item["name"]: item for item in report["items"]}
    assert report["ok"]
    assert report["frozen"]
    assert "offscreen" in items["qt-platform"]["detail"]
    # pyzbar reads through the libzbar inside the bundle (the runtime hook), not the system's
    assert str(bundle) in items["decoder-pyzbar"]["detail"], items["decoder-pyzbar"]
    assert items["database"]["status"] == "pass"
    # the bundle's own builds of two vendored parts: ICU data trimmed to en/de (Qt still collates
    # German) and OpenCV relinked to reference LAPACK (import cv2 resolves all of it, a solve works)
    assert "German collation" in items["qt-platform"]["detail"]
    # the chart library (QtCharts) is in: the Analytics screen's A/B interval chart draws
    assert "analytics chart drawn" in items["qt-platform"]["detail"], items["qt-platform"]
    assert items["opencv"]["status"] == "pass", items["opencv"]
    assert "linear solve ok" in items["opencv"]["detail"]

    size_mb = folder_size_mb(bundle)
    record = {
        "bundle_mb": round(size_mb, 1),
        "self_check_s_from_process_start": [r["seconds_from_process_start"] for _, r in runs],
        "self_check_wall_s": [round(w, 3) for w, _ in runs],
        "build_s": round(build_s, 1),
        "targets": {"bundle_mb": SIZE_TARGET_MB, "self_check_s": TIME_TARGET_S},
    }
    (ROOT / "dist").mkdir(exist_ok=True)  # git-ignored; the figures for the release notes
    (ROOT / "dist" / "bundle-test.json").write_text(json.dumps(record, indent=2) + "\n")
    print(f"\nbundle: {record}")
    assert size_mb < SIZE_TARGET_MB, record
