"""Dates and times as the waiting room reads them, in Indonesian:
"Selasa, 1 Desember 2026 09.00" (Indonesian writes the time with a dot)."""

from __future__ import annotations

import datetime as dt

DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def date_id(day: dt.date) -> str:
    """Like "Selasa, 1 Desember 2026"."""
    return f"{DAYS_ID[day.weekday()]}, {day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def time_id(moment: dt.datetime | dt.time) -> str:
    """Like "09.00"."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def datetime_id(moment: dt.datetime) -> str:
    """Like "Selasa, 1 Desember 2026 09.00" (``moment`` already in the office's zone)."""
    return f"{date_id(moment.date())} {time_id(moment)}"
