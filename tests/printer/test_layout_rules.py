"""The ticket's layout line by line (printer/layout.py): every printed line with the
alignment, weight, reverse and size it is printed in, on both paper widths; the QR code's
size; the label-and-value lines; the number's size. The same for a slip (a problem
report's receipt)."""

from __future__ import annotations

import pytest

from printer.escpos_parser import Command, Parser, Text
from printer.layout import (
    number_size,
    qr_module_size,
    render_slip,
    render_ticket,
    supports_native_qr,
)

from .conftest import TOKEN, make_ticket
from .test_slip import make_slip

Line = tuple[str, int, int, tuple[int, int], str]


def styled(data: bytes) -> list[Line | str]:
    """The ticket as a printer reads it: each text with (alignment, bold, reverse, size),
    each other command by name (QR commands with their function, without the data)."""
    align, bold, invert, size = 0, 0, 0, (1, 1)
    out: list[Line | str] = []
    for item in Parser().feed(data):
        if isinstance(item, Text):
            out.append(("LCR"[align], bold, invert, size, item.data.decode()))
        elif isinstance(item, Command):
            if item.name == "ESC @":
                align, bold, invert, size = 0, 0, 0, (1, 1)
                out.append("init")
            elif item.name == "ESC a":
                align = item.args[0]
            elif item.name == "ESC E":
                bold = item.args[0]
            elif item.name == "GS B":
                invert = item.args[0]
            elif item.name == "GS !":
                size = ((item.args[0] >> 4) + 1, (item.args[0] & 15) + 1)
            elif item.name == "GS ( k":
                out.append(f"QR {item.raw[5:8].decode('latin-1')} {'LCR'[align]}")
            else:
                out.append(f"{item.name} {item.args.hex()}".strip())
    return out


NORMAL = (1, 1)
SEPARATOR_58 = ("C", 0, 0, NORMAL, "-" * 32)
SEPARATOR_80 = ("C", 0, 0, NORMAL, "-" * 48)
# Model 2, module size (6 dots on 58 mm, 7 on 80 mm), correction M, store, print; centred.
QR_58 = ["QR 1A2 C", "QR 1C\x06 C", "QR 1E1 C", "QR 1P0 C", "QR 1Q0 C"]
QR_80 = ["QR 1A2 C", "QR 1C\x07 C", "QR 1E1 C", "QR 1P0 C", "QR 1Q0 C"]


def test_a_copy_on_58_mm_paper_line_by_line() -> None:
    data = render_ticket(make_ticket(copy=True), "TM-T88V", 384)
    assert styled(data) == [
        "init",
        "ESC t 00",
        ("C", 1, 0, NORMAL, "Kantor Imigrasi Kelas I Khusus"),
        "LF",
        ("C", 1, 0, NORMAL, "TPI Jakarta Selatan"),
        "LF",
        SEPARATOR_58,
        "LF",
        ("C", 1, 1, (2, 2), " SALINAN "),
        "LF",
        "LF",
        ("C", 0, 0, NORMAL, "Nomor antrean"),
        "LF",
        ("C", 1, 0, (6, 7), "A-023"),
        "LF",
        ("C", 1, 0, (1, 2), "Paspor Baru"),
        "LF",
        ("C", 1, 1, NORMAL, " PRIORITAS "),
        "LF",
        ("C", 0, 0, NORMAL, "Lansia (60+)"),
        "LF",
        SEPARATOR_58,
        "LF",
        ("L", 0, 0, NORMAL, "Waktu           01-12-2026 09:14"),
        "LF",
        ("L", 0, 0, NORMAL, "Orang di depan Anda            4"),
        "LF",
        ("L", 0, 0, NORMAL, "Perkiraan waktu tunggu  25 menit"),
        "LF",
        ("L", 0, 0, NORMAL, "Nama                 BUD*** S***"),
        "LF",
        "LF",
        *QR_58,
        "LF",
        ("C", 0, 0, NORMAL, "Jl. Warung Buncit Raya No. 207,"),
        "LF",
        ("C", 0, 0, NORMAL, "Jakarta Selatan"),
        "LF",
        ("C", 0, 0, NORMAL, "Simpan tiket ini sampai Anda"),
        "LF",
        ("C", 0, 0, NORMAL, "selesai dilayani."),
        "LF",
        "ESC d 06",
        "GS V 00",
    ]


