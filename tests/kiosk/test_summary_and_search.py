"""Booking check-in through its summary ("Is this your booking?" → print), assisted mode's
booking search, the staff card, the office's colours, and how the new screens look."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from config import ConfigError, settings_from_mapping
from db.clock import FixedClock
from db.models import Ticket
from db.ops.checkin import check_in_booking
from db.ops.importer import import_bookings
from db.read.booking_search import search_bookings
from kiosk.app import Kiosk
from kiosk.screens.search import SHOWN
from printer import Emulator
from tests.conftest import JAKARTA, KIOSK, SUPERVISOR, booking_sample
from tests.kiosk.conftest import (
    LANDSCAPE,
    PIN,
    PORTRAIT,
    click,
    find,
    scan,
    text_of,
    type_keys,
    wait_screen,
)
from tests.kiosk.test_assisted import enter_pin
from tests.kiosk.test_screens import clipped, non_blank

CSV = "antrean_JKS_20261201.csv"
CARD = "STAFF0042CARD"
CARD_HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(CARD)
ARTIFACTS = Path("/tmp/loket-kiosk-summary-search")


@pytest.fixture
def booked(kiosk: Kiosk, clock: FixedClock) -> Kiosk:
    assert import_bookings(kiosk.window.state.ctx, SUPERVISOR, booking_sample(CSV)).imported == 120
    clock.set(dt.datetime(2026, 12, 1, 10, 5, tzinfo=JAKARTA))
    return kiosk


def tickets(kiosk: Kiosk) -> int:
    with kiosk.window.state.ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(Ticket)) or 0


def test_scan_shows_the_booking_and_prints_on_a_touch(
    qtbot: QtBot, booked: Kiosk, emulator: Emulator
) -> None:
    scan(qtbot, booked, "MP261201JKS00002")  # BUDI HAKIM, Paspor Baru, 10.00-12.00
    wait_screen(qtbot, booked, "summary")
    assert text_of(booked, "summary_service") == "Paspor Baru"
    assert text_of(booked, "summary_slot") == "Sesi: 10.00 – 12.00"
    assert text_of(booked, "summary_name") == "Nama: BUD*** H***"
    assert "MP261201JKS00002" in text_of(booked, "summary_code")
    assert tickets(booked) == 0  # nothing issued before the touch
    assert booked.idle.idle_timer.isActive()  # the summary returns home when left
    click(qtbot, booked, "summary_print")
    wait_screen(qtbot, booked, "ticket")
    assert text_of(booked, "ticket_number") == "A-001"
    assert "A-001" in emulator.wait_for_tickets(1)[0].text


def test_summary_left_alone_goes_home_without_a_ticket(qtbot: QtBot, booked: Kiosk) -> None:
    scan(qtbot, booked, "MP261201JKS00002")
    wait_screen(qtbot, booked, "summary")
    booked.idle.expire()
    assert booked.window.overlay.isVisible()
    for _ in range(booked.idle.warning_seconds):
        booked.idle.tick()
    wait_screen(qtbot, booked, "home")
    scan(qtbot, booked, "MP261201JKS00002")
    wait_screen(qtbot, booked, "summary")
    click(qtbot, booked, "summary_back")
    wait_screen(qtbot, booked, "home")
    assert tickets(booked) == 0


def test_already_checked_in_goes_straight_to_its_number(qtbot: QtBot, booked: Kiosk) -> None:
    ticket = check_in_booking(booked.window.state.ctx, KIOSK, "MP261201JKS00002")
    screens: list[str] = []
    booked.window.stack.currentChanged.connect(lambda _i: screens.append(booked.window.current))
    scan(qtbot, booked, "MP261201JKS00002")
    wait_screen(qtbot, booked, "message")
    assert "summary" not in screens
    assert booked.flows.screen("message").kind == "rejected_already_checked_in"
    assert text_of(booked, "message_number") == ticket.number


def test_assisted_search_by_name_then_check_in(
    qtbot: QtBot, booked: Kiosk, emulator: Emulator
) -> None:
    ctx = booked.window.state.ctx
    done = check_in_booking(ctx, KIOSK, "MP261201JKS00003")  # SRI SIMANJUNTAK
    click(qtbot, booked, "staff_button")
    enter_pin(qtbot, booked, PIN)
    wait_screen(qtbot, booked, "assisted")
    click(qtbot, booked, "assisted_find_booking")
    wait_screen(qtbot, booked, "search")
    assert not find(booked, "search_go").isEnabled()
    type_keys(qtbot, booked, "search_keyboard", "SIMANJUNTAK")
    click(qtbot, booked, "search_go")
    screen = booked.flows.screen("search")
    qtbot.waitUntil(lambda: screen.results is not None)
    codes = [m.booking_code for m in screen.results]
    everyone = search_bookings(ctx, SUPERVISOR, "SIMANJUNTAK", limit=50)
    assert codes == [m.booking_code for m in everyone][:SHOWN]
    if len(everyone) > SHOWN:
        assert "lebih banyak" in text_of(booked, "search_status")
    shown = [text_of(booked, f"search_result_{i}_title") for i in range(len(codes))]
    # Staff see the full names, to tell look-alike bookings apart.
    assert all("SIMANJUNTAK" in title for title in shown) and "10.00" in "\n".join(shown)
    checked = codes.index("MP261201JKS00003")
    assert not find(booked, f"search_result_{checked}").isEnabled()
    assert f"Sudah check-in: tiket {done.number}" in text_of(
        booked, f"search_result_{checked}_detail"
    )
    assert not find(booked, "search_keyboard").isVisible()  # room for the bookings
    click(qtbot, booked, "search_edit")
    assert text_of(booked, "search_display") == "SIMANJUNTAK"
    click(qtbot, booked, "search_go")
    qtbot.waitUntil(lambda: not find(booked, "search_keyboard").isVisible())
    maria = codes.index("MP261201JKS00005")
    assert "Belum check-in" in text_of(booked, f"search_result_{maria}_detail")
    click(qtbot, booked, f"search_result_{maria}")
    # Nothing is checked in before staff confirm the booking, named in full.
    wait_screen(qtbot, booked, "summary")
    assert text_of(booked, "summary_heading") == "Check-in pemesanan ini?"
    assert text_of(booked, "summary_name") == f"Nama: {everyone[maria].full_name}"
    assert "MP261201JKS00005" in text_of(booked, "summary_code")
    assert search_bookings(ctx, SUPERVISOR, "JKS00005")[0].ticket_number is None
    click(qtbot, booked, "summary_print")
    wait_screen(qtbot, booked, "ticket")
    assert "MP261201JKS00005" in text_of(booked, "ticket_booking")
    emulator.wait_for_tickets(1)
    click(qtbot, booked, "ticket_done")
    wait_screen(qtbot, booked, "assisted")  # staff stay in assisted mode
    (again,) = search_bookings(ctx, SUPERVISOR, "JKS00005")
    assert again.ticket_number is not None


def test_assisted_search_finds_nothing(qtbot: QtBot, booked: Kiosk) -> None:
    booked.window.state.assisted = True
    booked.flows.assisted_choice("find_booking")
    wait_screen(qtbot, booked, "search")
    type_keys(qtbot, booked, "search_keyboard", "ZZ")
    click(qtbot, booked, "search_go")
    screen = booked.flows.screen("search")
    qtbot.waitUntil(lambda: screen.results is not None)
    assert screen.results == []
    assert text_of(booked, "search_status") == (
        "Tidak ada pemesanan hari ini yang cocok dengan “ZZ”."
    )
    click(qtbot, booked, "search_back")
    wait_screen(qtbot, booked, "assisted")


@pytest.mark.kiosk_settings(kiosk={"staff_card_hashes": [CARD_HASH]})
def test_staff_card_opens_assisted_mode(qtbot: QtBot, kiosk: Kiosk) -> None:
    scan(qtbot, kiosk, "NOTACARD0001")  # any other code is still a booking scan
    wait_screen(qtbot, kiosk, "message")
    click(qtbot, kiosk, "message_home")
    wait_screen(qtbot, kiosk, "home")
    assert not kiosk.window.state.assisted
    scan(qtbot, kiosk, CARD)
    wait_screen(qtbot, kiosk, "assisted")
    assert kiosk.window.state.assisted
    click(qtbot, kiosk, "assisted_find_booking")
    wait_screen(qtbot, kiosk, "search")


def test_staff_card_is_no_card_without_hashes(qtbot: QtBot, kiosk: Kiosk) -> None:
    scan(qtbot, kiosk, CARD)
    wait_screen(qtbot, kiosk, "message")
    assert not kiosk.window.state.assisted


@pytest.mark.kiosk_settings(kiosk={"primary_colour": "#1b5e20", "accent_colour": "#FFD54F"})
def test_office_colours_from_the_settings(qtbot: QtBot, kiosk: Kiosk) -> None:
    tile = find(kiosk, "home_walk_in")
    image = tile.grab().toImage()
    assert image.pixelColor(30, image.height() // 2) == QColor("#1B5E20")
    kiosk.window.state.assisted = True
    kiosk.flows.go_home()
    leave = find(kiosk, "assisted_leave_title")
    assert leave.palette().color(leave.foregroundRole()) == QColor("#000000")  # light accent
    kiosk.window.set_high_contrast(True)
    image = find(kiosk, "assisted_find_booking").grab().toImage()
    assert image.pixelColor(30, image.height() // 2) == QColor("#FFFF00")
    kiosk.window.set_high_contrast(False)


def test_a_colour_too_light_for_white_text_is_refused() -> None:
    with pytest.raises(ConfigError, match="too light for white text"):
        settings_from_mapping({"kiosk": {"primary_colour": "#FFEE58"}})
    with pytest.raises(ConfigError, match="primary_colour"):
        settings_from_mapping({"kiosk": {"primary_colour": "green"}})


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_new_screens_render_unclipped(
    qtbot: QtBot, booked: Kiosk, size: tuple[int, int], tmp_path: Path
) -> None:
    window, flows = booked.window, booked.flows
    window.resize_to(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    orientation = "portrait" if size == PORTRAIT else "landscape"
    ctx = window.state.ctx
    check_in_booking(ctx, KIOSK, "MP261201JKS00003")
    preview = flows.booking.preview("MP261201JKS00002")
    matches = search_bookings(ctx, SUPERVISOR, "SIMANJUNTAK", limit=5)
    problems = {}
    for lang, large in (("id", False), ("en", False), ("id", True)):
        window.set_language(lang)
        window.set_large_text(large)
        for name in ("summary", "search", "search-found"):
            if name == "summary":
                flows.booking.show_summary(preview)
            elif name == "search":
                window.state.assisted = True
                flows.booking.start_search()
                screen = flows.screen("search")
                for char in "SIMANJUNTAK":
                    screen.type(char)
            else:
                screen.show_results(matches)
            QApplication.processEvents()
            assert window.current == name.split("-")[0]
            assert window.size().toTuple() == size, f"{name} ({lang}, {large=}) doesn't fit"
            png = tmp_path / f"kiosk-{name}-{orientation}-{lang}{'-large' if large else ''}.png"
            assert window.grab().save(str(png), "PNG", 100)
            assert non_blank(png), png
            ARTIFACTS.mkdir(exist_ok=True)
            shutil.copy(png, ARTIFACTS / png.name)
            found = clipped(window)
            if found:
                problems[png.name] = found
    window.set_large_text(False)
    assert problems == {}
