"""The other transports: serial over a pty pair, a device file, CUPS via `lp`, USB, none."""

from __future__ import annotations

import os
import stat
import time
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.settings import Printer
from printer import Emulator, PrinterError, TicketPrint, print_ticket, read_status
from printer.connection import open_connection
from printer.layout import render_ticket

from .conftest import TOKEN


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    """(master fd, slave path): the slave is the "serial port" the printer code opens."""
    master, slave = os.openpty()
    tty.setraw(slave)
    name = os.ttyname(slave)
    try:
        yield master, name
    finally:
        os.close(master)
        os.close(slave)


def serial_printer(port: str, **changes: object) -> Printer:
    return Printer(kind="serial", serial_port=port, serial_baud=115200, timeout_seconds=0.5,
                   **changes)  # type: ignore[arg-type]  # fmt: skip


def test_serial_printer_over_a_pty_receives_the_ticket(
    pty_pair: tuple[int, str], emulator: Emulator, ticket: TicketPrint
) -> None:  # pty_pair first: the emulator stops before the pty is closed
    master, port = pty_pair
    emulator.attach_fd(master)  # the virtual printer at the other end of the "cable"
    settings = serial_printer(port)
    status = read_status(settings)
    assert (status.online, status.paper, status.cover_open) == (True, "ok", False)
    outcome = print_ticket(settings, ticket)
    assert outcome.ok, outcome.error
    [record] = emulator.wait_for_tickets(1)
    assert record.bin_path.read_bytes() == render_ticket(ticket, "TM-T88V", 576)
    assert record.qr_data == (TOKEN,)


def test_serial_printer_that_never_answers_is_offline_quickly(pty_pair: tuple[int, str]) -> None:
    _, port = pty_pair  # nobody reads the master side
    started = time.monotonic()
    status = read_status(serial_printer(port))
    assert time.monotonic() - started < 1.5
    assert not status.online and status.error is not None and "did not answer" in status.error


def test_missing_serial_port_is_a_printer_error(tmp_path: Path) -> None:
    with pytest.raises(PrinterError, match="Cannot open serial printer port"):
        open_connection(serial_printer(str(tmp_path / "ttyUSB9")))


def test_device_file_gets_the_bytes_and_status_is_unknown(
    tmp_path: Path, ticket: TicketPrint
) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    settings = Printer(kind="file", device_path=str(device), timeout_seconds=1)
    assert read_status(settings).paper == "unknown"
    outcome = print_ticket(settings, ticket)
    assert outcome.ok, outcome.error
    assert device.read_bytes() == render_ticket(ticket, "TM-T88V", 576)


def test_missing_device_is_reported_and_never_created(tmp_path: Path, ticket: TicketPrint) -> None:
    device = tmp_path / "usb" / "lp0"
    outcome = print_ticket(Printer(kind="file", device_path=str(device)), ticket)
    assert not outcome.ok and outcome.error is not None and "not found" in outcome.error
    assert not device.exists()


def fake_lp(folder: Path, script: str) -> None:
    lp = folder / "lp"
    lp.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    lp.chmod(lp.stat().st_mode | stat.S_IEXEC)


def test_cups_queue_gets_the_ticket_through_lp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ticket: TicketPrint
) -> None:
    fake_lp(tmp_path, f'echo "$@" > {tmp_path}/args\ncat > {tmp_path}/job\n')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    settings = Printer(kind="cups", cups_queue="loket_tiket")
    assert read_status(settings).paper == "unknown"
    outcome = print_ticket(settings, ticket)
    assert outcome.ok, outcome.error
    assert (tmp_path / "job").read_bytes() == render_ticket(ticket, "TM-T88V", 576)
    assert (tmp_path / "args").read_text().split() == ["-d", "loket_tiket", "-o", "raw"]


def test_cups_failures_are_printer_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ticket: TicketPrint
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp anywhere
    settings = Printer(kind="cups", cups_queue="loket_tiket")
    outcome = print_ticket(settings, ticket)
    assert outcome.error == "CUPS printing needs the 'lp' command (package cups-client)"
    fake_lp(tmp_path, 'echo "lp: The printer or class does not exist." >&2\nexit 1\n')
    outcome = print_ticket(settings, ticket)
    assert not outcome.ok
    assert outcome.error == "CUPS queue 'loket_tiket' refused the ticket: " + (
        "lp: The printer or class does not exist."
    )
    with pytest.raises(PrinterError, match="cups_queue"):
        open_connection(Printer(kind="cups", cups_queue=""))


def test_usb_without_device_or_library_is_a_clear_printer_error() -> None:
    with pytest.raises(PrinterError, match="usb_vendor"):
        open_connection(Printer(kind="usb"))
    status = read_status(Printer(kind="usb", usb_vendor=0x04B8, usb_product=0x0202))
    assert not status.online
    assert status.error is not None
    assert any(word in status.error for word in ("pyusb", "libusb", "not found"))


def test_no_printer_configured(ticket: TicketPrint) -> None:
    settings = Printer(kind="none")
    outcome = print_ticket(settings, ticket)
    assert not outcome.ok and outcome.error is not None and "No ticket printer" in outcome.error
    assert not read_status(settings).online
    with pytest.raises(PrinterError, match="No ticket printer"):
        open_connection(settings)
