"""Assisted mode: the staff PIN (right, wrong, locked), what staff can do, closing."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from config.settings import Channel
from db.models import AuditRecord, PrintJob, Ticket
from db.ops.booking_failure import TAG
from db.ops.issuing import set_quota
from db.read.reports import PeriodReport, day_report, table_sections
from kiosk.app import Kiosk
from kiosk.staff import PinResult, StaffLock
from printer import Emulator
from tests.conftest import SUPERVISOR
from tests.kiosk.conftest import PIN, PIN_HASH, click, text_of, type_keys, wait_screen


def enter_pin(qtbot: QtBot, kiosk: Kiosk, pin: str) -> None:
    type_keys(qtbot, kiosk, "pin_pad", pin)
    click(qtbot, kiosk, "pin_ok")
    qtbot.waitUntil(lambda: not kiosk.flows.runner.busy)


def test_right_pin_opens_assisted_mode(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "staff_button")
    wait_screen(qtbot, kiosk, "pin")
    enter_pin(qtbot, kiosk, PIN)
    wait_screen(qtbot, kiosk, "assisted")
    click(qtbot, kiosk, "assisted_leave")
    wait_screen(qtbot, kiosk, "home")


def test_wrong_pin_then_locked(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "staff_button")
    enter_pin(qtbot, kiosk, "1111")
    assert text_of(kiosk, "pin_feedback") == "PIN salah. Sisa percobaan: 4."
    for _ in range(4):
        enter_pin(qtbot, kiosk, "1111")
    assert text_of(kiosk, "pin_feedback") == (
        "Terlalu banyak percobaan salah. Coba lagi dalam 5 menit."
    )
    enter_pin(qtbot, kiosk, PIN)  # even the right PIN waits out the lock
    assert kiosk.window.current == "pin"
    assert "5 menit" in text_of(kiosk, "pin_feedback")


def test_lock_ends_after_its_time() -> None:
    now = [100.0]
    lock = StaffLock(PIN_HASH, clock=lambda: now[0])
    results = [lock.check_pin("0000").result for _ in range(5)]
    assert results == [PinResult.WRONG] * 4 + [PinResult.LOCKED]
    now[0] += 299
    assert lock.check_pin(PIN).result == PinResult.LOCKED
    now[0] += 2
    assert lock.check_pin(PIN).result == PinResult.OK
    assert StaffLock("").check_pin(PIN).result == PinResult.NOT_SET


def test_staff_issue_beyond_the_quota_and_reprint(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator
) -> None:
    ctx = kiosk.window.state.ctx
    set_quota(ctx, SUPERVISOR, "baru", Channel.WALK_IN, 0, "test")
    click(qtbot, kiosk, "staff_button")
    enter_pin(qtbot, kiosk, PIN)
    wait_screen(qtbot, kiosk, "assisted")
    click(qtbot, kiosk, "assisted_override")
    wait_screen(qtbot, kiosk, "note")
    click(qtbot, kiosk, "note_other")  # not one of the preset reasons: typed
    wait_screen(qtbot, kiosk, "code")
    type_keys(qtbot, kiosk, "code_keyboard", "LANSIA")
    click(qtbot, kiosk, "code_keyboard_space")
    type_keys(qtbot, kiosk, "code_keyboard", "SAKIT")
    click(qtbot, kiosk, "code_ok")
    wait_screen(qtbot, kiosk, "service")
    click(qtbot, kiosk, "service_baru")
    assert text_of(kiosk, "confirm_override") == "LANSIA SAKIT"
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    emulator.wait_for_tickets(1)
    click(qtbot, kiosk, "ticket_done")
    wait_screen(qtbot, kiosk, "assisted")  # staff stay in assisted mode
    assert "A-001" in text_of(kiosk, "assisted_reprint_detail")
    click(qtbot, kiosk, "assisted_reprint")
    wait_screen(qtbot, kiosk, "ticket")
    assert len(emulator.wait_for_tickets(2)) == 2
    with ctx.db.read() as session:
        ticket = session.scalar(select(Ticket).where(Ticket.number == "A-001"))
        assert ticket is not None and ticket.override_reason == "LANSIA SAKIT"
        assert ticket.override_by == "kiosk-1-staff"
        jobs = session.scalars(select(PrintJob).where(PrintJob.ticket_id == ticket.id)).all()
        assert [job.reprint for job in jobs] == [False, True]
        actions = session.scalars(select(AuditRecord.action)).all()
        assert "reprint" in actions


def test_closing_needs_the_pin(qtbot: QtBot, kiosk: Kiosk) -> None:
    event = QCloseEvent()
    kiosk.window.closeEvent(event)
    assert not event.isAccepted()
    click(qtbot, kiosk, "staff_button")
    enter_pin(qtbot, kiosk, PIN)
    click(qtbot, kiosk, "assisted_exit")
    wait_screen(qtbot, kiosk, "pin")
    assert text_of(kiosk, "pin_heading") == "Petugas: tutup kios"
    with qtbot.waitSignal(kiosk.window.exit_requested):
        enter_pin(qtbot, kiosk, PIN)
    assert kiosk.window.allow_close


def test_assisted_mode_leaves_by_itself(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "staff_button")
    enter_pin(qtbot, kiosk, PIN)
    wait_screen(qtbot, kiosk, "assisted")
    kiosk.idle.expire()
    for _ in range(kiosk.idle.warning_seconds):
        kiosk.idle.tick()
    wait_screen(qtbot, kiosk, "home")
    assert not kiosk.window.state.assisted


def test_a_preset_reason_is_one_touch(qtbot: QtBot, kiosk: Kiosk, emulator: Emulator) -> None:
    ctx = kiosk.window.state.ctx
    set_quota(ctx, SUPERVISOR, "baru", Channel.WALK_IN, 0, "test")
    click(qtbot, kiosk, "staff_button")
    enter_pin(qtbot, kiosk, PIN)
    click(qtbot, kiosk, "assisted_override")
    wait_screen(qtbot, kiosk, "note")
    preset = ctx.settings.kiosk.override_reasons[0]
    assert text_of(kiosk, "note_preset_0_title") == preset
    click(qtbot, kiosk, "note_preset_0")
    wait_screen(qtbot, kiosk, "service")
    click(qtbot, kiosk, "service_baru")
    assert text_of(kiosk, "confirm_override") == preset
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    emulator.wait_for_tickets(1)
    with ctx.db.read() as session:
        ticket = session.scalar(select(Ticket).where(Ticket.number == "A-001"))
        assert ticket is not None and ticket.override_reason == preset


def test_walk_in_after_failed_online_bookings_is_issued_printed_and_counted(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator
) -> None:
    ctx = kiosk.window.state.ctx
    # The ordinary walk-in quota is used up: this walk-in has its own.
    set_quota(ctx, SUPERVISOR, "baru", Channel.WALK_IN, 0, "test")
    click(qtbot, kiosk, "staff_button")
    enter_pin(qtbot, kiosk, PIN)
    wait_screen(qtbot, kiosk, "assisted")
    click(qtbot, kiosk, "assisted_booking_failure")
    wait_screen(qtbot, kiosk, "note")
    quota = ctx.settings.kiosk.booking_failure_quota
    assert f": {quota}." in text_of(kiosk, "note_prompt")
    click(qtbot, kiosk, "note_other")
    wait_screen(qtbot, kiosk, "code")
    type_keys(qtbot, kiosk, "code_keyboard", "5")
    click(qtbot, kiosk, "code_keyboard_space")
    type_keys(qtbot, kiosk, "code_keyboard", "MINGGU")
    click(qtbot, kiosk, "code_ok")
    wait_screen(qtbot, kiosk, "service")
    click(qtbot, kiosk, "service_baru")
    assert "5 MINGGU" in text_of(kiosk, "confirm_override")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    printed = emulator.wait_for_tickets(1)
    assert "A-001" in printed[0].text
    report = day_report(ctx, SUPERVISOR, ctx.today())
    assert report.booking_failure == 1 and report.issued == 1
    assert ["walk-in after failed online bookings", 1] in to_csv_rows(report)
    with ctx.db.read() as session:
        ticket = session.scalar(select(Ticket).where(Ticket.number == "A-001"))
        assert ticket is not None and ticket.override_reason == f"{TAG} 5 MINGGU"
        assert ticket.override_by == "kiosk-1-staff"


def test_failed_online_bookings_walk_in_closed_on_other_days(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.window.state.ctx.settings.kiosk.booking_failure_days.clear()
    click(qtbot, kiosk, "staff_button")
    enter_pin(qtbot, kiosk, PIN)
    click(qtbot, kiosk, "assisted_booking_failure")
    wait_screen(qtbot, kiosk, "message")
    assert text_of(kiosk, "message_heading") == "Tidak dibuka hari ini"


def to_csv_rows(report: PeriodReport) -> list[list[object]]:
    return [row for _title, _head, rows in table_sections(report) for row in rows]


def test_close_the_kiosk_is_far_from_leave_assisted_mode_in_both_orientations(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QWidget

    from kiosk.app import SIZES

    click(qtbot, kiosk, "staff_button")
    enter_pin(qtbot, kiosk, PIN)
    wait_screen(qtbot, kiosk, "assisted")
    window = kiosk.window
    for orientation in ("landscape", "portrait", "landscape"):
        width, height = SIZES[orientation]
        window.resize_to(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        qtbot.wait(50)  # the layout settles

        def centre(name: str) -> QPoint:
            widget = window.findChild(QWidget, name)
            assert widget is not None and widget.isVisible(), name
            return widget.mapTo(window, widget.rect().center())

        leave, close = centre("assisted_leave"), centre("assisted_exit")
        gap = (leave - close).manhattanLength()
        # At least a third of the screen's longer side between the two (a hand's width is
        # about a tenth of it).
        assert gap >= max(width, height) / 3, (orientation, leave, close)
