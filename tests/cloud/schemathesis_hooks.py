"""Loaded by the schemathesis command (SCHEMATHESIS_HOOKS) in test_schemathesis.py: teaches it
the formats the cloud's OpenAPI document names beyond JSON Schema's own."""

from __future__ import annotations

import base64

import schemathesis
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import strategies as st

import cardtoken


def _public_key(seed: bytes) -> str:
    raw = cardtoken.public_key_bytes(Ed25519PrivateKey.from_private_bytes(seed))
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


# a real key from 32 drawn bytes: deterministic under a seed, and always a point of large order
schemathesis.openapi.format("ed25519-public-key", st.binary(min_size=32, max_size=32).map(_public_key))
