"""The kiosk's booking flows: a scanned or typed booking shows its summary first and prints
on "Print my ticket"; in assisted mode staff find a booking by code or name and check it
in. Queue calls run on the kiosk's ``Runner`` (a worker thread), as every other one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from db.ops.checkin import BookingPreview, check_in_booking, preview_booking
from db.read.booking_search import BookingMatch, search_bookings
from db.views import TicketView
from kiosk.flow_context import FlowContext
from kiosk.screens.base import ScreenName
from kiosk.screens.search import SHOWN, SearchScreen
from kiosk.screens.summary import SummaryScreen


@dataclass(frozen=True)
class Previewed:
    """A booking ready to print, with what was scanned: a signed QR token is needed again
    for the check-in itself."""

    preview: BookingPreview
    payload: str


class BookingFlows(QObject):
    def __init__(self, fc: FlowContext) -> None:
        super().__init__(fc)
        self.fc = fc
        self.ctx = fc.ctx
        self.payload = ""  # what was scanned or typed, kept for the check-in itself
        self.by_staff = False  # the booking shown was found by staff in assisted mode

    # -- scan or typed code → summary → ticket ----------------------------------------------

    def preview(self, payload: str) -> Previewed:
        """Worker side: the booking a scan names, or ``CheckInRejected``."""
        return Previewed(preview_booking(self.ctx, self.fc.actor, payload), payload)

    def show_summary(self, previewed: Previewed, staff_name: str | None = None) -> None:
        self.payload = previewed.payload
        self.by_staff = staff_name is not None
        screen: SummaryScreen = self.fc.screen(ScreenName.SUMMARY)
        screen.show_preview(previewed.preview, staff_name)
        self.fc.show(ScreenName.SUMMARY)

    def print_ticket(self) -> None:
        fc = self.fc
        if fc.runner.busy or not self.payload:
            return
        if not fc.in_service():
            fc.show(ScreenName.OUT_OF_SERVICE)
            return
        payload, self.payload = self.payload, ""
        self._check_in(payload)

    def _check_in(self, payload: str) -> None:
        fc = self.fc

        # A check-in staff confirmed is theirs (the audit names them); else the kiosk's.
        actor = fc.staff_actor if self.by_staff else fc.actor
        self.by_staff = False

        def work() -> TicketView:
            return check_in_booking(self.ctx, actor, payload, kiosk_id=fc.kiosk_id)

        fc.show(ScreenName.BUSY)
        fc.run(work, fc.ticket_ready.emit)

    # -- assisted mode: find a booking --------------------------------------------------------

    def start_search(self) -> None:
        screen: SearchScreen = self.fc.screen(ScreenName.SEARCH)
        screen.reset()
        self.fc.show(ScreenName.SEARCH)

    def search(self, text: str) -> None:
        screen: SearchScreen = self.fc.screen(ScreenName.SEARCH)
        fc = self.fc

        def work() -> list[BookingMatch]:
            return search_bookings(self.ctx, fc.staff_actor, text, limit=SHOWN + 1)

        def failed(exc: BaseException) -> None:
            screen.show_results([])
            fc.fail(exc)

        if fc.runner.busy:
            screen.show_results([])
            return
        fc.run(work, screen.show_results, failed)

    def check_in_picked(self, code: str) -> None:
        if self.fc.runner.busy:
            return
        if not self.fc.in_service():
            self.fc.show(ScreenName.OUT_OF_SERVICE)
            return
        search: SearchScreen = self.fc.screen(ScreenName.SEARCH)
        found = next((m for m in search.results or [] if m.booking_code == code), None)
        name = (found.full_name or found.masked_name or "") if found else ""
        fc = self.fc

        def work() -> Previewed:
            return Previewed(preview_booking(self.ctx, fc.staff_actor, code), code)

        # The booking's summary first: staff confirm the one they meant.
        fc.show(ScreenName.BUSY)
        fc.run(work, lambda previewed: self.show_summary(previewed, name))
