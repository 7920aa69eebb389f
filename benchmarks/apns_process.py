"""The APNs stand-in in a process of its own, for the fan-out benchmark.

Apple's servers do not share the cloud's process; run in a thread of it, the stand-in's TLS and
HTTP/2 work would take turns with the cloud's job threads for one interpreter lock, and the
benchmark would time the stand-in as much as the cloud. The parent asks the child how many
pushes it has taken over a pipe."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path
from types import TracebackType

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def _serve(conn, folder: str, public_pem: bytes, key_id: str, team_id: str, topic: str) -> None:
    from tests.cloud.wallet.apns_standin import ApnsStandIn

    public_key = serialization.load_pem_public_key(public_pem)
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    with ApnsStandIn(Path(folder), public_key, key_id, team_id, topic) as standin:
        conn.send((standin.host, str(standin.ca_file)))
        while True:
            request = conn.recv()
            if request == "stop":
                break
            received = list(standin.received)  # the server thread appends; a copy is enough
            conn.send((len({p.token for p in received}), len(received)))
    conn.send("stopped")


class ApnsProcess:
    """Use as a context manager: `host` and `ca_file` for the cloud's settings, `counts()` for
    (phones reached, pushes taken)."""

    def __init__(
        self, folder: Path, public_key: ec.EllipticCurvePublicKey, key_id: str, team_id: str, topic: str
    ):
        public_pem = public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        context = multiprocessing.get_context("spawn")  # no fork of a process with threads
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child, str(folder), public_pem, key_id, team_id, topic), daemon=True
        )
        self.host = self.ca_file = ""

    def __enter__(self) -> ApnsProcess:
        self._process.start()
        if not self._conn.poll(60):
            self._process.kill()
            raise RuntimeError("the APNs stand-in process did not start within 60 s")
        self.host, self.ca_file = self._conn.recv()
        return self

    def counts(self) -> tuple[int, int]:
        self._conn.send("count")
        return self._conn.recv()

    def wait_for_phones(self, expected: int, timeout: float) -> tuple[int, int]:
        """Asks every 50 ms until `expected` phones were reached or `timeout` seconds passed."""
        deadline = time.monotonic() + timeout
        while True:
            reached, taken = self.counts()
            if reached >= expected or time.monotonic() > deadline:
                return reached, taken
            time.sleep(0.05)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self._conn.send("stop")
            self._conn.poll(30)
        finally:
            self._process.join(30)
            if self._process.is_alive():
                self._process.kill()
