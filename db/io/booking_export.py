"""Parser for the central booking system's daily export (CSV or JSON) into validated rows.

The format is described in ``samples/booking-export.md``: a CSV file in UTF-8
with BOM, ``;`` separated, CRLF line endings, one header row; or the same content as JSON
``{"kode_kantor", "tanggal", "jumlah", "data": [...]}`` with lower-case keys and ISO dates.

This module is *pure*: no database, no settings, no clock. It answers two questions:

* Is the file usable at all? If not, :class:`ExportError` with a message for the supervisor
  (not UTF-8, not JSON, a required column missing, ``jumlah`` not matching, empty, too large).
* Which rows are valid? Each valid row becomes a :class:`BookingRow`; each invalid one a
  :class:`RejectedRow` with its line number and a plain-English reason naming the column.
  One bad row never stops the others.

What it deliberately does **not** decide (that is the importer's job, it knows the office
and the day): whether ``office_code`` is this office, whether ``date`` is the day being
imported, which local service ``service_name`` maps to, and what to do with bookings that
are already in the database.

Lenient where spreadsheets and people differ harmlessly: header names in any case and
order, extra columns ignored, BOM optional, LF / CRLF / CR line endings, ``,`` instead of
``;`` when the header line uses it, blank lines skipped, whitespace around values trimmed,
``08:00`` as well as ``08.00`` in ``SESI``. Strict where a guess could be wrong: the bytes
must be UTF-8 (a cp1252 file is refused rather than turning ``JOSÉ`` into ``JOSÃ‰``), dates
must be real dates, NIK exactly 16 ASCII digits.

Formula injection: a text cell may begin with ``=``, ``+``, ``-`` or ``@`` (e.g. a name
``=HYPERLINK(...)``). Such values are kept exactly as given: this parser never evaluates
anything, and a name really can start with ``-``. Whoever writes this data out again to a
spreadsheet-readable file (CSV reports, exports of rejections) must escape such cells
(for example prefix a ``'``).

Personal data: the NIK is validated here but never appears in a rejection reason, and it is
left out of ``repr(BookingRow)`` so logging a row does not leak it. The importer must store
it hashed (``db.ops.privacy.hash_nik``), never as given.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from db.models import BookingStatus

__all__ = [
    "ALL_COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "BookingRow",
    "BookingStatus",
    "ExportError",
    "ParsedExport",
    "RejectedRow",
    "parse_export",
    "parse_export_bytes",
    "write_csv_export",
]

DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_MAX_ROWS = 200_000

REQUIRED_COLUMNS: tuple[str, ...] = (
    "KODE_BOOKING",
    "TGL_KEDATANGAN",
    "SESI",
    "JENIS_LAYANAN",
    "NAMA_PEMOHON",
    "NIK",
    "KODE_KANTOR",
    "STATUS",
)
#: May be absent (column or cell): ``booked_at`` is then ``None``.
OPTIONAL_COLUMNS: tuple[str, ...] = ("WAKTU_DAFTAR",)
ALL_COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

# Validation patterns. Explicit ASCII classes: ``\d`` would accept Arabic-Indic digits.
_CODE = re.compile(r"[A-Za-z0-9]{6,32}")
_OFFICE = re.compile(r"[A-Za-z0-9]{2,8}")  # same shape as settings ``office.code``
_NIK = re.compile(r"[0-9]{16}")
_DIGITS = re.compile(r"[0-9]+")
_SCIENTIFIC = re.compile(r"[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+")
_DATE_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_DATE_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SLOT = re.compile(r"([0-9]{1,2})[.:]([0-9]{2})\s*[-\u2013\u2014]\s*([0-9]{1,2})[.:]([0-9]{2})")
_DATETIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})[ T]([0-9]{2}):([0-9]{2}):([0-9]{2})")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BYTE_LINE_BREAK = re.compile(rb"\r\n|\r|\n")

# Longest text kept, matching the ``bookings`` table (db/models.py).
_MAX_SERVICE_NAME = 120
_MAX_APPLICANT_NAME = 160

_BOM = "\ufeff"


_STATUS_BY_EXPORT: dict[str, BookingStatus] = {
    "AKTIF": BookingStatus.ACTIVE,
    "BATAL": BookingStatus.CANCELLED,
    "RESCHEDULE": BookingStatus.RESCHEDULED,
}


@dataclass(frozen=True)
class BookingRow:
    """One valid booking of the export.

    ``line`` is the 1-based physical line in a CSV file (the header is line 1) or the
    1-based position in the JSON ``data`` list. Text values are trimmed; ``code``,
    ``office_code`` and ``service_name`` are upper-cased (they are keys; ``service_name``
    also has inner runs of whitespace collapsed), ``applicant_name`` is kept as given.
    Text may start with ``=``/``+``/``-``/``@``: escape it when writing a spreadsheet.
    ``nik`` is left out of ``repr`` (personal data); store only its hash.
    ``booked_at`` is naive local time of the central system (``None`` when not given).
    """

    line: int
    code: str
    office_code: str
    date: dt.date
    slot_start: dt.time
    slot_end: dt.time
    service_name: str
    applicant_name: str
    nik: str = field(repr=False)
    status: BookingStatus
    booked_at: dt.datetime | None


@dataclass(frozen=True)
class RejectedRow:
    """A row that was not imported: where it is, its booking code if that one was valid,
    and why (every problem of the row, ``"; "``-separated, naming the columns)."""

    line: int
    code: str | None
    reason: str


@dataclass(frozen=True)
class ParsedExport:
    """The result of parsing one export file; ``rows`` and ``rejected`` in file order."""

    format: Literal["csv", "json"]
    rows: list[BookingRow]
    rejected: list[RejectedRow]


class ExportError(Exception):
    """The whole file is unusable; the message says why and, where possible, what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------------------
