"""Check-in with a signed booking QR (db/ops/checkin.py + db/io/booking_token.py)."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from config import ConfigError, settings_from_mapping
from config.settings import Channel, Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.errors import CheckInRejected, RejectReason
from db.io.booking_token import BookingClaim, generate_key_pair, sign_booking
from db.migrate import open_queue
from db.models import Booking, Ticket
from db.ops.checkin import check_in_booking
from db.ops.importer import import_bookings
from tests.conftest import (
    JAKARTA,
    KIOSK,
    SUPERVISOR,
    always_open_toml,
    booking_sample,
    env_without_loket,
    make_settings,
)

pytestmark = pytest.mark.both_databases

PRIVATE, PUBLIC = generate_key_pair()
OTHER_PRIVATE, _ = generate_key_pair()
CLAIM = BookingClaim(
    office_code="JKS",
    booking_code="MP261201JKS90001",  # not in the sample export
    date=dt.date(2026, 12, 1),
    slot_start=dt.time(8, 0),
    slot_end=dt.time(10, 0),
    service_name="PASPOR BARU",
    masked_name="SIT*** N***",
    expires_at=dt.datetime(2026, 12, 2, tzinfo=JAKARTA),
)


def token(**change: object) -> str:
    return sign_booking(PRIVATE, dataclasses.replace(CLAIM, **change))  # type: ignore[arg-type]


@pytest.fixture
def qr_ctx(db_url: str, clock: FixedClock) -> Iterator[QueueContext]:
    settings = make_settings(db_url, booking_qr={"public_keys": [PUBLIC]})
    queue = open_queue(settings, clock=clock)
    yield queue
    queue.db.dispose()


def rejection(ctx: QueueContext, payload: str) -> CheckInRejected:
    with pytest.raises(CheckInRejected) as info:
        check_in_booking(ctx, KIOSK, payload)
    return info.value


def bookings(ctx: QueueContext) -> list[Booking]:
    with ctx.db.read() as s:
        return list(s.scalars(select(Booking).order_by(Booking.code)))


def test_a_token_alone_checks_in_and_a_replay_shows_the_ticket(qr_ctx: QueueContext) -> None:
    ticket = check_in_booking(qr_ctx, KIOSK, f"{token()}\r\n")
    assert ticket.channel == Channel.BOOKING
    assert ticket.booking_code == CLAIM.booking_code
    assert ticket.masked_name == "SIT*** N***"
    assert ticket.slot_start == dt.datetime(2026, 12, 1, 8, 0, tzinfo=JAKARTA)
    assert ticket.number.startswith("A-")
    (row,) = bookings(qr_ctx)
    assert (row.code, row.service_code, row.nik_hash) == (CLAIM.booking_code, "baru", None)
    again = rejection(qr_ctx, token())
    assert again.reason == RejectReason.ALREADY_CHECKED_IN
    assert (again.ticket_number, again.ticket_id) == (ticket.number, ticket.id)
    # The plain code of the same booking finds it too.
    assert rejection(qr_ctx, CLAIM.booking_code).reason == RejectReason.ALREADY_CHECKED_IN
    with qr_ctx.db.read() as s:
        assert len(s.scalars(select(Ticket)).all()) == 1


def test_refusals_have_their_own_reasons(qr_ctx: QueueContext) -> None:
    prefix, payload, signature = token().split(".")
    raw = base64.urlsafe_b64decode(payload + "==").replace(b"90001", b"90002")
    altered = f"{prefix}.{base64.urlsafe_b64encode(raw).rstrip(b'=').decode()}.{signature}"
    assert rejection(qr_ctx, altered).reason == RejectReason.FORGED
    assert rejection(qr_ctx, sign_booking(OTHER_PRIVATE, CLAIM)).reason == RejectReason.FORGED
    expired = rejection(qr_ctx, token(expires_at=dt.datetime(2026, 12, 1, 8, tzinfo=JAKARTA)))
    assert expired.reason == RejectReason.EXPIRED
    assert (expired.booking_code, expired.booking_date) == (CLAIM.booking_code, CLAIM.date)
    other_office = rejection(qr_ctx, token(office_code="BGR"))
    assert other_office.reason == RejectReason.OTHER_OFFICE and "(BGR)" in other_office.message
    tomorrow = rejection(qr_ctx, token(date=dt.date(2026, 12, 2)))
    assert tomorrow.reason == RejectReason.OTHER_DATE
    assert tomorrow.booking_date == dt.date(2026, 12, 2)
    assert rejection(qr_ctx, "LKT1.garbage").reason == RejectReason.MALFORMED
    assert rejection(qr_ctx, "LKT1." + "A" * 2000).reason == RejectReason.MALFORMED
    unmapped = rejection(qr_ctx, token(service_name="PASPOR DIPLOMATIK"))
    assert unmapped.reason == RejectReason.SERVICE_UNAVAILABLE
    early = rejection(qr_ctx, token(slot_start=dt.time(14), slot_end=dt.time(15)))
    assert early.reason == RejectReason.TOO_EARLY
    assert bookings(qr_ctx) == []  # a refused scan leaves nothing behind


def test_without_keys_a_token_is_refused_and_plain_codes_work(
    ctx: QueueContext, clock: FixedClock
) -> None:
    assert rejection(ctx, token()).reason == RejectReason.MALFORMED
    import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    with ctx.db.read() as s:
        b = s.scalars(select(Booking).filter_by(status="active").order_by(Booking.code)).first()
    assert b is not None
    clock.set(dt.datetime.combine(b.date, b.slot_start, tzinfo=JAKARTA))
    assert check_in_booking(ctx, KIOSK, b.code).booking_code == b.code


def test_the_export_decides_when_it_has_the_booking(
    qr_ctx: QueueContext, clock: FixedClock
) -> None:
    import_bookings(qr_ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    with qr_ctx.db.read() as s:
        cancelled = s.scalars(select(Booking).filter_by(status="cancelled")).first()
        active = s.scalars(select(Booking).filter_by(status="active")).first()
    assert cancelled is not None and active is not None
    clock.set(dt.datetime.combine(cancelled.date, cancelled.slot_start, tzinfo=JAKARTA))
    assert rejection(qr_ctx, token(booking_code=cancelled.code)).reason == (RejectReason.CANCELLED)
    # A token whose slot differs from the export's: the export's slot counts.
    clock.set(dt.datetime.combine(active.date, active.slot_start, tzinfo=JAKARTA))
    ticket = check_in_booking(
        qr_ctx, KIOSK, token(booking_code=active.code, slot_start=dt.time(7), slot_end=dt.time(8))
    )
    assert ticket.slot_start == dt.datetime.combine(active.date, active.slot_start, JAKARTA)
    assert ticket.masked_name is not None and "*" in ticket.masked_name


def test_a_booking_moved_to_today_checks_in_with_its_new_token(
    qr_ctx: QueueContext, clock: FixedClock
) -> None:
    import_bookings(qr_ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    with qr_ctx.db.read() as s:
        moved = s.scalars(select(Booking).filter_by(status="rescheduled")).first()
    assert moved is not None
    # The next day, the central system's new token for that day is accepted.
    clock.set(dt.datetime(2026, 12, 2, 9, 0, tzinfo=JAKARTA))
    fresh = token(
        booking_code=moved.code,
        date=dt.date(2026, 12, 2),
        expires_at=dt.datetime(2026, 12, 3, tzinfo=JAKARTA),
    )
    ticket = check_in_booking(qr_ctx, KIOSK, fresh)
    assert ticket.business_day == dt.date(2026, 12, 2)
    (row,) = [b for b in bookings(qr_ctx) if b.code == moved.code]
    assert (row.date, row.status) == (dt.date(2026, 12, 2), "active")


def test_settings_refuse_a_bad_public_key() -> None:
    assert Settings.model_validate({"booking_qr": {"public_keys": [f" {PUBLIC} "]}})
    for bad in (["not-a-key"], [PUBLIC[:-1] + "B"], [PUBLIC, PUBLIC]):
        with pytest.raises(ConfigError) as info:
            settings_from_mapping({"booking_qr": {"public_keys": bad}}, "loket.toml")
        assert "booking_qr.public_keys" in str(info.value)


def test_loket_db_keys_sign_and_check_in(tmp_path: Path) -> None:
    config = tmp_path / "loket.toml"
    base = always_open_toml(f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    config.write_text(base, encoding="utf-8")
    env = env_without_loket()
    env["LOKET_DATA_DIR"] = str(tmp_path / "data")

    def loket_db(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "db", *args, "--config", str(config)]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)

    made = loket_db("booking-keys", "--out", str(tmp_path / "keys"))
    assert made.returncode == 0, made.stderr
    config.write_text(base + made.stdout[made.stdout.index("[booking_qr]") :], encoding="utf-8")
    (key,) = (tmp_path / "keys").glob("*.key")
    # A slot covering the whole day: the test runs at any hour (the office is always open).
    sign = ["sign-booking", "--key", str(key), "--booking", "MPTEST0001", "--service", "baru"]
    signed = loket_db(*sign, "--slot", "00:00-23:59", "--name", "Budi Santoso")
    assert signed.returncode == 0, signed.stderr
    first = loket_db("check-in", signed.stdout.strip(), "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["booking_code"] == "MPTEST0001"
    replay = loket_db("check-in", signed.stdout.strip(), "--json")
    assert replay.returncode == 1
    assert json.loads(replay.stdout)["rejected"] == "already_checked_in"


def test_export_imported_after_a_token_check_in_fills_in_the_personal_data(
    qr_ctx: QueueContext,
) -> None:
    # MP261201JKS00001: PASPOR BARU, 08.00 - 10.00, DIAN SANTOSO in the sample export.
    check_in_booking(qr_ctx, KIOSK, token(booking_code="MP261201JKS00001", masked_name=None))
    report = import_bookings(qr_ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    assert (report.imported, report.updated, report.rejected) == (119, 1, [])
    (row,) = [b for b in bookings(qr_ctx) if b.code == "MP261201JKS00001"]
    assert row.applicant_name == "DIAN SANTOSO" and row.nik_hash is not None
