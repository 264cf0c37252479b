"""The kiosk's ticket flows: walk-in, priority and VIP tickets (service, reason, the last
look, issuing), today's quotas, and the ticket screens while the ticket prints."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from config.settings import Channel
from db.context import QueueContext
from db.errors import QueueError, QuotaExhausted
from db.ops.booking_failure import (
    BookingFailureQuota,
    booking_failure_today,
    issue_booking_failure_ticket,
)
from db.ops.issuing import QuotaLeft, issue_ticket, quotas_today
from db.read.day_overrides import DayState, day_state
from db.read.estimate import WaitEstimate, new_ticket_waits, ticket_estimate
from db.views import TicketView
from kiosk.dates import weekday_names
from kiosk.flow_context import FlowContext
from kiosk.printing import TicketPrinter
from kiosk.screens.base import ScreenName
from kiosk.screens.choose import ConfirmScreen, ServiceScreen, VipScreen, Waits
from kiosk.screens.home import HomeScreen
from kiosk.screens.note import NoteScreen
from kiosk.screens.onscreen import OnScreenTicketScreen
from kiosk.screens.ticket import TicketScreen
from kiosk.text import tr
from kiosk.wording import Message

logger = logging.getLogger(__name__)

TICKET_SCREENS = (ScreenName.TICKET, ScreenName.TICKET_ON_SCREEN)
# A walk-in refusal is remembered this long (or until a ticket is issued) for the setting
# kiosk.priority_staff_confirm = "after_refusal".
REFUSAL_MEMORY_SECONDS = 600


@dataclass(frozen=True)
class Today:
    """What the choice screens show: today's quotas and the expected wait of a ticket
    issued now, per service and ticket type, and the day as it stands (closed, walk-in,
    services a supervisor closed)."""

    quotas: list[QuotaLeft]
    waits: Waits
    day: DayState


def today(ctx: QueueContext) -> Today:
    """On the worker thread: the day, quotas and waits, from one read of the queue."""
    day = day_state(ctx)
    quotas = quotas_today(ctx)
    now = ctx.now()
    wanted = [
        (service, channel)
        for service in ctx.settings.services
        for channel in (Channel.WALK_IN, Channel.PRIORITY, Channel.VIP)
        if channel in service.channels
    ]
    with ctx.db.read() as session:
        waits: Waits = new_ticket_waits(session, ctx, now, wanted)
    return Today(quotas, waits, day)


class TicketFlows(QObject):
    """``staff_needed`` asks for a staff confirmation of the priority ticket chosen;
    ``back_in_service`` says the database answers again after being away."""

    staff_needed = Signal()
    back_in_service = Signal()

    def __init__(self, fc: FlowContext, printer: TicketPrinter) -> None:
        super().__init__(fc)
        self.fc = fc
        self.printer = printer
        self.settings = fc.settings
        self.quotas: list[QuotaLeft] | None = None
        self.waits: Waits = {}
        self.refused_at: float | None = None  # time.monotonic() of a walk-in refusal
        self.channel = Channel.WALK_IN
        self.reason: str | None = None
        self.service = ""
        self.override = ""
        # Assisted mode's walk-in after failed online bookings: the evidence staff noted.
        self.failure_note: str | None = None
        self.last_ticket: TicketView | None = None
        self.shown_ticket: int | None = None
        self.ticket_timer = QTimer(self)
        self.ticket_timer.setSingleShot(True)
        self.ticket_timer.setInterval(self.settings.kiosk.ticket_screen_seconds * 1000)
        self.ticket_timer.timeout.connect(self.finish_ticket)

    # -- choosing ---------------------------------------------------------------------------

    def choose_service(self, channel: Channel) -> None:
        self.channel = channel
        if channel != Channel.PRIORITY:
            self.reason = None
        screen: ServiceScreen = self.fc.screen(ScreenName.SERVICE)
        beyond = bool(self.override or self.failure_note)
        screen.configure(
            channel, self.quotas, self.waits, beyond_quota=beyond, closed=self.fc.closed_services()
        )
        self.fc.show(ScreenName.SERVICE)

    def start_vip(self) -> None:
        self.channel, self.reason = Channel.VIP, None
        screen: VipScreen = self.fc.screen(ScreenName.VIP)
        screen.configure(Channel.VIP, self.quotas, self.waits, closed=self.fc.closed_services())
        self.fc.show(ScreenName.VIP)

    def start_priority(self) -> None:
        self.override = ""
        self.failure_note = None
        self.fc.show(ScreenName.REASON)

    def walk_in_refused(self) -> None:
        """This applicant was refused a walk-in ticket (quota used up)."""
        self.refused_at = time.monotonic()

    def forget_refusal(self) -> None:
        self.refused_at = None

    def _recently_refused(self) -> bool:
        return (
            self.refused_at is not None
            and time.monotonic() - self.refused_at < REFUSAL_MEMORY_SECONDS
        )

    def priority_needs_staff(self, reason: str | None) -> bool:
        """Whether a priority ticket for ``reason`` waits for a staff PIN or card."""
        if self.fc.state.assisted:
            return False
        kiosk = self.settings.kiosk
        try:
            if reason and self.settings.reason(reason).staff_must_confirm:
                return True
        except KeyError:
            pass
        if kiosk.priority_needs_staff or kiosk.priority_staff_confirm == "always":
            return True
        return kiosk.priority_staff_confirm == "after_refusal" and self._recently_refused()

    def default_priority_service(self) -> str:
        services = [s.code for s in self.settings.services if Channel.PRIORITY in s.channels]
        wanted = self.settings.kiosk.priority_default_service
        return wanted if wanted in services else (services[0] if services else "")

    def start_override(self) -> None:
        """Assisted mode: a walk-in beyond the quota, with its reason first (a preset, or
        typed)."""
        self.reason = None
        self.failure_note = None
        screen: NoteScreen = self.fc.screen(ScreenName.NOTE)
        screen.configure("override")
        self.fc.show(ScreenName.NOTE)

    def start_booking_failure(self) -> None:
        """Assisted mode: the walk-in for an applicant whose online bookings kept failing,
        from its own daily quota on its own weekdays; the evidence seen is noted first."""
        self.reason = None
        self.override = ""
        self.failure_note = None
        fc = self.fc
        fc.show(ScreenName.BUSY)
        fc.run(lambda: booking_failure_today(fc.ctx), self._booking_failure_quota)

    def _booking_failure_quota(self, quota: BookingFailureQuota) -> None:
        if not quota.open_today:
            days = self.settings.kiosk.booking_failure_days
            self.fc.show_message(
                lambda: Message(
                    "booking_failure_closed",
                    tr("Not open today"),
                    tr(
                        "The walk-in after failed online bookings is open on: {days}.",
                        days=weekday_names(list(days), self.fc.state.language),
                    ),
                )
            )
            return
        if quota.remaining <= 0:
            self.fc.show_message(
                lambda: Message(
                    "booking_failure_full",
                    tr("Today's quota is used up"),
                    tr(
                        "All {n} tickets for failed online bookings were issued today.",
                        n=quota.quota,
                    ),
                )
            )
            return
        screen: NoteScreen = self.fc.screen(ScreenName.NOTE)
        screen.configure("booking_failure", quota.remaining)
        self.fc.show(ScreenName.NOTE)

    def note_chosen(self, text: str) -> None:
        """A reason (override) or the evidence seen (booking failure), picked or typed."""
        if self.fc.screen(ScreenName.NOTE).purpose == "booking_failure":
            self.failure_note = text
            self.override = ""
            self.choose_service(Channel.WALK_IN)
        else:
            self.override_typed(text)

    def override_typed(self, text: str) -> None:
        self.override = text
        self.choose_service(Channel.WALK_IN)

    def reason_chosen(self, reason: str) -> None:
        """Straight to the last look, with the usual service (changeable there); a staff
        confirmation first when the settings ask for one."""
        self.reason = reason
        self.channel = Channel.PRIORITY
        self.service = self.default_priority_service()
        if self.priority_needs_staff(reason):
            self.staff_needed.emit()
            return
        self.confirm(self.service, Channel.PRIORITY)

    def service_chosen(self, service: str) -> None:
        self.service = service
        self.confirm(service, self.channel)

    def confirm(self, service: str, channel: Channel) -> None:
        self.service, self.channel = service, channel
        screen: ConfirmScreen = self.fc.screen(ScreenName.CONFIRM)
        note = self.override
        if self.failure_note:
            failure = self.failure_note
            note = tr("Failed online bookings: {note}", note=failure)
        screen.configure(service, channel, self.reason, note)
        self.fc.show(ScreenName.CONFIRM)

    def staff_confirmed_priority(self) -> None:
        self.confirm(self.service, Channel.PRIORITY)

    # -- quotas -----------------------------------------------------------------------------

    def refresh_quotas(self) -> None:
        self.fc.background.run(lambda: today(self.fc.ctx), self._quotas_done, self._quotas_failed)

    def _quotas_done(self, now: Today) -> None:
        self.quotas, self.waits = now.quotas, now.waits
        self.fc.quotas = now.quotas
        self.fc.day = now.day
        home: HomeScreen = self.fc.screen(ScreenName.HOME)
        home.set_quotas(now.quotas, now.day)
        if self.fc.current in (ScreenName.SERVICE, ScreenName.VIP):
            # A supervisor closed or reopened a service while the tiles are shown.
            shown: ServiceScreen = self.fc.screen(self.fc.current)
            shown.update_today(now.quotas, now.waits, now.day.closed_services)
        if self.fc.current == ScreenName.OUT_OF_SERVICE and self.fc.in_service():
            logger.info("database reachable again: back in service")
            self.back_in_service.emit()
            # A ticket whose commit went through just before the connection dropped is
            # valid: its pending print job comes out now.
            self.printer.kick()

    def _quotas_failed(self, exc: BaseException) -> None:
        if isinstance(exc, QueueError):
            return
        logger.error("queue database not usable: %r", exc)
        if self.fc.current in (ScreenName.HOME, ScreenName.OUT_OF_SERVICE):
            self.fc.show(ScreenName.OUT_OF_SERVICE)
        self.fc.retry_timer.start()

    # -- issuing ----------------------------------------------------------------------------

    def issue(self) -> None:
        fc = self.fc
        if fc.runner.busy:
            return
        if not fc.in_service():
            fc.show(ScreenName.OUT_OF_SERVICE)
            return
        service, channel, reason, override = self.service, self.channel, self.reason, self.override
        actor = fc.staff_actor if override else fc.actor
        fc.show(ScreenName.BUSY)
        if self.failure_note:
            note = self.failure_note
            fc.runner.run(
                lambda: issue_booking_failure_ticket(
                    fc.ctx, fc.staff_actor, service, note, kiosk_id=fc.kiosk_id
                ),
                self.ticket_issued,
                lambda exc: self._issue_failed(exc, service),
            )
            return
        fc.runner.run(
            lambda: issue_ticket(
                fc.ctx,
                actor,
                service,
                channel,
                reason=reason,
                kiosk_id=fc.kiosk_id,
                override_reason=override or None,
            ),
            self.ticket_issued,
            lambda exc: self._issue_failed(exc, service),
        )

    def _issue_failed(self, exc: BaseException, service: str) -> None:
        if isinstance(exc, QuotaExhausted):
            if exc.channel == Channel.WALK_IN:
                self.walk_in_refused()
            self.refresh_quotas()
        self.fc.fail(exc, service)

    # -- the ticket -------------------------------------------------------------------------

    def ticket_issued(self, ticket: TicketView) -> None:
        health = self.fc.health
        self.last_ticket = ticket
        self.shown_ticket = ticket.id
        self.override = ""
        self.failure_note = None
        self.forget_refusal()
        self.printer.print_ticket(ticket.id)  # first: the worker starts while the screen draws
        if health is not None and not health.printer_usable:
            number = ticket.number
            self.show_on_screen(ticket, lambda: self.printer.failure_message_for(number))
        else:
            screen: TicketScreen = self.fc.screen(ScreenName.TICKET)
            screen.show_ticket(ticket)
            self.fc.show(ScreenName.TICKET)
            self.read_wait(ticket.id)
            self.ticket_timer.setInterval(self.settings.kiosk.ticket_screen_seconds * 1000)
            self.ticket_timer.start()

    def read_wait(self, ticket_id: int) -> None:
        """The ticket's estimate (the one it was issued with), read on the worker thread,
        then shown on the ticket screen as the range the ticket prints."""
        ctx = self.fc.ctx

        def read() -> WaitEstimate | None:
            with ctx.db.read() as session:
                return ticket_estimate(session, ctx, ticket_id, ctx.now())

        def shown(estimate: WaitEstimate | None) -> None:
            if ticket_id == self.shown_ticket and self.fc.current == ScreenName.TICKET:
                screen: TicketScreen = self.fc.screen(ScreenName.TICKET)
                screen.set_wait(estimate)

        def failed(exc: BaseException) -> None:  # the stored minutes stay on the screen
            logger.warning("estimate of ticket %s not read: %r", ticket_id, exc)

        self.fc.background.run(read, shown, failed)

    def show_on_screen(self, ticket: TicketView, message: str | Callable[[], str]) -> None:
        """The printer cannot print: the number and its QR code on screen, for longer."""
        screen: OnScreenTicketScreen = self.fc.screen(ScreenName.TICKET_ON_SCREEN)
        screen.show_ticket(ticket, message)
        self.fc.show(ScreenName.TICKET_ON_SCREEN)
        self.ticket_timer.setInterval(self.settings.kiosk.ticket_screen_seconds * 3000)
        self.ticket_timer.start()

    def printed(self, ticket_id: int) -> None:
        current = self.fc.current
        if ticket_id == self.shown_ticket and current in TICKET_SCREENS:
            self.fc.screen(current).set_printed()

    def print_failed(self, ticket_id: int, message: str) -> None:
        if ticket_id == self.shown_ticket and self.fc.current == ScreenName.TICKET:
            # Kept valid: the number and its QR code on screen, printed when possible.
            assert self.last_ticket is not None
            self.show_on_screen(self.last_ticket, self._worded(message, self.last_ticket.number))

    def _worded(self, message: str, number: str) -> Callable[[], str]:
        """The print worker's message as it came, and worded anew after a language switch."""
        state, language = self.fc.state, self.fc.state.language
        printer = self.printer

        def worded() -> str:
            return message if state.language == language else printer.failure_message_for(number)

        return worded

    def finish_ticket(self) -> None:
        self.ticket_timer.stop()
        self.shown_ticket = None
        if self.fc.current not in TICKET_SCREENS:
            return
        if not self.fc.state.assisted:
            self.fc.window.reset_for_next_person()
        self.fc.go_home()
