"""The kiosk's flows wired together, in one place: which screen signal goes to which flow,
and which flow hands over to which.

The flows themselves know nothing of one another: tickets (``kiosk.ticket_flows``),
bookings (``kiosk.booking_flows``), staff (``kiosk.staff_flows``) and feedback
(``kiosk.feedback_flows``) each work with one shared ``FlowContext`` (the window, the
runners of queue calls, who acts). Every queue call and every PIN check runs on a worker
thread; the screens only ever see the results.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer

from config.settings import Channel
from db.ops.issuing import QuotaLeft
from db.views import TicketView
from kiosk.booking_flows import BookingFlows, Previewed
from kiosk.feedback_flows import FeedbackFlows
from kiosk.flow_context import FlowContext, MessageSource
from kiosk.health import DeviceHealth
from kiosk.idle import IdleMonitor
from kiosk.printing import TicketPrinter
from kiosk.scanner import WedgeScanner
from kiosk.screens.assisted import AssistedScreen, PinScreen
from kiosk.screens.base import ScreenName
from kiosk.serial_scanner import clean_payload
from kiosk.staff import StaffLock
from kiosk.staff_flows import StaffFlows
from kiosk.ticket_flows import TicketFlows
from kiosk.window import KioskWindow
from kiosk.wording import (
    PRIORITY,
    SCAN_AGAIN,
    TYPE_CODE,
    VIP,
    WALK_IN,
)
from kiosk.workers import Runner

logger = logging.getLogger(__name__)

STAFF_CARD = "staff_card"
S = ScreenName


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
        self.window = window
        self.printer = printer
        self.scanner = scanner
        self.idle = idle
        self.staff = staff
        self.health = health
        self.fc = FlowContext(window, health)
        self.ctx = self.fc.ctx
        self.settings = self.fc.settings
        self.tickets = TicketFlows(self.fc, printer)  # walk-in, priority, VIP; the ticket
        self.booking = BookingFlows(self.fc)  # booking summary, assisted search
        self.staff_flows = StaffFlows(self.fc, staff)  # PIN, assisted mode, reprints, leaving
        self.feedback = FeedbackFlows(self.fc, printer)  # information, complaints, survey
        self._connect()

    # -- what the app and the tests reach ---------------------------------------------------

    @property
    def runner(self) -> Runner:
        return self.fc.runner

    @property
    def background(self) -> Runner:
        return self.fc.background

    @property
    def retry_timer(self) -> QTimer:
        return self.fc.retry_timer

    @property
    def ticket_timer(self) -> QTimer:
        return self.tickets.ticket_timer

    @property
    def quotas(self) -> list[QuotaLeft] | None:
        return self.tickets.quotas

    @property
    def last_ticket(self) -> TicketView | None:
        return self.tickets.last_ticket

    @property
    def reason(self) -> str | None:
        return self.tickets.reason

    @reason.setter
    def reason(self, reason: str | None) -> None:
        self.tickets.reason = reason

    def screen(self, name: ScreenName) -> Any:
        return self.fc.screen(name)

    def show(self, name: ScreenName) -> Any:
        return self.fc.show(name)

    def show_message(self, message: MessageSource) -> None:
        self.fc.show_message(message)

    def refresh_quotas(self) -> None:
        self.tickets.refresh_quotas()

    def choose_service(self, channel: Channel) -> None:
        self.tickets.choose_service(channel)

    def confirm(self, service: str, channel: Channel) -> None:
        self.tickets.confirm(service, channel)

    def ask_pin(self, purpose: str) -> None:
        self.staff_flows.ask_pin(purpose)

    def in_service(self) -> bool:
        return self.fc.in_service()

    # -- the wiring -------------------------------------------------------------------------

    def _connect(self) -> None:
        w, fc, tickets = self.window, self.fc, self.tickets
        booking, staff, feedback = self.booking, self.staff_flows, self.feedback
        fc.home_requested.connect(self.go_home)
        fc.ticket_ready.connect(tickets.ticket_issued)
        fc.retry_timer.timeout.connect(tickets.refresh_quotas)
        for name in (S.SCAN, S.CODE, S.SERVICE, S.REASON, S.VIP, S.CONFIRM, S.PIN, S.SUMMARY):
            self.screen(name).back.connect(self.go_home)
        for name in (S.SEARCH, S.FAQ, S.COMPLAINT, S.SURVEY, S.NOTE):
            self.screen(name).back.connect(self.go_home)
        # home and tickets
        self.screen(S.HOME).chosen.connect(self.choose)
        self.screen(S.SCAN).type_code.connect(lambda: self.enter_code("booking"))
        self.screen(S.CODE).entered_text.connect(self.code_entered)
        self.screen(S.NOTE).chosen.connect(tickets.note_chosen)
        self.screen(S.NOTE).type_other.connect(
            lambda: self.enter_code(
                "failure_note" if self.screen(S.NOTE).purpose == "booking_failure" else "reason"
            )
        )
        self.screen(S.SERVICE).service_chosen.connect(tickets.service_chosen)
        self.screen(S.REASON).reason_chosen.connect(tickets.reason_chosen)
        self.screen(S.VIP).service_chosen.connect(tickets.service_chosen)
        self.screen(S.SERVICE).alternative.connect(self.alternative)
        self.screen(S.CONFIRM).confirmed.connect(tickets.issue)
        self.screen(S.CONFIRM).change_service.connect(
            lambda: tickets.choose_service(Channel.PRIORITY)
        )
        self.screen(S.TICKET).done.connect(tickets.finish_ticket)
        self.screen(S.TICKET_ON_SCREEN).done.connect(tickets.finish_ticket)
        self.screen(S.MESSAGE).action.connect(self.message_action)
        tickets.staff_needed.connect(lambda: staff.ask_pin("priority"))
        tickets.back_in_service.connect(self.go_home)
        # bookings
        self.screen(S.SUMMARY).print_ticket.connect(booking.print_ticket)
        self.screen(S.SEARCH).search.connect(booking.search)
        self.screen(S.SEARCH).picked.connect(booking.check_in_picked)
        # staff
        self.screen(S.PIN).submitted.connect(staff.pin_submitted)
        self.screen(S.ASSISTED).chosen.connect(self.assisted_choice)
        staff.priority_confirmed.connect(tickets.staff_confirmed_priority)
        w.staff_button.clicked.connect(lambda: staff.ask_pin("assisted"))
        # feedback
        self.screen(S.FAQ).ticket.connect(lambda: tickets.confirm("info", Channel.WALK_IN))
        for name in (S.COMPLAINT, S.SURVEY):
            self.screen(name).done.connect(feedback.finished)
        self.screen(S.COMPLAINT).submitted.connect(feedback.file)
        self.screen(S.SURVEY).submitted.connect(feedback.submit_survey)
        # devices, idle, language
        if self.health is not None:
            self.health.printer_usable_changed.connect(self.printer_changed)
        w.overlay.button.clicked.connect(self.idle.poke)
        self.scanner.scanned.connect(self.scanned)
        self.idle.warning.connect(w.overlay.show_countdown)
        self.idle.resumed.connect(w.overlay.hide)
        self.idle.timed_out.connect(self.timed_out)
        self.printer.printed.connect(tickets.printed)
        self.printer.failed.connect(tickets.print_failed)
        w.stack.currentChanged.connect(lambda _i: self._idle_for_screen())
        for button in (w.large_button, w.contrast_button, *w.language_buttons.values()):
            button.clicked.connect(lambda _=False: self._idle_for_screen())

    # -- navigation -------------------------------------------------------------------------

    def go_home(self) -> None:
        if self.window.state.assisted:
            screen: AssistedScreen = self.screen(S.ASSISTED)
            last = self.tickets.last_ticket
            screen.last_ticket = last.number if last else ""
            screen.signed_in = self.fc.staff_name
            screen.retranslate()
            self.show(S.ASSISTED)
            return
        self.show(S.HOME if self.in_service() else S.OUT_OF_SERVICE)
        self.tickets.refresh_quotas()
        self.staff_flows.refresh_officers()

    def _idle_for_screen(self) -> None:
        w = self.window
        at_rest = (
            w.current == S.HOME
            and w.state.language == self.settings.languages.default
            and not (w.large_text or w.high_contrast)
        )
        if at_rest or w.current in (S.BUSY, S.OUT_OF_SERVICE):
            self.idle.stop()
        else:
            self.idle.start()

    def timed_out(self) -> None:
        self.tickets.forget_refusal()
        self.window.overlay.hide()
        self.fc.sign_out()
        self.window.reset_for_next_person()
        self.go_home()

    def choose(self, choice: str) -> None:
        self.tickets.override = ""
        self.tickets.failure_note = None
        if choice == "booking":
            self.show(S.SCAN)
        elif choice == "walk_in":
            self.tickets.choose_service(Channel.WALK_IN)
        elif choice == "priority":
            self.show(S.REASON)
        elif choice == "vip":
            self.tickets.start_vip()
        elif choice == "feedback":
            self.feedback.start_complaint()
        else:
            self.feedback.show_faq()

    def alternative(self, action: str) -> None:
        """Another way to be served, chosen where a full walk-in service was shown."""
        self.tickets.walk_in_refused()
        self.message_action(action)

    def assisted_choice(self, choice: str) -> None:
        if choice == "find_booking":
            self.booking.start_search()
        elif choice == "priority":
            self.tickets.start_priority()
        elif choice == "override":
            self.tickets.start_override()
        elif choice == "booking_failure":
            self.tickets.start_booking_failure()
        elif choice == "reprint":
            self.staff_flows.reprint(self.tickets.last_ticket)
        elif choice == "leave":
            self.staff_flows.leave()
        elif choice == "exit":
            self.staff_flows.ask_pin("exit")

    def enter_code(self, mode: str) -> None:
        screen = self.screen(S.CODE)
        screen.configure(mode)
        self.show(S.CODE)

    def message_action(self, action: str) -> None:
        if action == SCAN_AGAIN:
            self.show(S.SCAN)
        elif action == TYPE_CODE:
            self.enter_code("booking")
        elif action == PRIORITY:
            self.choose("priority")
        elif action == VIP:
            self.choose("vip")
        elif action == WALK_IN:
            self.choose("walk_in")
        else:
            self.go_home()

    def printer_changed(self, usable: bool) -> None:
        current = self.window.current
        if usable and current == S.OUT_OF_SERVICE:
            logger.info("printer usable again: back in service")
            self.go_home()
        elif not self.in_service() and current not in (S.BUSY, S.TICKET, S.TICKET_ON_SCREEN):
            self.show(S.OUT_OF_SERVICE)

    # -- scans and typed codes ----------------------------------------------------------------

    def scanned(self, code: str) -> None:
        code = clean_payload(code)
        if not code or self.runner.busy or self.window.current in (S.BUSY, S.OUT_OF_SERVICE):
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
        if self.screen(S.CODE).free_text:
            self.tickets.note_chosen(text)
            return
        self.check_in(lambda: self.booking.preview(text))

    def check_in(self, work: Any) -> None:
        if not self.in_service():
            self.show(S.OUT_OF_SERVICE)
            return
        self.show(S.BUSY)
        self.fc.run(work, self._checked_in)

    def _checked_in(self, result: Any) -> None:
        if self.feedback.survey_scanned(result):
            return
        if result == STAFF_CARD:
            pin: PinScreen = self.screen(S.PIN)
            purpose = pin.purpose if self.window.current == S.PIN else "assisted"
            self.staff_flows.staff_confirmed(purpose)
            return
        assert isinstance(result, Previewed)
        self.booking.show_summary(result)
