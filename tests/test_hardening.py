"""Tamper evidence, personal data retention, private files."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, update

from config.settings import Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.models import AuditRecord, Booking
from db.ops.audit import verify_audit
from db.ops.calling import call_next
from db.ops.importer import import_bookings
from db.ops.issuing import issue_ticket
from db.ops.privacy import purge_personal_data
from tests.conftest import ADMIN, KIOSK, OFFICER, SUPERVISOR, booking_sample


def busy_day(ctx: QueueContext) -> None:
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)


@pytest.mark.both_databases
def test_intact_audit_log_verifies(ctx: QueueContext) -> None:
    busy_day(ctx)
    check = verify_audit(ctx.db)
    assert check.ok, check.problem
    assert check.checked >= 5


@pytest.mark.parametrize("tamper", ["edit", "delete", "insert"])
def test_tampering_is_detected(ctx: QueueContext, tamper: str) -> None:
    busy_day(ctx)
    with ctx.db.write() as s:
        ids = s.scalars(select(AuditRecord.id).order_by(AuditRecord.id)).all()
        victim = ids[2]
        if tamper == "edit":
            s.execute(
                update(AuditRecord).where(AuditRecord.id == victim).values(actor="someone-else")
            )
        elif tamper == "delete":
            s.delete(s.get(AuditRecord, victim))
        else:
            original = s.get(AuditRecord, victim)
            assert original is not None
            s.add(
                AuditRecord(
                    id=max(ids) + 100,
                    at=original.at,
                    actor="intruder",
                    role="admin",
                    action="cancel",
                    target="A-001",
                    detail="{}",
                    prev_hash=original.hash,
                    hash="f" * 64,
                )
            )
    check = verify_audit(ctx.db)
    assert not check.ok
    expected = {"edit": victim, "delete": ids[3], "insert": max(ids) + 100}[tamper]
    assert check.first_bad_id == expected


def test_personal_data_is_purged_after_the_retention_period(
    ctx: QueueContext, clock: FixedClock
) -> None:
    import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    assert purge_personal_data(ctx, ADMIN) == 0
    clock.set(clock.now() + dt.timedelta(days=31))
    assert purge_personal_data(ctx, ADMIN) == 120
    with ctx.db.read() as s:
        names = set(s.scalars(select(Booking.applicant_name)))
        hashes = set(s.scalars(select(Booking.nik_hash)))
        codes = s.scalars(select(Booking.code)).all()
    assert names == {None} and hashes == {None}
    assert len(codes) == 120
    assert purge_personal_data(ctx, ADMIN) == 0
    # Re-importing the old file does not bring the names back.
    import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    with ctx.db.read() as s:
        assert set(s.scalars(select(Booking.applicant_name))) == {None}


def test_database_files_are_private(settings: Settings, clock: FixedClock) -> None:
    ctx = open_queue(settings, clock=clock)
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    path = Path(settings.database_url.removeprefix("sqlite:///"))
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    ctx.db.dispose()
