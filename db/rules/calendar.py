"""The office's business day: local dates, opening hours, closed days and holidays, and
what a supervisor changed of a day (``DayChanges``) over the settings, which stay the
default. Every decision about a day is made here: open or closed (and why), walk-in or
not, a service open or not, the services a counter calls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from config.settings import WEEKDAYS, Counter, Settings
from db.io.holiday_table import holiday_table

SEARCH_DAYS = 120


@lru_cache(maxsize=32)
def _holidays(country: str, year: int) -> dict[dt.date, str]:
    return holiday_table(country, year)


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    open_at: dt.datetime | None  # aware, office local; None when closed
    close_at: dt.datetime | None
    closed_reason: str | None  # "weekend", "holiday: <name>", "closed: office closure"
    # A supervisor closed the day: their reason, as applicants read it on the kiosk.
    notice: str | None = None


@dataclass(frozen=True)
class DayChanges:
    """What supervisors changed of one business day (``db.read.day_overrides`` reads them
    from the ``day_overrides`` table); None or empty: the settings decide."""

    walk_in: bool | None = None
    closed: str | None = None  # the office is closed: the reason
    closed_services: frozenset[str] = frozenset()
    # Counter number -> the service codes it calls on the day.
    counter_services: Mapping[int, tuple[str, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return (
            self.walk_in is not None
            or self.closed is not None
            or bool(self.closed_services)
            or bool(self.counter_services)
        )


NO_CHANGES = DayChanges()


class OfficeCalendar:
    def __init__(
        self, settings: Settings, changes: Mapping[dt.date, DayChanges] | None = None
    ) -> None:
        self.settings = settings
        self.tz = settings.office.tz
        self.changes: Mapping[dt.date, DayChanges] = changes or {}

    def with_changes(self, changes: Mapping[dt.date, DayChanges]) -> OfficeCalendar:
        """The same office with supervisors' changes of some days."""
        return OfficeCalendar(self.settings, changes)

    def changes_on(self, day: dt.date) -> DayChanges:
        return self.changes.get(day, NO_CHANGES)

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
        closed = self.changes_on(day).closed
        if closed is not None:
            return DayInfo(day, None, None, f"closed: {closed}", notice=closed)
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
        changed = self.changes_on(day).walk_in
        if changed is not None:
            return changed
        return self.walk_in_weekday(day)

    def walk_in_weekday(self, day: dt.date) -> bool:
        """Whether the settings make ``day`` a walk-in day (its weekday)."""
        return WEEKDAYS[day.weekday()] in self.settings.walk_in_days

    def service_open(self, day: dt.date, code: str) -> bool:
        """Whether new tickets of a service are issued on ``day`` (a supervisor may close
        a service for the day)."""
        return code not in self.changes_on(day).closed_services

    def counter_services(self, day: dt.date, counter: Counter) -> list[str]:
        """The services ``counter`` calls on ``day``: a supervisor's choice, else the
        settings'."""
        changed = self.changes_on(day).counter_services.get(counter.number)
        return list(changed) if changed is not None else list(counter.services)

    def counter_on(self, day: dt.date, counter: Counter) -> Counter:
        """``counter`` as it works on ``day`` (its services for the day)."""
        services = self.counter_services(day, counter)
        if services == counter.services:
            return counter
        return counter.model_copy(update={"services": services})

    def counters_on(self, day: dt.date) -> list[Counter]:
        """Every configured counter as it works on ``day``."""
        return [self.counter_on(day, c) for c in self.settings.counters]

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
