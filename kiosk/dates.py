"""Dates and times as an applicant reads them, in Indonesian or English.

"Senin, 30 November 2026 pukul 08.00" / "Monday, 30 November 2026 at 08:00". Written out
here instead of relying on the PC's locale, which a kiosk image rarely has installed.
"""

from __future__ import annotations

import datetime as dt

DAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def _lang(language: str) -> str:
    return "en" if language == "en" else "id"


def format_time(when: dt.time | dt.datetime, language: str) -> str:
    """``08.00`` in Indonesian, ``08:00`` in English."""
    sep = ":" if _lang(language) == "en" else "."
    return f"{when.hour:02d}{sep}{when.minute:02d}"


def format_date(day: dt.date, language: str) -> str:
    """``Senin, 30 November 2026`` / ``Monday, 30 November 2026``."""
    lang = _lang(language)
    return f"{DAYS[lang][day.weekday()]}, {day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def format_datetime(when: dt.datetime, language: str) -> str:
    """``Senin, 30 November 2026 pukul 08.00`` / ``Monday, 30 November 2026 at 08:00``
    (``when`` already in the office's time zone)."""
    word = "at" if _lang(language) == "en" else "pukul"
    return f"{format_date(when.date(), language)} {word} {format_time(when, language)}"


def weekday_names(codes: list[str], language: str) -> str:
    """``["mon", "tue"]`` -> ``Senin, Selasa``."""
    order = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return ", ".join(DAYS[_lang(language)][order.index(c)] for c in codes if c in order)
