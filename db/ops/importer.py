"""Importing the central booking system's daily export into the bookings table.

All or nothing: the rows are written in one transaction, so a failure half-way leaves the
table as it was. Importing the same file again changes nothing; a row whose content changed
(a status set to BATAL, a new slot) updates the booking unless it is already checked in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.context import Actor, QueueContext, audit, check_actor, require
from db.io.booking_export import BookingRow, RejectedRow, parse_export
from db.models import Booking, BookingStatus, Ticket
from db.rules.privacy import hash_nik


@dataclass(frozen=True)
class ImportReport:
    file: str
    format: str
    imported: int
    updated: int
    unchanged: int
    rejected: list[RejectedRow] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.file}: {self.imported} imported, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.rejected)} rejected"
        )


# A booking checked in by its signed QR code holds only the masked name: the export may
# still fill in the personal data, and nothing else, of a booking that is checked in.
_PERSONAL = {"applicant_name", "nik_hash", "booked_at"}


def _fields(ctx: QueueContext, row: BookingRow, service_code: str) -> dict[str, object]:
    tz = ctx.calendar.tz
    return {
        "office_code": row.office_code,
        "date": row.date,
        "slot_start": row.slot_start,
        "slot_end": row.slot_end,
        "service_name": row.service_name,
        "service_code": service_code,
        "applicant_name": row.applicant_name,
        "nik_hash": hash_nik(row.nik, ctx.settings.office.code),
        "status": BookingStatus(str(row.status)),
        "booked_at": row.booked_at.replace(tzinfo=tz) if row.booked_at else None,
    }


# Rows per transaction: a batch is written well within a second.
BATCH_ROWS = 1000


def import_bookings(ctx: QueueContext, actor: Actor, path: str | os.PathLike[str]) -> ImportReport:
    """Import an export file (CSV or JSON). Raises ``ExportError`` when the file as a whole
    cannot be used; bad rows are reported with their line numbers and the rest imported."""
    require(actor, "import_bookings")
    with ctx.db.read() as session:  # refused before the file is even read
        check_actor(session, actor, "import_bookings")
    parsed = parse_export(path)
    rejected = list(parsed.rejected)
    accepted: list[tuple[BookingRow, str]] = []
    office = ctx.settings.office.code
    for row in parsed.rows:
        if row.office_code != office:
            rejected.append(
                RejectedRow(
                    row.line,
                    row.code,
                    f"KODE_KANTOR {row.office_code!r} is another office (this office is "
                    f"{office!r})",
                )
            )
            continue
        service = ctx.settings.service_for_booking_name(row.service_name)
        if service is None:
            rejected.append(
                RejectedRow(
                    row.line,
                    row.code,
                    f"JENIS_LAYANAN {row.service_name!r} is not mapped to a service "
                    "(settings: services.booking_names)",
                )
            )
            continue
        accepted.append((row, service.code))
    rejected.sort(key=lambda r: r.line)

    def work(
        session: Session, batch: list[tuple[BookingRow, str]], part: str
    ) -> tuple[int, int, int, list[RejectedRow]]:
        # Everything this try finds is its own: a retried transaction starts clean.
        refused: list[RejectedRow] = []
        now = ctx.now()
        codes = [row.code for row, _ in batch]
        existing: dict[str, Booking] = {}
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            existing.update(
                (b.code, b) for b in session.scalars(select(Booking).where(Booking.code.in_(chunk)))
            )
        checked_in = set(
            session.scalars(
                select(Ticket.booking_id).where(
                    Ticket.booking_id.in_([b.id for b in existing.values()])
                )
            )
        )
        imported = updated = unchanged = 0
        for row, service_code in batch:
            values = _fields(ctx, row, service_code)
            booking = existing.get(row.code)
            if booking is None:
                session.add(Booking(code=row.code, imported_at=now, **values))
                imported += 1
                continue
            if booking.purged_at is not None:
                values.pop("applicant_name")
                values.pop("nik_hash")
            changed = {k: v for k, v in values.items() if getattr(booking, k) != v}
            if not changed:
                unchanged += 1
            elif booking.id in checked_in and not changed.keys() <= _PERSONAL:
                refused.append(
                    RejectedRow(
                        row.line, row.code, "already checked in; the change was not applied"
                    )
                )
            else:
                for key, value in changed.items():
                    setattr(booking, key, value)
                updated += 1
        audit(
            session,
            actor,
            "import_bookings",
            now,
            os.path.basename(str(path))[:60] + part,
            imported=imported,
            updated=updated,
            unchanged=unchanged,
            rejected=len(refused),
        )
        return imported, updated, unchanged, refused

    # Big files go in batches, each its own short transaction, so kiosks never wait long
    # for the write lock; a batch is all or nothing, and importing the file again is safe.
    totals = [0, 0, 0]
    batches = [accepted[i : i + BATCH_ROWS] for i in range(0, len(accepted), BATCH_ROWS)] or [[]]
    for number, batch in enumerate(batches, 1):
        part = f" ({number}/{len(batches)})" if len(batches) > 1 else ""
        counts = ctx.db.run_write(lambda session, b=batch, p=part: work(session, b, p))
        for i in range(3):
            totals[i] += counts[i]
        rejected.extend(counts[3])
    return ImportReport(
        str(path),
        parsed.format,
        totals[0],
        totals[1],
        totals[2],
        sorted(rejected, key=lambda r: r.line),
    )
