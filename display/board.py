"""The calls on the board, without Qt: the latest call and the ones before it, one entry per
ticket. Calls and recalls go on top (and are to be announced and flashed); no-shows,
transfers and cancellations take the ticket off the board quietly."""

from __future__ import annotations

import datetime as dt

from db.read.calling_display import Call, DisplayUpdate


class CallBoard:
    def __init__(self, keep: int) -> None:
        self.keep = max(1, keep)
        self.calls: list[Call] = []  # newest first
        self.day: dt.date | None = None

    @property
    def latest(self) -> Call | None:
        return self.calls[0] if self.calls else None

    @property
    def earlier(self) -> list[Call]:
        return self.calls[1:]

    def load(self, update: DisplayUpdate) -> None:
        """The start-up picture: shown, not announced."""
        self.day = update.business_day
        self.calls = [c for c in reversed(update.calls) if c.announced][: self.keep]

    def apply(self, update: DisplayUpdate) -> list[Call]:
        """New events in order; returns the calls to announce (oldest first)."""
        if self.day is not None and update.business_day != self.day:
            self.calls = []
        self.day = update.business_day
        announce: list[Call] = []
        for call in update.calls:
            self.calls = [c for c in self.calls if c.ticket_id != call.ticket_id]
            if call.announced:
                self.calls.insert(0, call)
                announce.append(call)
        del self.calls[self.keep :]
        return announce
