"""Officers sign in at the kiosk with their own PIN, through the real widgets: their name
tile, then the keypad. What they do in assisted mode (a walk-in beyond the quota, a
reprint, a booking found and checked in, a walk-in after failed online bookings) is
recorded under their name; a deactivated officer is refused; wrong PINs lock the officer
at this kiosk; the shared staff PIN is a fallback the settings can switch off; a message
on the PIN screen never moves the keypad."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.models import AuditRecord, Ticket, TicketEvent
from db.ops.importer import import_bookings
from db.ops.issuing import set_quota
from db.ops.kiosk_pins import set_kiosk_pin
from db.ops.officers import MAX_FAILED_LOGINS, OfficerView, add_officer, set_active
from kiosk.app import Kiosk
from printer import Emulator
from tests.conftest import ADMIN, JAKARTA, SUPERVISOR, booking_sample
from tests.kiosk.conftest import LANDSCAPE, PIN, PORTRAIT, click, find, text_of, type_keys
from tests.kiosk.conftest import wait_screen as wait_for
from tests.kiosk.test_screens import clipped, non_blank

BUDI_PIN = "3691"
PASSWORD = "rahasia-123"


@pytest.fixture
def budi(kiosk_ctx: QueueContext) -> OfficerView:
    officer = add_officer(kiosk_ctx, ADMIN, "budi", "officer", PASSWORD, "Budi Santoso")
    set_kiosk_pin(kiosk_ctx, ADMIN, officer.id, BUDI_PIN)
    return officer


def open_pin_screen(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Touch "Staff"; the names are read again behind the screen."""
    click(qtbot, kiosk, "staff_button")
    wait_for(qtbot, kiosk, "pin")
    qtbot.waitUntil(lambda: not kiosk.flows.background.busy, timeout=5000)


def sign_in(qtbot: QtBot, kiosk: Kiosk, officer: OfficerView, pin: str) -> None:
    open_pin_screen(qtbot, kiosk)
    click(qtbot, kiosk, f"pin_officer_{officer.id}")
    type_pin(qtbot, kiosk, pin)


def type_pin(qtbot: QtBot, kiosk: Kiosk, pin: str) -> None:
    type_keys(qtbot, kiosk, "pin_pad", pin)
    click(qtbot, kiosk, "pin_ok")
    qtbot.waitUntil(lambda: not kiosk.flows.runner.busy, timeout=10_000)


def audit_rows(ctx: QueueContext) -> list[tuple[str, str, str]]:
    with ctx.db.read() as session:
        rows = session.execute(
            select(AuditRecord.actor, AuditRecord.action, AuditRecord.target).order_by(
                AuditRecord.id
            )
        ).all()
    return [(r.actor, r.action, r.target) for r in rows]