def test_a_walk_in_ticket_in_english_on_80_mm_paper_line_by_line() -> None:
    ticket = make_ticket(
        language="en",
        channel_label="WALK-IN",
        priority_reason=None,
        masked_name=None,
        estimated_wait_minutes=None,
    )
    assert styled(render_ticket(ticket, "TM-T88V", 576)) == [
        "init",
        "ESC t 00",
        ("C", 1, 0, NORMAL, "Kantor Imigrasi Kelas I Khusus TPI Jakarta"),
        "LF",
        ("C", 1, 0, NORMAL, "Selatan"),
        "LF",
        SEPARATOR_80,
        "LF",
        ("C", 0, 0, NORMAL, "Queue number"),
        "LF",
        ("C", 1, 0, (8, 8), "A-023"),
        "LF",
        ("C", 1, 0, (1, 2), "Paspor Baru"),
        "LF",
        ("C", 1, 1, NORMAL, " WALK-IN "),
        "LF",
        SEPARATOR_80,
        "LF",
        ("L", 0, 0, NORMAL, "Issued                          01-12-2026 09:14"),
        "LF",
        ("L", 0, 0, NORMAL, "People ahead of you                            4"),
        "LF",
        ("L", 0, 0, NORMAL, "Estimated wait                     not known yet"),
        "LF",
        "LF",
        *QR_80,
        "LF",
        ("C", 0, 0, NORMAL, "Jl. Warung Buncit Raya No. 207, Jakarta Selatan"),
        "LF",
        ("C", 0, 0, NORMAL, "Keep this ticket until you have been served."),
        "LF",
        "ESC d 06",
        "GS V 00",
    ]


def test_every_ticket_starts_from_a_clean_printer_at_normal_size() -> None:
    data = render_ticket(make_ticket(), "TM-T88V", 576)
    assert data.startswith(b"\x1b@" + b"\x1bt\x00" + b"\x1d!\x00")


def test_a_label_and_its_value_share_a_line_while_two_spaces_fit() -> None:
    # 58 mm: 32 columns. "Nama" (4) + 26 characters leaves exactly two spaces.
    fits = make_ticket(masked_name="N" * 26)
    lines = [x for x in styled(render_ticket(fits, "TM-T88V", 384)) if isinstance(x, tuple)]
    assert ("L", 0, 0, NORMAL, "Nama  " + "N" * 26) in lines
    # One character more leaves one space: label, then the value on its own line, right.
    apart = make_ticket(masked_name="N" * 27)
    lines = [x for x in styled(render_ticket(apart, "TM-T88V", 384)) if isinstance(x, tuple)]
    at = lines.index(("L", 0, 0, NORMAL, "Nama"))
    assert lines[at + 1] == ("L", 0, 0, NORMAL, " " * 5 + "N" * 27)


@pytest.mark.parametrize(
    ("width", "data_bytes", "module"),
    [
        (576, 0, 7),  # about 3 cm on 80 mm paper
        (512, 62, 7),
        (511, 62, 6),
        (384, 62, 6),
        (576, 1000, 4),  # long data: smaller modules so the symbol fits the paper
        # ... with its quiet zone: 81 modules + 4 at 7 dots would be 595 dots, too wide.
        (576, 450, 6),
        (576, 900, 4),  # 113 + 4 modules: 4 dots each (5 would be 585)
        (384, 1000, 3),
        (576, 2300, 3),
        (512, 2300, 2),
        (384, 2300, 2),
    ],
)
def test_the_qr_code_is_as_large_as_fits(width: int, data_bytes: int, module: int) -> None:
    assert qr_module_size(width, "x" * data_bytes) == module


def test_which_profiles_print_qr_codes_themselves() -> None:
    assert supports_native_qr("TM-T88V")
    assert not supports_native_qr("simple")


