"""Tests of the booking export parser (db/io/booking_export.py): the sample exports, a generated
export, and broken inputs written to tmp_path. Every rejection checks line number and reason."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from db.io.booking_export import (
    ALL_COLUMNS,
    BookingRow,
    BookingStatus,
    ExportError,
    ParsedExport,
    RejectedRow,
    parse_export,
    parse_export_bytes,
)
from tests.conftest import EXPORT_GENERATOR, SAMPLES

CSV_SAMPLE = SAMPLES / "antrean_JKS_20261201.csv"
JSON_SAMPLE = SAMPLES / "antrean_JKS_20261201.json"
GENERATOR = EXPORT_GENERATOR

BOM = b"\xef\xbb\xbf"


# --------------------------------------------------------------------------------------
# Helpers


def good_row(n: int, **changes: str) -> dict[str, str]:
    """A valid CSV row (upper-case column names) with booking number ``n``."""
    row = {
        "KODE_BOOKING": f"MP261201JKS{n:05d}",
        "TGL_KEDATANGAN": "01/12/2026",
        "SESI": "08.00 - 10.00",
        "JENIS_LAYANAN": "PASPOR BARU",
        "NAMA_PEMOHON": f"PEMOHON NOMOR {n}",
        "NIK": f"3174{n:012d}",
        "KODE_KANTOR": "JKS",
        "STATUS": "AKTIF",
        "WAKTU_DAFTAR": "2026-11-15 14:09:32",
    }
    row.update(changes)
    return row


def csv_bytes(
    rows: list[dict[str, str]],
    *,
    columns: list[str] | None = None,
    sep: str = ";",
    eol: str = "\r\n",
    bom: bool = True,
) -> bytes:
    """CSV content the way the central system writes it (no quoting: values are raw)."""
    cols = columns if columns is not None else list(ALL_COLUMNS)
    lines = [sep.join(cols)] + [sep.join(r.get(_key(c), "") for c in cols) for r in rows]
    data = "".join(line + eol for line in lines).encode()
    return BOM + data if bom else data


def _key(column: str) -> str:
    return column.strip().strip('"').upper()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def json_doc(rows: list[dict[str, str]], **top: object) -> dict[str, Any]:
    """The JSON form of CSV-style rows (lower-case keys, ISO date)."""
    data = []
    for r in rows:
        entry = {k.lower(): v for k, v in r.items()}
        d, m, y = r["TGL_KEDATANGAN"].split("/")
        entry["tgl_kedatangan"] = f"{y}-{m}-{d}"
        data.append(entry)
    doc: dict[str, Any] = {
        "kode_kantor": "JKS",
        "tanggal": "2026-12-01",
        "jumlah": len(data),
        "data": data,
    }
    doc.update(top)
    return doc


def write_json(tmp_path: Path, doc: object, name: str = "export.json") -> Path:
    return write(tmp_path, name, json.dumps(doc, ensure_ascii=False).encode())


def content(parsed: ParsedExport) -> set[BookingRow]:
    """Rows without their line numbers, for comparing CSV with JSON."""
    return {dataclasses.replace(r, line=0) for r in parsed.rows}


def only_rejection(parsed: ParsedExport) -> RejectedRow:
    assert len(parsed.rejected) == 1, parsed.rejected
    return parsed.rejected[0]


def export_error(path: Path, **kwargs: int) -> str:
    with pytest.raises(ExportError) as info:
        parse_export(path, **kwargs)
    return str(info.value)


# --------------------------------------------------------------------------------------
# The sample exports


def test_csv_sample_parses_completely() -> None:
    parsed = parse_export(CSV_SAMPLE)
    assert parsed.format == "csv"
    assert len(parsed.rows) == 120
    assert parsed.rejected == []
    assert [r.line for r in parsed.rows] == list(range(2, 122))  # header is line 1
    assert len({r.code for r in parsed.rows}) == 120


def test_csv_sample_first_and_last_row_values() -> None:
    rows = parse_export(CSV_SAMPLE).rows
    assert rows[0] == BookingRow(
        line=2,
        code="MP261201JKS00001",
        office_code="JKS",
        date=dt.date(2026, 12, 1),
        slot_start=dt.time(8, 0),
        slot_end=dt.time(10, 0),
        service_name="PASPOR BARU",
        applicant_name="DIAN SANTOSO",
        nik="3174181590830615",
        status=BookingStatus.ACTIVE,
        booked_at=dt.datetime(2026, 11, 15, 14, 9, 32),
    )
    last = rows[-1]
    assert (last.line, last.code, last.service_name, last.applicant_name) == (
        121,
        "MP261201JKS00120",
        "PENGGANTIAN PASPOR HILANG/RUSAK",
        "FRANSISKA SIHOMBING",
    )


def test_statuses_are_mapped() -> None:
    rows = {r.code: r for r in parse_export(CSV_SAMPLE).rows}
    assert rows["MP261201JKS00047"].status is BookingStatus.CANCELLED  # BATAL
    assert rows["MP261201JKS00012"].status is BookingStatus.RESCHEDULED  # RESCHEDULE
    assert rows["MP261201JKS00001"].status is BookingStatus.ACTIVE  # AKTIF
    assert Counter(r.status for r in rows.values()) == {
        BookingStatus.ACTIVE: 107,
        BookingStatus.CANCELLED: 6,
        BookingStatus.RESCHEDULED: 7,
    }
    assert BookingStatus.CANCELLED == "cancelled"  # same values as db.models.BookingStatus


def test_sessions_and_services_of_sample() -> None:
    rows = parse_export(CSV_SAMPLE).rows
    assert {(r.slot_start, r.slot_end) for r in rows} == {
        (dt.time(8), dt.time(10)),
        (dt.time(10), dt.time(12)),
        (dt.time(13), dt.time(15)),
    }
    assert {r.service_name for r in rows} == {
        "PASPOR BARU",
        "PENGGANTIAN PASPOR HABIS BERLAKU",
        "PENGGANTIAN PASPOR HILANG/RUSAK",
        "PASPOR BARU ANAK",
    }


def test_json_sample_parses_with_index_lines() -> None:
    parsed = parse_export(JSON_SAMPLE)
    assert parsed.format == "json"
    assert len(parsed.rows) == 120
    assert parsed.rejected == []
    assert [r.line for r in parsed.rows] == list(range(1, 121))
    assert parsed.rows[0].code == "MP261201JKS00001"
    assert parsed.rows[0].date == dt.date(2026, 12, 1)


def test_csv_and_json_samples_have_identical_content() -> None:
    from_csv = content(parse_export(CSV_SAMPLE))
    from_json = content(parse_export(JSON_SAMPLE))
    assert len(from_csv) == 120
    assert from_csv == from_json


def test_nik_is_not_in_repr() -> None:
    row = parse_export(CSV_SAMPLE).rows[0]
    assert row.nik == "3174181590830615"
    assert "3174181590830615" not in repr(row)
    assert "DIAN SANTOSO" in repr(row)


# --------------------------------------------------------------------------------------
# A generated export for another day


def test_generated_export_for_another_date(tmp_path: Path) -> None:
    out_csv, out_json = tmp_path / "antrean_SBY_20270104.csv", tmp_path / "antrean.json"
    command = [sys.executable, str(GENERATOR), str(out_csv), "2027-01-04", "40"]
    command += ["--seed", "3", "--office", "SBY", "--json", str(out_json)]
    subprocess.run(
        command,
        check=True,
        capture_output=True,
    )
    from_csv, from_json = parse_export(out_csv), parse_export(out_json)
    for parsed in (from_csv, from_json):
        assert parsed.rejected == []
        assert len(parsed.rows) == 40
        assert {r.date for r in parsed.rows} == {dt.date(2027, 1, 4)}
        assert {r.office_code for r in parsed.rows} == {"SBY"}
        assert parsed.rows[0].code == "MP270104SBY00001"
    assert content(from_csv) == content(from_json)


# --------------------------------------------------------------------------------------
# Accepted variations of the CSV layout


def test_lf_only_line_endings(tmp_path: Path) -> None:
    data = CSV_SAMPLE.read_bytes().replace(b"\r\n", b"\n")
    assert b"\r" not in data
    parsed = parse_export(write(tmp_path, "lf.csv", data))
    assert parsed.rows == parse_export(CSV_SAMPLE).rows  # same content and line numbers


def test_cr_only_line_endings(tmp_path: Path) -> None:
    data = CSV_SAMPLE.read_bytes().replace(b"\r\n", b"\r")
    parsed = parse_export(write(tmp_path, "cr.csv", data))
    assert parsed.rows == parse_export(CSV_SAMPLE).rows


def test_no_bom(tmp_path: Path) -> None:
    data = CSV_SAMPLE.read_bytes()
    assert data.startswith(BOM)
    parsed = parse_export(write(tmp_path, "nobom.csv", data[len(BOM) :]))
    assert parsed.rows == parse_export(CSV_SAMPLE).rows


def test_reordered_lower_case_columns_with_extra_column(tmp_path: Path) -> None:
    columns = [c.lower() for c in reversed(ALL_COLUMNS)]
    columns.insert(3, "CATATAN")
    rows = [good_row(1, CATATAN="bawa KK"), good_row(2)]
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes(rows, columns=columns)))
    plain = parse_export(write(tmp_path, "y.csv", csv_bytes(rows)))
    assert parsed.rejected == []
    assert parsed.rows == plain.rows
    assert parsed.rows[1].applicant_name == "PEMOHON NOMOR 2"
    assert parsed.rows[1].nik == "3174000000000002"


def test_header_whitespace_and_quotes_are_ignored(tmp_path: Path) -> None:
    columns = [f' "{c}" '.strip() if i % 2 else f"  {c} " for i, c in enumerate(ALL_COLUMNS)]
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes([good_row(1)], columns=columns)))
    assert parsed.rejected == []
    assert [r.code for r in parsed.rows] == ["MP261201JKS00001"]


def test_comma_separator_when_header_uses_it(tmp_path: Path) -> None:
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes([good_row(1), good_row(2)], sep=",")))
    assert parsed.rejected == []
    assert [r.code for r in parsed.rows] == ["MP261201JKS00001", "MP261201JKS00002"]
    assert parsed.rows[0].slot_end == dt.time(10, 0)


def test_semicolon_preferred_so_commas_in_values_are_data(tmp_path: Path) -> None:
    columns = [*ALL_COLUMNS, "CATATAN (KK, AKTA)"]  # the header holds both ';' and ','
    rows = [good_row(1, NAMA_PEMOHON="SITI NURHALIZA, S.H.")]
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes(rows, columns=columns)))
    assert parsed.rejected == []
    assert parsed.rows[0].applicant_name == "SITI NURHALIZA, S.H."


def test_quoted_value_with_separator(tmp_path: Path) -> None:
    rows = [good_row(1, NAMA_PEMOHON='"SITI; ""ICA"" NURHALIZA"')]
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes(rows)))
    assert parsed.rejected == []
    assert parsed.rows[0].applicant_name == 'SITI; "ICA" NURHALIZA'


def test_values_are_trimmed_and_keys_upper_cased(tmp_path: Path) -> None:
    row = good_row(
        1,
        KODE_BOOKING="  mp261201jks00001 ",
        KODE_KANTOR=" jks",
        SESI=" 8:00–10:00 ",
        JENIS_LAYANAN="  paspor   baru ",
        NAMA_PEMOHON="\u00a0 Dian  Santoso  ",
        STATUS=" batal ",
        WAKTU_DAFTAR=" 2026-11-15 14:09:32 ",
    )
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes([row])))
    assert parsed.rejected == []
    r = parsed.rows[0]
    assert r.code == "MP261201JKS00001"
    assert r.office_code == "JKS"
    assert (r.slot_start, r.slot_end) == (dt.time(8, 0), dt.time(10, 0))
    assert r.service_name == "PASPOR BARU"
    assert r.applicant_name == "Dian  Santoso"  # kept as given, only trimmed
    assert r.status is BookingStatus.CANCELLED
    assert r.booked_at == dt.datetime(2026, 11, 15, 14, 9, 32)


def test_single_digit_day_and_month(tmp_path: Path) -> None:
    parsed = parse_export(
        write(tmp_path, "x.csv", csv_bytes([good_row(1, TGL_KEDATANGAN="4/1/2027")]))
    )
    assert parsed.rows[0].date == dt.date(2027, 1, 4)


def test_formula_like_cells_are_kept(tmp_path: Path) -> None:
    names = ["=HYPERLINK(1)", "+62 812 000", "-BUDI", "@SUM(A1)"]
    rows = [good_row(i + 1, NAMA_PEMOHON=name) for i, name in enumerate(names)]
    rows.append(good_row(9, JENIS_LAYANAN="=CMD|' /C CALC'!A0"))
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes(rows)))
    assert parsed.rejected == []
    assert [r.applicant_name for r in parsed.rows[:4]] == names
    assert parsed.rows[4].service_name == "=CMD|' /C CALC'!A0"


def test_waktu_daftar_is_optional(tmp_path: Path) -> None:
    columns = [c for c in ALL_COLUMNS if c != "WAKTU_DAFTAR"]
    parsed = parse_export(write(tmp_path, "a.csv", csv_bytes([good_row(1)], columns=columns)))
    assert parsed.rejected == []
    assert parsed.rows[0].booked_at is None
    parsed = parse_export(write(tmp_path, "b.csv", csv_bytes([good_row(1, WAKTU_DAFTAR="")])))
    assert parsed.rejected == []
    assert parsed.rows[0].booked_at is None


def test_blank_lines_are_skipped_and_lines_stay_physical(tmp_path: Path) -> None:
    header, row1 = csv_bytes([good_row(1)]).splitlines()
    row2 = csv_bytes([good_row(2)]).splitlines()[1]
    data = b"\r\n".join([header, row1, b"", b"  ", row2, b";;;;;;;;", b"", b""])
    parsed = parse_export(write(tmp_path, "x.csv", data))
    assert parsed.rejected == []
    assert [(r.line, r.code) for r in parsed.rows] == [
        (2, "MP261201JKS00001"),
        (5, "MP261201JKS00002"),
    ]


def test_header_only_is_an_empty_export(tmp_path: Path) -> None:
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes([])))
    assert parsed == ParsedExport("csv", [], [])


# --------------------------------------------------------------------------------------
# Rejected rows (the others still parse)

ROW_CASES = [
    (
        "TGL_KEDATANGAN",
        "31/02/2026",
        "TGL_KEDATANGAN '31/02/2026' is not a date (expected DD/MM/YYYY)",
    ),
    (
        "TGL_KEDATANGAN",
        "2026-12-01",
        "TGL_KEDATANGAN '2026-12-01' is not a date (expected DD/MM/YYYY)",
    ),
    ("TGL_KEDATANGAN", "1 Des 2026", "TGL_KEDATANGAN '1 Des 2026' is not a date"),
    ("TGL_KEDATANGAN", "01/12/26", "TGL_KEDATANGAN '01/12/26' is not a date"),
    ("TGL_KEDATANGAN", "", "TGL_KEDATANGAN is empty"),
    ("SESI", "pagi", "SESI 'pagi' is not a session (expected e.g. 08.00 - 10.00)"),
    ("SESI", "08.00", "SESI '08.00' is not a session"),
    ("SESI", "24.00 - 25.00", "SESI '24.00 - 25.00' is not a session"),
    ("SESI", "08.60 - 10.00", "SESI '08.60 - 10.00' is not a session"),
    ("SESI", "10.00 - 08.00", "SESI '10.00 - 08.00': the end must be after the start"),
    ("SESI", "10.00 - 10.00", "SESI '10.00 - 10.00': the end must be after the start"),
    ("NIK", "317418159083061", "NIK has 15 digits (expected exactly 16)"),
    ("NIK", "31741815908306150", "NIK has 17 digits (expected exactly 16)"),
    ("NIK", "3,17418E+15", "NIK was turned into a number like 3.17E+15 by a spreadsheet"),
    ("NIK", "3174 1815 9083 0615", "NIK contains characters other than digits"),
    ("NIK", "٣١٧٤١٨١٥٩٠٨٣٠٦١٥", "NIK contains characters other than digits"),
    ("NIK", "", "NIK is empty"),
    ("STATUS", "SELESAI", "STATUS 'SELESAI' is not one of AKTIF, BATAL, RESCHEDULE"),
    ("STATUS", "", "STATUS is empty"),
    ("NAMA_PEMOHON", "", "NAMA_PEMOHON is empty"),
    ("NAMA_PEMOHON", "   ", "NAMA_PEMOHON is empty"),
    ("NAMA_PEMOHON", "BUDI\x07SANTOSO", "NAMA_PEMOHON 'BUDI\\x07SANTOSO' contains a control"),
    ("NAMA_PEMOHON", "A" * 161, "NAMA_PEMOHON is longer than 160 characters"),
    ("JENIS_LAYANAN", "", "JENIS_LAYANAN is empty"),
    ("KODE_KANTOR", "", "KODE_KANTOR is empty"),
    ("KODE_KANTOR", "J K S", "KODE_KANTOR 'J K S' is not an office code"),
    ("WAKTU_DAFTAR", "kemarin", "WAKTU_DAFTAR 'kemarin' is not a date and time"),
    ("WAKTU_DAFTAR", "2026-02-30 10:00:00", "WAKTU_DAFTAR '2026-02-30 10:00:00' is not a date"),
]


@pytest.mark.parametrize(("column", "value", "fragment"), ROW_CASES)
def test_bad_cell_rejects_only_its_row(
    tmp_path: Path, column: str, value: str, fragment: str
) -> None:
    rows = [good_row(1), good_row(2, **{column: value}), good_row(3)]
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes(rows)))
    rejected = only_rejection(parsed)
    assert rejected.line == 3
    assert rejected.code == "MP261201JKS00002"
    assert fragment in rejected.reason
    assert [r.line for r in parsed.rows] == [2, 4]
    if column == "NIK" and value:
        assert value not in rejected.reason  # personal data stays out of reasons


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("ABC12", "KODE_BOOKING 'ABC12' is not a booking code"),
        ("MP-261201-JKS", "KODE_BOOKING 'MP-261201-JKS' is not a booking code"),
        ("ßßßßßß", "KODE_BOOKING 'ßßßßßß' is not a booking code"),  # .upper() gives "SS..."
        ("A" * 33, "is not a booking code (expected 6 to 32 letters A-Z and digits)"),
        ("", "KODE_BOOKING is empty"),
    ],
)
def test_bad_booking_code(tmp_path: Path, value: str, fragment: str) -> None:
    rows = [good_row(1), good_row(2, KODE_BOOKING=value)]
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes(rows)))
    rejected = only_rejection(parsed)
    assert (rejected.line, rejected.code) == (3, None)
    assert fragment in rejected.reason
    assert len(parsed.rows) == 1


def test_every_problem_of_a_row_is_named(tmp_path: Path) -> None:
    rows = [good_row(1, TGL_KEDATANGAN="31/02/2026", STATUS="SELESAI", NIK="123")]
    rejected = only_rejection(parse_export(write(tmp_path, "x.csv", csv_bytes(rows))))
    assert rejected.line == 2
    assert "TGL_KEDATANGAN '31/02/2026' is not a date" in rejected.reason
    assert "STATUS 'SELESAI' is not one of" in rejected.reason
    assert "NIK has 3 digits" in rejected.reason


def test_duplicate_code_rejects_the_later_row(tmp_path: Path) -> None:
    rows = [
        good_row(1),
        good_row(2),
        good_row(3, KODE_BOOKING="mp261201jks00001", NAMA_PEMOHON="ORANG LAIN"),
        good_row(4),
    ]
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes(rows)))
    rejected = only_rejection(parsed)
    assert rejected.line == 4
    assert rejected.code == "MP261201JKS00001"
    assert "KODE_BOOKING 'MP261201JKS00001' is a duplicate of line 2" in rejected.reason
    assert [r.line for r in parsed.rows] == [2, 3, 5]
    assert parsed.rows[0].applicant_name == "PEMOHON NOMOR 1"


def test_duplicate_of_a_rejected_row_is_rejected_too(tmp_path: Path) -> None:
    rows = [good_row(1, SESI="pagi"), good_row(1)]
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes(rows)))
    assert parsed.rows == []
    assert [(r.line, r.code) for r in parsed.rejected] == [
        (2, "MP261201JKS00001"),
        (3, "MP261201JKS00001"),
    ]
    assert "SESI 'pagi'" in parsed.rejected[0].reason
    assert "duplicate of line 2" in parsed.rejected[1].reason


def test_wrong_column_count(tmp_path: Path) -> None:
    data = csv_bytes([good_row(1), good_row(2, NAMA_PEMOHON="SITI;NURHALIZA"), good_row(3)])
    data += b"MP261201JKS00004;01/12/2026;08.00 - 10.00\r\n"
    parsed = parse_export(write(tmp_path, "x.csv", data))
    assert [(r.line, r.code) for r in parsed.rejected] == [(3, None), (5, None)]
    assert "the line has 10 columns, the header has 9" in parsed.rejected[0].reason
    assert "unquoted ';'" in parsed.rejected[0].reason
    assert "the line has 3 columns, the header has 9" in parsed.rejected[1].reason
    assert [r.line for r in parsed.rows] == [2, 4]


def test_unclosed_quote_spoils_only_its_line(tmp_path: Path) -> None:
    rows = [good_row(1), good_row(2, NAMA_PEMOHON='"SITI NURHALIZA'), good_row(3)]
    parsed = parse_export(write(tmp_path, "x.csv", csv_bytes(rows)))
    rejected = only_rejection(parsed)
    assert rejected.line == 3
    assert "the line is not valid CSV" in rejected.reason
    assert [r.line for r in parsed.rows] == [2, 4]


# --------------------------------------------------------------------------------------
# Unusable files


def test_missing_column_is_named(tmp_path: Path) -> None:
    columns = [c for c in ALL_COLUMNS if c != "NIK"]
    message = export_error(write(tmp_path, "x.csv", csv_bytes([good_row(1)], columns=columns)))
    assert "missing column: NIK;" in message
    assert "KODE_BOOKING;TGL_KEDATANGAN" in message  # shows the header it found


def test_several_missing_columns_are_named(tmp_path: Path) -> None:
    columns = [c for c in ALL_COLUMNS if c not in ("NIK", "STATUS")]
    message = export_error(write(tmp_path, "x.csv", csv_bytes([good_row(1)], columns=columns)))
    assert "missing columns: NIK, STATUS" in message


def test_column_twice_in_header(tmp_path: Path) -> None:
    columns = [*ALL_COLUMNS, "nik"]
    message = export_error(write(tmp_path, "x.csv", csv_bytes([good_row(1)], columns=columns)))
    assert "column NIK appears twice in the header (columns 6 and 10)" in message


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    data = csv_bytes([good_row(1)], bom=False)  # ASCII so far: same bytes in cp1252
    data += "MP261201JKS00002;01/12/2026;08.00 - 10.00;PASPOR BARU;JOSÉ MOURINHO;".encode("cp1252")
    data += b"3174000000000002;JKS;AKTIF;2026-11-15 14:09:32\r\n"
    position = data.index(b"\xc9")
    path = write(tmp_path, "x.csv", data)
    message = export_error(path)
    assert f"not UTF-8 text (byte 0xc9 at position {position}, line 3)" in message
    assert "save the export as UTF-8" in message
    with pytest.raises(ExportError, match="not UTF-8 text"):
        parse_export_bytes(data, filename="x.json")


def test_utf16_is_refused(tmp_path: Path) -> None:
    data = CSV_SAMPLE.read_bytes()[len(BOM) :].decode().encode("utf-16")
    assert "UTF-16" in export_error(write(tmp_path, "x.csv", data))


@pytest.mark.parametrize("data", [b"", BOM, b"\r\n\r\n", BOM + b"  \n"])
@pytest.mark.parametrize("name", ["x.csv", "x.json", "x.txt"])
def test_empty_file(tmp_path: Path, data: bytes, name: str) -> None:
    assert "the file is empty" in export_error(write(tmp_path, name, data))


def test_too_large_file(tmp_path: Path) -> None:
    size = CSV_SAMPLE.stat().st_size
    message = export_error(CSV_SAMPLE, max_bytes=size - 1)
    assert f"too large ({size:,} bytes; at most {size - 1:,}" in message
    assert len(parse_export(CSV_SAMPLE, max_bytes=size).rows) == 120
    with pytest.raises(ExportError, match="too large"):
        parse_export_bytes(JSON_SAMPLE.read_bytes(), filename="x.json", max_bytes=1000)


def test_too_many_rows() -> None:
    assert "too many rows (120; at most 119)" in export_error(CSV_SAMPLE, max_rows=119)
    assert "too many rows (120; at most 119)" in export_error(JSON_SAMPLE, max_rows=119)
    assert len(parse_export(CSV_SAMPLE, max_rows=120).rows) == 120
    assert len(parse_export(JSON_SAMPLE, max_rows=120).rows) == 120


# --------------------------------------------------------------------------------------
# JSON specifics


def test_json_jumlah_mismatch(tmp_path: Path) -> None:
    doc = json.loads(JSON_SAMPLE.read_text(encoding="utf-8"))
    doc["jumlah"] = 121
    message = export_error(write_json(tmp_path, doc))
    assert "jumlah says 121 rows but data has 120" in message


@pytest.mark.parametrize(
    ("doc", "fragment"),
    [
        ([], "the JSON is not an object"),
        (
            "JKS",
            "the JSON is not an object with kode_kantor, tanggal, jumlah and data (it is text)",
        ),
        ({"jumlah": 0}, "the JSON has no 'data' list"),
        ({"jumlah": 1, "data": {"a": 1}}, "the JSON 'data' is an object, not a list"),
        ({"data": []}, "the JSON has no 'jumlah'"),
        ({"jumlah": "0", "data": []}, "the JSON 'jumlah' is text, not a whole number"),
        ({"jumlah": True, "data": [{}]}, "the JSON 'jumlah' is true/false"),
    ],
)
def test_json_unusable_structure(tmp_path: Path, doc: object, fragment: str) -> None:
    assert fragment in export_error(write_json(tmp_path, doc))


def test_json_syntax_error_names_position(tmp_path: Path) -> None:
    data = JSON_SAMPLE.read_bytes()[:500]  # truncated download
    message = export_error(write(tmp_path, "x.json", data))
    assert message.startswith("not valid JSON (")
    assert "at line" in message


def test_json_with_bom_and_upper_case_keys(tmp_path: Path) -> None:
    doc = json_doc([good_row(1), good_row(2)])
    doc = {k.upper(): v for k, v in doc.items()}
    doc["DATA"] = [{k.upper(): v for k, v in e.items()} for e in doc["DATA"]]
    path = write(tmp_path, "x.json", BOM + json.dumps(doc).encode())
    parsed = parse_export(path)
    assert parsed.rejected == []
    assert [r.code for r in parsed.rows] == ["MP261201JKS00001", "MP261201JKS00002"]


def test_json_bad_rows(tmp_path: Path) -> None:
    doc = json_doc([good_row(n) for n in range(1, 8)])
    data = doc["data"]
    assert isinstance(data, list)
    data[1]["tgl_kedatangan"] = "01/12/2026"
    del data[2]["nik"]
    data[3]["nik"] = 3174000000000004
    data[4] = "MP261201JKS00005"
    data[5]["kode_booking"] = "MP261201JKS00001"
    data[6]["waktu_daftar"] = None
    parsed = parse_export(write_json(tmp_path, doc))
    assert [(r.line, r.code) for r in parsed.rejected] == [
        (2, "MP261201JKS00002"),
        (3, None),
        (4, None),
        (5, None),
        (6, "MP261201JKS00001"),
    ]
    reasons = [r.reason for r in parsed.rejected]
    assert "tgl_kedatangan '01/12/2026' is not a date (expected YYYY-MM-DD)" in reasons[0]
    assert reasons[1] == "nik is missing"
    assert reasons[2] == "nik must be text, not a number"
    assert reasons[3] == "the entry is text, not an object"
    assert "kode_booking 'MP261201JKS00001' is a duplicate of line 1" in reasons[4]
    assert [(r.line, r.booked_at) for r in parsed.rows] == [
        (1, dt.datetime(2026, 11, 15, 14, 9, 32)),
        (7, None),
    ]


def test_json_field_missing_everywhere(tmp_path: Path) -> None:
    doc = json_doc([good_row(1), good_row(2)])
    for entry in doc["data"]:
        del entry["status"]
    message = export_error(write_json(tmp_path, doc))
    assert message == "field missing from every entry of data: status"


def test_json_repeated_field_in_entry(tmp_path: Path) -> None:
    first = json.dumps(json_doc([good_row(1)])["data"][0])
    first = first[:-1] + ', "NIK": "3174000000000009"}'
    second = json.dumps(json_doc([good_row(2)])["data"][0])
    data = f'{{"jumlah": 2, "data": [{first}, {second}]}}'
    parsed = parse_export(write(tmp_path, "x.json", data.encode()))
    rejected = only_rejection(parsed)
    assert rejected.line == 1
    assert rejected.reason == "the entry repeats the field 'NIK'"
    assert [r.line for r in parsed.rows] == [2]


# --------------------------------------------------------------------------------------
# Format detection


def test_format_from_extension_case_insensitive(tmp_path: Path) -> None:
    assert parse_export(write(tmp_path, "X.JSON", JSON_SAMPLE.read_bytes())).format == "json"
    assert parse_export(write(tmp_path, "X.CSV", CSV_SAMPLE.read_bytes())).format == "csv"


def test_format_sniffed_without_known_extension(tmp_path: Path) -> None:
    as_json = parse_export_bytes(JSON_SAMPLE.read_bytes(), filename="download")
    as_csv = parse_export_bytes(CSV_SAMPLE.read_bytes(), filename="antrean.txt")
    assert (as_json.format, len(as_json.rows)) == ("json", 120)
    assert (as_csv.format, len(as_csv.rows)) == ("csv", 120)


def test_json_named_csv_gets_a_hint(tmp_path: Path) -> None:
    message = export_error(write(tmp_path, "x.csv", JSON_SAMPLE.read_bytes()))
    assert "missing columns" in message
    assert "looks like JSON" in message
