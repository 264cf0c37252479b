"""Importing the central booking system's daily export into the bookings table.

Rows are written in batches of ``BATCH_ROWS``, each in its own short transaction: a batch
is all or nothing, and a failure half-way leaves the batches before it written. Importing
the same file again changes nothing; a row whose content changed (a status set to BATAL, a
new slot) updates the booking unless it is already checked in."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
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


@dataclass
class _BatchResult:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[RejectedRow] = field(default_factory=list)


def import_bookings(ctx: QueueContext, actor: Actor, path: str | os.PathLike[str]) -> ImportReport:
    """Import an export file (CSV or JSON). Raises ``ExportError`` when the file as a whole
    cannot be used; bad rows are reported with their line numbers and the rest imported."""
    require(actor, "import_bookings")
    with ctx.db.read() as session:  # refused before the file is even read
        check_actor(session, actor, "import_bookings")
    parsed = parse_export(path)
    accepted, rejected = _for_this_office(ctx, parsed.rows)
    rejected.extend(parsed.rejected)
    # Big files go in batches, each its own short transaction, so kiosks never wait long
    # for the write lock; a batch is all or nothing, and importing the file again is safe.
    total = _BatchResult()
    batches = [accepted[i : i + BATCH_ROWS] for i in range(0, len(accepted), BATCH_ROWS)] or [[]]
    name = os.path.basename(str(path))[:60]
    for number, batch in enumerate(batches, 1):
        part = f" ({number}/{len(batches)})" if len(batches) > 1 else ""
        result = ctx.db.run_write(functools.partial(_import_batch, ctx, actor, batch, name + part))
        total.imported += result.imported
        total.updated += result.updated
        total.unchanged += result.unchanged
        rejected.extend(result.refused)
    return ImportReport(
        str(path),
        parsed.format,
        total.imported,
        total.updated,
        total.unchanged,
        sorted(rejected, key=lambda r: r.line),
    )


def _for_this_office(
    ctx: QueueContext, rows: Iterable[BookingRow]
) -> tuple[list[tuple[BookingRow, str]], list[RejectedRow]]:
    """The rows this office can import, each with its service code, and those it cannot."""
    accepted: list[tuple[BookingRow, str]] = []
    rejected: list[RejectedRow] = []
    office = ctx.settings.office.code
    for row in rows:
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
    return accepted, rejected


def _import_batch(
    ctx: QueueContext,
    actor: Actor,
    batch: list[tuple[BookingRow, str]],
    label: str,
    session: Session,
) -> _BatchResult:
    """One batch in one transaction. Everything it finds is its own: a retried transaction
    starts clean."""
    result = _BatchResult()
    now = ctx.now()
    existing = _existing_bookings(session, [row.code for row, _ in batch])
    checked_in = set(
        session.scalars(
            select(Ticket.booking_id).where(
                Ticket.booking_id.in_([b.id for b in existing.values()])
            )
        )
    )
    for row, service_code in batch:
        values = _fields(ctx, row, service_code)
        booking = existing.get(row.code)
        if booking is None:
            session.add(Booking(code=row.code, imported_at=now, **values))
            result.imported += 1
            continue
        if booking.purged_at is not None:
            values.pop("applicant_name")
            values.pop("nik_hash")
        changed = {k: v for k, v in values.items() if getattr(booking, k) != v}
        if not changed:
            result.unchanged += 1
        elif booking.id in checked_in and not changed.keys() <= _PERSONAL:
            result.refused.append(
                RejectedRow(row.line, row.code, "already checked in; the change was not applied")
            )
        else:
            for key, value in changed.items():
                setattr(booking, key, value)
            result.updated += 1
    audit(
        session,
        actor,
        "import_bookings",
        now,
        label,
        imported=result.imported,
        updated=result.updated,
        unchanged=result.unchanged,
        rejected=len(result.refused),
    )
    return result


def _existing_bookings(session: Session, codes: list[str]) -> dict[str, Booking]:
    existing: dict[str, Booking] = {}
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        existing.update(
            (b.code, b) for b in session.scalars(select(Booking).where(Booking.code.in_(chunk)))
        )
    return existing
