"""The owner's APNs token-auth key: the .p8 file Apple hands out once (an EC P-256 private key in
PKCS#8 PEM), its 10-character key id and the team id. Pushes to Wallet carry a short-lived ES256
token signed with it. Checked in full before anything is stored; stored sealed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.orm import Session

from cloud.models import WalletApnsKey
from cloud.wallet.credentials import TEAM_ID, WalletSetupError
from cloud.wallet.sealing import WalletSealer

KEY_ID = re.compile(r"^[A-Z0-9]{10}$")


@dataclass(frozen=True)
class ApnsKey:
    key_id: str
    team_id: str
    private_key: ec.EllipticCurvePrivateKey

    def private_key_der(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    def __repr__(self) -> str:  # never the key, whoever logs this
        return f"ApnsKey(key_id={self.key_id!r}, team_id={self.team_id!r})"


def load_apns_key(data: bytes, key_id: str | None, team_id: str | None) -> ApnsKey:
    """A checked key, or WalletSetupError saying what to fix."""
    key_id, team_id = (key_id or "").strip(), (team_id or "").strip()
    if not KEY_ID.match(key_id):
        raise WalletSetupError(
            f"the APNs key id {key_id!r} is not a key id: give the 10 letters and digits Apple shows "
            "next to the key (e.g. ABC123DEFG)"
            if key_id
            else "the APNs key needs its key id (10 letters and digits, e.g. ABC123DEFG)"
        )
    if not TEAM_ID.match(team_id):
        raise WalletSetupError(f"{team_id!r} is not a team identifier (e.g. A1B2C3D4E5)")
    try:
        if b"-----BEGIN" in data:
            key = serialization.load_pem_private_key(data, password=None)
        else:
            key = serialization.load_der_private_key(data, password=None)
    except TypeError as exc:
        raise WalletSetupError("the APNs key is encrypted: upload the .p8 file as Apple issued it") from exc
    except (ValueError, UnsupportedAlgorithm) as exc:
        hint = " (that is a certificate)" if b"CERTIFICATE" in data else ""
        raise WalletSetupError(f"the APNs key is not a private key in .p8 (PEM) form{hint}") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise WalletSetupError("the APNs key must be an EC P-256 key (the .p8 file Apple issues)")
    return ApnsKey(key_id, team_id, key)


def apns_key_context(business_id: int) -> str:
    return f"apns key {business_id}"


def save_apns_key(session: Session, business_id: int, key: ApnsKey, sealer: WalletSealer, now: datetime):
    row = session.get(WalletApnsKey, business_id) or WalletApnsKey(business_id=business_id)
    row.key_id, row.team_id, row.updated_at = key.key_id, key.team_id, now
    row.private_key = sealer.seal(key.private_key_der(), apns_key_context(business_id))
    session.add(row)
    session.flush()
    return row


def stored_apns_key(session: Session, business_id: int, sealer: WalletSealer) -> ApnsKey | None:
    row = session.get(WalletApnsKey, business_id)
    if row is None:
        return None
    der = sealer.open(row.private_key, apns_key_context(business_id))
    return ApnsKey(row.key_id, row.team_id, serialization.load_der_private_key(der, password=None))  # type: ignore[arg-type]
