"""Business signing keys at rest: sealed with a key-encryption key kept outside the database.

The cloud holds each business's Ed25519 private key, to sign the cards it issues (the dashboard,
the public signup form). Whoever reads that key can mint cards for the business, so the key is
never stored as it is: it is sealed with AES-256-GCM under a key-encryption key (KEK) that lives
in a file of the data folder (`key-encryption-key`, mode 0600) or in
LOYALTY_CLOUD_KEY_ENCRYPTION_KEY, never in the database. A database dump or backup alone then
holds no usable private key. The business id and key id are the AES-GCM associated data, so a
sealed key copied to another business's row does not open.

Sealed form: b"\\x01" + 12-byte nonce + ciphertext and tag (61 bytes for a 32-byte key). A
32-byte value is a key from before sealing; `seal_plaintext_keys` seals those at start-up.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.models import SigningKey
from cloud.settings import secret_file

KEK_FILE = "key-encryption-key"
_VERSION = b"\x01"
_NONCE_BYTES = 12
RAW_KEY_BYTES = 32


class KeySealError(Exception):
    """The key-encryption key is missing, malformed, or not the one the keys were sealed with."""


class KeySealer:
    def __init__(self, kek: bytes) -> None:
        if len(kek) != 32:
            raise KeySealError("the key-encryption key must be 32 bytes (base64url, 43 characters)")
        self._aead = AESGCM(kek)

    @staticmethod
    def _context(business_id: int, key_id: int) -> bytes:
        return f"loyalty-cloud signing key {business_id}/{key_id}".encode()

    def seal(self, raw: bytes, business_id: int, key_id: int) -> bytes:
        nonce = secrets.token_bytes(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, raw, self._context(business_id, key_id))

    def open(self, stored: bytes, business_id: int, key_id: int) -> bytes:
        """The raw private key; a key from before sealing (32 raw bytes) comes back as it is."""
        if len(stored) == RAW_KEY_BYTES:
            return stored
        if not stored.startswith(_VERSION) or len(stored) <= 1 + _NONCE_BYTES:
            raise KeySealError(f"signing key {business_id}/{key_id} is in no form this cloud knows")
        nonce, sealed = stored[1 : 1 + _NONCE_BYTES], stored[1 + _NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, self._context(business_id, key_id))
        except InvalidTag as exc:
            raise KeySealError(
                f"signing key {business_id}/{key_id} does not open with this key-encryption key: "
                f"is {KEK_FILE} (or LOYALTY_CLOUD_KEY_ENCRYPTION_KEY) the one this database was made with?"
            ) from exc


def decode_kek(text: str) -> bytes:
    try:
        kek = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except (binascii.Error, ValueError) as exc:
        raise KeySealError("the key-encryption key is not base64url text") from exc
    if len(kek) != 32:
        raise KeySealError("the key-encryption key must be 32 bytes (base64url, 43 characters)")
    return kek


def load_or_create_kek(data_dir: Path) -> bytes:
    """The KEK file of the data folder, made on first use (0600), like the JWT secret."""

    def make() -> str:
        return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")

    return decode_kek(secret_file(data_dir / KEK_FILE, make))


def sealer_for(key_encryption_key: str, data_dir: Path | None) -> KeySealer:
    if key_encryption_key:
        return KeySealer(decode_kek(key_encryption_key))
    if data_dir is None:
        raise KeySealError("no key-encryption key: set LOYALTY_CLOUD_KEY_ENCRYPTION_KEY or a data folder")
    return KeySealer(load_or_create_kek(data_dir))


def seal_plaintext_keys(session: Session, sealer: KeySealer) -> int:
    """Seal every private key still stored as it is, and check the others open with this KEK
    (a wrong KEK stops the start-up with a clear message instead of failing card by card)."""
    rows = session.scalars(select(SigningKey).where(SigningKey.private_key.is_not(None))).all()
    sealed = 0
    for row in rows:
        raw = sealer.open(row.private_key, row.business_id, row.key_id)
        if len(row.private_key) == RAW_KEY_BYTES:
            row.private_key = sealer.seal(raw, row.business_id, row.key_id)
            sealed += 1
    return sealed
