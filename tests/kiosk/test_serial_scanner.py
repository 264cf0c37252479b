"""The serial QR scanner over a pty pair: the test holds the master side (the scanner),
pyserial opens the slave through a stable symlink, as udev's /dev/serial/by-id names are.
Unplugging closes the master; re-plugging makes a new pty behind the same name."""

from __future__ import annotations

import os
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.serial_scanner import MAX_PAYLOAD, SerialScanner, clean_payload


class FakePlug:
    """A pty behind ``link``: ``plug()`` makes a new one, ``unplug()`` closes it."""

    def __init__(self, link: Path) -> None:
        self.link = link
        self.master = -1
        self.slave = -1

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        tmp = self.link.with_suffix(".new")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(os.ttyname(self.slave))
        tmp.replace(self.link)

    def unplug(self) -> None:
        for fd in (self.master, self.slave):
            if fd >= 0:
                os.close(fd)
        self.master = self.slave = -1
        self.link.unlink(missing_ok=True)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)


@pytest.fixture
def plug(tmp_path: Path) -> Iterator[FakePlug]:
    fake = FakePlug(tmp_path / "scanner")
    fake.plug()
    yield fake
    fake.unplug()


@pytest.fixture
def scanner(qtbot: QtBot, plug: FakePlug) -> Iterator[SerialScanner]:
    reader = SerialScanner(str(plug.link), 9600, "cr", reconnect_ms=50)
    with qtbot.waitSignal(reader.state_changed, check_params_cb=lambda s: s == "connected"):
        reader.start()
    yield reader
    reader.stop()


def test_clean_payload() -> None:
    assert clean_payload("  JKS-2612\x07-01\x1b\u200b ") == "JKS-2612-01"
    assert len(clean_payload("x" * 5000)) == MAX_PAYLOAD
    assert clean_payload("\r\n\t") == ""


def test_lines_become_scans(qtbot: QtBot, scanner: SerialScanner, plug: FakePlug) -> None:
    with qtbot.waitSignal(scanner.scanned) as first:
        plug.send(b"BOOK-0001\r")
    assert first.args == ["BOOK-0001"]
    # Split across reads, control characters, two codes in one burst, an empty line.
    got: list[str] = []
    scanner.scanned.connect(got.append)
    plug.send(b"AB\x07C")
    plug.send(b"\x1b12\r\rSECOND\r")
    qtbot.waitUntil(lambda: len(got) == 2)
    assert got == ["ABC12", "SECOND"]
    with qtbot.waitSignal(scanner.scanned) as long:
        plug.send(b"Y" * (MAX_PAYLOAD + 100) + b"\r")
    assert long.args == ["Y" * MAX_PAYLOAD]


def test_other_terminator(qtbot: QtBot, plug: FakePlug) -> None:
    reader = SerialScanner(str(plug.link), 115200, "crlf", reconnect_ms=50)
    with qtbot.waitSignal(reader.state_changed):
        reader.start()
    try:
        with qtbot.waitSignal(reader.scanned) as got:
            plug.send(b"LINE\rSTILL\r\n")
        assert got.args == ["LINESTILL"]  # a lone CR is dropped as a control character
    finally:
        reader.stop()


def test_unplug_and_replug(qtbot: QtBot, scanner: SerialScanner, plug: FakePlug) -> None:
    with qtbot.waitSignal(scanner.state_changed, timeout=5000) as lost:
        plug.unplug()
    assert lost.args == ["disconnected"]
    assert scanner.state == "disconnected" and scanner.running
    with qtbot.waitSignal(scanner.state_changed, timeout=5000) as back:
        plug.plug()
    assert back.args == ["connected"]
    with qtbot.waitSignal(scanner.scanned) as got:
        plug.send(b"AFTER-REPLUG\r")
    assert got.args == ["AFTER-REPLUG"]


def test_port_missing_at_start_then_plugged(qtbot: QtBot, tmp_path: Path) -> None:
    fake = FakePlug(tmp_path / "later")
    reader = SerialScanner(str(fake.link), reconnect_ms=50)
    with qtbot.waitSignal(reader.state_changed) as first:
        reader.start()
    try:
        assert first.args == ["disconnected"]
        with qtbot.waitSignal(reader.state_changed, timeout=5000) as back:
            fake.plug()
        assert back.args == ["connected"]
        with qtbot.waitSignal(reader.scanned) as got:
            fake.send(b"HELLO-123\r")
        assert got.args == ["HELLO-123"]
    finally:
        reader.stop()
        fake.unplug()
