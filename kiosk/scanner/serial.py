"""Serial (CDC-ACM) scanners: one code per line on a configured port and baud rate.

The reader opens the port, splits what arrives on CR/LF, and reports each non-empty
line. Unplugging makes pyserial raise; the reader reports it, closes the port and
reopens it with exponential backoff until the scanner is back or it is stopped.
Works with any pyserial URL, so tests use `loop://` and pty pairs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import serial as pyserial

from kiosk.scanner.capture import Backoff

MAX_LINE = 4096  # a line longer than any code means noise on the wire: drop it


def _ignore(*_args: object) -> None:
    pass


@dataclass(frozen=True, slots=True)
class SerialCallbacks:
    code_scanned: Callable[[str], None] = _ignore
    serial_failed: Callable[[str], None] = _ignore
    serial_connected: Callable[[str], None] = _ignore


def _open_port(port: str, baud: int) -> pyserial.SerialBase:
    return pyserial.serial_for_url(port, baudrate=baud, timeout=0.05)


class SerialLineSplitter:
    """Bytes in, complete lines out; CR, LF and CRLF all end a line."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._overflowed = False

    def feed(self, data: bytes) -> list[str]:
        lines = []
        for byte in data:
            if byte in (0x0D, 0x0A):
                if self._buffer and not self._overflowed:
                    lines.append(self._buffer.decode("utf-8", errors="replace"))
                self._buffer.clear()
                self._overflowed = False
            elif len(self._buffer) >= MAX_LINE:
                self._overflowed = True
            else:
                self._buffer.append(byte)
        return lines


class SerialScanner:
    def __init__(
        self,
        port: str,
        baud: int,
        callbacks: SerialCallbacks,
        backoff: Backoff = Backoff(),
        open_port: Callable[[str, int], pyserial.SerialBase] = _open_port,
    ) -> None:
        self.port = port
        self.baud = baud
        self._callbacks = callbacks
        self._backoff = backoff
        self._open_port = open_port
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def request_stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        """Read until `request_stop`, reconnecting with backoff. Blocks; run it on a worker thread."""
        failures = 0
        while not self._stop.is_set():
            try:
                connection = self._open_port(self.port, self.baud)
            except (pyserial.SerialException, OSError, ValueError) as exc:
                failures += 1
                self._callbacks.serial_failed(f"cannot open {self.port}: {exc}")
                self._stop.wait(self._backoff.delay(failures))
                continue
            failures = 0
            self._callbacks.serial_connected(self.port)
            try:
                self._read_lines(connection)
            except (pyserial.SerialException, OSError) as exc:
                failures += 1
                self._callbacks.serial_failed(f"{self.port} disconnected: {exc}")
                self._stop.wait(self._backoff.delay(failures))
            finally:
                connection.close()

    def _read_lines(self, connection: pyserial.SerialBase) -> None:
        splitter = SerialLineSplitter()
        while not self._stop.is_set():
            data = connection.read(max(1, connection.in_waiting or 1))
            for line in splitter.feed(data):
                text = line.strip()
                if text:
                    self._callbacks.code_scanned(text)

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name=f"serial-{self.port}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