# Entry points


def parse_export(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> ParsedExport:
    """Read and parse the export file at ``path`` (format from its extension, else sniffed).

    Raises :class:`ExportError` when the file is unusable (including larger than
    ``max_bytes``, checked before reading, or more than ``max_rows`` data rows). Errors
    opening the file (missing, no permission) propagate as :class:`OSError`.
    """
    p = Path(path)
    with p.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            raise ExportError(_too_large(size, max_bytes))
        data = f.read(max_bytes + 1)  # the size may have changed since fstat
    return parse_export_bytes(data, filename=p.name, max_bytes=max_bytes, max_rows=max_rows)


def parse_export_bytes(
    data: bytes,
    *,
    filename: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> ParsedExport:
    """Parse export content (e.g. an upload). ``filename`` only chooses the format: ``.csv``
    or ``.json`` (any case); any other name is sniffed (``{`` or ``[`` first means JSON)."""
    if len(data) > max_bytes:
        raise ExportError(_too_large(len(data), max_bytes))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExportError(
            "the file is UTF-16 text, not UTF-8; save the export as UTF-8 "
            '(in a spreadsheet: "CSV UTF-8")'
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = len(_BYTE_LINE_BREAK.findall(data, 0, exc.start)) + 1
        raise ExportError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}, "
            f'line {line}); save the export as UTF-8 (in a spreadsheet: "CSV UTF-8")'
        ) from None
    text = text.removeprefix(_BOM)
    if not text.strip():
        raise ExportError("the file is empty")

    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        fmt: Literal["csv", "json"] = "csv"
    elif suffix == ".json":
        fmt = "json"
    else:
        fmt = "json" if text.lstrip()[:1] in ("{", "[") else "csv"

    if fmt == "json":
        return _parse_json(text, max_rows=max_rows)
    return _parse_csv(text, max_rows=max_rows)


def _too_large(size: int, max_bytes: int) -> str:
    return f"the file is too large ({size:,} bytes; at most {max_bytes:,} are accepted)"


# --------------------------------------------------------------------------------------
# CSV


def _parse_csv(text: str, *, max_rows: int) -> ParsedExport:
    lines = _LINE_BREAK.split(text)
    header_index = next(i for i, line in enumerate(lines) if line.strip())
    header_line = lines[header_index]
    data_count = sum(1 for line in lines[header_index + 1 :] if line.strip())
    if data_count > max_rows:
        raise ExportError(f"the file has too many rows ({data_count:,}; at most {max_rows:,})")

    delimiter = ";" if ";" in header_line or "," not in header_line else ","
    try:
        header = next(csv.reader([header_line], delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise ExportError(f"the header line {header_index + 1} is not valid CSV ({exc})") from None
    names = [cell.strip().lstrip(_BOM).upper() for cell in header]
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        if name not in ALL_COLUMNS:
            continue
        if name in positions:
            raise ExportError(
                f"column {name} appears twice in the header "
                f"(columns {positions[name] + 1} and {index + 1})"
            )
        positions[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if missing:
        shown = header_line if len(header_line) <= 200 else header_line[:197] + "..."
        hint = " (the file looks like JSON; name it .json)" if shown.lstrip()[:1] == "{" else ""
        raise ExportError(
            f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}; "
            f"the header line is: {shown}{hint}"
        )

    rows: list[BookingRow] = []
    rejected: list[RejectedRow] = []
    seen: dict[str, int] = {}
    for index in range(header_index + 1, len(lines)):
        line_text = lines[index]
        line_no = index + 1
        if not line_text.strip():
            continue
        try:
            cells = next(csv.reader([line_text], delimiter=delimiter, strict=True))
        except csv.Error as exc:
            rejected.append(
                RejectedRow(
                    line_no, None, f'the line is not valid CSV ({exc}); check its quotes (")'
                )
            )
            continue
        if not any(cell.strip() for cell in cells):
            continue  # e.g. ";;;;;;;;" left by a spreadsheet
        if len(cells) != len(header):
            hint = (
                f" (is there an unquoted '{delimiter}' in a value?)"
                if len(cells) > len(header)
                else ""
            )
            rejected.append(
                RejectedRow(
                    line_no,
                    None,
                    f"the line has {len(cells)} columns, the header has {len(header)}{hint}",
                )
            )
            continue
        values: dict[str, str | None] = {name: cells[i].strip() for name, i in positions.items()}
        rejected_or_row = _validate(line_no, values, _csv_label, _parse_dmy, "DD/MM/YYYY", seen)
        if isinstance(rejected_or_row, BookingRow):
            rows.append(rejected_or_row)
        else:
            rejected.append(rejected_or_row)
    return ParsedExport("csv", rows, rejected)


def _csv_label(column: str) -> str:
    return column


def _parse_dmy(value: str) -> dt.date | None:
    match = _DATE_DMY.fullmatch(value)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------
# JSON


class _JsonObject(dict[str, object]):
    """A decoded JSON object remembering keys that occurred twice (ignoring case)."""

    duplicates: tuple[str, ...] = ()


def _json_object(pairs: list[tuple[str, object]]) -> _JsonObject:
    obj = _JsonObject(pairs)
    seen: set[str] = set()
    duplicates: list[str] = []
    for key, _ in pairs:
        folded = key.lower()
        if folded in seen:
            duplicates.append(key)
        seen.add(folded)
    if duplicates:
        obj.duplicates = tuple(duplicates)
    return obj


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _parse_json(text: str, *, max_rows: int) -> ParsedExport:
    data = _json_data(_json_document(text), max_rows)
    _check_required_fields(data)
    rows: list[BookingRow] = []
    rejected: list[RejectedRow] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data):
        result = _json_entry(index + 1, entry, seen)
        if isinstance(result, BookingRow):
            rows.append(result)
        else:
            rejected.append(result)
    return ParsedExport("json", rows, rejected)


def _json_document(text: str) -> dict[str, object]:
    """The export's top-level object, its keys in lower case."""
    try:
        doc = json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        raise ExportError(
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ExportError("not valid JSON (nested too deeply)") from None
    if not isinstance(doc, _JsonObject):
        raise ExportError(
            "the JSON is not an object with kode_kantor, tanggal, jumlah and data "
            f"(it is {_json_type(doc)})"
        )
    if doc.duplicates:
        raise ExportError(f"the JSON repeats the key {doc.duplicates[0]!r}")
    return {key.lower(): value for key, value in doc.items()}


def _json_data(top: dict[str, object], max_rows: int) -> list[object]:
    """The ``data`` list, checked against ``jumlah`` (the row count the export declares)."""
    if "data" not in top:
        raise ExportError("the JSON has no 'data' list")
    data = top["data"]
    if not isinstance(data, list):
        raise ExportError(f"the JSON 'data' is {_json_type(data)}, not a list")
    if len(data) > max_rows:
        raise ExportError(f"the file has too many rows ({len(data):,}; at most {max_rows:,})")
    if "jumlah" not in top:
        raise ExportError("the JSON has no 'jumlah' (row count)")
    jumlah = top["jumlah"]
    if isinstance(jumlah, bool) or not isinstance(jumlah, int):
        raise ExportError(f"the JSON 'jumlah' is {_json_type(jumlah)}, not a whole number")
    if jumlah != len(data):
        raise ExportError(
            f"jumlah says {jumlah} rows but data has {len(data)}; "
            "the export is incomplete or was altered, download it again"
        )
    return data


def _check_required_fields(data: list[object]) -> None:
    """A required field absent from every entry is the file's fault, not each row's."""
    entries = [
        {key.lower(): value for key, value in entry.items()}
        for entry in data
        if isinstance(entry, _JsonObject)
    ]
    if not entries:
        return
    absent = [
        _json_label(name)
        for name in REQUIRED_COLUMNS
        if not any(_json_label(name) in entry for entry in entries)
    ]
    if absent:
        raise ExportError(
            f"field{'s' if len(absent) > 1 else ''} missing from every entry of data: "
            + ", ".join(absent)
        )


def _json_entry(line_no: int, entry: object, seen: dict[str, int]) -> BookingRow | RejectedRow:
    """One entry of ``data`` (``line_no`` counts from 1) as a booking row, or why not."""
    if not isinstance(entry, _JsonObject):
        return RejectedRow(line_no, None, f"the entry is {_json_type(entry)}, not an object")
    if entry.duplicates:
        return RejectedRow(line_no, None, f"the entry repeats the field {entry.duplicates[0]!r}")
    lowered = {key.lower(): value for key, value in entry.items()}
    problems: list[str] = []
    values: dict[str, str | None] = {}
    for name in ALL_COLUMNS:
        label = _json_label(name)
        if label not in lowered:
            if name in REQUIRED_COLUMNS:
                problems.append(f"{label} is missing")
            continue
        value = lowered[label]
        if value is None:
            values[name] = ""
        elif isinstance(value, str):
            values[name] = value.strip()
        else:
            problems.append(f"{label} must be text, not {_json_type(value)}")
    if problems:
        return RejectedRow(line_no, None, "; ".join(problems))
    return _validate(line_no, values, _json_label, _parse_iso, "YYYY-MM-DD", seen)


def _json_label(column: str) -> str:
    return column.lower()


def _parse_iso(value: str) -> dt.date | None:
    match = _DATE_ISO.fullmatch(value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------
# One row


def _show(value: str) -> str:
    """A value quoted for a reason: shortened, control characters escaped."""
    if len(value) > 40:
        value = value[:37] + "..."
    if not value.isprintable():
        value = value.encode("unicode_escape").decode("ascii")
    return f"'{value}'"


def _has_control(value: str) -> bool:
    return any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in value)


def _text(
    label: str, value: str, problems: list[str], *, max_length: int, collapse: bool = False
) -> str:
    if not value:
        problems.append(f"{label} is empty")
    elif _has_control(value):
        problems.append(f"{label} {_show(value)} contains a control character")
    elif len(value) > max_length:
        problems.append(f"{label} is longer than {max_length} characters")
    return " ".join(value.split()) if collapse else value


def _validate(
    line: int,
    values: Mapping[str, str | None],
    label_of: Callable[[str], str],
    parse_date: Callable[[str], dt.date | None],
    date_format: str,
    seen: dict[str, int],
) -> BookingRow | RejectedRow:
    """Check one row's (trimmed) values; record a valid code in ``seen`` (code → line).
    Every problem of the row is named, so one reading of the rejection list is enough."""
    problems: list[str] = []

    def get(column: str) -> str:
        return values.get(column) or ""

    code = _check_code(label_of("KODE_BOOKING"), get("KODE_BOOKING"), line, seen, problems)
    office = _check_office(label_of("KODE_KANTOR"), get("KODE_KANTOR"), problems)
    date = _check_date(
        label_of("TGL_KEDATANGAN"), get("TGL_KEDATANGAN"), parse_date, date_format, problems
    )
    slot = _parse_slot(label_of("SESI"), get("SESI"), problems)
    service = _text(
        label_of("JENIS_LAYANAN"),
        get("JENIS_LAYANAN").upper(),
        problems,
        max_length=_MAX_SERVICE_NAME,
        collapse=True,
    )
    name = _text(
        label_of("NAMA_PEMOHON"), get("NAMA_PEMOHON"), problems, max_length=_MAX_APPLICANT_NAME
    )
    nik = get("NIK")
    _check_nik(label_of("NIK"), nik, problems)
    status = _check_status(label_of("STATUS"), get("STATUS"), problems)
    booked_at = _check_booked_at(label_of("WAKTU_DAFTAR"), get("WAKTU_DAFTAR"), problems)

    if problems:
        return RejectedRow(line, code, "; ".join(problems))
    assert code is not None and date is not None and slot is not None and status is not None
    return BookingRow(
        line=line,
        code=code,
        office_code=office,
        date=date,
        slot_start=slot[0],
        slot_end=slot[1],
        service_name=service,
        applicant_name=name,
        nik=nik,
        status=status,
        booked_at=booked_at,
    )


def _check_code(
    label: str, raw: str, line: int, seen: dict[str, int], problems: list[str]
) -> str | None:
    """The booking code in capitals; a second row with the same code is refused."""
    if not raw:
        problems.append(f"{label} is empty")
        return None
    if not _CODE.fullmatch(raw):
        problems.append(
            f"{label} {_show(raw)} is not a booking code (expected 6 to 32 letters A-Z and digits)"
        )
        return None
    code = raw.upper()
    if code in seen:
        problems.append(f"{label} {_show(code)} is a duplicate of line {seen[code]}")
    else:
        seen[code] = line
    return code


def _check_office(label: str, raw: str, problems: list[str]) -> str:
    if not raw:
        problems.append(f"{label} is empty")
    elif not _OFFICE.fullmatch(raw):
        problems.append(
            f"{label} {_show(raw)} is not an office code (expected 2 to 8 letters/digits)"
        )
    return raw.upper()


def _check_date(
    label: str,
    raw: str,
    parse_date: Callable[[str], dt.date | None],
    date_format: str,
    problems: list[str],
) -> dt.date | None:
    if not raw:
        problems.append(f"{label} is empty")
        return None
    date = parse_date(raw)
    if date is None:
        problems.append(f"{label} {_show(raw)} is not a date (expected {date_format})")
    return date


def _check_nik(label: str, nik: str, problems: list[str]) -> None:
    """Sixteen digits. The value is never echoed: it is personal data and reasons end up
    in logs."""
    if _NIK.fullmatch(nik):
        return
    if not nik:
        problems.append(f"{label} is empty")
    elif _DIGITS.fullmatch(nik):
        problems.append(f"{label} has {len(nik)} digits (expected exactly 16)")
    elif _SCIENTIFIC.fullmatch(nik):
        problems.append(
            f"{label} was turned into a number like 3.17E+15 by a spreadsheet "
            "(expected 16 digits; format the column as text)"
        )
    else:
        problems.append(f"{label} contains characters other than digits (expected 16 digits)")


def _check_status(label: str, raw: str, problems: list[str]) -> BookingStatus | None:
    status = _STATUS_BY_EXPORT.get(raw.upper())
    if not raw:
        problems.append(f"{label} is empty")
    elif status is None:
        problems.append(f"{label} {_show(raw)} is not one of {', '.join(_STATUS_BY_EXPORT)}")
    return status


def _check_booked_at(label: str, raw: str, problems: list[str]) -> dt.datetime | None:
    """When the applicant booked (optional)."""
    if not raw:
        return None
    booked_at = _parse_datetime(raw)
    if booked_at is None:
        problems.append(
            f"{label} {_show(raw)} is not a date and time (expected YYYY-MM-DD HH:MM:SS)"
        )
    return booked_at


def _parse_slot(label: str, value: str, problems: list[str]) -> tuple[dt.time, dt.time] | None:
    if not value:
        problems.append(f"{label} is empty")
        return None
    match = _SLOT.fullmatch(value)
    try:
        if not match:
            raise ValueError(value)
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start, end = dt.time(h1, m1), dt.time(h2, m2)
    except ValueError:
        problems.append(f"{label} {_show(value)} is not a session (expected e.g. 08.00 - 10.00)")
        return None
    if end <= start:
        problems.append(f"{label} {_show(value)}: the end must be after the start")
        return None
    return start, end


def _parse_datetime(value: str) -> dt.datetime | None:
    match = _DATETIME.fullmatch(value)
    if not match:
        return None
    try:
        year, month, day, hour, minute, second = (int(g) for g in match.groups())
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def write_csv_export(rows: Iterable[Mapping[str, str]], path: Path) -> Path:
    """Write rows (keyed by column name) as the central system writes its CSV export:
    UTF-8 with BOM, ``;``, CRLF, the columns in their usual order. For the demo and the
    simulation, which need today's export."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(";".join(ALL_COLUMNS) + "\r\n")
        for row in rows:
            out.write(";".join(row[c] for c in ALL_COLUMNS) + "\r\n")
    return path