def test_an_officer_signs_in_and_their_override_and_reprint_are_recorded_under_their_name(
    qtbot: QtBot, kiosk: Kiosk, budi: OfficerView, emulator: Emulator
) -> None:
    ctx = kiosk.window.state.ctx
    set_quota(ctx, SUPERVISOR, "baru", Channel.WALK_IN, 0, "test")
    open_pin_screen(qtbot, kiosk)
    assert text_of(kiosk, f"pin_officer_{budi.id}_title") == "Budi Santoso"
    assert find(kiosk, "pin_shared").isVisible()  # the shared PIN stays a fallback
    assert not find(kiosk, "pin_pad").isVisible()  # the name first
    click(qtbot, kiosk, f"pin_officer_{budi.id}")
    assert text_of(kiosk, "pin_prompt") == "Budi Santoso: masukkan PIN kios Anda."
    type_pin(qtbot, kiosk, BUDI_PIN)
    wait_for(qtbot, kiosk, "assisted")
    assert "Budi Santoso" in text_of(kiosk, "assisted_subtitle")
    # A walk-in beyond the quota, one preset reason.
    click(qtbot, kiosk, "assisted_override")
    wait_for(qtbot, kiosk, "note")
    click(qtbot, kiosk, "note_preset_0")
    wait_for(qtbot, kiosk, "service")
    click(qtbot, kiosk, "service_baru")
    click(qtbot, kiosk, "confirm_print")
    wait_for(qtbot, kiosk, "ticket")
    emulator.wait_for_tickets(1)
    click(qtbot, kiosk, "ticket_done")
    wait_for(qtbot, kiosk, "assisted")
    click(qtbot, kiosk, "assisted_reprint")
    wait_for(qtbot, kiosk, "ticket")
    assert len(emulator.wait_for_tickets(2)) == 2
    with ctx.db.read() as session:
        ticket = session.scalar(select(Ticket).where(Ticket.number == "A-001"))
        assert ticket is not None and ticket.override_by == "budi"
        events = session.scalars(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id))
        [issued] = [e for e in events if e.kind == "issued"]
        assert issued.actor == "budi"
    rows = audit_rows(ctx)
    assert ("budi", "kiosk_sign_in", "budi@kiosk-1") in rows
    assert ("budi", "issue_ticket", "A-001") in rows
    assert ("budi", "reprint", "A-001") in rows
    # Leaving: the next staff sign in afresh, and the kiosk acts as itself again.
    click(qtbot, kiosk, "ticket_done")
    wait_for(qtbot, kiosk, "assisted")
    click(qtbot, kiosk, "assisted_leave")
    wait_for(qtbot, kiosk, "home")
    assert kiosk.flows.fc.staff_actor == kiosk.flows.fc.shared_staff_actor


def test_an_officers_booking_search_check_in_and_failed_booking_walk_in_are_theirs(
    qtbot: QtBot, kiosk: Kiosk, budi: OfficerView, clock: FixedClock, emulator: Emulator
) -> None:
    ctx = kiosk.window.state.ctx
    import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    clock.set(dt.datetime(2026, 12, 1, 10, 5, tzinfo=JAKARTA))
    sign_in(qtbot, kiosk, budi, BUDI_PIN)
    wait_for(qtbot, kiosk, "assisted")
    click(qtbot, kiosk, "assisted_find_booking")
    wait_for(qtbot, kiosk, "search")
    type_keys(qtbot, kiosk, "search_keyboard", "JKS00005")
    click(qtbot, kiosk, "search_go")
    qtbot.waitUntil(lambda: kiosk.flows.screen("search").results is not None)
    click(qtbot, kiosk, "search_result_0")
    wait_for(qtbot, kiosk, "summary")
    click(qtbot, kiosk, "summary_print")
    wait_for(qtbot, kiosk, "ticket")
    click(qtbot, kiosk, "ticket_done")
    wait_for(qtbot, kiosk, "assisted")
    click(qtbot, kiosk, "assisted_booking_failure")
    wait_for(qtbot, kiosk, "note")
    click(qtbot, kiosk, "note_preset_0")
    wait_for(qtbot, kiosk, "service")
    click(qtbot, kiosk, "service_baru")
    click(qtbot, kiosk, "confirm_print")
    wait_for(qtbot, kiosk, "ticket")
    emulator.wait_for_tickets(2)
    actions = {(actor, action) for actor, action, _target in audit_rows(ctx)}
    assert ("budi", "check_in_booking") in actions
    assert ("budi", "issue_booking_failure") in actions
    assert not any(actor == "kiosk-1-staff" for actor, _action in actions)


def test_a_deactivated_officers_pin_is_refused(
    qtbot: QtBot, kiosk: Kiosk, budi: OfficerView
) -> None:
    ctx = kiosk.window.state.ctx
    open_pin_screen(qtbot, kiosk)
    click(qtbot, kiosk, f"pin_officer_{budi.id}")  # the name was read before ...
    set_active(ctx, ADMIN, budi.id, False)  # ... the account was deactivated
    type_pin(qtbot, kiosk, BUDI_PIN)
    assert kiosk.window.current == "pin"
    assert text_of(kiosk, "pin_feedback") == (
        "Akun petugas ini dinonaktifkan. Silakan hubungi administrator."
    )
    assert not kiosk.window.state.assisted
    assert audit_rows(ctx)[-1] == ("budi", "kiosk_sign_in_refused_inactive", "budi@kiosk-1")
    click(qtbot, kiosk, "pin_back")  # the names, then home
    click(qtbot, kiosk, "pin_back")
    wait_for(qtbot, kiosk, "home")
    open_pin_screen(qtbot, kiosk)  # read again: budi is no longer offered
    assert kiosk.window.findChild(QWidget, f"pin_officer_{budi.id}") is None
    assert kiosk.flows.screen("pin").officers == []


