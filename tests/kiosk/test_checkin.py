"""Booking check-in at the kiosk with the sample export: scans, typed codes, and
every rejection in its own words."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.clock import FixedClock
from db.context import QueueContext
from db.models import Booking
from db.ops.importer import import_bookings
from kiosk.app import Kiosk
from printer import Emulator
from tests.conftest import JAKARTA, SUPERVISOR, booking_sample
from tests.kiosk.conftest import click, scan, text_of, type_keys, wait_screen

CSV = "antrean_JKS_20261201.csv"


@pytest.fixture
def booked(kiosk: Kiosk) -> Kiosk:
    report = import_bookings(kiosk.window.state.ctx, SUPERVISOR, booking_sample(CSV))
    assert report.imported == 120
    return kiosk


def a_booking(ctx: QueueContext, status: str, slot: dt.time) -> Booking:
    with ctx.db.read() as session:
        found = session.scalar(
            select(Booking)
            .where(Booking.status == status, Booking.slot_start == slot)
            .order_by(Booking.code)
            .limit(1)
        )
    assert found is not None
    return found


def at(clock: FixedClock, hour: int, minute: int = 0, day: int = 1) -> None:
    clock.set(dt.datetime(2026, 12, day, hour, minute, tzinfo=JAKARTA))


def test_scanned_booking_becomes_a_printed_ticket(
    qtbot: QtBot, booked: Kiosk, clock: FixedClock, emulator: Emulator
) -> None:
    booking = a_booking(booked.window.state.ctx, "active", dt.time(10, 0))
    at(clock, 10, 5)
    click(qtbot, booked, "home_info")  # a scan works on any screen
    with qtbot.waitSignal(booked.scanner.scanned) as scanned:
        scan(qtbot, booked, booking.code)
    assert scanned.args == [booking.code]
    wait_screen(qtbot, booked, "summary")
    click(qtbot, booked, "summary_print")
    wait_screen(qtbot, booked, "ticket")
    assert text_of(booked, "ticket_number") == "A-001"
    line = text_of(booked, "ticket_booking")
    assert booking.code in line and "10.00" in line and "***" in line
    assert booking.applicant_name not in line
    text = emulator.wait_for_tickets(1)[0].text
    assert "A-001" in text and "BOOKING" in text


def test_typed_booking_code(qtbot: QtBot, booked: Kiosk, clock: FixedClock) -> None:
    booking = a_booking(booked.window.state.ctx, "active", dt.time(8, 0))
    at(clock, 8, 30)
    click(qtbot, booked, "home_booking")
    wait_screen(qtbot, booked, "scan")
    click(qtbot, booked, "scan_type_code")
    assert text_of(booked, "code_display") == "MP261201JKS"  # the fixed part, prefilled
    assert booking.code.startswith("MP261201JKS")
    type_keys(qtbot, booked, "code_keyboard", booking.code[len("MP261201JKS") :] + "X")
    click(qtbot, booked, "code_keyboard_backspace")
    assert text_of(booked, "code_display") == booking.code
    click(qtbot, booked, "code_ok")
    wait_screen(qtbot, booked, "summary")
    click(qtbot, booked, "summary_print")
    wait_screen(qtbot, booked, "ticket")
    assert booking.code in text_of(booked, "ticket_booking")


def reject(qtbot: QtBot, kiosk: Kiosk, code: str) -> tuple[str, str, str]:
    scan(qtbot, kiosk, code)
    wait_screen(qtbot, kiosk, "message")
    screen = kiosk.flows.screen("message")
    result = (screen.kind, text_of(kiosk, "message_heading"), text_of(kiosk, "message_body"))
    click(qtbot, kiosk, "message_home")
    wait_screen(qtbot, kiosk, "home")
    return result


def test_every_rejection_has_its_own_words(qtbot: QtBot, booked: Kiosk, clock: FixedClock) -> None:
    ctx = booked.window.state.ctx
    early = a_booking(ctx, "active", dt.time(13, 0))
    late = a_booking(ctx, "active", dt.time(8, 0))
    done = a_booking(ctx, "active", dt.time(10, 0))
    cancelled = a_booking(ctx, "cancelled", dt.time(13, 0))
    moved = a_booking(ctx, "rescheduled", dt.time(13, 0))
    at(clock, 11, 30)
    scan(qtbot, booked, done.code)
    wait_screen(qtbot, booked, "summary")
    click(qtbot, booked, "summary_print")
    wait_screen(qtbot, booked, "ticket")
    number = text_of(booked, "ticket_number")
    click(qtbot, booked, "ticket_done")
    seen = {
        "malformed": reject(qtbot, booked, "HELLO-WORLD!"),
        "unknown": reject(qtbot, booked, "MP261201JKS99999"),
        "other_office": reject(qtbot, booked, "MP261201SBY00001"),
        "cancelled": reject(qtbot, booked, cancelled.code),
        "rescheduled": reject(qtbot, booked, moved.code),
        "too_early": reject(qtbot, booked, early.code),
        "too_late": reject(qtbot, booked, late.code),
        "already_checked_in": reject(qtbot, booked, done.code),
    }
    at(clock, 9, 0, day=2)
    seen["past_date"] = reject(qtbot, booked, early.code)  # yesterday's booking
    clock.set(dt.datetime(2026, 11, 30, 9, 0, tzinfo=JAKARTA))
    seen["other_date"] = reject(qtbot, booked, early.code)  # tomorrow's booking
    for reason, (kind, _heading, _body) in seen.items():
        assert kind == f"rejected_{reason}"
    headings = [heading for _kind, heading, _body in seen.values()]
    assert len(set(headings)) == len(headings), headings
    assert seen["too_early"][2] == (
        "Check-in pemesanan Anda dibuka pukul 12.00. Silakan tunggu dan pindai lagi nanti."
    )
    assert "Selasa, 1 Desember 2026" in seen["other_date"][2]
    assert "Silakan datang" in seen["other_date"][2]
    assert "Selasa, 1 Desember 2026" in seen["past_date"][2]
    assert "Silakan datang" not in seen["past_date"][2]
    assert "pesan antrean baru" in seen["past_date"][2]
    assert "meja informasi" in seen["too_late"][2]
    assert "MP261201JKS99999" in seen["unknown"][2]
    assert "M-Paspor" in seen["cancelled"][2]
    scan(qtbot, booked, done.code)
    wait_screen(qtbot, booked, "message")
    assert text_of(booked, "message_number") == number


def test_unreadable_code_offers_typing(qtbot: QtBot, booked: Kiosk) -> None:
    scan(qtbot, booked, "@@@@@@@@")
    wait_screen(qtbot, booked, "message")
    assert text_of(booked, "message_heading") == "Kode ini tidak dapat dibaca"
    click(qtbot, booked, "message_type_code")
    wait_screen(qtbot, booked, "code")


def test_human_typing_is_not_a_scan(qtbot: QtBot, kiosk: Kiosk) -> None:
    with qtbot.assertNotEmitted(kiosk.scanner.scanned, wait=100):
        qtbot.keyClicks(kiosk.window, "MP2612", delay=70)
        qtbot.keyClick(kiosk.window, "1", delay=70)
        qtbot.keyClick(kiosk.window, "\r", delay=70)
    assert kiosk.window.current == "home"


def test_short_burst_is_not_a_scan(qtbot: QtBot, kiosk: Kiosk) -> None:
    with qtbot.assertNotEmitted(kiosk.scanner.scanned, wait=50):
        scan(qtbot, kiosk, "ABC")
