"""Is there an OS keyring this kiosk can keep its device credential in? For self-check.

Only reads: a round trip would write a secret, and a locked Secret Service collection may
pop an unlock prompt, so the read runs on a short-lived thread with a deadline instead of
hanging the check.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import keyring
import keyring.errors

from kiosk.sync.credentials import SERVICE, backend_usable

PROBE_ACCOUNT = "self-check"


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str
    detail: str


def _name(backend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def probe_keyring(timeout_s: float = 5.0) -> KeyringStatus:
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyringrc or backend import: report it, never crash
        return KeyringStatus(False, "?", f"keyring could not choose a backend: {exc}")
    name = _name(backend)
    if not backend_usable(backend):
        return KeyringStatus(
            False, name, "no usable backend (no Secret Service/KWallet session on this desktop?)"
        )
    outcome: list[BaseException | None] = []

    def read_once() -> None:
        try:
            backend.get_password(SERVICE, PROBE_ACCOUNT)
            outcome.append(None)
        except BaseException as exc:  # handed to the caller below
            outcome.append(exc)

    reader = threading.Thread(target=read_once, name="keyring-probe", daemon=True)
    reader.start()
    reader.join(timeout_s)
    if reader.is_alive():
        return KeyringStatus(
            False, name, f"no answer within {timeout_s:g} s (locked, waiting for an unlock prompt?)"
        )
    error = outcome[0]
    if isinstance(error, keyring.errors.KeyringLocked):
        return KeyringStatus(False, name, "the keyring is locked; unlock it at login")
    if error is not None:
        return KeyringStatus(False, name, f"reading failed: {type(error).__name__}: {error}")
    return KeyringStatus(True, name, "reads work")
