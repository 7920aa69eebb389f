"""The cloud's data folder is its operator's alone: folder 0700, files 0600.

It holds the SQLite database (every business's customers), the JWT secret and the sealed
signing keys. New files get the process umask 077 (set by `loyalty-cloud`); what an older
installation left readable is chmodded at every start. (The kiosk has its own kiosk/private.py:
the two packages never import each other.)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077


def restrict_tree(folder: Path) -> int:
    """chmod `folder` and every folder under it to 0700 and every file to 0600 (our own, no
    symlinks); returns how many changed."""
    if not folder.is_dir():
        return 0
    changed = 0
    for path in (folder, *folder.rglob("*")):
        try:
            st = path.lstat()
            if st.st_uid != os.geteuid() or not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
                continue
            wanted = 0o700 if stat.S_ISDIR(st.st_mode) else 0o600
            if stat.S_IMODE(st.st_mode) != wanted:
                os.chmod(path, wanted)
                changed += 1
        except OSError:  # gone meanwhile, or read-only media: nothing to fix there
            continue
    return changed
