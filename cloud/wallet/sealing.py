"""Wallet secrets at rest: the pass certificate's private key and each pass's authentication
token, sealed with AES-256-GCM under the cloud's key-encryption key (cloud/keyseal.py), never
stored as they are. The associated data names what a sealed value is and whose, so a value
copied to another row (another business's key, another pass's token) does not open."""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from cloud.keyseal import KeySealError, decode_kek, load_or_create_kek
from cloud.settings import Settings

_VERSION = b"\x01"
_NONCE_BYTES = 12


class WalletSealer:
    def __init__(self, kek: bytes) -> None:
        self._aead = AESGCM(kek)

    def seal(self, raw: bytes, context: str) -> bytes:
        nonce = secrets.token_bytes(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, raw, self._label(context))

    def open(self, stored: bytes, context: str) -> bytes:
        if not stored.startswith(_VERSION) or len(stored) <= 1 + _NONCE_BYTES:
            raise KeySealError(f"the wallet secret {context} is in no form this cloud knows")
        nonce, sealed = stored[1 : 1 + _NONCE_BYTES], stored[1 + _NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, self._label(context))
        except InvalidTag as exc:
            raise KeySealError(
                f"the wallet secret {context} does not open with this key-encryption key"
            ) from exc

    @staticmethod
    def _label(context: str) -> bytes:
        return f"loyalty-cloud wallet {context}".encode()


def wallet_sealer(settings: Settings) -> WalletSealer:
    """Under the same key-encryption key as the signing keys (option, variable or data-folder file)."""
    if settings.key_encryption_key:
        return WalletSealer(decode_kek(settings.key_encryption_key))
    if settings.data_dir is None:
        raise KeySealError("no key-encryption key: set LOYALTY_CLOUD_KEY_ENCRYPTION_KEY or a data folder")
    return WalletSealer(load_or_create_kek(settings.data_dir))


def config_key_context(business_id: int) -> str:
    return f"pass certificate key {business_id}"


def pass_token_context(serial: str) -> str:
    return f"pass authentication token {serial}"
