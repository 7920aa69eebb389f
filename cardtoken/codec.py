"""Versioned, Ed25519-signed card tokens in uppercase base32.

Layout (big-endian), 79 bytes before encoding:

    version u8 | business_id u32 | card_id u64 | key_id u16 | signature 64 bytes

The signature covers a context label plus the first 15 bytes, so a signature made for
some other purpose with the same key can never pass as a card. Base32 without padding
gives 127 characters from A-Z and 2-7: inside QR's alphanumeric set (version 6 at level
M) and safe through keyboard-wedge scanners. Uppercase only: a lowercase letter means a
scanner or keyboard map changed the text, and we say so instead of guessing.
"""

from __future__ import annotations

import base64
import enum
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

VERSION = 1
_HEADER = struct.Struct(">BIQH")
PAYLOAD_LEN = _HEADER.size  # 15
SIGNATURE_LEN = 64
TOKEN_LEN = 127  # ceil((15 + 64) * 8 / 5)
_CONTEXT = b"loyalty-kiosk/card-token/v1\x00"
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
# RFC 4648 base32 digits spelled as int()'s base-32 digits (0-9, A-V): decoding a token is then one
# int() of its 635 bits instead of base64's Python loop (a fifth of a scan's time outside SQLite)
_AS_INT_DIGITS = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHIJKLMNOPQRSTUV")
_SPARE_BITS = TOKEN_LEN * 5 - (PAYLOAD_LEN + SIGNATURE_LEN) * 8  # 3, in the last character


class TokenProblem(enum.Enum):
    """Why a token was refused; each has its own message at the counter."""

    EMPTY = "empty"
    WRONG_LENGTH = "wrong_length"  # truncated or padded: a partial scan
    LOWERCASE = "lowercase"  # caps lock or keyboard map altered the text
    BAD_CHARACTERS = "bad_characters"
    MALFORMED = "malformed"  # the right shape, but not a token of any version
    UNSUPPORTED_VERSION = "unsupported_version"
    BAD_SIGNATURE = "bad_signature"  # forged or tampered
    UNKNOWN_KEY = "unknown_key"


class TokenError(ValueError):
    def __init__(self, problem: TokenProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True, slots=True)
class CardToken:
    business_id: int
    card_id: int
    key_id: int
    signature: bytes
    version: int = VERSION

    @property
    def payload(self) -> bytes:
        return _HEADER.pack(self.version, self.business_id, self.card_id, self.key_id)


def _payload(business_id: int, card_id: int, key_id: int) -> bytes:
    if not 0 <= business_id < 2**32:
        raise ValueError("business_id must fit in 32 bits")
    if not 0 <= card_id < 2**64:
        raise ValueError("card_id must fit in 64 bits")
    if not 0 <= key_id < 2**16:
        raise ValueError("key_id must fit in 16 bits")
    return _HEADER.pack(VERSION, business_id, card_id, key_id)


def sign(private_key: Ed25519PrivateKey, business_id: int, card_id: int, key_id: int) -> CardToken:
    payload = _payload(business_id, card_id, key_id)
    signature = private_key.sign(_CONTEXT + payload)
    return CardToken(business_id, card_id, key_id, signature)


def encode(token: CardToken) -> str:
    raw = token.payload + token.signature
    return base64.b32encode(raw).decode("ascii").rstrip("=")


def decode(text: str) -> CardToken:
    """Parse the text of a token. Checks shape only; call `verify` for the signature."""
    if not text:
        raise TokenError(TokenProblem.EMPTY)
    if len(text) != TOKEN_LEN:
        raise TokenError(TokenProblem.WRONG_LENGTH, f"{len(text)} characters, expected {TOKEN_LEN}")
    if not _ALPHABET.issuperset(text):
        if _ALPHABET.issuperset(text.upper()):
            raise TokenError(TokenProblem.LOWERCASE)
        raise TokenError(TokenProblem.BAD_CHARACTERS)
    bits = int(text.translate(_AS_INT_DIGITS), 32)
    if bits & ((1 << _SPARE_BITS) - 1):
        # the last character carries 3 unused bits; only the canonical spelling (zeros) is a token,
        # so every altered character is caught, not just those the signature covers
        raise TokenError(TokenProblem.MALFORMED, "non-canonical encoding")
    raw = (bits >> _SPARE_BITS).to_bytes(PAYLOAD_LEN + SIGNATURE_LEN, "big")
    version, business_id, card_id, key_id = _HEADER.unpack_from(raw)
    if version == 0:
        raise TokenError(TokenProblem.MALFORMED, "version 0")
    if version != VERSION:
        raise TokenError(TokenProblem.UNSUPPORTED_VERSION, f"version {version}")
    return CardToken(business_id, card_id, key_id, raw[PAYLOAD_LEN:], version)


def verify(token: CardToken, public_key: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(token.signature, _CONTEXT + token.payload)
    except (InvalidSignature, ValueError):
        return False
    return True


def public_key_bytes(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
