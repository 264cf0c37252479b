"""Byte level: the exact ESC/POS commands a printer receives for one ticket."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from printer import PrinterError, TicketPrint, channel_label
from printer.escpos_parser import Command, Parser, Text
from printer.layout import number_size, render_ticket, supports_native_qr
from printer.receipt import render_items
from printer.text import to_printable, wrap

from .conftest import TOKEN, make_ticket

ESC, GS = b"\x1b", b"\x1d"


def texts(data: bytes) -> list[bytes]:
    return [item.data for item in Parser().feed(data) if isinstance(item, Text)]


@pytest.mark.parametrize(
    ("width", "size_byte"),
    [(576, 0x77), (384, 0x56)],  # 8x8 on 80 mm paper, 6 wide x 7 high on 58 mm
)
def test_number_is_centred_bold_and_as_large_as_fits(width: int, size_byte: int) -> None:
    data = render_ticket(make_ticket(), "TM-T88V", width)
    assert data.startswith(ESC + b"@")  # initialise
    assert ESC + b"t\x00" in data  # code page 437
    number = ESC + b"E\x01" + ESC + b"a\x01" + GS + b"!" + bytes((size_byte,)) + b"A-023\n"
    assert number in data
    assert GS + b"!\x00" in data[data.index(number) :]  # back to normal size after it
    w, h = number_size("A-023", width)
    assert ((w - 1) << 4 | (h - 1)) == size_byte  # GS ! n: width-1 high nibble, height-1 low
    assert 5 * 12 * w <= width  # the number fits on one line


@pytest.mark.parametrize("width", [576, 384])
def test_native_qr_stores_the_token_prints_it_and_the_ticket_is_cut(width: int) -> None:
    data = render_ticket(make_ticket(), "TM-T88V", width)
    token = TOKEN.encode()
    store = GS + b"(k" + (len(token) + 3).to_bytes(2, "little") + b"1P0" + token
    assert store in data
    assert GS + b"(k\x03\x001Q0" in data[data.index(store) :]  # print the stored symbol
    assert GS + b"(k\x03\x001E1" in data  # error correction M
    assert data.endswith(ESC + b"d\x06" + GS + b"V\x00")  # feed, full cut


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("width", [576, 384])
def test_every_line_fits_the_paper(width: int, language: str) -> None:
    ticket = make_ticket(
        service_name="Penggantian Paspor Hilang atau Rusak (Elektronik, 48 halaman)",
        footer_lines=("Terima kasih telah menggunakan layanan kami " * 3,),
        number="VIP-123",
        language=language,
        estimated_wait_minutes=125,
    )
    rendered = render_items(Parser().feed(render_ticket(ticket, "TM-T88V", width)), width)
    assert rendered.auto_wraps == 0
    assert "VIP-123" in rendered.lines


def test_label_and_value_lines_are_right_aligned_on_both_widths() -> None:
    for width, columns in ((576, 48), (384, 32)):
        lines = render_items(Parser().feed(render_ticket(make_ticket(), "TM-T88V", width)), width)
        ahead = next(line for line in lines.lines if line.startswith("Orang di depan Anda"))
        assert len(ahead) == columns and ahead.endswith(" 4")
        issued = next(line for line in lines.lines if line.startswith("Waktu"))
        assert issued.endswith("01-12-2026 09:14")  # Jakarta time, not UTC


def test_english_labels() -> None:
    data = render_ticket(make_ticket(language="en", channel_label="PRIORITY"), "TM-T88V", 576)
    joined = b"".join(texts(data))
    for text in (b"Queue number", b"People ahead of you", b"Estimated wait", b"25 min"):
        assert text in joined
    assert b"Nomor antrean" not in joined


def test_unknown_wait_and_no_name() -> None:
    data = render_ticket(make_ticket(estimated_wait_minutes=None, masked_name=None), "TM-T88V", 576)
    joined = b"".join(texts(data))
    assert b"belum diketahui" in joined
    assert b"Nama" not in joined


def test_names_the_code_page_cannot_print_are_transliterated() -> None:
    ticket = make_ticket(
        service_name="Paspor Müller Đặng Straße",
        masked_name="Siti Nurhaliza",
        footer_lines=("Ünïcödé “quotes” – 李",),
    )
    data = render_ticket(ticket, "TM-T88V", 576)
    chunks = texts(data)
    assert all(max(chunk) < 0x80 for chunk in chunks)  # ASCII only reaches the printer
    joined = b" ".join(chunks)
    assert b"Paspor Muller Dang Strasse" in joined
    assert b"Siti Nurhaliza" in joined
    assert b'Unicode "quotes" - ?' in joined


def test_control_characters_in_text_cannot_become_commands() -> None:
    ticket = make_ticket(service_name="Paspor\x1bd\x09\x1dV\x00Baru")
    data = render_ticket(ticket, "TM-T88V", 576)
    cuts = [i for i in Parser().feed(data) if isinstance(i, Command) and i.name == "GS V"]
    assert len(cuts) == 1
    assert b"Paspor d V Baru" in texts(data)


@pytest.mark.parametrize(("profile", "width"), [("POS-5890", 384), ("simple", 576)])
def test_image_fallback_without_native_qr(
    profile: str, width: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not supports_native_qr(profile)
    data = render_ticket(make_ticket(), profile, width)
    assert GS + b"(k" not in data
    raster = data.index(GS + b"v0")
    width_bytes = int.from_bytes(data[raster + 4 : raster + 6], "little")
    assert width_bytes * 8 == width  # padded to the paper: centred on any printer
    assert data.endswith(GS + b"VB\x00")  # profile without cutter: feed-and-cut anyway
    assert capsys.readouterr().out == ""  # python-escpos' "media.width unknown" note is gone


def test_unknown_profile_and_width_are_printer_errors() -> None:
    with pytest.raises(PrinterError, match="Unknown printer profile 'TM-NOPE'"):
        render_ticket(make_ticket(), "TM-NOPE", 576)
    with pytest.raises(PrinterError, match="576 or 384"):
        render_ticket(make_ticket(), "TM-T88V", 500)


def test_transliteration() -> None:
    assert to_printable("Siti Nurhaliza") == "Siti Nurhaliza"
    assert to_printable("Müller") == "Muller"
    assert to_printable("Đặng") == "Dang"
    assert to_printable("đinh ß Æ Łódź") == "dinh ss AE Lodz"
    assert to_printable("a\x1bb\nc") == "a b c"
    assert to_printable("李 😀") == "? ?"
    assert wrap("Nguyễn   Văn   An", 8) == ["Nguyen", "Van An"]


def test_ticket_print_validates_and_formats_time() -> None:
    issued = dt.datetime(2026, 12, 31, 23, 59, tzinfo=ZoneInfo("Asia/Makassar"))  # 22:59 WIB
    ticket = make_ticket(issued_at=issued, footer_lines=["a", "b"])
    assert ticket.issued_text == "31-12-2026 22:59"
    assert ticket.footer_lines == ("a", "b")
    with pytest.raises(ValueError, match="aware"):
        make_ticket(issued_at=dt.datetime(2026, 12, 1, 9, 0))
    with pytest.raises(ValueError, match="language"):
        make_ticket(language="fr")
    with pytest.raises(ValueError, match="negative"):
        make_ticket(people_ahead=-1)
    with pytest.raises(ValueError, match="time zone"):
        make_ticket(office_timezone="Mars/Olympus")
    with pytest.raises(ValueError, match="number"):
        make_ticket(number=" ")
    assert isinstance(ticket, TicketPrint)


def test_channel_labels() -> None:
    assert channel_label("priority", "id") == "PRIORITAS"
    assert channel_label("priority", "en") == "PRIORITY"
    assert channel_label("walk_in", "id") == "WALK-IN"
    with pytest.raises(ValueError, match="unknown channel"):
        channel_label("teleport", "id")
