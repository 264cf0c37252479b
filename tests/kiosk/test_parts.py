"""The small parts on their own: dates in both languages, the scanner's timing, the
translator cache."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from kiosk.dates import format_date, format_datetime, weekday_names
from kiosk.scanner import WedgeScanner
from tests.conftest import JAKARTA
from ui.i18n import APPS, Translations, compile_ts, lrelease_path, qm_path, ts_files


def test_dates_in_indonesian_and_english() -> None:
    when = dt.datetime(2026, 11, 30, 8, 0, tzinfo=JAKARTA)
    assert format_datetime(when, "id") == "Senin, 30 November 2026 pukul 08.00"
    assert format_datetime(when, "en") == "Monday, 30 November 2026 at 08:00"
    assert format_date(dt.date(2026, 8, 17), "id") == "Senin, 17 Agustus 2026"
    assert weekday_names(["sat", "sun"], "id") == "Sabtu, Minggu"


def feed(scanner: WedgeScanner, now: list[float], text: str, gap_s: float) -> None:
    for char in text:
        now[0] += gap_s
        scanner.key(0, char)
    now[0] += gap_s
    scanner.key(Qt.Key.Key_Return, "\r")


def test_scanner_takes_bursts_not_typing(qtbot: QtBot) -> None:
    now = [0.0]
    scanner = WedgeScanner(clock=lambda: now[0])
    with qtbot.waitSignal(scanner.scanned) as got:
        feed(scanner, now, "MP261201JKS00001", 0.008)
    assert got.args == ["MP261201JKS00001"]
    with qtbot.assertNotEmitted(scanner.scanned):
        feed(scanner, now, "MP261201JKS00001", 0.120)  # a person typing
        feed(scanner, now, "AB12", 0.005)  # too short
    # A person typed a little, then a scan came: only the scan counts.
    now[0] += 1
    scanner.key(0, "X")
    now[0] += 0.5
    with qtbot.waitSignal(scanner.scanned) as got:
        feed(scanner, now, "MP261201JKS00002", 0.010)
    assert got.args == ["MP261201JKS00002"]


def test_shipped_translations_match_their_sources(tmp_path: Path) -> None:
    """Every .ts has its compiled .qm beside it, byte for byte what lrelease makes of it
    now (run `python -m ui.i18n` after editing a .ts)."""
    assert lrelease_path() is not None
    for package in APPS:
        for ts in ts_files(package).values():
            shipped = qm_path(ts)
            assert shipped.is_file(), f"{shipped} is missing: run python -m ui.i18n"
            fresh = compile_ts(ts, tmp_path)
            assert fresh.read_bytes() == shipped.read_bytes(), f"{shipped} is stale"


def test_switching_language_runs_no_program(
    tmp_path: Path, qapp: QCoreApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_program(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a program was started: {args}")

    monkeypatch.setattr(subprocess, "run", no_program)
    monkeypatch.setattr(subprocess, "Popen", no_program)
    translations = Translations("kiosk")
    try:
        assert translations.set_language("id")
        assert QCoreApplication.translate("Kiosk", "Welcome") == "Selamat datang"
        assert translations.set_language("en")
        assert QCoreApplication.translate("Kiosk", "Welcome") == "Welcome"
    finally:
        translations.uninstall()
    # A missing .qm is a logged failure and the source language, not a compile.
    elsewhere = Translations("kiosk", tmp_path)
    assert not elsewhere.set_language("id")
    assert elsewhere.language == "en"
