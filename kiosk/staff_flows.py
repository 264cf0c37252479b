"""Staff at the kiosk: the PIN (or staff card), assisted mode's choices, reprints, and
leaving the kiosk. Part of the kiosk's flows (``kiosk/flows.py``), like the booking and
feedback flows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from config.settings import Channel
from db.ops.printjobs import request_reprint
from db.views import TicketView
from kiosk.screens.assisted import AssistedScreen, PinScreen
from kiosk.staff import PinCheck, PinResult
from kiosk.text import tr
from kiosk.wording import Message

if TYPE_CHECKING:
    from kiosk.flows import KioskFlows


class StaffFlows(QObject):
    def __init__(self, flows: KioskFlows) -> None:
        super().__init__(flows)
        self.flows = flows
        pin: PinScreen = flows.screen("pin")
        pin.submitted.connect(self.pin_submitted)
        assisted: AssistedScreen = flows.screen("assisted")
        assisted.chosen.connect(self.assisted_choice)

    def ask_pin(self, purpose: str) -> None:
        screen: PinScreen = self.flows.screen("pin")
        screen.configure(purpose)
        self.flows.show("pin")

    def pin_submitted(self, pin: str) -> None:
        if self.flows.runner.busy:
            return
        purpose = self.flows.screen("pin").purpose
        self.flows.runner.run(
            lambda: self.flows.staff.check_pin(pin),
            lambda check: self._pin_checked(purpose, check),
            self.flows._failed,
        )

    def _pin_checked(self, purpose: str, check: PinCheck) -> None:
        screen: PinScreen = self.flows.screen("pin")
        if check.result == PinResult.OK:
            self.staff_confirmed(purpose)
        elif check.result == PinResult.WRONG:
            screen.set_feedback(tr("Wrong PIN. Tries left: {n}.", n=check.tries_left))
        elif check.result == PinResult.LOCKED:
            minutes = max(1, (check.locked_seconds + 59) // 60)
            screen.set_feedback(tr("Too many wrong tries. Try again in {n} minutes.", n=minutes))
        else:
            # The first run on the embedded defaults: say how a PIN is made.
            command = "loket-kiosk hash-pin PIN"
            screen.set_feedback(
                tr("No staff PIN is set on this kiosk.")
                + "\n"
                + tr("To set one: {command}, into kiosk.staff_pin_hash.", command=command)
            )

    def staff_confirmed(self, purpose: str) -> None:
        if purpose == "exit":
            self.flows.window.allow_close = True
            self.flows.window.exit_requested.emit()
        elif purpose == "priority":
            self.flows.confirm(self.flows.service, Channel.PRIORITY)
        else:
            self.flows.window.state.assisted = True
            self.flows.go_home()

    def assisted_choice(self, choice: str) -> None:
        if choice == "find_booking":
            self.flows.booking.start_search()
        elif choice == "priority":
            self.flows.override = ""
            self.flows.show("reason")
        elif choice == "override":
            self.flows.reason = None
            self.flows.enter_code("reason")
        elif choice == "reprint":
            self.reprint()
        elif choice == "leave":
            self.flows.window.state.assisted = False
            self.flows.go_home()
        elif choice == "exit":
            self.ask_pin("exit")

    def reprint(self) -> None:
        ticket = self.flows.last_ticket
        if ticket is None:
            self.flows.show_message(
                Message("reprint_none", tr("Nothing to reprint"), tr("No ticket was issued yet."))
            )
            return

        def work() -> TicketView:
            request_reprint(self.flows.ctx, self.flows.staff_actor, ticket.id, self.flows.kiosk_id)
            return ticket

        self.flows.show("busy")
        self.flows.runner.run(work, self.flows.ticket_issued, self.flows._failed)
