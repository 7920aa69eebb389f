"""`loyalty-kiosk self-check` from source: passes here offscreen, fails with the reason when an
item is broken. Each run is a real process, as on a counter PC."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from kiosk.scanner.probe import list_cameras
from kiosk.store import open_store
from kiosk.store.meta import put_setting

ROOT = Path(__file__).resolve().parents[2]


def self_check(data_dir: Path, *extra: str, **env: str) -> tuple[int, dict]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **env}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "self-check", "--json", "--data-dir", str(data_dir), *extra],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


def items_of(report: dict) -> dict[str, dict]:
    return {item["name"]: item for item in report["items"]}


def test_passes_offscreen_in_source_form(tmp_path):
    status, report = self_check(tmp_path / "data")
    items = items_of(report)
    assert (status, report["ok"]) == (0, True), json.dumps(report, indent=2)
    for name in ("qt-platform", "decoder-zxing-cpp", "decoder-pyzbar", "opencv", "database"):
        assert (items[name]["status"], items[name]["required"]) == ("pass", True), items[name]
    assert "offscreen" in items["qt-platform"]["detail"]
    assert "German collation" in items["qt-platform"]["detail"]
    assert "read 'LOYALTY-KIOSK-SELF-CHECK'" in items["opencv"]["detail"]
    assert "linear solve ok" in items["opencv"]["detail"]
    assert items["cloud"]["status"] == "info"
    assert "not paired" in items["cloud"]["detail"]
    assert 0 < report["seconds_from_process_start"] < 10


def test_table_output_names_every_item_and_the_time(tmp_path):
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "self-check", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for word in (
        "PASS  qt-platform",
        "decoder-pyzbar",
        "database",
        "keyring",
        "cameras",
        "from process start",
    ):
        assert word in done.stdout


def test_unwritable_work_dir_fails_the_database_item(tmp_path):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("a file where a folder should be")
    status, report = self_check(tmp_path / "data", "--work-dir", str(not_a_folder))
    database = items_of(report)["database"]
    assert status == 1
    assert not report["ok"]
    assert database["status"] == "fail", database
    assert "a-file" in database["detail"], database


def test_a_qt_platform_that_cannot_load_is_reported_not_crashed_on(tmp_path):
    status, report = self_check(tmp_path / "data", QT_QPA_PLATFORM="no-such-platform")
    qt = items_of(report)["qt-platform"]
    assert status == 1
    assert qt["status"] == "fail"
    assert "no-such-platform" in qt["detail"], qt
    assert "platform plugin" in qt["detail"], qt
    assert items_of(report)["decoder-zxing-cpp"]["status"] == "pass", "the other checks still ran"


def _paired_data_dir(folder: Path, cloud_url: str) -> Path:
    store = open_store(folder, now=datetime.now(UTC))
    with store.transaction() as conn:
        put_setting(conn, "cloud_url", cloud_url)
    store.close()
    return folder


def test_paired_kiosk_without_keyring_or_cloud_fails_with_reasons(tmp_path):
    data = _paired_data_dir(tmp_path / "data", "http://127.0.0.1:9")  # discard port: nothing answers
    status, report = self_check(data, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    items = items_of(report)
    assert status == 1
    assert items["keyring"]["required"]
    assert items["keyring"]["status"] == "fail"
    assert "fail.Keyring" in items["keyring"]["detail"]
    assert "no usable backend" in items["keyring"]["detail"]
    assert items["cloud"]["status"] == "fail"
    assert "127.0.0.1:9" in items["cloud"]["detail"]
    assert items["ledger"]["status"] == "pass"


def test_unpaired_kiosk_without_keyring_still_passes(tmp_path):
    status, report = self_check(tmp_path / "data", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    keyring_item = items_of(report)["keyring"]
    assert status == 0
    assert keyring_item["status"] == "info"
    assert not keyring_item["required"]


def test_cameras_are_listed_from_dev_without_opening_them(tmp_path):
    dev, sysfs = tmp_path / "dev", tmp_path / "sys"
    dev.mkdir()
    for name in ("video10", "video2", "video0", "vhci", "videox"):
        (dev / name).touch()
    (sysfs / "video2").mkdir(parents=True)
    (sysfs / "video2" / "name").write_text("USB Camera\n")
    cameras = list_cameras(dev, sysfs)
    assert [c.device for c in cameras] == [str(dev / n) for n in ("video0", "video2", "video10")]
    assert cameras[1].name == "USB Camera"
    assert cameras[0].name == "unknown"
