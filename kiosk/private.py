"""The kiosk's files are the shop owner's alone: folders 0700, files 0600.

The data folder holds customers' personal data, staff PIN hashes and the kiosk's Ed25519
private key (kiosk.sqlite and its -wal/-shm, backups/), settings.json, exports and logs. With a
world-readable ledger any account on the PC could copy it and try every 4-digit PIN offline,
where the 5-try lockout does not apply. New files: the process's umask (077) set by the
composition root; SQLite gives the -wal/-shm the ledger's own mode. Existing installations:
restrict_tree at every start chmods what is there.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077
DIR_MODE = 0o700
FILE_MODE = 0o600

log = logging.getLogger(__name__)


def keep_new_files_private() -> None:
    os.umask(PRIVATE_UMASK)


def make_private(path: Path) -> bool:
    """chmod one folder to 0700 or one file to 0600 (symlinks and others' files left alone).
    True when it changed something."""
    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode) or st.st_uid != os.geteuid():
            return False
        wanted = DIR_MODE if stat.S_ISDIR(st.st_mode) else FILE_MODE
        if stat.S_IMODE(st.st_mode) == wanted or not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
            return False
        os.chmod(path, wanted)
        return True
    except OSError as exc:  # read-only media, a file gone meanwhile: nothing to do about it here
        log.debug("cannot make %s private: %s", path, exc)
        return False


def restrict_tree(folder: Path) -> int:
    """Make `folder` and everything under it private; returns how many modes changed."""
    if not folder.is_dir():
        return 0
    changed = int(make_private(folder))
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            changed += make_private(Path(root) / name)
    if changed:
        log.info("made %d file(s) and folder(s) in %s readable by their owner only", changed, folder)
    return changed
