"""A slip (a problem report's receipt) over real TCP to the virtual printer: its text read
back from the ESC/POS the printer received, on both paper widths; held, not sent, when
the printer cannot print."""

from __future__ import annotations

import pytest

from printer import Emulator, SlipPrint, send_slip
from printer.escpos_parser import Parser
from printer.layout import render_slip
from printer.receipt import render_items

from .conftest import network_printer

TOPIC = "Aplikasi pemesanan online tidak dapat diakses"


def make_slip(**changes: object) -> SlipPrint:
    values: dict[str, object] = {
        "office_name": "Kantor Imigrasi Kelas I Khusus TPI Jakarta Selatan",
        "title": "Tanda terima laporan",
        "number": "ADU-261201-007",
        "rows": (("Waktu", "Selasa, 1 Desember 2026 09.14"), ("Topik", TOPIC)),
        "paragraphs": ("Laporan Anda dibaca oleh pengawas kantor.",),
        "footer_lines": ("Jl. Warung Buncit Raya No. 207, Jakarta Selatan",),
    }
    values.update(changes)
    return SlipPrint(**values)  # type: ignore[arg-type]


def lines_of(data: bytes, width: int) -> list[str]:
    """What the printer makes of the bytes: ESC/POS parsed, then laid out on paper."""
    return render_items(list(Parser().feed(data)), width).lines


@pytest.mark.parametrize("width", [576, 384])
def test_a_slip_reads_back_with_its_number_time_topic_and_what_follows(width: int) -> None:
    lines = lines_of(render_slip(make_slip(), "TM-T88V", width), width)
    assert "ADU-261201-007" in lines
    assert "Tanda terima laporan" in lines
    text = " ".join(line.strip() for line in lines)
    assert "Selasa, 1 Desember 2026 09.14" in text
    assert TOPIC in text  # wrapped on narrow paper, whole in the text
    assert "Laporan Anda dibaca oleh pengawas kantor." in text
    assert all(len(line) <= width // 12 for line in lines)


def test_a_slip_needs_a_number_and_a_known_language() -> None:
    with pytest.raises(ValueError, match="number"):
        make_slip(number=" ")
    with pytest.raises(ValueError, match="language"):
        make_slip(language="fr")


def test_a_slip_printed_over_tcp(emulator: Emulator) -> None:
    slip = make_slip()
    outcome = send_slip(network_printer(emulator.port), slip)
    assert outcome.ok, outcome.error
    [record] = emulator.wait_for_tickets(1)
    assert record.bin_path.read_bytes() == render_slip(slip, "TM-T88V", 576)
    assert "ADU-261201-007" in record.lines
    assert record.qr_data == ()


def test_a_slip_is_held_when_the_paper_is_out(emulator: Emulator) -> None:
    emulator.state.paper = "out"
    outcome = send_slip(network_printer(emulator.port), make_slip())
    assert not outcome.ok and outcome.held and outcome.bytes_sent == 0
    assert outcome.problem == "paper_out"
