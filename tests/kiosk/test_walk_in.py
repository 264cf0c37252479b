"""Walk-in, priority, VIP and information tickets, end to end: touch, queue, printer."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from config.settings import Channel
from db.clock import FixedClock
from db.models import PrintState, Ticket
from db.ops.issuing import set_quota
from kiosk.app import Kiosk
from printer import Emulator
from tests.conftest import JAKARTA, SUPERVISOR
from tests.kiosk.conftest import PIN, click, text_of, type_keys, wait_screen

TAKE = "Silakan ambil tiket Anda di bawah."


def ticket_row(kiosk: Kiosk, number: str) -> Ticket:
    with kiosk.window.state.ctx.db.read() as session:
        ticket = session.query(Ticket).filter_by(number=number).one()
        session.expunge(ticket)
        return ticket


def test_walk_in_prints_a_ticket(qtbot: QtBot, kiosk: Kiosk, emulator: Emulator) -> None:
    qtbot.waitUntil(lambda: text_of(kiosk, "home_quota_baru") == "sisa 40")
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    assert "Sisa 40 tiket hari ini" in text_of(kiosk, "service_baru_detail")
    click(qtbot, kiosk, "service_baru")
    wait_screen(qtbot, kiosk, "confirm")
    assert text_of(kiosk, "confirm_service") == "Paspor Baru"
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    assert text_of(kiosk, "ticket_number") == "A-001"
    qtbot.waitUntil(lambda: text_of(kiosk, "ticket_print_status") == TAKE, timeout=10_000)
    printed = emulator.wait_for_tickets(1)
    assert "A-001" in printed[0].text
    assert "Paspor Baru" in printed[0].text
    assert ticket_row(kiosk, "A-001").print_state == PrintState.PRINTED
    click(qtbot, kiosk, "ticket_done")
    wait_screen(qtbot, kiosk, "home")
    qtbot.waitUntil(lambda: text_of(kiosk, "home_quota_baru") == "sisa 39")


def test_ticket_screen_returns_home_by_itself(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.flows.ticket_timer.setInterval(50)
    click(qtbot, kiosk, "home_info")
    wait_screen(qtbot, kiosk, "faq")
    click(qtbot, kiosk, "faq_ticket")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    kiosk.flows.ticket_timer.setInterval(50)
    kiosk.flows.ticket_timer.start()
    wait_screen(qtbot, kiosk, "home")
    assert ticket_row(kiosk, "D-001").channel == Channel.WALK_IN


def test_priority_ticket(qtbot: QtBot, kiosk: Kiosk, emulator: Emulator) -> None:
    click(qtbot, kiosk, "home_priority")
    wait_screen(qtbot, kiosk, "reason")
    click(qtbot, kiosk, "reason_elderly")
    wait_screen(qtbot, kiosk, "confirm")
    assert text_of(kiosk, "confirm_service") == "Paspor Baru"  # the usual service
    click(qtbot, kiosk, "confirm_change_service")
    wait_screen(qtbot, kiosk, "service")
    click(qtbot, kiosk, "service_ganti")
    assert text_of(kiosk, "confirm_service") == "Penggantian Paspor"
    assert text_of(kiosk, "confirm_reason") == "Lansia (60+)"
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    assert text_of(kiosk, "ticket_number") == "B-001"
    assert "Prioritas" in text_of(kiosk, "ticket_service")
    text = emulator.wait_for_tickets(1)[0].text
    assert "PRIORITAS" in text and "Lansia (60+)" in text
    assert ticket_row(kiosk, "B-001").priority_reason == "elderly"


@pytest.mark.kiosk_settings(kiosk={"priority_needs_staff": True})
def test_priority_waits_for_staff_pin(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "home_priority")
    click(qtbot, kiosk, "reason_pregnant")
    wait_screen(qtbot, kiosk, "pin")
    assert text_of(kiosk, "pin_heading") == "Konfirmasi petugas"
    type_keys(qtbot, kiosk, "pin_pad", PIN)
    click(qtbot, kiosk, "pin_ok")
    wait_screen(qtbot, kiosk, "confirm")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    assert ticket_row(kiosk, "A-001").priority_reason == "pregnant"


def test_vip_explains_the_service_then_prints(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "home_vip")
    wait_screen(qtbot, kiosk, "vip")
    assert "Rp 1.000.000" in text_of(kiosk, "vip_info")
    assert kiosk.window.findChild(QWidget, "vip_ambil") is None  # no VIP pick-up
    click(qtbot, kiosk, "vip_baru")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    assert ticket_row(kiosk, "A-001").channel == Channel.VIP


def test_full_service_is_greyed_out_with_the_other_ways(qtbot: QtBot, kiosk: Kiosk) -> None:
    set_quota(kiosk.window.state.ctx, SUPERVISOR, "baru", Channel.WALK_IN, 0, "test")
    kiosk.flows.refresh_quotas()
    qtbot.waitUntil(lambda: text_of(kiosk, "home_quota_baru") == "penuh")
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    tile = kiosk.flows.screen("service").tiles["baru"]
    assert not tile.isEnabled()  # no confirmation step before the refusal
    assert "Penuh untuk hari ini" in text_of(kiosk, "service_baru_detail")
    assert text_of(kiosk, "service_full_title") == "Tiket hari ini untuk Paspor Baru sudah habis"
    assert "M-Paspor" in text_of(kiosk, "service_full_text")
    assert kiosk.flows.screen("service").tiles["ganti"].isEnabled()
    click(qtbot, kiosk, "service_alt_priority")
    wait_screen(qtbot, kiosk, "reason")


def test_quota_taken_meanwhile_says_when_and_offers_alternatives(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    click(qtbot, kiosk, "home_walk_in")
    click(qtbot, kiosk, "service_baru")
    set_quota(kiosk.window.state.ctx, SUPERVISOR, "baru", Channel.WALK_IN, 0, "test")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "message")
    assert kiosk.flows.screen("message").kind == "quota_exhausted"
    assert text_of(kiosk, "message_heading") == (
        "Tiket datang langsung Paspor Baru hari ini sudah habis"
    )
    body = text_of(kiosk, "message_body")
    assert "Rabu, 2 Desember 2026 pukul 08.00" in body
    assert "M-Paspor" in body
    click(qtbot, kiosk, "message_priority")
    wait_screen(qtbot, kiosk, "reason")


def test_office_closed_on_saturday(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    clock.set(dt.datetime(2026, 12, 5, 10, 0, tzinfo=JAKARTA))
    kiosk.flows.refresh_quotas()
    qtbot.waitUntil(lambda: not kiosk.flows.background.busy)
    assert text_of(kiosk, "home_quota_note") == "Pendaftaran datang langsung tidak dibuka hari ini."
    click(qtbot, kiosk, "home_walk_in")
    click(qtbot, kiosk, "service_ganti")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "message")
    assert kiosk.flows.screen("message").kind == "office_closed"
    assert text_of(kiosk, "message_heading") == "Kantor sedang tutup"
    assert "Senin, 7 Desember 2026 pukul 08.00" in text_of(kiosk, "message_body")
    assert not kiosk.flows.screen("message").buttons["vip"].isVisible()


@pytest.mark.kiosk_settings(walk_in_days=["mon", "wed", "fri"])
def test_walk_in_not_open_today(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "home_walk_in")
    click(qtbot, kiosk, "service_baru")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "message")
    assert text_of(kiosk, "message_heading") == "Pendaftaran datang langsung tidak dibuka hari ini"
    body = text_of(kiosk, "message_body")
    assert "Senin, Rabu, Jumat" in body
    assert "Rabu, 2 Desember 2026 pukul 08.00" in body
    assert kiosk.flows.screen("message").buttons["vip"].isVisible()


def test_paper_out_shows_the_number_to_take_to_the_desk(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator
) -> None:
    emulator.state.paper = "out"
    click(qtbot, kiosk, "home_walk_in")
    click(qtbot, kiosk, "service_baru")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket_on_screen")
    qtbot.waitUntil(lambda: "A-001" in text_of(kiosk, "onscreen_status"), timeout=10_000)
    status = text_of(kiosk, "onscreen_status")
    assert status.startswith("Kertas printer habis.")
    assert "tunjukkan layar ini" in status
    assert emulator.tickets == []
