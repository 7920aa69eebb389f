"""Telling a full disk and read-only media apart from a damaged ledger.

SQLite reports all three as a DatabaseError, and a full disk can surface as "disk I/O error"
(a WAL or -shm page it could not extend) as well as "database or disk is full". Calling a full
disk "damaged" sends the operator to `restore`, which then fails too (it needs room for a copy),
so every path that says "damaged" first asks here: is the folder out of space, or read-only?
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain.refusals import StorageProblem

# below this much free space a write of a page or a WAL frame may fail: treat the disk as full
LOW_SPACE_BYTES = 1 << 20


@dataclass(frozen=True)
class Diagnosis:
    problem: StorageProblem
    folder: Path
    free_bytes: int | None
    detail: str

    def advice(self, need_bytes: int | None = None) -> str:
        """One line for the operator: what is wrong and what to do (no final full stop: it is
        often embedded in a sentence)."""
        if self.problem is StorageProblem.FULL:
            need = f"at least {mb(need_bytes)}" if need_bytes else "space"
            return (
                f"the disk holding {self.folder} is full ({mb(self.free_bytes or 0)} free): "
                f"free {need} on it (old files in its backups/ folder, or elsewhere on that disk), "
                "then try again. The ledger is not damaged; nothing recorded is lost"
            )
        if self.problem is StorageProblem.READ_ONLY:
            return (
                f"{self.folder} is on read-only storage or not writable by this user: "
                "remount it read-write or fix its permissions, then try again. The ledger is not damaged"
            )
        if self.problem is StorageProblem.DAMAGED:
            return f"the database file is damaged ({self.detail})"
        return self.detail


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def writable(folder: Path) -> bool:
    """Can this process create a file in `folder`? (read-only mounts, wrong owner)"""
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    if st.f_flag & os.ST_RDONLY:
        return False
    return os.access(folder, os.W_OK)


def _says_full(detail: str) -> bool:
    return "disk is full" in detail or "No space left" in detail or f"[Errno {errno.ENOSPC}]" in detail


def _says_read_only(detail: str) -> bool:
    return "readonly" in detail or "read-only" in detail or f"[Errno {errno.EROFS}]" in detail


def _says_damaged(detail: str) -> bool:
    return "malformed" in detail or "not a database" in detail


def diagnose(folder: Path, detail: str = "") -> Diagnosis:
    """Why SQLite (or a file write) failed in `folder`, from its words and the file system's state.

    The file system's state wins over the words: a full disk is called full whatever SQLite said
    (a damaged-looking read of a half-written -shm page on a full disk is not damage).
    """
    free = free_bytes(folder)
    if _says_full(detail) or (free is not None and free < LOW_SPACE_BYTES):
        return Diagnosis(StorageProblem.FULL, folder, free, detail)
    if _says_read_only(detail) or not writable(folder):
        return Diagnosis(StorageProblem.READ_ONLY, folder, free, detail)
    if _says_damaged(detail):
        return Diagnosis(StorageProblem.DAMAGED, folder, free, detail)
    return Diagnosis(StorageProblem.OTHER, folder, free, detail)


def storage_trouble(folder: Path, detail: str = "") -> Diagnosis | None:
    """A full or read-only folder (not damage, not something else), or None."""
    found = diagnose(folder, detail)
    return found if found.problem in (StorageProblem.FULL, StorageProblem.READ_ONLY) else None
