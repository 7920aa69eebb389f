"""Where the device token lives: the OS keyring, through one small interface.

A machine with no usable keyring backend is told so (`NoKeyringBackend`, with the choices);
the kiosk never falls back to a plaintext file on its own. A file store exists only for an
owner who explicitly chooses it, and it is written 0600.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Protocol

import keyring
import keyring.errors
from keyring.backends import chainer, fail

SERVICE = "loyalty-kiosk"
TOKEN_FILE = "device-token"


class CredentialError(RuntimeError):
    pass


class NoKeyringBackend(CredentialError):
    """No OS keyring to keep the device token in. The owner must choose what to do."""

    CHOICES = (
        "install and unlock a keyring (GNOME Keyring / KWallet via Secret Service, macOS Keychain, "
        "Windows Credential Manager) and pair again",
        "explicitly choose the file store: `loyalty-kiosk pair --token-file` keeps the token in a "
        "file only this user can read (0600) in the data folder",
    )

    def __init__(self, backend_name: str) -> None:
        super().__init__(
            f"No usable OS keyring to keep this kiosk's device credential ({backend_name}). "
            "Choose one: " + "; or ".join(self.CHOICES) + "."
        )


class CredentialStore(Protocol):
    def get(self) -> str | None: ...
    def set(self, token: str) -> None: ...
    def delete(self) -> None: ...


def account_for(data_dir: Path) -> str:
    """The keyring user name: one per data folder, so side-by-side kiosks never share a token."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"device-{digest}"


def backend_usable(backend: keyring.backend.KeyringBackend) -> bool:
    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    return True


class KeyringCredentials:
    def __init__(self, account: str, service: str = SERVICE) -> None:
        self.account = account
        self.service = service

    def _backend(self):
        backend = keyring.get_keyring()
        if not backend_usable(backend):
            raise NoKeyringBackend(type(backend).__module__ + "." + type(backend).__name__)
        return backend

    def get(self) -> str | None:
        try:
            return self._backend().get_password(self.service, self.account)
        except keyring.errors.KeyringError as exc:
            raise CredentialError(f"the keyring refused to read the device credential: {exc}") from exc

    def set(self, token: str) -> None:
        try:
            self._backend().set_password(self.service, self.account, token)
        except keyring.errors.KeyringError as exc:
            raise CredentialError(f"the keyring refused to keep the device credential: {exc}") from exc

    def delete(self) -> None:
        try:
            self._backend().delete_password(self.service, self.account)
        except keyring.errors.PasswordDeleteError:
            pass  # already gone: unpairing is idempotent
        except keyring.errors.KeyringError as exc:
            raise CredentialError(f"the keyring refused to delete the device credential: {exc}") from exc


class FileCredentials:
    """The owner's explicit choice on a machine without a keyring: a 0600 file in the data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self) -> str | None:
        try:
            return self.path.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def set(self, token: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".part")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(token)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(self.path)

    def delete(self) -> None:
        self.path.unlink(missing_ok=True)


def credentials_for(data_dir: Path, *, use_file: bool = False) -> CredentialStore:
    """The keyring by default; the file store only when the owner chose it (or chose it before:
    the file's presence is that choice remembered)."""
    file_store = FileCredentials(data_dir / TOKEN_FILE)
    if use_file or file_store.path.exists():
        return file_store
    return KeyringCredentials(account_for(data_dir))
