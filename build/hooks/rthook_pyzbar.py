"""Runtime hook: let pyzbar load the libzbar carried inside the bundle.

pyzbar calls ctypes.util.find_library("zbar"), which searches the system (ldconfig) and
would miss the bundled copy on a PC without libzbar0 - or pick a different version.
It binds find_library at import time, so it must be replaced before pyzbar is imported,
which is what a runtime hook is for.
"""

import ctypes.util
import glob
import os
import sys

# PyInstaller keeps the library's real file name (libzbar.so.0.3.0) and may add a soname link
_BUNDLED_ZBAR = sorted(glob.glob(os.path.join(getattr(sys, "_MEIPASS", ""), "libzbar.so*")), key=len)
_system_find_library = ctypes.util.find_library


def _find_library(name):
    if name == "zbar" and _BUNDLED_ZBAR and os.path.exists(_BUNDLED_ZBAR[0]):
        return _BUNDLED_ZBAR[0]
    return _system_find_library(name)


ctypes.util.find_library = _find_library