@pytest.mark.parametrize(
    ("number", "width", "size"),
    [
        ("A-023", 576, (8, 8)),
        ("A-023", 384, (6, 7)),
        ("VIP-1234", 384, (4, 5)),
        ("A-0001234567890123", 384, (1, 2)),  # longer than half a line: normal width
        ("", 576, (8, 8)),
    ],
)
def test_the_number_is_as_large_as_fits_one_line(
    number: str, width: int, size: tuple[int, int]
) -> None:
    assert number_size(number, width) == size


def test_the_ticket_ends_with_the_cut_the_printer_has() -> None:
    # Full cut (TM-T88V), partial cut only (TM-U220B), no cutter (simple): always a feed
    # of six lines to the cutter, then the cut; without a cutter "feed and cut" anyway.
    ends = {
        "TM-T88V": b"\x1bd\x06\x1dV\x00",
        "TM-U220B": b"\x1bd\x06\x1dV\x01",
        "simple": b"\x1bd\x06\x1dVB\x00",
    }
    for profile, end in ends.items():
        data = render_ticket(make_ticket(), profile, 576)
        assert data.endswith(b"\x1ba\x00" + end), profile  # left-aligned again, then cut


@pytest.mark.parametrize(("profile", "width", "module"), [("simple", 576, 7), ("POS-5890", 384, 6)])
def test_a_printer_without_qr_codes_gets_the_same_code_as_a_picture(
    profile: str, width: int, module: int
) -> None:
    import zxingcpp
    from PIL import Image

    data = render_ticket(make_ticket(), profile, width)
    at = data.index(b"\x1dv0")
    width_bytes = int.from_bytes(data[at + 4 : at + 6], "little")
    height = int.from_bytes(data[at + 6 : at + 8], "little")
    raster = data[at + 8 : at + 8 + width_bytes * height]
    image = Image.frombytes("1", (width_bytes * 8, height), raster, "raw", "1;I")
    [code] = zxingcpp.read_barcodes(image.convert("L"))
    assert code.text == TOKEN
    assert code.ec_level == "M"
    # The picture's height in dots: the symbol's modules and a one-module margin on each
    # side, each module as many dots as a native code's module would be.
    modules = 17 + 4 * _qr_version(TOKEN)
    assert height == (modules + 2) * module
    assert data[:at].rfind(b"\x1ba\x01") != -1  # centred


def _qr_version(data: str) -> int:
    import qrcode
    import qrcode.constants

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return int(code.version)


def test_what_cannot_be_printed_is_named() -> None:
    from escpos import capabilities

    from printer import PrinterError

    with pytest.raises(PrinterError, match=r"^Cannot compose ticket A-023: "):
        render_ticket(make_ticket(qr_token="x" * 5000), "TM-T88V", 576)
    first = ", ".join(sorted(capabilities.CAPABILITIES["profiles"])[:12])
    with pytest.raises(PrinterError) as info:
        render_ticket(make_ticket(), "TM-NOPE", 576)
    assert str(info.value) == (
        f"Unknown printer profile 'TM-NOPE' (setting printer.profile); known: {first}, ..."
    )


# -- slips (a problem report's receipt) ---------------------------------------------------


def test_a_slip_copy_on_58_mm_paper_line_by_line() -> None:
    slip = make_slip(copy=True, paragraphs=("Satu dua.", "Tiga empat."))
    rule = ("C", 0, 0, NORMAL, "-" * 32)
    assert styled(render_slip(slip, "TM-T88V", 384)) == [
        "init",
        "ESC t 00",
        ("C", 1, 0, NORMAL, "Kantor Imigrasi Kelas I Khusus"),
        "LF",
        ("C", 1, 0, NORMAL, "TPI Jakarta Selatan"),
        "LF",
        rule,
        "LF",
        ("C", 1, 1, (2, 2), " SALINAN "),
        "LF",
        "LF",
        ("C", 1, 0, NORMAL, "Tanda terima laporan"),
        "LF",
        ("C", 1, 0, (2, 2), "ADU-261201-007"),
        "LF",
        rule,
        "LF",
        # A label and a value too long for one line: the value below, indented, on the left.
        ("L", 0, 0, NORMAL, "Waktu"),
        "LF",
        ("L", 0, 0, NORMAL, "  Selasa, 1 Desember 2026 09.14"),
        "LF",
        ("L", 0, 0, NORMAL, "Topik"),
        "LF",
        ("L", 0, 0, NORMAL, "  Aplikasi pemesanan online"),
        "LF",
        ("L", 0, 0, NORMAL, "  tidak dapat diakses"),
        "LF",
        rule,
        "LF",
        ("L", 0, 0, NORMAL, "Satu dua."),
        "LF",
        "LF",  # a blank line between paragraphs
        ("L", 0, 0, NORMAL, "Tiga empat."),
        "LF",
        "LF",
        ("C", 0, 0, NORMAL, "Jl. Warung Buncit Raya No. 207,"),
        "LF",
        ("C", 0, 0, NORMAL, "Jakarta Selatan"),
        "LF",
        "ESC d 06",
        "GS V 00",
    ]


