"""A private CA for the wallet tests: root -> "WWDR" intermediate -> pass type certificate,
made with `cryptography` like Apple's (RSA, the pass type id in UID, the team id in OU)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.helpers import real_now

PASS_TYPE_ID = "pass.example.loyalty.test"
TEAM_ID = "TEAM123456"


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def certificate(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    issuer: x509.Name,
    issuer_key: rsa.RSAPrivateKey,
    *,
    ca: bool,
    start: datetime,
    end: datetime,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
    else:
        builder = builder.add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def key_pem(key, password: bytes | None = None) -> bytes:
    encryption = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


@dataclass
class PassPki:
    root: x509.Certificate
    root_key: rsa.RSAPrivateKey
    wwdr: x509.Certificate
    wwdr_key: rsa.RSAPrivateKey
    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    def pass_certificate(self, *, start: datetime, end: datetime, key=None, uid: str = PASS_TYPE_ID):
        """Another pass certificate from the same WWDR (expired ones, other ids)."""
        key = key or self.key
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.USER_ID, uid),
                x509.NameAttribute(NameOID.COMMON_NAME, f"Pass Type ID: {uid}"),
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TEAM_ID),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test Cafe Ltd"),
                x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
            ]
        )
        return certificate(subject, key, self.wwdr.subject, self.wwdr_key, ca=False, start=start, end=end)

    def write(self, folder: Path) -> dict[str, Path]:
        files = {
            "root": (folder / "root.pem", pem(self.root)),
            "wwdr": (folder / "wwdr.pem", pem(self.wwdr)),
            "cert": (folder / "pass.pem", pem(self.cert)),
            "key": (folder / "pass.key", key_pem(self.key)),
        }
        for path, data in files.values():
            path.write_bytes(data)
        return {name: path for name, (path, _data) in files.items()}


def make_pki() -> PassPki:
    now = real_now()
    start, end = now - timedelta(days=1), now + timedelta(days=365)
    root_key, wwdr_key, key = rsa_key(), rsa_key(), rsa_key()
    root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Root CA")])
    wwdr_name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Test Worldwide Developer Relations CA"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "G4"),
        ]
    )
    root = certificate(root_name, root_key, root_name, root_key, ca=True, start=start, end=end)
    wwdr = certificate(wwdr_name, wwdr_key, root_name, root_key, ca=True, start=start, end=end)
    pki = PassPki(root, root_key, wwdr, wwdr_key, root, key)
    pki.cert = pki.pass_certificate(start=start, end=end)
    return pki
