"""What every kiosk flow works with: the window and its screens, the runners of queue
calls, who acts, whether the kiosk is in service, and how a failure is shown.

The flows (tickets, bookings, staff, feedback) each get one ``FlowContext`` and know
nothing of one another; ``kiosk.flows`` wires them together in one place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from config.settings import Channel
from db.context import Actor, QueueContext
from db.errors import NotAllowed
from db.models import Role
from db.ops.issuing import QuotaLeft
from db.read.day_overrides import DayState
from kiosk.health import DeviceHealth
from kiosk.screens.base import ScreenName
from kiosk.text import tr
from kiosk.window import KioskWindow
from kiosk.wording import Message, refusal
from kiosk.workers import Runner
from ui.ops import is_unreachable

logger = logging.getLogger(__name__)

RETRY_MS = 5000

MessageSource = Message | Callable[[], Message]


class FlowContext(QObject):
    """Shared by the flows. ``home_requested`` asks for the start screen (the wiring
    decides which one); ``ticket_ready`` carries a ticket that was issued, checked in or
    reprinted, to be printed and shown."""

    home_requested = Signal()
    ticket_ready = Signal(object)  # db.views.TicketView

    def __init__(self, window: KioskWindow, health: DeviceHealth | None) -> None:
        super().__init__(window)
        self.window = window
        self.state = window.state
        self.health = health
        self.ctx: QueueContext = window.state.ctx
        self.settings = self.ctx.settings
        self.kiosk_id = self.settings.kiosk_id
        self.actor = Actor.kiosk(self.kiosk_id)
        # Who acts in assisted mode: the signed-in officer (their actor, as the database
        # knows them: every operation checks it again), or the kiosk's shared staff PIN.
        self.shared_staff_actor = Actor(f"{self.kiosk_id}-staff", Role.SUPERVISOR)
        self.staff_actor = self.shared_staff_actor
        self.staff_name = ""  # the signed-in officer's name; "" for the shared PIN or a card
        self.runner = Runner(self)  # what the applicant waits for (one at a time)
        self.background = Runner(self)  # quota refreshes
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.quotas: list[QuotaLeft] | None = None  # today's, as last read
        self.day: DayState | None = None  # today as last read (a supervisor's changes)

    def walk_in_today(self) -> bool:
        """Today is a walk-in day (as far as the last read knows)."""
        day = self.day
        if day is not None and day.day == self.ctx.today():
            return day.walk_in
        return self.ctx.calendar.walk_in_day(self.ctx.today())

    def closed_services(self) -> frozenset[str]:
        """The services a supervisor closed for today (as far as the last read knows)."""
        day = self.day
        return (
            day.closed_services if day is not None and day.day == self.ctx.today() else frozenset()
        )

    def sign_in(self, actor: Actor | None = None, name: str = "") -> None:
        """Assisted mode from now on, acting as ``actor`` (None: the shared staff PIN)."""
        self.staff_actor = actor or self.shared_staff_actor
        self.staff_name = name if actor is not None else ""
        self.state.assisted = True

    def sign_out(self) -> None:
        self.staff_actor = self.shared_staff_actor
        self.staff_name = ""
        self.state.assisted = False

    @property
    def officer_signed_in(self) -> bool:
        return self.state.assisted and self.staff_actor.officer_id is not None

    def walk_in_left(self) -> bool:
        """Walk-in tickets can still be had today (as far as the last read knows)."""
        if not self.walk_in_today():
            return False
        return any(
            q.remaining is None or q.remaining > 0
            for q in self.quotas or []
            if q.channel == Channel.WALK_IN
        )

    # -- screens --------------------------------------------------------------------------

    def screen(self, name: ScreenName) -> Any:
        return self.window.screen_named(name)

    def show(self, name: ScreenName) -> Any:
        return self.window.show_screen(name)

    @property
    def current(self) -> ScreenName:
        return self.window.current

    def go_home(self) -> None:
        self.home_requested.emit()

    def show_message(self, message: MessageSource) -> None:
        """Show a refusal or notice. Given as a callable, it is worded again in the new
        language when the applicant switches language while reading it."""
        screen = self.screen(ScreenName.MESSAGE)
        screen.show_message(message)
        self.show(ScreenName.MESSAGE)

    # -- running queue calls ----------------------------------------------------------------

    def in_service(self) -> bool:
        """False while the printer cannot print and the setting says to stop issuing."""
        return (
            self.health is None
            or self.health.printer_usable
            or self.settings.kiosk.printer_unusable != "out_of_service"
        )

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """One queue call the applicant waits for, on the worker thread."""
        self.runner.run(work, done, failed or self.fail)

    def fail(self, exc: BaseException, service: str = "") -> None:
        """A queue call failed: out of service when the database is away, else the
        refusal worded for the applicant (``service``: the code of the service asked for)."""
        if is_unreachable(exc):
            self.server_away(exc)
            return
        if isinstance(exc, NotAllowed) and self.officer_signed_in:
            # The officer was deactivated or their role changed while signed in here.
            logger.warning("signed out of assisted mode: %s", exc)
            self.sign_out()
            self.show_message(
                lambda: Message(
                    "staff_signed_out",
                    tr("Signed out"),
                    tr(
                        "This officer's account cannot act here any more (deactivated or "
                        "changed). Sign in again, or ask an administrator."
                    ),
                )
            )
            return
        state, ctx, walk_in = self.state, self.ctx, self.walk_in_left()

        def worded() -> Message:
            name = state.service_name(service) if service else ""
            return refusal(ctx, exc, state.language, name, walk_in)

        self.show_message(worded)

    def server_away(self, exc: BaseException) -> None:
        """The database cannot be reached: out of service, back by itself. The operation
        in flight was one transaction: it committed (its ticket is printed once the database
        is back) or it left nothing behind."""
        logger.error("queue database unreachable: %r", exc)
        self.window.overlay.hide()
        self.show(ScreenName.OUT_OF_SERVICE)
        self.retry_timer.start()
