"""The owner's Google Wallet credentials: her issuer id and the service-account key file Google
gives (JSON: client_email, private_key, private_key_id, token_uri, ...), read and checked before
anything is stored; and the two RS256 JWTs the key signs: the OAuth assertion that buys an access
token for the Wallet REST API, and the "Add to Google Wallet" save link.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cloud.wallet.credentials import WalletSetupError

SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer"
ISSUER_ID = re.compile(r"^[0-9]{1,32}$")
EMAIL = re.compile(r"^[^@\s]{1,200}@[^@\s]{1,200}$")
ASSERTION_LIFETIME = timedelta(hours=1)  # Google's most for a JWT-bearer assertion
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class GoogleSetupError(WalletSetupError):
    """An issuer id or key file that cannot talk to Google Wallet; the message says what is wrong."""


@dataclass(frozen=True)
class GoogleCredentials:
    issuer_id: str
    client_email: str
    key_id: str
    token_uri: str
    private_key: rsa.RSAPrivateKey

    def private_key_der(self) -> bytes:
        """The key unencrypted (PKCS#8 DER): only ever handed to the sealer."""
        return self.private_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    def _sign(self, claims: dict) -> str:
        headers = {"kid": self.key_id} if self.key_id else None
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers=headers)

    def token_assertion(self, now: datetime) -> str:
        """The JWT-bearer grant's assertion (RFC 7523) for the Wallet issuer scope."""
        return self._sign(
            {
                "iss": self.client_email,
                "scope": SCOPE,
                "aud": self.token_uri,
                "iat": int(now.timestamp()),
                "exp": int((now + ASSERTION_LIFETIME).timestamp()),
            }
        )

    def save_jwt(self, object_id: str, now: datetime) -> str:
        """The "Add to Google Wallet" JWT: it names only the object (inserted beforehand through
        the REST API), which keeps the link far below the 1,800 characters browsers carry."""
        return self._sign(
            {
                "iss": self.client_email,
                "aud": "google",
                "typ": "savetowallet",
                "iat": int(now.timestamp()),
                "origins": [],
                "payload": {"loyaltyObjects": [{"id": object_id}]},
            }
        )


def _text(key: dict, name: str) -> str:
    value = key.get(name)
    if not isinstance(value, str) or not value.strip():
        raise GoogleSetupError(f"the key file has no {name}: download the service account's JSON key again")
    return value.strip()


def _token_uri(value: str) -> str:
    parts = urlsplit(value)
    plain_ok = parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS  # a local stand-in only
    if not parts.hostname or (parts.scheme != "https" and not plain_ok):
        raise GoogleSetupError(f"the key file's token_uri {value!r} is not an https address")
    return value


def _rsa_key(pem: str) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as exc:
        raise GoogleSetupError("the key file's private_key is not an unencrypted PEM private key") from exc
    if not isinstance(key, rsa.RSAPrivateKey):
        raise GoogleSetupError("the key file's private_key must be an RSA key (Google issues RSA)")
    return key


def load_google_credentials(key_file: str | bytes, issuer_id: str) -> GoogleCredentials:
    """Checked credentials, or GoogleSetupError saying what is wrong."""
    issuer = (issuer_id or "").strip()
    if not ISSUER_ID.match(issuer):
        raise GoogleSetupError(
            f"{issuer_id!r} is not a Google Wallet issuer id (the number the Pay & Wallet console shows)"
        )
    try:
        key = json.loads(key_file)
    except (ValueError, UnicodeDecodeError) as exc:
        raise GoogleSetupError(
            "the service-account key is not JSON: upload the .json file Google gave"
        ) from exc
    if not isinstance(key, dict):
        raise GoogleSetupError("the service-account key is not a JSON object: upload the .json file")
    if key.get("type", "service_account") != "service_account":
        raise GoogleSetupError(f"the key file is of type {key.get('type')!r}, not a service account's key")
    email = _text(key, "client_email")
    if not EMAIL.match(email):
        raise GoogleSetupError(f"the key file's client_email {email!r} is not an email address")
    key_id = key.get("private_key_id") or ""
    if not isinstance(key_id, str) or len(key_id) > 64:
        raise GoogleSetupError("the key file's private_key_id is not a key id")
    credentials = GoogleCredentials(
        issuer, email, key_id, _token_uri(_text(key, "token_uri")), _rsa_key(_text(key, "private_key"))
    )
    credentials.save_jwt(f"{issuer}.check", datetime.fromtimestamp(0).astimezone())  # a key PyJWT refuses
    return credentials


def credentials_from_stored(
    issuer_id: str, client_email: str, key_id: str, token_uri: str, key_der: bytes
) -> GoogleCredentials:
    # checked in full when it was uploaded; the RSA consistency check is slow and this runs per job
    key = serialization.load_der_private_key(key_der, password=None, unsafe_skip_rsa_key_validation=True)
    return GoogleCredentials(issuer_id, client_email, key_id, token_uri, key)  # type: ignore[arg-type]
