"""Reader level: print over real TCP to the virtual printer and read what came out."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from printer import Emulator, PrinterError, TicketPrint, print_ticket, read_status
from printer.connection import open_connection
from printer.layout import render_ticket

from .conftest import TOKEN, free_port, make_ticket, network_printer


def decode_qr(path: Path) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(path))]


def test_ticket_printed_over_tcp_reads_back_at_576(emulator: Emulator, ticket: TicketPrint) -> None:
    settings = network_printer(emulator.port)
    outcome = print_ticket(settings, ticket)
    assert outcome.ok, outcome.error
    expected = render_ticket(ticket, "TM-T88V", 576)
    assert outcome.bytes_sent == len(expected)
    assert outcome.status.online and outcome.status.paper == "ok"
    [record] = emulator.wait_for_tickets(1)
    assert record.bin_path.read_bytes() == expected  # status queries are not part of it
    assert "A-023" in record.txt_path.read_text(encoding="utf-8").splitlines()
    assert record.qr_data == (TOKEN,)
    assert decode_qr(record.png_path) == [TOKEN]
    with Image.open(record.png_path) as image:
        assert image.width >= 576


def test_ticket_printed_over_tcp_reads_back_at_384(
    emulator_384: Emulator, ticket: TicketPrint
) -> None:
    outcome = print_ticket(network_printer(emulator_384.port, paper_width_dots=384), ticket)
    assert outcome.ok, outcome.error
    [record] = emulator_384.wait_for_tickets(1)
    assert "A-023" in record.lines
    assert decode_qr(record.png_path) == [TOKEN]


def test_image_fallback_qr_decodes(emulator_384: Emulator) -> None:
    ticket = make_ticket(qr_token="LKT1.JKS.20261201.B-101.00ff")
    settings = network_printer(emulator_384.port, paper_width_dots=384, profile="POS-5890")
    assert print_ticket(settings, ticket).ok
    [record] = emulator_384.wait_for_tickets(1)
    assert record.qr_data == ()  # no native QR command was sent ...
    assert any(line.startswith("[image 384x") for line in record.lines)
    assert decode_qr(record.png_path) == ["LKT1.JKS.20261201.B-101.00ff"]  # ... yet it reads


def test_paper_out_is_reported_and_printing_refused(
    emulator: Emulator, ticket: TicketPrint
) -> None:
    emulator.state.paper = "out"
    settings = network_printer(emulator.port)
    status = read_status(settings)
    assert (status.online, status.paper) == (False, "out")
    outcome = print_ticket(settings, ticket)
    assert not outcome.ok
    assert outcome.error is not None and outcome.error.startswith("Paper out")
    assert outcome.bytes_sent == 0 and not outcome.retryable
    time.sleep(0.1)
    assert emulator.tickets == [] and emulator.rejected_tickets == 0  # nothing was even sent


@pytest.mark.parametrize(
    ("state", "reason"),
    [({"cover_open": True}, "Cover open"), ({"offline": True}, "Printer offline")],
)
def test_cover_open_and_offline_refuse(
    emulator: Emulator, ticket: TicketPrint, state: dict[str, bool], reason: str
) -> None:
    emulator.state.update(**state)
    outcome = print_ticket(network_printer(emulator.port), ticket)
    assert not outcome.ok
    assert outcome.error is not None and outcome.error.startswith(reason)
    assert outcome.status.cover_open is state.get("cover_open", False)


def test_near_end_prints_with_a_warning_unless_configured_to_stop(
    emulator: Emulator, ticket: TicketPrint
) -> None:
    emulator.state.paper = "near_end"
    outcome = print_ticket(network_printer(emulator.port), ticket)
    assert outcome.ok and outcome.status.paper == "near_end"
    assert outcome.warning is not None and "nearly out" in outcome.warning
    stopped = print_ticket(network_printer(emulator.port, near_end_stop=True), ticket)
    assert not stopped.ok and stopped.error is not None and "nearly out" in stopped.error
    assert len(emulator.wait_for_tickets(1)) == 1


def test_paper_runs_out_after_n_tickets(emulator: Emulator, ticket: TicketPrint) -> None:
    emulator.state.paper_out_after = 2
    settings = network_printer(emulator.port)
    first, second, third = (print_ticket(settings, ticket) for _ in range(3))
    assert first.ok and first.warning is None
    assert second.ok and second.warning is not None and second.warning.startswith("Paper out")
    assert not third.ok and third.error is not None and third.error.startswith("Paper out")
    assert len(emulator.wait_for_tickets(2)) == 2


def test_connection_closed_mid_ticket_is_a_failure(emulator: Emulator, ticket: TicketPrint) -> None:
    emulator.state.close_after_bytes = 120  # the status queries use 12 of them
    outcome = print_ticket(network_printer(emulator.port), ticket)
    assert not outcome.ok
    assert outcome.error is not None
    assert "lost" in outcome.error or "closed the connection" in outcome.error
    assert not outcome.retryable  # part of it may be on paper: no automatic second copy
    time.sleep(0.1)
    assert emulator.tickets == []


def test_unreachable_printer_is_a_clear_error_within_the_timeout() -> None:
    port = free_port()
    settings = network_printer(port, timeout_seconds=1.0)
    started = time.monotonic()
    with pytest.raises(PrinterError, match=f"Printer at 127.0.0.1:{port} refused the connection"):
        open_connection(settings)
    outcome = print_ticket(settings, make_ticket())
    assert not outcome.ok and outcome.retryable
    assert outcome.error == f"Printer at 127.0.0.1:{port} refused the connection"
    assert not read_status(settings).online
    assert time.monotonic() - started < 2.0


def test_listener_that_never_answers_is_offline_within_the_bound() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:  # accepts (backlog), never reads
        settings = network_printer(server.getsockname()[1], timeout_seconds=0.3)
        started = time.monotonic()
        status = read_status(settings)
        assert time.monotonic() - started < 1.5
        assert not status.online and status.paper == "unknown"
        assert status.error is not None and "did not answer within 0.3 s" in status.error
        outcome = print_ticket(settings, make_ticket())
        assert not outcome.ok and outcome.retryable and outcome.bytes_sent == 0


def test_hung_virtual_printer_is_held_within_one_timeout(
    emulator: Emulator, ticket: TicketPrint
) -> None:
    emulator.state.never_read = True
    started = time.monotonic()
    outcome = print_ticket(network_printer(emulator.port, timeout_seconds=0.2), ticket)
    assert not outcome.ok and outcome.held and outcome.retryable
    assert outcome.error is not None and "did not answer" in outcome.error
    assert time.monotonic() - started < 1.0


def test_status_of_a_late_printer_costs_one_timeout(emulator: Emulator) -> None:
    """Four questions in one write, one timeout overall: a printer answering 0.5 s late
    is read in about 0.5 s (four questions with a timeout each took four times that)."""
    emulator.state.delay_s = 0.5
    started = time.monotonic()
    status = read_status(network_printer(emulator.port, timeout_seconds=1.0))
    took = time.monotonic() - started
    assert (status.online, status.paper, status.cover_open) == (True, "ok", False)
    assert 0.5 <= took < 0.9
    emulator.state.delay_s = 1.5  # later than the timeout: offline, after one timeout
    started = time.monotonic()
    status = read_status(network_printer(emulator.port, timeout_seconds=1.0))
    assert not status.online and time.monotonic() - started < 1.3


def test_emulator_answers_gs_r_and_skips_garbage(emulator: Emulator) -> None:
    emulator.state.paper = "near_end"
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=2) as sock:
        garbage = bytes(range(256)) * 4 + b"\x1d(k\xff\xff"  # ends inside a huge QR command
        sock.sendall(b"\x1d\x72\x01" + garbage)
        assert sock.recv(1) == b"\x03"  # GS r 1: near end (bits 0-1)
        sock.sendall(b"\x10\x04\x04")
        time.sleep(0.2)
        assert emulator.tickets == []  # still alive, nothing printed by the garbage
    assert read_status(network_printer(emulator.port)).paper == "near_end"
    assert print_ticket(network_printer(emulator.port), make_ticket()).ok


@pytest.mark.parametrize("profile", ["TM-T88V", "POS-5890"])
def test_long_token_still_fits_58mm_paper_and_reads(emulator_384: Emulator, profile: str) -> None:
    token = "LKT1." + "eyJvZmZpY2UiOiJKS1MiLCJudW1iZXIiOiJBLTAyMyJ9" * 8  # a signed token
    settings = network_printer(emulator_384.port, paper_width_dots=384, profile=profile)
    assert print_ticket(settings, make_ticket(qr_token=token)).ok
    [record] = emulator_384.wait_for_tickets(1)
    assert decode_qr(record.png_path) == [token]