def test_an_officer_deactivated_while_signed_in_can_do_nothing_more(
    qtbot: QtBot, kiosk: Kiosk, budi: OfficerView
) -> None:
    ctx = kiosk.window.state.ctx
    sign_in(qtbot, kiosk, budi, BUDI_PIN)
    wait_for(qtbot, kiosk, "assisted")
    set_active(ctx, ADMIN, budi.id, False)
    set_quota(ctx, SUPERVISOR, "baru", Channel.WALK_IN, 0, "test")
    click(qtbot, kiosk, "assisted_override")
    click(qtbot, kiosk, "note_preset_0")
    click(qtbot, kiosk, "service_baru")
    click(qtbot, kiosk, "confirm_print")
    wait_for(qtbot, kiosk, "message")
    assert text_of(kiosk, "message_heading") == "Petugas telah keluar"
    assert not kiosk.window.state.assisted
    with ctx.db.read() as session:
        assert session.scalars(select(Ticket)).all() == []


def test_wrong_pins_lock_the_officer_at_this_kiosk(
    qtbot: QtBot, kiosk: Kiosk, budi: OfficerView
) -> None:
    ctx = kiosk.window.state.ctx
    open_pin_screen(qtbot, kiosk)
    click(qtbot, kiosk, f"pin_officer_{budi.id}")
    said = []
    for _ in range(MAX_FAILED_LOGINS):
        type_pin(qtbot, kiosk, "2222")
        said.append(text_of(kiosk, "pin_feedback"))
    assert said[:-1] == [f"PIN salah. Sisa percobaan: {n}." for n in (4, 3, 2, 1)]
    assert said[-1] == "Terlalu banyak percobaan salah. Coba lagi dalam 15 menit."
    type_pin(qtbot, kiosk, BUDI_PIN)  # even the right PIN waits out the lock
    assert kiosk.window.current == "pin"
    assert "15 menit" in text_of(kiosk, "pin_feedback")
    actions = [action for _actor, action, _target in audit_rows(ctx)]
    assert actions.count("kiosk_pin_failed") == MAX_FAILED_LOGINS
    assert "kiosk_pin_locked" in actions and actions[-1] == "kiosk_sign_in_refused_locked"


def test_the_shared_pin_acts_as_the_kiosks_staff(
    qtbot: QtBot, kiosk: Kiosk, budi: OfficerView
) -> None:
    open_pin_screen(qtbot, kiosk)
    click(qtbot, kiosk, "pin_shared")
    assert text_of(kiosk, "pin_prompt") == "Masukkan PIN petugas."
    type_pin(qtbot, kiosk, PIN)
    wait_for(qtbot, kiosk, "assisted")
    assert kiosk.flows.fc.staff_actor.name == "kiosk-1-staff"
    assert "Budi" not in text_of(kiosk, "assisted_subtitle")