def test_a_slip_on_80_mm_paper_keeps_a_short_row_on_one_line() -> None:
    slip = make_slip(rows=(("Waktu", "Selasa, 1 Desember 2026 09.14"),), paragraphs=())
    lines = styled(render_slip(slip, "TM-T88V", 576))
    row = ("L", 0, 0, NORMAL, "Waktu              Selasa, 1 Desember 2026 09.14")
    # No paragraphs: no rule after the rows, straight to the footer after a blank line.
    assert lines[lines.index(row) :] == [
        row,
        "LF",
        "LF",
        ("C", 0, 0, NORMAL, "Jl. Warung Buncit Raya No. 207, Jakarta Selatan"),
        "LF",
        "ESC d 06",
        "GS V 00",
    ]


@pytest.mark.parametrize(
    ("number", "width", "size"),
    [
        ("ADU-261201-007", 576, (2, 2)),  # three times would fit: a slip stays at twice
        ("ADU-261201-007", 384, (2, 2)),
        ("ADU-261201-007-LAPORAN", 384, NORMAL),  # twice would not fit 32 columns
        ("ADU-261201-007-LAPORAN", 576, (2, 2)),  # 44 of 48 columns
        ("ADU-261201-007-LAPORAN-XY", 576, NORMAL),  # 50: not twice
    ],
)
def test_a_slips_number_is_twice_the_size_when_it_fits(
    number: str, width: int, size: tuple[int, int]
) -> None:
    lines = styled(render_slip(make_slip(number=number), "TM-T88V", width))
    assert ("C", 1, 0, size, number) in lines


def test_a_slip_without_rows_paragraphs_or_footer() -> None:
    slip = make_slip(rows=(), paragraphs=(), footer_lines=())
    lines = styled(render_slip(slip, "TM-T88V", 576))
    assert lines[-6:] == [
        ("C", 1, 0, (2, 2), "ADU-261201-007"),
        "LF",
        ("C", 0, 0, NORMAL, "-" * 48),
        "LF",
        "ESC d 06",
        "GS V 00",
    ]


def test_a_slip_row_stays_on_one_line_while_two_spaces_fit_then_wraps_indented() -> None:
    # 58 mm: 32 columns. "Topik" (5) + 25 characters leaves exactly two spaces.
    fits = make_slip(rows=(("Topik", "T" * 25),), paragraphs=())
    lines = styled(render_slip(fits, "TM-T88V", 384))
    assert ("L", 0, 0, NORMAL, "Topik  " + "T" * 25) in lines
    # Longer: the label on its line, the value below it, indented by two and wrapped at
    # 30 columns (the first line here is exactly 30).
    apart = make_slip(rows=(("Topik", "kata kata kata kata kata abcde xyz"),), paragraphs=())
    lines = [x for x in styled(render_slip(apart, "TM-T88V", 384)) if x != "LF"]
    at = lines.index(("L", 0, 0, NORMAL, "Topik"))
    assert lines[at + 1 : at + 3] == [
        ("L", 0, 0, NORMAL, "  kata kata kata kata kata abcde"),
        ("L", 0, 0, NORMAL, "  xyz"),
    ]
