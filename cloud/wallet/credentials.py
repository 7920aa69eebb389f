"""The owner's Apple pass certificate: read, checked, and used to sign a pass's manifest.

Apple issues a pass type certificate per pass type identifier (its UID attribute) and team (its
OU); it is signed by Apple's WWDR intermediate, which a pass's signature must carry. Every
check happens before anything is stored, each with a message that says what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

PASS_TYPE_ID = re.compile(r"^pass\.[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
TEAM_ID = re.compile(r"^[A-Z0-9]{10}$")
SIGN_OPTIONS = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]


class WalletSetupError(ValueError):
    """Uploaded pass credentials that cannot sign passes; the message says what is wrong."""


@dataclass(frozen=True)
class AppleCredentials:
    pass_type_id: str
    team_id: str
    certificate: x509.Certificate
    private_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    wwdr: x509.Certificate

    def sign(self, manifest: bytes) -> bytes:
        """A detached PKCS#7 signature (DER) of the manifest, carrying the WWDR certificate."""
        return (
            pkcs7.PKCS7SignatureBuilder()
            .set_data(manifest)
            .add_signer(self.certificate, self.private_key, hashes.SHA256())
            .add_certificate(self.wwdr)
            .sign(serialization.Encoding.DER, SIGN_OPTIONS)
        )

    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def wwdr_pem(self) -> bytes:
        return self.wwdr.public_bytes(serialization.Encoding.PEM)

    def private_key_der(self) -> bytes:
        """The key unencrypted (PKCS#8 DER): only ever handed to the sealer."""
        return self.private_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )


def read_certificate(data: bytes, what: str) -> x509.Certificate:
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        hint = " (that is a private key)" if b"PRIVATE KEY" in data else ""
        raise WalletSetupError(f"the {what} is not a certificate in PEM or DER form{hint}") from exc


def read_private_key(data: bytes, password: str | None):
    secret = password.encode() if password else None
    try:
        if b"-----BEGIN" in data:
            key = serialization.load_pem_private_key(data, password=secret)
        else:
            key = serialization.load_der_private_key(data, password=secret)
    except TypeError as exc:  # encrypted without a password, or a password for a plain key
        if secret is None:
            raise WalletSetupError("the private key is encrypted: give its password") from exc
        raise WalletSetupError("the private key is not encrypted: leave the password out") from exc
    except ValueError as exc:
        if secret is not None and b"ENCRYPTED" in data:
            raise WalletSetupError("the private key's password is wrong") from exc
        hint = " (that is a certificate)" if b"CERTIFICATE" in data else ""
        raise WalletSetupError(f"the private key is not a key in PEM or DER form{hint}") from exc
    except UnsupportedAlgorithm as exc:
        raise WalletSetupError(f"the private key's algorithm is not supported: {exc}") from exc
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise WalletSetupError("the private key must be an RSA or EC key (Apple issues RSA)")
    return key


def _attribute(name: x509.Name, oid) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _check_dates(cert: x509.Certificate, what: str, now: datetime) -> None:
    if cert.not_valid_after_utc <= now:
        raise WalletSetupError(
            f"the {what} expired on {cert.not_valid_after_utc:%Y-%m-%d}: renew it at Apple"
        )
    if cert.not_valid_before_utc > now:
        raise WalletSetupError(
            f"the {what} is valid only from {cert.not_valid_before_utc:%Y-%m-%d %H:%M} UTC"
        )


def _same_key(cert: x509.Certificate, key) -> bool:
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    return cert.public_key().public_bytes(der, spki) == key.public_key().public_bytes(der, spki)


def _identifier(given: str | None, from_cert: str, what: str, pattern: re.Pattern, example: str) -> str:
    given = (given or "").strip()
    if given and from_cert and given != from_cert:
        raise WalletSetupError(f"the certificate is for {what} {from_cert!r}, not {given!r}")
    value = given or from_cert
    if not value:
        raise WalletSetupError(f"the certificate names no {what}: give it (e.g. {example})")
    if not pattern.match(value):
        raise WalletSetupError(f"{value!r} is not a {what} (e.g. {example})")
    return value


def load_credentials(
    *,
    certificate: bytes,
    private_key: bytes,
    wwdr: bytes,
    now: datetime,
    key_password: str | None = None,
    pass_type_id: str | None = None,
    team_id: str | None = None,
) -> AppleCredentials:
    """Checked credentials, or WalletSetupError saying what is wrong. `now` is aware UTC."""
    cert = read_certificate(certificate, "pass certificate")
    intermediate = read_certificate(wwdr, "WWDR certificate")
    key = read_private_key(private_key, key_password)
    if not _same_key(cert, key):
        raise WalletSetupError("the private key does not belong to the pass certificate")
    _check_dates(cert, "pass certificate", now)
    _check_dates(intermediate, "WWDR certificate", now)
    try:
        cert.verify_directly_issued_by(intermediate)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise WalletSetupError(
            "the pass certificate was not issued by this WWDR certificate: download the WWDR "
            "intermediate named in the certificate's issuer from Apple"
        ) from exc
    pass_type = _identifier(
        pass_type_id,
        _attribute(cert.subject, NameOID.USER_ID),
        "pass type identifier",
        PASS_TYPE_ID,
        "pass.com.example.loyalty",
    )
    team = _identifier(
        team_id,
        _attribute(cert.subject, NameOID.ORGANIZATIONAL_UNIT_NAME),
        "team identifier",
        TEAM_ID,
        "A1B2C3D4E5",
    )
    credentials = AppleCredentials(pass_type, team, cert, key, intermediate)
    credentials.sign(b"{}")  # a key the signer cannot use fails here, not on the first pass
    return credentials


def credentials_from_stored(
    pass_type_id: str, team_id: str, certificate_pem: bytes, key_der: bytes, wwdr_pem: bytes
) -> AppleCredentials:
    # checked in full when it was uploaded (load_credentials); the RSA consistency check costs
    # about 100 ms, and this runs for every pass served
    key = serialization.load_der_private_key(key_der, password=None, unsafe_skip_rsa_key_validation=True)
    return AppleCredentials(
        pass_type_id,
        team_id,
        x509.load_pem_x509_certificate(certificate_pem),
        key,  # type: ignore[arg-type]
        x509.load_pem_x509_certificate(wwdr_pem),
    )