@pytest.mark.kiosk_settings(kiosk={"shared_staff_pin": False})
def test_the_shared_pin_can_be_switched_off(
    qtbot: QtBot, kiosk: Kiosk, kiosk_ctx: QueueContext
) -> None:
    open_pin_screen(qtbot, kiosk)  # nobody has a PIN of their own yet
    assert kiosk.window.findChild(QWidget, "pin_shared") is None
    assert not find(kiosk, "pin_pad").isVisible()
    assert "Belum ada petugas" in text_of(kiosk, "pin_prompt")
    # Even typed through the flow, the shared PIN opens nothing.
    kiosk.flows.staff_flows.pin_submitted(PIN)
    assert text_of(kiosk, "pin_feedback") == "Sentuh nama Anda terlebih dahulu."
    assert not kiosk.window.state.assisted
    click(qtbot, kiosk, "pin_back")
    budi = add_officer(kiosk_ctx, ADMIN, "budi", "officer", PASSWORD, "Budi Santoso")
    set_kiosk_pin(kiosk_ctx, ADMIN, budi.id, BUDI_PIN)
    open_pin_screen(qtbot, kiosk)
    assert kiosk.window.findChild(QWidget, "pin_shared") is None
    click(qtbot, kiosk, f"pin_officer_{budi.id}")
    type_pin(qtbot, kiosk, BUDI_PIN)
    wait_for(qtbot, kiosk, "assisted")


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_a_wrong_pin_does_not_move_the_keypad(
    qtbot: QtBot, kiosk: Kiosk, budi: OfficerView, size: tuple[int, int], large: bool
) -> None:
    window = kiosk.window
    window.resize_to(*size)
    window.set_large_text(large)
    open_pin_screen(qtbot, kiosk)
    click(qtbot, kiosk, f"pin_officer_{budi.id}")
    pad = find(kiosk, "pin_pad")

    def where() -> QPoint:
        QApplication.processEvents()
        return pad.mapTo(window, QPoint(0, 0))

    assert text_of(kiosk, "pin_feedback") == ""
    before = where()
    type_pin(qtbot, kiosk, "2222")
    assert "Sisa percobaan" in text_of(kiosk, "pin_feedback")
    assert where() == before
    for _ in range(MAX_FAILED_LOGINS - 1):
        type_pin(qtbot, kiosk, "2222")
    assert "Terlalu banyak" in text_of(kiosk, "pin_feedback")  # the longest message
    assert where() == before
    window.set_language("en")
    assert where() == before
    window.set_large_text(False)


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_the_sign_in_steps_render_unclipped(
    qtbot: QtBot, kiosk: Kiosk, kiosk_ctx: QueueContext, size: tuple[int, int], tmp_path: Path
) -> None:
    """A full page of names (and the next page), the keypad with a message, in both
    languages and with large text: nothing clipped, nothing blank."""
    out = Path(os.environ.get("LOKET_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    orientation = "portrait" if size == PORTRAIT else "landscape"
    for i in range(9):
        officer = add_officer(
            kiosk_ctx, ADMIN, f"petugas{i}", "officer", PASSWORD, f"Petugas Nomor {i + 1}"
        )
        set_kiosk_pin(kiosk_ctx, ADMIN, officer.id, BUDI_PIN)
    window = kiosk.window
    window.resize_to(*size)
    problems: dict[str, list[str]] = {}
    for large, lang in ((False, "id"), (False, "en"), (True, "id")):
        window.set_large_text(large)
        window.set_language(lang)
        open_pin_screen(qtbot, kiosk)
        screen = kiosk.flows.screen("pin")
        assert len(screen.tiles) == 8 and find(kiosk, "pin_more").isVisible()
        for step in ("names", "more names", "keypad"):
            if step == "more names":
                click(qtbot, kiosk, "pin_more")
                assert "shared" in screen.tiles and find(kiosk, "pin_previous").isVisible()
            elif step == "keypad":
                click(qtbot, kiosk, "pin_previous")
                click(qtbot, kiosk, f"pin_officer_{screen.officers[0].id}")
                type_pin(qtbot, kiosk, "2222")
            QApplication.processEvents()
            assert window.size().toTuple() == size
            name = f"kiosk-pin-{step.replace(' ', '-')}-{orientation}-{lang}"
            png = out / f"{name}{'-large' if large else ''}.png"
            assert window.grab().save(str(png), "PNG", 100)
            assert non_blank(png), png
            if found := clipped(window):
                problems[f"{step} {lang}{' large' if large else ''}"] = found
        click(qtbot, kiosk, "pin_back")
        click(qtbot, kiosk, "pin_back")
    window.set_large_text(False)
    assert problems == {}
