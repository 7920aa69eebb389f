"""The kiosk's data folder on a real small file system (a tmpfs mounted for the test) that fills
up, and then turns read-only: the operator's commands tell that apart from a damaged ledger.

Before: every command said "the database is damaged … restore it", `integrity` said DAMAGED and
`restore` crashed with a traceback, leaving a 0-byte kiosk.sqlite.restoring behind."""

from __future__ import annotations

import errno
import json
import os
import subprocess
from pathlib import Path

import pytest

from kiosk.store.db import DB_FILENAME
from tests.store.test_backups import kiosk_cli

SIZE = "8m"  # the demo shop is about 3 MB with its WAL; the rest is filled up


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=30)


@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (the test command runs as root)")
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount("-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(disk))
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True, timeout=30)


def _fill(disk: Path) -> Path:
    """Write a file until the file system says it is full (bounded by the mount's size)."""
    filler = disk / "filler"
    chunk = b"\0" * 65536
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for _ in range(10_000):
            try:
                os.write(fd, chunk)
            except OSError as exc:
                full = exc.errno
                break
        else:
            raise AssertionError("the small disk never filled up")
    finally:
        os.close(fd)
    assert full == errno.ENOSPC
    return filler


def _files(data: Path) -> set[str]:
    return {str(p.relative_to(data)) for p in data.rglob("*")}


def _json(done: subprocess.CompletedProcess) -> dict:
    return json.loads(done.stdout)


def _not_called_damaged(done: subprocess.CompletedProcess) -> None:
    text = done.stdout + done.stderr
    assert "Traceback" not in text, text
    assert "is damaged" not in text, text
    assert "DAMAGED" not in text, text


def test_a_full_disk_is_not_a_damaged_ledger(small_disk):
    data = small_disk / "kiosk"
    assert kiosk_cli("demo", "--data-dir", data).returncode == 0
    assert kiosk_cli("backup", "--data-dir", data).returncode == 0
    token, other = (
        p.read_text().split("\n")[3].strip() for p in sorted((data / "demo-qr").glob("*.txt"))[:2]
    )
    stamps = _json(kiosk_cli("card", token, "--data-dir", data))["card"]["stamps"]
    filler = _fill(small_disk)
    before = _files(data)

    # read-only commands work, and say what is wrong with the disk
    for args in (["card", token], ["status"], ["lookup", "Ana"], ["report"]):
        done = kiosk_cli(*args, "--data-dir", data)
        assert done.returncode == 0, done.stdout + done.stderr
        _not_called_damaged(done)
        assert "is full" in done.stderr
        assert str(data) in done.stderr, "the message names the folder"
    assert _json(kiosk_cli("card", token, "--data-dir", data))["card"]["stamps"] == stamps

    checked = kiosk_cli("integrity", "--data-dir", data)
    _not_called_damaged(checked)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert ": ok" in checked.stdout
    assert "is full" in checked.stderr

    # a stamp is refused as machine trouble (1), saying the disk is full, and nothing is recorded
    scanned = kiosk_cli("scan", token, "--data-dir", data)
    _not_called_damaged(scanned)
    assert scanned.returncode == 1
    refused = _json(scanned)["refused"]
    assert refused["reason"] == "storage_failed"
    assert "is full" in refused["message"]

    # following the old advice no longer crashes: it changes nothing, says how much to free
    restored = kiosk_cli("restore", "--force", "--data-dir", data)
    _not_called_damaged(restored)
    assert restored.returncode == 1
    assert "free at least" in restored.stderr
    assert "MB" in restored.stderr
    backed = kiosk_cli("backup", "--data-dir", data)
    _not_called_damaged(backed)
    assert backed.returncode == 1
    assert "is full" in backed.stderr
    assert _files(data) == before, "no stray file: no .restoring, no .part, no -wal/-shm left"

    # space freed: the stamp goes through and nothing was lost meanwhile
    filler.unlink()
    scanned = kiosk_cli("scan", token, "--data-dir", data)
    assert scanned.returncode == 0, scanned.stdout + scanned.stderr
    assert _json(kiosk_cli("card", token, "--data-dir", data))["card"]["stamps"] == stamps + 1

    # read-only media: reading still works; writing is refused as read-only storage, not damage
    _mount("-o", "remount,ro", str(small_disk))
    done = kiosk_cli("card", token, "--data-dir", data)
    assert done.returncode == 0, done.stdout + done.stderr
    _not_called_damaged(done)
    assert "read-only" in done.stderr
    assert _json(done)["card"]["stamps"] == stamps + 1
    scanned = kiosk_cli("scan", other, "--data-dir", data)  # another card: the first one is in its cooldown
    _not_called_damaged(scanned)
    assert scanned.returncode == 1
    assert "read-only" in _json(scanned)["refused"]["message"]
    checked = kiosk_cli("integrity", "--data-dir", data)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not (data / f"{DB_FILENAME}.restoring").exists()
