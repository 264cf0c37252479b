"""The office's business day: local dates, opening hours, closed days and holidays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

from config.settings import WEEKDAYS, Settings

SEARCH_DAYS = 120


@lru_cache(maxsize=32)
def _holidays(country: str, year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays(country, years=year, language="id"))


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    open_at: dt.datetime | None  # aware, office local; None when closed
    close_at: dt.datetime | None
    closed_reason: str | None  # "weekend", "holiday: <name>", "closed: office closure"


class OfficeCalendar:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.tz = settings.office.tz

    def local(self, when: dt.datetime) -> dt.datetime:
        return when.astimezone(self.tz)

    def business_day(self, when: dt.datetime) -> dt.date:
        """The office-local date of an instant: numbers restart on each new one."""
        return self.local(when).date()

    def holiday_name(self, day: dt.date) -> str | None:
        business = self.settings.business_day
        if not business.public_holidays:
            return None
        return _holidays(business.holiday_country, day.year).get(day)

    def day(self, day: dt.date) -> DayInfo:
        business = self.settings.business_day
        if day in business.closed_dates:
            return DayInfo(day, None, None, "office closure")
        holiday = self.holiday_name(day)
        if holiday:
            return DayInfo(day, None, None, f"public holiday: {holiday}")
        hours = business.hours.get(WEEKDAYS[day.weekday()])
        if hours is None:
            return DayInfo(day, None, None, "no opening hours on this weekday")
        open_at = dt.datetime.combine(day, hours.open, tzinfo=self.tz)
        close_at = dt.datetime.combine(day, hours.close, tzinfo=self.tz)
        return DayInfo(day, open_at, close_at, None)

    def walk_in_day(self, day: dt.date) -> bool:
        return WEEKDAYS[day.weekday()] in self.settings.walk_in_days

    def next_opening(self, after: dt.datetime, *, walk_in: bool = False) -> dt.datetime | None:
        """The next opening time strictly after ``after`` (optionally: on a walk-in day)."""
        start = self.business_day(after)
        for offset in range(SEARCH_DAYS):
            info = self.day(start + dt.timedelta(days=offset))
            if info.open_at is None or info.open_at <= after:
                continue
            if walk_in and not self.walk_in_day(info.date):
                continue
            return info.open_at
        return None
