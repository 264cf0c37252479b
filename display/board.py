"""The calls on the board, without Qt: the latest call and the ones before it, one entry per
ticket. Calls and recalls go on top (and are to be announced and flashed); what happens to
a called ticket afterwards (not present, transferred, put back, being served, done) changes
its entry's state in place, quietly: a call never disappears because of a later change.

When the board is full, the oldest settled call (being served, done, cancelled) makes room
first, so a number the applicant may still be looking for stays on the screen longest."""

from __future__ import annotations

import datetime as dt

from db.read.calling_display import Call, DisplayUpdate


class CallBoard:
    def __init__(self, keep: int) -> None:
        self.keep = max(1, keep)
        self.calls: list[Call] = []  # newest call first, each in its ticket's latest state
        self.day: dt.date | None = None

    @property
    def latest(self) -> Call | None:
        return self.calls[0] if self.calls else None

    @property
    def earlier(self) -> list[Call]:
        return self.calls[1:]

    def find(self, number: str) -> Call | None:
        return next((c for c in self.calls if c.number == number), None)

    def load(self, update: DisplayUpdate) -> None:
        """The start-up picture: shown, not announced."""
        self.day = update.business_day
        self.calls = list(reversed(update.calls))[: self.keep]

    def apply(self, update: DisplayUpdate) -> list[Call]:
        """New events in order; returns the calls to announce (oldest first)."""
        if self.day is not None and update.business_day != self.day:
            self.calls = []
        self.day = update.business_day
        announce: list[Call] = []
        for call in update.calls:
            if call.announced:
                self.calls = [c for c in self.calls if c.ticket_id != call.ticket_id]
                self.calls.insert(0, call)
                announce.append(call)
            else:
                self.calls = [
                    c.became(call) if c.ticket_id == call.ticket_id else c for c in self.calls
                ]
        self._trim()
        return announce

    def _trim(self) -> None:
        while len(self.calls) > self.keep:
            settled = [i for i, c in enumerate(self.calls) if i > 0 and c.settled]
            del self.calls[settled[-1] if settled else -1]
