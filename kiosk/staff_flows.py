"""Staff at the kiosk: the PIN (or staff card), assisted mode's choices, reprints, and
leaving the kiosk. Wired with the other flows in ``kiosk.flows``."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from db.ops.printjobs import request_reprint
from db.views import TicketView
from kiosk.flow_context import FlowContext
from kiosk.screens.assisted import PinScreen
from kiosk.screens.base import ScreenName
from kiosk.staff import PinCheck, PinResult, StaffLock
from kiosk.text import tr
from kiosk.wording import Message


class StaffFlows(QObject):
    """``priority_confirmed``: staff confirmed the priority ticket being chosen."""

    priority_confirmed = Signal()

    def __init__(self, fc: FlowContext, staff: StaffLock) -> None:
        super().__init__(fc)
        self.fc = fc
        self.staff = staff

    def ask_pin(self, purpose: str) -> None:
        screen: PinScreen = self.fc.screen(ScreenName.PIN)
        screen.configure(purpose)
        self.fc.show(ScreenName.PIN)

    def pin_submitted(self, pin: str) -> None:
        if self.fc.runner.busy:
            return
        purpose = self.fc.screen(ScreenName.PIN).purpose
        self.fc.run(
            lambda: self.staff.check_pin(pin),
            lambda check: self._pin_checked(purpose, check),
        )

    def _pin_checked(self, purpose: str, check: PinCheck) -> None:
        screen: PinScreen = self.fc.screen(ScreenName.PIN)
        if check.result == PinResult.OK:
            self.staff_confirmed(purpose)
        elif check.result == PinResult.WRONG:
            left = check.tries_left
            screen.set_feedback(lambda: tr("Wrong PIN. Tries left: {n}.", n=left))
        elif check.result == PinResult.LOCKED:
            minutes = max(1, (check.locked_seconds + 59) // 60)
            screen.set_feedback(
                lambda: tr("Too many wrong tries. Try again in {n} minutes.", n=minutes)
            )
        else:
            # The first run on the embedded defaults: say how a PIN is made.
            command = "loket-kiosk hash-pin PIN"
            screen.set_feedback(
                lambda: (
                    tr("No staff PIN is set on this kiosk.")
                    + "\n"
                    + tr("To set one: {command}, into kiosk.staff_pin_hash.", command=command)
                )
            )

    def staff_confirmed(self, purpose: str) -> None:
        if purpose == "exit":
            self.fc.window.allow_close = True
            self.fc.window.exit_requested.emit()
        elif purpose == "priority":
            self.priority_confirmed.emit()
        else:
            self.fc.state.assisted = True
            self.fc.go_home()

    def leave(self) -> None:
        self.fc.state.assisted = False
        self.fc.go_home()

    def reprint(self, ticket: TicketView | None) -> None:
        fc = self.fc
        if ticket is None:
            fc.show_message(
                lambda: Message(
                    "reprint_none", tr("Nothing to reprint"), tr("No ticket was issued yet.")
                )
            )
            return

        def work() -> TicketView:
            request_reprint(fc.ctx, fc.staff_actor, ticket.id, fc.kiosk_id)
            return ticket

        fc.show(ScreenName.BUSY)
        fc.run(work, fc.ticket_ready.emit)
