"""The small parts on their own: dates in both languages, the scanner's timing, the
translator cache."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from kiosk.dates import format_date, format_datetime, weekday_names
from kiosk.scanner import WedgeScanner
from tests.conftest import JAKARTA
from ui.i18n import Translations, compile_ts, lrelease_path, ts_files


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


def test_translations_are_compiled_once_and_again_when_changed(
    tmp_path: Path, qapp: QCoreApplication
) -> None:
    assert lrelease_path() is not None
    ts = ts_files("kiosk")["id"]
    qm = compile_ts(ts, tmp_path)
    built = qm.stat().st_mtime_ns
    assert compile_ts(ts, tmp_path).stat().st_mtime_ns == built
    os.utime(qm, ns=(built, ts.stat().st_mtime_ns - 10**9))  # now older than its .ts
    assert compile_ts(ts, tmp_path).stat().st_mtime_ns != ts.stat().st_mtime_ns - 10**9
    translations = Translations("kiosk", tmp_path)
    try:
        assert translations.set_language("id")
        assert QCoreApplication.translate("Kiosk", "Welcome") == "Selamat datang"
        assert translations.set_language("en")
        assert QCoreApplication.translate("Kiosk", "Welcome") == "Welcome"
    finally:
        translations.uninstall()
