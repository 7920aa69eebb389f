"""This installation's identity towards the cloud, kept beside the ledger in the data folder.

A paired kiosk's folder copied to a second till carries the ledger and (with the file store)
the device credential, so nothing inside the copied ledger can tell the two tills apart. The
installation file records where it was made (machine id, folder path, the folder's inode);
a copy finds itself somewhere else and makes a new installation id. A copy that cannot see
the difference (a disk image cloned with its machine id) is caught by the push sequence: each
push takes the next number, which the cloud expects to grow, and two copies reuse numbers.

The file is outside kiosk.sqlite on purpose: restoring a backup of the ledger must not move
the sequence back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from pathlib import Path

INSTALLATION_FILE = "installation.json"
MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))

try:  # POSIX: one writer at a time across processes (the counter and `loyalty-kiosk sync`)
    import fcntl
except ImportError:  # pragma: no cover - Windows: the sync thread is the only writer there
    fcntl = None


def _machine_id() -> str:
    for path in MACHINE_ID_FILES:
        with contextlib.suppress(OSError):
            text = path.read_text(encoding="ascii").strip()
            if text:
                return text
    return os.environ.get("COMPUTERNAME", "")


def fingerprint(data_dir: Path) -> str:
    """Where this folder is: machine, path and inode. A copy differs in at least one."""
    st = data_dir.stat()
    raw = f"{_machine_id()}\0{data_dir.resolve()}\0{st.st_dev}:{st.st_ino}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class Installation:
    """The id of this data folder's installation and its push counter (thread: the sync worker)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / INSTALLATION_FILE

    @contextlib.contextmanager
    def _locked(self):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.data_dir / (INSTALLATION_FILE + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict) -> None:
        tmp = self.path.with_suffix(".part")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(self.path)

    def _current(self) -> dict:
        data = self._read()
        here = fingerprint(self.data_dir)
        if data.get("fingerprint") != here or not data.get("id"):
            # first start, or this folder is a copy of another installation's: a new identity
            made = {"id": str(uuid.uuid4()), "fingerprint": here, "sequence": 0}
            data = {**made, "copied_from": data.get("id")}
            self._write(data)
        return data

    @property
    def id(self) -> str:
        with self._locked():
            return str(self._current()["id"])

    def _take_next(self) -> tuple[str, int]:
        data = self._current()
        data["sequence"] = int(data.get("sequence") or 0) + 1
        self._write(data)
        return str(data["id"]), data["sequence"]

    def next_sequence(self) -> tuple[str, int]:
        """(installation id, the next push number), the number on disk before it is sent."""
        with self._locked():
            return self._take_next()

    @contextlib.contextmanager
    def pushing(self):
        """The next push number, held until the push is answered: the kiosk's sync thread and a
        `loyalty-kiosk sync` of the same folder push one after the other, so the cloud never sees
        one installation's numbers arrive out of order (which is what two copies look like)."""
        with self._locked():
            yield self._take_next()
