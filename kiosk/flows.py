"""The kiosk's flows: which screen follows which, and the queue calls between them.

Every queue call (issuing, check-in, quotas, reprints) and every PIN check runs through
the ``Runner`` on a worker thread; the screens only ever see the results. Wired in one
place (``_connect``), like qutebrowser's main window.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer

from config.settings import Channel
from db.context import Actor, QueueContext
from db.errors import QueueError
from db.models import Role
from db.ops.issuing import QuotaLeft, issue_ticket, quotas_today
from db.views import TicketView
from kiosk.booking_flows import BookingFlows, Previewed
from kiosk.feedback_flows import FeedbackFlows
from kiosk.health import DeviceHealth
from kiosk.idle import IdleMonitor
from kiosk.printing import TicketPrinter
from kiosk.scanner import WedgeScanner
from kiosk.screens.assisted import AssistedScreen, PinScreen
from kiosk.screens.checkin import CodeEntryScreen
from kiosk.screens.choose import ConfirmScreen, ServiceScreen
from kiosk.screens.home import HomeScreen
from kiosk.screens.onscreen import OnScreenTicketScreen
from kiosk.screens.ticket import MessageScreen, TicketScreen
from kiosk.serial_scanner import clean_payload
from kiosk.staff import StaffLock
from kiosk.staff_flows import StaffFlows
from kiosk.window import KioskWindow
from kiosk.wording import (
    PRIORITY,
    SCAN_AGAIN,
    TYPE_CODE,
    VIP,
    Message,
    refusal,
)
from kiosk.workers import Runner
from ui.ops import is_unreachable

logger = logging.getLogger(__name__)

RETRY_MS = 5000
STAFF_CARD = "staff_card"


class KioskFlows(QObject):
    def __init__(
        self,
        window: KioskWindow,
        printer: TicketPrinter,
        scanner: WedgeScanner,
        idle: IdleMonitor,
        staff: StaffLock,
        health: DeviceHealth | None = None,
    ) -> None:
        super().__init__(window)
        self.health = health
        self.window = window
        self.ctx: QueueContext = window.state.ctx
        self.settings = self.ctx.settings
        self.kiosk_id = self.settings.kiosk_id
        self.actor = Actor.kiosk(self.kiosk_id)
        self.staff_actor = Actor(f"{self.kiosk_id}-staff", Role.SUPERVISOR)
        self.printer = printer
        self.scanner = scanner
        self.idle = idle
        self.staff = staff
        self.runner = Runner(self)  # what the applicant waits for (one at a time)
        self.background = Runner(self)  # quota refreshes
        self.quotas: list[QuotaLeft] | None = None
        self.channel = Channel.WALK_IN
        self.reason: str | None = None
        self.service = ""
        self.override = ""
        self.last_ticket: TicketView | None = None
        self.shown_ticket: int | None = None
        self.ticket_timer = QTimer(self)
        self.ticket_timer.setSingleShot(True)
        self.ticket_timer.setInterval(self.settings.kiosk.ticket_screen_seconds * 1000)
        self.ticket_timer.timeout.connect(self.finish_ticket)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.refresh_quotas)
        self._connect()
        self.staff_flows = StaffFlows(self)  # PIN, assisted mode, reprints, leaving
        self.feedback = FeedbackFlows(self)  # information, complaints, survey
        self.booking = BookingFlows(self)  # booking summary, assisted search

    def screen(self, name: str) -> Any:
        return self.window.screen_named(name)

    def _connect(self) -> None:
        w = self.window
        home: HomeScreen = self.screen("home")
        home.chosen.connect(self.choose)
        for name in ("scan", "code", "service", "reason", "vip", "confirm", "pin"):
            self.screen(name).back.connect(self.go_home)
        self.screen("scan").type_code.connect(lambda: self.enter_code("booking"))
        self.screen("code").entered_text.connect(self.code_entered)
        self.screen("service").service_chosen.connect(self.service_chosen)
        self.screen("reason").reason_chosen.connect(self.reason_chosen)
        self.screen("vip").proceed.connect(lambda: self.choose_service(Channel.VIP))
        self.screen("confirm").confirmed.connect(self.issue)
        self.screen("ticket").done.connect(self.finish_ticket)
        self.screen("ticket_on_screen").done.connect(self.finish_ticket)
        if self.health is not None:
            self.health.printer_usable_changed.connect(self.printer_changed)
        self.screen("message").action.connect(self.message_action)
        w.staff_button.clicked.connect(lambda: self.ask_pin("assisted"))
        w.overlay.button.clicked.connect(self.idle.poke)
        self.scanner.scanned.connect(self.scanned)
        self.idle.warning.connect(w.overlay.show_countdown)
        self.idle.resumed.connect(w.overlay.hide)
        self.idle.timed_out.connect(self.timed_out)
        self.printer.printed.connect(self.printed)
        self.printer.failed.connect(self.print_failed)
        w.stack.currentChanged.connect(lambda _i: self._idle_for_screen())
        for button in (w.large_button, w.contrast_button, *w.language_buttons.values()):
            button.clicked.connect(lambda _=False: self._idle_for_screen())

    # -- navigation -------------------------------------------------------------------------

    def show(self, name: str) -> Any:
        return self.window.show_screen(name)

    def go_home(self) -> None:
        if self.window.state.assisted:
            screen: AssistedScreen = self.screen("assisted")
            screen.last_ticket = self.last_ticket.number if self.last_ticket else ""
            screen.retranslate()
            self.show("assisted")
            return
        self.show("home" if self.in_service() else "out_of_service")
        self.refresh_quotas()

    def _idle_for_screen(self) -> None:
        w = self.window
        at_rest = (
            w.current == "home"
            and w.state.language == self.settings.languages.default
            and not (w.large_text or w.high_contrast)
        )
        if at_rest or w.current in ("busy", "out_of_service"):
            self.idle.stop()
        else:
            self.idle.start()

    def timed_out(self) -> None:
        self.window.overlay.hide()
        self.window.state.assisted = False
        self.window.reset_for_next_person()
        self.go_home()

    def choose(self, choice: str) -> None:
        self.override = ""
        if choice == "booking":
            self.show("scan")
        elif choice == "walk_in":
            self.choose_service(Channel.WALK_IN)
        elif choice == "priority":
            self.show("reason")
        elif choice == "vip":
            self.show("vip")
        elif choice == "feedback":
            self.feedback.start_complaint()
        else:
            self.feedback.show_faq()

    def choose_service(self, channel: Channel) -> None:
        self.channel = channel
        if channel != Channel.PRIORITY:
            self.reason = None
        screen: ServiceScreen = self.screen("service")
        screen.configure(channel, self.quotas)
        self.show("service")

    def reason_chosen(self, reason: str) -> None:
        self.reason = reason
        self.choose_service(Channel.PRIORITY)

    def service_chosen(self, service: str) -> None:
        self.service = service
        needs_staff = self.settings.kiosk.priority_needs_staff and not self.window.state.assisted
        if self.channel == Channel.PRIORITY and needs_staff:
            self.ask_pin("priority")
            return
        self.confirm(service, self.channel)

    def confirm(self, service: str, channel: Channel) -> None:
        self.service, self.channel = service, channel
        screen: ConfirmScreen = self.screen("confirm")
        screen.configure(service, channel, self.reason, self.override)
        self.show("confirm")

    def enter_code(self, mode: str) -> None:
        screen: CodeEntryScreen = self.screen("code")
        screen.configure(mode)
        self.show("code")

    def message_action(self, action: str) -> None:
        if action == SCAN_AGAIN:
            self.show("scan")
        elif action == TYPE_CODE:
            self.enter_code("booking")
        elif action == PRIORITY:
            self.choose("priority")
        elif action == VIP:
            self.choose("vip")
        else:
            self.go_home()

    def show_message(self, message: Message) -> None:
        screen: MessageScreen = self.screen("message")
        screen.show_message(message)
        self.show("message")

    # -- queue calls ----------------------------------------------------------------------

    def refresh_quotas(self) -> None:
        self.background.run(lambda: quotas_today(self.ctx), self._quotas_done, self._quotas_failed)

    def _quotas_done(self, quotas: list[QuotaLeft]) -> None:
        self.quotas = quotas
        home: HomeScreen = self.screen("home")
        home.set_quotas(quotas)
        if self.window.current == "out_of_service" and self.in_service():
            logger.info("database reachable again: back in service")
            self.go_home()
            # A ticket whose commit went through just before the connection dropped is
            # valid: its pending print job comes out now.
            self.printer.kick()

    def _quotas_failed(self, exc: BaseException) -> None:
        if isinstance(exc, QueueError):
            return
        logger.error("queue database not usable: %r", exc)
        if self.window.current in ("home", "out_of_service"):
            self.show("out_of_service")
        self.retry_timer.start()

    def issue(self) -> None:
        if self.runner.busy:
            return
        if not self.in_service():
            self.show("out_of_service")
            return
        service, channel, reason, override = self.service, self.channel, self.reason, self.override
        actor = self.staff_actor if override else self.actor
        self.show("busy")
        self.runner.run(
            lambda: issue_ticket(
                self.ctx,
                actor,
                service,
                channel,
                reason=reason,
                kiosk_id=self.kiosk_id,
                override_reason=override or None,
            ),
            self.ticket_issued,
            lambda exc: self._failed(exc, self.window.state.service_name(service)),
        )

    def scanned(self, code: str) -> None:
        code = clean_payload(code)
        if not code or self.runner.busy or self.window.current in ("busy", "out_of_service"):
            return
        self.window.overlay.hide()
        self.idle.poke()
        cards = bool(self.staff.card_hashes)

        def work() -> Any:
            if cards and self.staff.is_staff_card(code):
                return STAFF_CARD
            survey = self.feedback.survey_scan(code)  # a served ticket's QR: the survey
            if survey is not None:
                return survey
            return self.booking.preview(code)  # the summary first; it prints on a touch

        self.check_in(work)

    def code_entered(self, text: str) -> None:
        screen: CodeEntryScreen = self.screen("code")
        if screen.mode == "reason":
            self.override = text
            self.choose_service(Channel.WALK_IN)
            return
        self.check_in(lambda: self.booking.preview(text))

    def check_in(self, work: Any) -> None:
        if not self.in_service():
            self.show("out_of_service")
            return
        self.show("busy")
        self.runner.run(work, self._checked_in, self._failed)

    def _checked_in(self, result: Any) -> None:
        if self.feedback.survey_scanned(result):
            return
        if result == STAFF_CARD:
            pin: PinScreen = self.screen("pin")
            self.staff_flows.staff_confirmed(
                pin.purpose if self.window.current == "pin" else "assisted"
            )
            return
        assert isinstance(result, Previewed)
        self.booking.show_summary(result)

    def _failed(self, exc: BaseException, service_name: str = "") -> None:
        if is_unreachable(exc):
            self.server_away(exc)
            return
        self.show_message(refusal(self.ctx, exc, self.window.state.language, service_name))

    def server_away(self, exc: BaseException) -> None:
        """The database cannot be reached: out of service, back by itself. The operation
        in flight was one transaction: it committed (its ticket is printed once the database
        is back) or it left nothing behind."""
        logger.error("queue database unreachable: %r", exc)
        self.window.overlay.hide()
        self.show("out_of_service")
        self.retry_timer.start()

    def ticket_issued(self, ticket: TicketView) -> None:
        self.last_ticket = ticket
        self.shown_ticket = ticket.id
        self.override = ""
        self.printer.print_ticket(ticket.id)  # first: the worker starts while the screen draws
        if self.health is not None and not self.health.printer_usable:
            self.show_on_screen(ticket, self.printer.failure_message_for(ticket.number))
        else:
            screen: TicketScreen = self.screen("ticket")
            screen.show_ticket(ticket)
            self.show("ticket")
            self.ticket_timer.setInterval(self.settings.kiosk.ticket_screen_seconds * 1000)
            self.ticket_timer.start()

    def show_on_screen(self, ticket: TicketView, message: str) -> None:
        """The printer cannot print: the number and its QR code on screen, for longer."""
        screen: OnScreenTicketScreen = self.screen("ticket_on_screen")
        screen.show_ticket(ticket, message)
        self.show("ticket_on_screen")
        self.ticket_timer.setInterval(self.settings.kiosk.ticket_screen_seconds * 3000)
        self.ticket_timer.start()

    def printed(self, ticket_id: int) -> None:
        if ticket_id == self.shown_ticket and self.window.current == "ticket":
            self.screen("ticket").set_printed()
        if ticket_id == self.shown_ticket and self.window.current == "ticket_on_screen":
            self.screen("ticket_on_screen").set_printed()

    def print_failed(self, ticket_id: int, message: str) -> None:
        if ticket_id == self.shown_ticket and self.window.current == "ticket":
            # Kept valid: the number and its QR code on screen, printed when possible.
            assert self.last_ticket is not None
            self.show_on_screen(self.last_ticket, message)

    def in_service(self) -> bool:
        """False while the printer cannot print and the setting says to stop issuing."""
        return (
            self.health is None
            or self.health.printer_usable
            or self.settings.kiosk.printer_unusable != "out_of_service"
        )

    def printer_changed(self, usable: bool) -> None:
        current = self.window.current
        if usable and current == "out_of_service":
            logger.info("printer usable again: back in service")
            self.go_home()
        elif not self.in_service() and current not in ("busy", "ticket", "ticket_on_screen"):
            self.show("out_of_service")

    def finish_ticket(self) -> None:
        self.ticket_timer.stop()
        self.shown_ticket = None
        if self.window.current not in ("ticket", "ticket_on_screen"):
            return
        if not self.window.state.assisted:
            self.window.reset_for_next_person()
        self.go_home()

    # -- staff (kiosk/staff_flows.py) ------------------------------------------------------

    def ask_pin(self, purpose: str) -> None:
        self.staff_flows.ask_pin(purpose)

    def assisted_choice(self, choice: str) -> None:
        self.staff_flows.assisted_choice(choice)
