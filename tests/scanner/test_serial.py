from __future__ import annotations

import os
import threading

import serial as pyserial

from kiosk.scanner.capture import Backoff
from kiosk.scanner.serial import MAX_LINE, SerialCallbacks, SerialLineSplitter, SerialScanner

FAST = Backoff(initial_s=0.01, factor=2, max_s=0.05)


class Events:
    """Thread-safe record of callbacks, with waits that end as soon as the condition holds."""

    def __init__(self) -> None:
        self.codes: list[str] = []
        self.failures: list[str] = []
        self.connected: list[str] = []
        self._changed = threading.Condition()

    def callbacks(self) -> SerialCallbacks:
        return SerialCallbacks(
            code_scanned=lambda t: self._add(self.codes, t),
            serial_failed=lambda m: self._add(self.failures, m),
            serial_connected=lambda p: self._add(self.connected, p),
        )

    def _add(self, target: list, value) -> None:
        with self._changed:
            target.append(value)
            self._changed.notify_all()

    def wait_for(self, predicate, timeout: float = 5.0) -> bool:
        with self._changed:
            return self._changed.wait_for(predicate, timeout)


def test_line_splitter_handles_cr_lf_crlf_and_partial_reads():
    splitter = SerialLineSplitter()
    assert splitter.feed(b"ABC") == []
    assert splitter.feed(b"DEF\r\n12") == ["ABCDEF"]
    assert splitter.feed(b"34\rXY\n\n") == ["1234", "XY"]


def test_line_splitter_drops_overlong_noise():
    splitter = SerialLineSplitter()
    assert splitter.feed(b"x" * (MAX_LINE + 10) + b"\nOK\n") == ["OK"]


def test_codes_arrive_through_a_loopback_port():
    port = pyserial.serial_for_url("loop://", timeout=0.05)
    port.write(b"TOKEN1\r\n\r\n  4821 0937 5516  \n")
    events = Events()
    scanner = SerialScanner("loop://", 9600, events.callbacks(), FAST, open_port=lambda p, b: port)
    scanner.start()
    try:
        assert events.wait_for(lambda: len(events.codes) == 2)
    finally:
        scanner.stop()
    assert events.codes == ["TOKEN1", "4821 0937 5516"]
    assert events.connected == ["loop://"]


def test_a_pty_scanner_unplugged_and_plugged_back_in_reconnects():
    ptys: list[tuple[int, int]] = []
    attempts = []

    def open_port(port: str, baud: int):
        attempts.append(baud)
        if len(attempts) == 2:
            raise pyserial.SerialException("could not open port: No such device")
        master, slave = os.openpty()
        ptys.append((master, slave))
        return pyserial.serial_for_url(os.ttyname(slave), baudrate=baud, timeout=0.05)

    events = Events()
    scanner = SerialScanner("/dev/ttyACM0", 115200, events.callbacks(), FAST, open_port=open_port)
    scanner.start()
    try:
        # wait for the open to finish: pyserial flushes input while it opens the port
        assert events.wait_for(lambda: len(events.connected) == 1)
        os.write(ptys[0][0], b"FIRST\r\n")
        assert events.wait_for(lambda: events.codes == ["FIRST"])
        for fd in ptys[0]:  # unplug: both ends of the pty go away
            os.close(fd)
        assert events.wait_for(lambda: len(events.connected) == 2)
        os.write(ptys[1][0], b"SECOND\n")
        assert events.wait_for(lambda: events.codes == ["FIRST", "SECOND"])
    finally:
        scanner.stop()
        for master, slave in ptys[1:]:
            os.close(master)
            os.close(slave)
    assert attempts[0] == 115200
    assert any("disconnected" in f for f in events.failures)
    assert any("cannot open" in f for f in events.failures)
    assert len(events.connected) == 2


def test_a_missing_port_is_reported_and_retried_until_stopped():
    events = Events()
    scanner = SerialScanner("/dev/ttyDOESNOTEXIST", 9600, events.callbacks(), FAST)
    scanner.start()
    try:
        assert events.wait_for(lambda: len(events.failures) >= 3)
    finally:
        scanner.stop()
    assert "cannot open /dev/ttyDOESNOTEXIST" in events.failures[0]
