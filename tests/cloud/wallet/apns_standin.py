"""A local stand-in for APNs: HTTP/2 over TLS on 127.0.0.1 (hypercorn serving a small ASGI app with
a certificate from a private CA). It checks each push as APNs would (the ES256 provider token
against the owner's public key, its key id and team, the topic, the device token in the path, the
empty payload, HTTP/2) and records those it takes. It can be told to answer 410 or 400 for a
token, or 503 a number of times."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import socket
import threading
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypercorn.asyncio import serve
from hypercorn.config import Config

from tests.helpers import real_now


@dataclass(frozen=True)
class ReceivedPush:
    token: str
    topic: str
    payload: bytes
    http_version: str


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def write_tls_files(folder: Path) -> tuple[Path, Path, Path]:
    """A CA and a certificate for 127.0.0.1 it signed: (CA file, certificate file, key file)."""
    now = real_now()
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("APNs stand-in test CA"))
        .issuer_name(_name("APNs stand-in test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(ca_key, hashes.SHA256())
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


@dataclass
class ApnsStandIn:
    """Use as a context manager; `host` is what the cloud's apns_host setting takes."""

    folder: Path
    public_key: ec.EllipticCurvePublicKey
    key_id: str
    team_id: str
    topic: str
    received: list[ReceivedPush] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (status, reason) answered
    gone: set[str] = field(default_factory=set)  # tokens answered 410 Unregistered
    bad: set[str] = field(default_factory=set)  # tokens answered 400 BadDeviceToken
    unavailable: dict[str, int] = field(default_factory=dict)  # token -> 503s still to answer

    def __post_init__(self) -> None:
        self._changed = threading.Condition()
        self.ca_file, cert, key = write_tls_files(self.folder)
        self._config = Config()
        self._config.certfile, self._config.keyfile = str(cert), str(key)
        self._config.alpn_protocols = ["h2"]  # APNs speaks HTTP/2 only
        self._config.accesslog = self._config.errorlog = None
        self._config.keep_alive_max_requests = 10**9  # APNs keeps a connection for hours, not 1,000 pushes
        self._config.graceful_timeout = 2.0  # a client still connected does not hold the stop up long
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)  # connections wait in the backlog until the server accepts: no start race
        self.host = f"127.0.0.1:{sock.getsockname()[1]}"
        self._config.bind = [f"fd://{sock.detach()}"]
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="apns-standin", daemon=True)

    # --- the server -----------------------------------------------------------------------------

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._stop = asyncio.Event()
        self._loop.run_until_complete(serve(self._app, self._config, shutdown_trigger=self._stop.wait))
        self._loop.close()

    def __enter__(self) -> ApnsStandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        while not hasattr(self, "_stop"):  # the thread has not set up its loop yet
            self._thread.join(0.01)
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)
        assert not self._thread.is_alive(), "the APNs stand-in did not stop"

    async def _app(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while True:
                kind = (await receive())["type"]
                await send({"type": kind + ".complete"})  # lifespan.startup / lifespan.shutdown
                if kind == "lifespan.shutdown":
                    return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        status, reason = self._answer(scope, body)
        payload = json.dumps({"reason": reason}).encode() if reason else b""
        await send({"type": "http.response.start", "status": status, "headers": [(b"apns-id", b"x")]})
        await send({"type": "http.response.body", "body": payload})

    def _answer(self, scope, body: bytes) -> tuple[int, str]:
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        status, reason = self._check(scope, headers, body)
        with self._changed:
            if status == 200:
                self.received.append(
                    ReceivedPush(
                        scope["path"].rsplit("/", 1)[-1], headers["apns-topic"], body, scope["http_version"]
                    )
                )
            else:
                self.refused.append((status, reason))
            self._changed.notify_all()
        return status, reason

    def _check(self, scope, headers: dict, body: bytes) -> tuple[int, str]:
        if scope["method"] != "POST" or not scope["path"].startswith("/3/device/"):
            return 405, "MethodNotAllowed"
        token = scope["path"][len("/3/device/") :]
        scheme, _, provider = headers.get("authorization", "").partition(" ")
        if scheme != "bearer":
            return 403, "MissingProviderToken"
        try:
            if jwt.get_unverified_header(provider).get("kid") != self.key_id:
                return 403, "InvalidProviderToken"
            claims = jwt.decode(provider, self.public_key, algorithms=["ES256"], options={"require": ["iat"]})
        except jwt.PyJWTError:
            return 403, "InvalidProviderToken"
        if claims.get("iss") != self.team_id:
            return 403, "InvalidProviderToken"
        if headers.get("apns-topic") != self.topic:
            return 400, "TopicDisallowed"
        if not token.isalnum():
            return 400, "BadDeviceToken"
        if body != b"{}":
            return 400, "PayloadEmpty" if not body else "BadPayload"
        if scope["http_version"] != "2":
            return 400, "BadRequest"  # APNs takes HTTP/2 only
        with self._changed:
            if self.unavailable.get(token, 0) > 0:
                self.unavailable[token] -= 1
                return 503, "ServiceUnavailable"
        if token in self.gone:
            return 410, "Unregistered"
        if token in self.bad:
            return 400, "BadDeviceToken"
        return 200, ""

    # --- for the tests --------------------------------------------------------------------------

    def wait_for(self, predicate, timeout: float = 20.0) -> bool:
        """Wait until predicate(stand-in) holds; False when it does not within the timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self), timeout)

    def pushes_to(self, token: str) -> list[ReceivedPush]:
        with self._changed:
            return [p for p in self.received if p.token == token]
