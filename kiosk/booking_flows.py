"""The kiosk's booking flows: a scanned or typed booking shows its summary first and prints
on "Print my ticket"; in assisted mode staff find a booking by code or name and check it
in. Queue calls run on the kiosk's ``Runner`` (a worker thread), as every other one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from db.ops.checkin import BookingPreview, check_in_booking, preview_booking
from db.read.booking_search import BookingMatch, search_bookings
from db.views import TicketView
from kiosk.screens.search import SHOWN, SearchScreen
from kiosk.screens.summary import SummaryScreen

if TYPE_CHECKING:
    from kiosk.flows import KioskFlows


@dataclass(frozen=True)
class Previewed:
    """A booking ready to print, with what was scanned: a signed QR token is needed again
    for the check-in itself."""

    preview: BookingPreview
    payload: str


class BookingFlows(QObject):
    def __init__(self, flows: KioskFlows) -> None:
        super().__init__(flows)
        self.flows = flows
        self.ctx = flows.ctx
        self.payload = ""  # what was scanned or typed, kept for the check-in itself
        summary: SummaryScreen = flows.screen("summary")
        summary.back.connect(flows.go_home)
        summary.print_ticket.connect(self.print_ticket)
        search: SearchScreen = flows.screen("search")
        search.back.connect(flows.go_home)
        search.search.connect(self.search)
        search.picked.connect(self.check_in_picked)

    # -- scan or typed code → summary → ticket ----------------------------------------------

    def preview(self, payload: str) -> Previewed:
        """Worker side: the booking a scan names, or ``CheckInRejected``."""
        return Previewed(preview_booking(self.ctx, self.flows.actor, payload), payload)

    def show_summary(self, previewed: Previewed) -> None:
        self.payload = previewed.payload
        screen: SummaryScreen = self.flows.screen("summary")
        screen.show_preview(previewed.preview)
        self.flows.show("summary")

    def print_ticket(self) -> None:
        flows = self.flows
        if flows.runner.busy or not self.payload:
            return
        if not flows.in_service():
            flows.show("out_of_service")
            return
        payload, self.payload = self.payload, ""
        self._check_in(payload)

    def _check_in(self, payload: str) -> None:
        flows = self.flows

        def work() -> TicketView:
            return check_in_booking(self.ctx, flows.actor, payload, kiosk_id=flows.kiosk_id)

        flows.show("busy")
        flows.runner.run(work, flows.ticket_issued, flows._failed)

    # -- assisted mode: find a booking --------------------------------------------------------

    def start_search(self) -> None:
        screen: SearchScreen = self.flows.screen("search")
        screen.reset()
        self.flows.show("search")

    def search(self, text: str) -> None:
        screen: SearchScreen = self.flows.screen("search")
        flows = self.flows

        def work() -> list[BookingMatch]:
            return search_bookings(self.ctx, flows.staff_actor, text, limit=SHOWN + 1)

        def failed(exc: BaseException) -> None:
            screen.show_results([])
            flows._failed(exc)

        if flows.runner.busy:
            screen.show_results([])
            return
        flows.runner.run(work, screen.show_results, failed)

    def check_in_picked(self, code: str) -> None:
        flows = self.flows
        if flows.runner.busy:
            return
        if not flows.in_service():
            flows.show("out_of_service")
            return
        self._check_in(code)
