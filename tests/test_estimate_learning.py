"""What the estimate learns at the edges (db/read/estimate.py ``learn``): a counter's own
speed from its tenth measured service on, today's services counted with the earlier
days', quick services too; a no-show share of a channel called only today; the bookings
of the first day of the window and not of the day before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.models import Booking
from db.ops.checkin import check_in_booking
from db.ops.counters import close_counter, open_counter
from db.ops.importer import import_bookings
from db.read import estimate
from db.read.estimate import BOOKINGS_COME, learn
from tests.conftest import JAKARTA, KIOSK, OFFICER, SUPERVISOR, booking_sample
from tests.test_estimate_history import day_at, priority_calls, serve


def learnt_now(ctx: QueueContext, clock: FixedClock) -> estimate.History:
    estimate.forget()
    with ctx.db.read() as session:
        return learn(session, ctx, clock.now())


def test_a_counter_gets_its_own_speed_from_its_tenth_service_today_included(
    ctx: QueueContext, clock: FixedClock
) -> None:
    # Yesterday: counter 1 served nine in 2 minutes, counter 2 nine in 6, counter 3 ten
    # quick ones of 30 seconds (a pick-up, its own service). Today counter 1 serves its
    # tenth; counter 2 does not.
    day_at(clock, dt.date(2026, 11, 30))
    for number in (1, 2, 4):
        open_counter(ctx, OFFICER, number)
    for _ in range(9):
        serve(ctx, clock, 1, 2, walk=0)
        serve(ctx, clock, 2, 6, walk=0)
    for _ in range(10):
        serve(ctx, clock, 4, 0.5, walk=0, service="ambil")
    for number in (1, 2, 4):
        close_counter(ctx, OFFICER, number)
    day_at(clock, dt.date(2026, 12, 1))
    open_counter(ctx, OFFICER, 1)
    assert learnt_now(ctx, clock).counter_speed == {("ambil", 4): 1.0}
    serve(ctx, clock, 1, 2, walk=0)
    history = learnt_now(ctx, clock)
    # New passports: 10 x 2 and 9 x 6 minutes, a median of 2: counter 1 at 1.0; counter 2
    # (nine) has no speed of its own.
    assert history.counter_speed == {("ambil", 4): 1.0, ("baru", 1): 1.0}


def test_a_share_of_no_shows_is_learnt_from_today_alone(
    ctx: QueueContext, clock: FixedClock
) -> None:
    open_counter(ctx, OFFICER, 1)
    priority_calls(ctx, clock)  # twenty priority calls today, five of them away; none before
    assert learnt_now(ctx, clock).no_show == {Channel.PRIORITY: pytest.approx(0.25)}


@pytest.mark.parametrize(("days_after", "counted"), [(20, True), (21, False)])
def test_the_bookings_of_the_windows_first_day_are_counted(
    ctx: QueueContext, clock: FixedClock, days_after: int, counted: bool
) -> None:
    # The bookings of 1 December, none of them checked in: on 21 December the 20 days
    # learnt from begin on 1 December; on the 22nd they no longer include it.
    import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    with ctx.db.read() as session:
        active = session.scalars(select(Booking).filter_by(status="active")).all()
    assert len(active) >= 20
    assert ctx.settings.estimate.history_days == 20
    day_at(clock, dt.date(2026, 12, 1) + dt.timedelta(days=days_after))
    assert learnt_now(ctx, clock).bookings_come == (0.0 if counted else BOOKINGS_COME)


@pytest.mark.parametrize(("booked", "come"), [(20, 0.75), (19, BOOKINGS_COME)])
def test_the_share_of_bookings_that_come_is_learnt_from_twenty_bookings_on(
    ctx: QueueContext, clock: FixedClock, tmp_path: Path, booked: int, come: float
) -> None:
    # Yesterday: ``booked`` bookings for the 08:00 session, fifteen of them checked in.
    rows = [
        f"MP261130JKS{i:05d};30/11/2026;08.00 - 10.00;PASPOR BARU;DIAN SANTOSO;"
        f"31741815908{i:05d};JKS;AKTIF;2026-11-15 14:09:32"
        for i in range(1, booked + 1)
    ]
    export = tmp_path / "antrean_JKS_20261130.csv"
    export.write_text(
        "KODE_BOOKING;TGL_KEDATANGAN;SESI;JENIS_LAYANAN;NAMA_PEMOHON;NIK;KODE_KANTOR;STATUS;"
        "WAKTU_DAFTAR\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    clock.set(dt.datetime(2026, 11, 30, 8, 5, tzinfo=JAKARTA))
    report = import_bookings(ctx, SUPERVISOR, export)
    assert (report.imported, report.rejected) == (booked, [])
    for i in range(1, 16):
        check_in_booking(ctx, KIOSK, f"MP261130JKS{i:05d}")
    day_at(clock, dt.date(2026, 12, 1))
    assert learnt_now(ctx, clock).bookings_come == pytest.approx(come)
