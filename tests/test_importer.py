from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from db.clock import FixedClock
from db.context import QueueContext
from db.errors import NotAllowed
from db.io.booking_export import ExportError
from db.models import AuditRecord, Booking
from db.ops import importer
from db.ops.checkin import check_in_booking
from db.ops.importer import import_bookings
from tests.conftest import JAKARTA, KIOSK, OFFICER, SUPERVISOR, booking_sample

HEADER = (
    "KODE_BOOKING;TGL_KEDATANGAN;SESI;JENIS_LAYANAN;NAMA_PEMOHON;NIK;KODE_KANTOR;STATUS;"
    "WAKTU_DAFTAR"
)

pytestmark = pytest.mark.both_databases


def export(tmp_path: Path, *rows: str, name: str = "antrean.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\ufeff" + "\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8"))
    return path


def row(
    code: str, status: str = "AKTIF", service: str = "PASPOR BARU", session: str = "08.00 - 10.00"
) -> str:
    return (
        f"{code};01/12/2026;{session};{service};SITI NURHALIZA;3174000011112222;JKS;"
        f"{status};2026-11-20 10:00:00"
    )


def count(ctx: QueueContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count(Booking.id))) or 0)


def test_csv_and_json_samples_import_the_same_bookings(ctx: QueueContext) -> None:
    first = import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    assert (first.imported, first.updated, first.unchanged, first.rejected) == (120, 0, 0, [])
    second = import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.json"))
    assert (second.imported, second.updated, second.unchanged) == (0, 0, 120)
    assert count(ctx) == 120
    with ctx.db.read() as s:
        b = s.scalar(select(Booking).where(Booking.code == "MP261201JKS00001"))
        audit = s.scalars(select(AuditRecord.action)).all()
    assert b is not None
    assert (b.date, b.slot_start, b.slot_end) == (dt.date(2026, 12, 1), dt.time(8), dt.time(10))
    assert (b.service_code, b.applicant_name, b.status) == ("baru", "DIAN SANTOSO", "active")
    assert b.nik_hash is not None and "3174181590830615" not in b.nik_hash
    assert b.booked_at == dt.datetime(2026, 11, 15, 14, 9, 32, tzinfo=JAKARTA)
    assert audit.count("import_bookings") == 2


def test_changed_rows_update_unless_checked_in(
    ctx: QueueContext, clock: FixedClock, tmp_path: Path
) -> None:
    import_bookings(
        ctx, SUPERVISOR, export(tmp_path, row("MP261201JKS00001"), row("MP261201JKS00002"))
    )
    clock.set(dt.datetime(2026, 12, 1, 8, 30, tzinfo=JAKARTA))
    check_in_booking(ctx, KIOSK, "MP261201JKS00002")
    report = import_bookings(
        ctx,
        SUPERVISOR,
        export(
            tmp_path,
            row("MP261201JKS00001", status="BATAL"),
            row("MP261201JKS00002", session="13.00 - 15.00"),
            name="later.csv",
        ),
    )
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 0)
    assert [(r.line, r.code) for r in report.rejected] == [(3, "MP261201JKS00002")]
    assert "already checked in" in report.rejected[0].reason
    with ctx.db.read() as s:
        statuses = dict(s.execute(select(Booking.code, Booking.status)).all())
        slot = s.scalar(select(Booking.slot_start).where(Booking.code == "MP261201JKS00002"))
    assert statuses == {"MP261201JKS00001": "cancelled", "MP261201JKS00002": "active"}
    assert slot == dt.time(8)


def test_unmapped_services_are_rejected_with_their_line(ctx: QueueContext, tmp_path: Path) -> None:
    report = import_bookings(
        ctx,
        SUPERVISOR,
        export(
            tmp_path,
            row("MP261201JKS00001"),
            row("MP261201JKS00002", service="VISA"),
            "garbage;row",
        ),
    )
    assert report.imported == 1
    reasons = {r.line: r.reason for r in report.rejected}
    assert "JENIS_LAYANAN 'VISA' is not mapped" in reasons[3]
    assert 4 in reasons


def test_unusable_file_imports_nothing(ctx: QueueContext, tmp_path: Path) -> None:
    bad = tmp_path / "antrean.csv"
    bad.write_bytes(b"KODE_BOOKING;NAMA_PEMOHON\r\nMP1;SITI\r\n")
    with pytest.raises(ExportError, match="TGL_KEDATANGAN"):
        import_bookings(ctx, SUPERVISOR, bad)
    assert count(ctx) == 0


def test_only_supervisors_import(ctx: QueueContext, tmp_path: Path) -> None:
    with pytest.raises(NotAllowed):
        import_bookings(ctx, OFFICER, export(tmp_path, row("MP261201JKS00001")))
    assert count(ctx) == 0


def test_a_retried_batch_lists_each_rejected_row_once(
    ctx: QueueContext, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_bookings(ctx, SUPERVISOR, export(tmp_path, row("MP261201JKS00001")))
    clock.set(dt.datetime(2026, 12, 1, 8, 30, tzinfo=JAKARTA))
    check_in_booking(ctx, KIOSK, "MP261201JKS00001")
    real = importer._import_batch
    tries: list[int] = []

    def locked_once(*args: object) -> object:
        result = real(*args)  # type: ignore[arg-type]
        tries.append(1)
        if len(tries) == 1:  # the commit finds the database locked: the batch is tried again
            raise OperationalError("COMMIT", {}, Exception("database is locked"))
        return result

    monkeypatch.setattr(importer, "_import_batch", locked_once)
    report = import_bookings(
        ctx,
        SUPERVISOR,
        export(tmp_path, row("MP261201JKS00001", session="13.00 - 15.00"), name="later.csv"),
    )
    assert len(tries) == 2
    assert [(r.line, r.code) for r in report.rejected] == [(2, "MP261201JKS00001")]


def test_a_big_export_is_written_in_short_batches(
    ctx: QueueContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_ROWS", 40)
    rows = [row(f"MP261201JKS{n:05d}") for n in range(1, 101)]
    report = import_bookings(ctx, SUPERVISOR, export(tmp_path, *rows))
    assert report.imported == 100 and count(ctx) == 100
    with ctx.db.read() as s:
        targets = list(
            s.scalars(
                select(AuditRecord.target)
                .where(AuditRecord.action == "import_bookings")
                .order_by(AuditRecord.id)
            )
        )
    # One transaction (and audit record) per batch: 40 + 40 + 20 rows.
    assert targets == ["antrean.csv (1/3)", "antrean.csv (2/3)", "antrean.csv (3/3)"]
