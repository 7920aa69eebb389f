"""Loaded by the schemathesis command (SCHEMATHESIS_HOOKS) in test_schemathesis.py: teaches it
the formats the cloud's OpenAPI document names beyond JSON Schema's own."""

from __future__ import annotations

import base64
import os

import schemathesis
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import strategies as st

import cardtoken


def _public_key(seed: bytes) -> str:
    raw = cardtoken.public_key_bytes(Ed25519PrivateKey.from_private_bytes(seed))
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


# a real key from 32 drawn bytes: deterministic under a seed, and always a point of large order
schemathesis.openapi.format("ed25519-public-key", st.binary(min_size=32, max_size=32).map(_public_key))


# A card is issued for an offer: random ids never name one, so positive cases name the offer the
# test made (schemathesis' own advice: supply the identifiers the API needs). With it the stateful
# phase walks customer -> card -> the card's reads, flag and revocation.
@schemathesis.hook.apply_to(method="POST", path="/api/v1/customers/{customer_id}/cards")
def map_case(context, case):
    offer = os.environ.get("LOYALTY_SCHEMATHESIS_OFFER_ID")
    positive = case.meta is None or case.meta.generation.mode.is_positive
    if offer and positive and isinstance(case.body, dict) and "program_id" in case.body:
        case.body = {**case.body, "program_id": offer}
    return case
