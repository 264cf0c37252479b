"""Staff at the kiosk: who signs in (an officer with their own kiosk PIN, the shared staff
PIN where the settings keep it, or a staff card), assisted mode's choices, reprints, and
leaving the kiosk. Wired with the other flows in ``kiosk.flows``.

An officer's PIN is checked by the queue (``db.ops.kiosk_pins.kiosk_sign_in``: audited,
locked after wrong PINs like the console login); from then on assisted mode acts as that
officer, and every operation checks them again. The shared PIN is checked here
(``kiosk.staff``) and acts as the kiosk's staff, as it always did."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal

from db.ops.kiosk_pins import KioskPinWrong, kiosk_sign_in
from db.ops.officers import AccountInactive, AccountLocked, OfficerView, UnknownOfficer
from db.ops.printjobs import reprint_at_kiosk
from db.read.kiosk_officers import KioskOfficer, kiosk_officers
from db.views import TicketView
from kiosk.flow_context import FlowContext
from kiosk.screens.assisted import AssistedScreen, PinScreen
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
        # Who may sign in with their own PIN, as last read (the PIN screen's names).
        self.officers: list[KioskOfficer] = []

    @property
    def shared_allowed(self) -> bool:
        """The shared staff PIN is offered beside the officers' own (setting)."""
        return self.fc.settings.kiosk.shared_staff_pin

    # -- who may sign in ------------------------------------------------------------------

    def refresh_officers(self) -> None:
        ctx = self.fc.ctx
        self.fc.background.run(lambda: kiosk_officers(ctx), self._officers_read, lambda _e: None)

    def _officers_read(self, officers: list[KioskOfficer]) -> None:
        self.officers = officers
        screen: PinScreen = self.fc.screen(ScreenName.PIN)
        if self.fc.current == ScreenName.PIN:
            screen.set_officers(officers)

    # -- the PIN screen -------------------------------------------------------------------

    def ask_pin(self, purpose: str) -> None:
        """The names as last read at once; read again behind them (a PIN set a moment ago
        on a console shows up while the screen is open)."""
        screen: PinScreen = self.fc.screen(ScreenName.PIN)
        screen.configure(purpose, self.officers, self.shared_allowed)
        self.fc.show(ScreenName.PIN)
        self.refresh_officers()

    def pin_submitted(self, pin: str) -> None:
        fc = self.fc
        if fc.runner.busy:
            return
        screen: PinScreen = fc.screen(ScreenName.PIN)
        purpose, officer = screen.purpose, screen.chosen
        if officer is None:
            if not self.shared_allowed:  # not offered; refused all the same
                screen.set_feedback(lambda: tr("Touch your name first."))
                return
            fc.run(
                lambda: self.staff.check_pin(pin),
                lambda check: self._pin_checked(purpose, check),
            )
            return
        ctx, kiosk_id = fc.ctx, fc.kiosk_id
        fc.run(
            lambda: kiosk_sign_in(ctx, officer.id, pin, kiosk_id, purpose=purpose),
            lambda view: self._officer_signed_in(purpose, view),
            self._officer_refused,
        )

    def _officer_signed_in(self, purpose: str, officer: OfficerView) -> None:
        self.staff_confirmed(purpose, officer)

    def _officer_refused(self, exc: BaseException) -> None:
        screen: PinScreen = self.fc.screen(ScreenName.PIN)
        if isinstance(exc, KioskPinWrong):
            left = exc.tries_left
            screen.set_feedback(lambda: tr("Wrong PIN. Tries left: {n}.", n=left))
        elif isinstance(exc, AccountLocked):
            wait = (exc.until - self.fc.ctx.now()) / dt.timedelta(minutes=1)
            minutes = max(1, int(wait + 0.999))
            screen.set_feedback(
                lambda: tr("Too many wrong tries. Try again in {n} minutes.", n=minutes)
            )
        elif isinstance(exc, AccountInactive):
            screen.set_feedback(
                lambda: tr("This officer's account is deactivated. Ask an administrator.")
            )
        elif isinstance(exc, UnknownOfficer):
            screen.set_feedback(lambda: tr("This officer is not known any more."))
            self.refresh_officers()
        else:  # the database away, or a refusal worded for anyone
            self.fc.fail(exc)

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

    def staff_confirmed(self, purpose: str, officer: OfficerView | None = None) -> None:
        """Staff proved who they are: ``officer`` with their own PIN, else the shared PIN
        or a staff card."""
        if purpose == "exit":
            self.fc.window.allow_close = True
            self.fc.window.exit_requested.emit()
        elif purpose == "priority":
            self.priority_confirmed.emit()
        else:
            if officer is None:
                self.fc.sign_in()
            else:
                self.fc.sign_in(officer.actor, officer.display_name)
            screen: AssistedScreen = self.fc.screen(ScreenName.ASSISTED)
            screen.signed_in = self.fc.staff_name
            self.fc.go_home()

    def leave(self) -> None:
        self.fc.sign_out()
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
        actor, kiosk_id = fc.staff_actor, fc.kiosk_id

        def work() -> TicketView:
            reprint_at_kiosk(fc.ctx, actor, ticket.id, kiosk_id)
            return ticket

        fc.show(ScreenName.BUSY)
        fc.run(work, fc.ticket_ready.emit)
