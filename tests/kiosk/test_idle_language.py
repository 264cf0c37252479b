"""Inactivity, language switch, large text and high contrast."""

from __future__ import annotations

from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from tests.kiosk.conftest import click, find, text_of, wait_screen


def test_idle_warns_then_goes_home(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.idle.set_intervals(idle_ms=40, tick_ms=20)
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    with qtbot.waitSignal(kiosk.idle.warning, timeout=2000) as warned:
        pass
    assert warned.args == [kiosk.window.state.settings.idle.kiosk_warning_seconds]
    assert kiosk.window.overlay.isVisible()
    assert text_of(kiosk, "idle_title") == "Masih di sana?"
    with qtbot.waitSignal(kiosk.idle.timed_out, timeout=3000):
        pass
    wait_screen(qtbot, kiosk, "home")
    assert not kiosk.window.overlay.isVisible()


def test_touch_during_the_warning_keeps_the_screen(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "home_vip")
    wait_screen(qtbot, kiosk, "vip")
    kiosk.idle.expire()  # the wait is over: the warning counts down
    assert kiosk.window.overlay.isVisible()
    assert "10 detik" in text_of(kiosk, "idle_countdown")
    kiosk.idle.tick()
    assert "9 detik" in text_of(kiosk, "idle_countdown")
    click(qtbot, kiosk, "idle_continue")
    assert not kiosk.window.overlay.isVisible()
    assert kiosk.idle.idle_timer.isActive()
    assert kiosk.window.current == "vip"


def test_home_at_rest_does_not_count(qtbot: QtBot, kiosk: Kiosk) -> None:
    assert kiosk.window.current == "home"
    assert not kiosk.idle.idle_timer.isActive()
    click(qtbot, kiosk, "lang_en")
    assert kiosk.idle.idle_timer.isActive()  # English on home: reset later for the next one


def test_language_switch_changes_the_texts(qtbot: QtBot, kiosk: Kiosk) -> None:
    assert text_of(kiosk, "home_heading") == "Selamat datang"
    assert text_of(kiosk, "home_booking_title") == "Sudah pesan antrean"
    assert text_of(kiosk, "home_quota_ganti_name") == "Penggantian Paspor"
    assert text_of(kiosk, "header_date") == "Selasa, 1 Desember 2026"
    click(qtbot, kiosk, "lang_en")
    assert text_of(kiosk, "home_heading") == "Welcome"
    assert text_of(kiosk, "home_booking_title") == "I have a booking"
    assert text_of(kiosk, "home_quota_ganti_name") == "Passport Replacement"
    assert text_of(kiosk, "header_date") == "Tuesday, 1 December 2026"
    assert text_of(kiosk, "header_clock") == "09:00"
    click(qtbot, kiosk, "lang_id")
    assert text_of(kiosk, "toggle_large_text") == "Teks besar"
    assert text_of(kiosk, "header_clock") == "09.00"


def test_idle_timeout_brings_back_the_default_language(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "lang_en")
    click(qtbot, kiosk, "toggle_large_text")
    click(qtbot, kiosk, "home_priority")
    kiosk.idle.expire()
    for _ in range(kiosk.idle.warning_seconds):
        kiosk.idle.tick()
    wait_screen(qtbot, kiosk, "home")
    assert text_of(kiosk, "home_heading") == "Selamat datang"
    assert not kiosk.window.large_text


def test_large_text_makes_text_larger(qtbot: QtBot, kiosk: Kiosk) -> None:
    label = find(kiosk, "home_booking_title")
    assert isinstance(label, QLabel)
    before = QFontInfo(label.font()).pixelSize()
    click(qtbot, kiosk, "toggle_large_text")
    after = QFontInfo(label.font()).pixelSize()
    assert after >= before * 1.3
    assert find(kiosk, "toggle_large_text").isChecked()  # type: ignore[attr-defined]


def test_high_contrast_is_black_and_yellow(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "toggle_high_contrast")
    kiosk.window.repaint()
    image = kiosk.window.grab().toImage()
    assert image.pixelColor(5, 5).name() == "#000000"
    tile = find(kiosk, "home_walk_in").grab().toImage()
    assert tile.pixelColor(tile.width() - 30, tile.height() // 2).name() == "#ffff00"
