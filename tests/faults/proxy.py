"""A fault-injecting HTTP/1.1 proxy on loopback, for the sync fault tests.

Each request the kiosk sends is read whole, then handled by the next fault in `plan`
(then "pass" once the plan runs out). Faults that forward first ("500_after", "reset_after",
"timeout", "twice", "hook") let the cloud act on the request and lose or mangle the answer:
the cases idempotency must survive.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections import deque
from collections.abc import Callable

FAULTS = ("pass", "500", "500_after", "reset", "reset_after", "timeout", "twice", "hook", "hook_in_flight")
_PROBLEM = (
    b'{"type":"https://loyalty.example/problems/injected","title":"Internal server error","status":500,'
    b'"detail":"injected by the test proxy"}'
)


def _read_message(sock: socket.socket) -> bytes | None:
    """One HTTP message (headers + Content-Length body), or None when the peer closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


def _reset(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class FaultProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.plan: deque[str] = deque()
        self.hook: Callable[[bytes], None] | None = None  # for "hook": runs after forwarding
        self.seen: list[tuple[str, str]] = []  # (request line, fault)
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()
        self._accepter = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._accepter.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _next_fault(self) -> str:
        with self._lock:
            return self.plan.popleft() if self.plan else "pass"

    def _accept(self) -> None:
        self._server.settimeout(0.1)
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._clients.add(client)
            t = threading.Thread(target=self._serve, args=(client,), name="fault-proxy-conn", daemon=True)
            self._threads.append(t)
            t.start()

    def _forward(self, request: bytes, in_flight: Callable[[bytes], None] | None = None) -> bytes | None:
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=60) as up:
            up.sendall(request)
            if in_flight is not None:  # e.g. SIGKILL the cloud while it works on this request
                in_flight(request)
            return _read_message(up)

    def _serve(self, client: socket.socket) -> None:
        try:
            while not self._stop.is_set():
                request = _read_message(client)
                if request is None:
                    return
                fault = self._next_fault()
                self.seen.append((request.split(b"\r\n", 1)[0].decode(), fault))
                if fault == "500":
                    client.sendall(self._problem_500())
                    continue
                if fault == "reset":
                    _reset(client)
                    return
                try:
                    response = self._forward(request, self.hook if fault == "hook_in_flight" else None)
                except OSError:
                    response = None
                if fault == "hook" and self.hook is not None:
                    self.hook(request)
                if response is None:  # the cloud died under us: the kiosk sees a reset
                    _reset(client)
                    return
                if fault == "500_after":
                    client.sendall(self._problem_500())
                elif fault == "reset_after":
                    _reset(client)
                    return
                elif fault == "timeout":
                    # hold the answer until the kiosk gives up and closes (its read timeout)
                    client.settimeout(30)
                    while client.recv(65536):
                        pass
                    return
                elif fault == "twice":
                    client.sendall(response + response)
                else:
                    client.sendall(response)
        except OSError:
            return
        finally:
            with self._lock:
                self._clients.discard(client)
            with contextlib.suppress(OSError):
                client.close()

    @staticmethod
    def _problem_500() -> bytes:
        return (
            b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/problem+json\r\n"
            + f"content-length: {len(_PROBLEM)}\r\n\r\n".encode()
            + _PROBLEM
        )

    def close(self) -> None:
        self._stop.set()
        self._server.close()
        with self._lock:
            for c in list(self._clients):
                with contextlib.suppress(OSError):
                    c.shutdown(socket.SHUT_RDWR)
        self._accepter.join(timeout=5)
        for t in self._threads:
            t.join(timeout=5)
