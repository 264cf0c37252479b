"""What every queue operation needs: the database, the settings, a clock, and who acts."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.settings import Settings
from db.clock import Clock, SystemClock
from db.engine import Database
from db.errors import NotAllowed
from db.models import AuditRecord, EventKind, Role, Ticket, TicketEvent
from db.ops.audit import last_hash, record_hash
from db.rules.calendar import OfficeCalendar

STAFF = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.ADMIN})
MANAGERS = frozenset({Role.SUPERVISOR, Role.ADMIN})
DEVICES = frozenset({Role.KIOSK, Role.ADMIN})
EVERYONE = frozenset(Role)

# Which roles may run which queue operation. The operations check this themselves, so a
# console that forgot to hide a button still cannot do what its user may not.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "issue_ticket": EVERYONE,
    "override_quota": STAFF,
    "check_in_booking": EVERYONE,
    "call_next": STAFF,
    "call_ticket": STAFF,
    "recall": STAFF,
    "start_service": STAFF,
    "complete": STAFF,
    "no_show": STAFF,
    "requeue": STAFF,
    "transfer": STAFF,
    "cancel": MANAGERS,
    "set_quota": MANAGERS,
    "open_counter": STAFF,
    "pause_counter": STAFF,
    "close_counter": STAFF,
    "create_print_job": EVERYONE,
    "take_print_job": DEVICES,
    "finish_print_job": DEVICES,
    "reprint": MANAGERS,
    "import_bookings": MANAGERS,
    "add_officer": frozenset({Role.ADMIN}),
    "manage_officers": frozenset({Role.ADMIN}),
    "view_audit": MANAGERS,
    "view_bookings": MANAGERS,
    "heartbeat": DEVICES,
    "file_complaint": EVERYONE,
    "submit_survey": EVERYONE,
    "view_feedback": MANAGERS,
    "answer_complaint": MANAGERS,
    "export_feedback": MANAGERS,
    "view_reports": MANAGERS,
    "issue_booking_failure": STAFF,
    "search_bookings": STAFF,
}

ROLE_WORDS = {
    Role.KIOSK: "a kiosk",
    Role.OFFICER: "an officer",
    Role.SUPERVISOR: "a supervisor",
    Role.ADMIN: "an administrator",
}


@dataclass(frozen=True)
class Actor:
    """Who performs an operation: a kiosk, an officer, or an administrator's command."""

    name: str
    role: Role
    officer_id: int | None = None

    @classmethod
    def kiosk(cls, kiosk_id: str) -> Actor:
        return cls(kiosk_id, Role.KIOSK)

    @classmethod
    def system(cls, name: str = "loket-db") -> Actor:
        return cls(name, Role.ADMIN)


def require(actor: Actor, operation: str) -> None:
    allowed = PERMISSIONS[operation]
    if actor.role not in allowed:
        who = " or ".join(sorted(ROLE_WORDS[r] for r in allowed))
        raise NotAllowed(
            f"{actor.name} ({actor.role.value}) may not {operation.replace('_', ' ')}; "
            f"this needs {who}"
        )


@dataclass
class QueueContext:
    db: Database
    settings: Settings
    clock: Clock = field(default_factory=SystemClock)

    def __post_init__(self) -> None:
        self.calendar = OfficeCalendar(self.settings)

    def now(self) -> dt.datetime:
        return self.clock.now()

    def today(self) -> dt.date:
        return self.calendar.business_day(self.now())


MAX_CLOCK_STEP_BACK = dt.timedelta(hours=2)
log = logging.getLogger(__name__)


def queue_now(session: Session, ctx: QueueContext) -> dt.datetime:
    """The time a queue change is recorded at: the clock, but never before the latest
    recorded event. When the PC's clock is set back (an NTP step, someone correcting the
    time) the queue's time stands still until the clock catches up, so a later ticket never
    takes a place in line before an earlier one and no measured duration is negative."""
    now = ctx.now()
    latest = session.scalar(select(func.max(TicketEvent.at)))
    if latest is None or latest <= now:
        return now
    if latest - now > MAX_CLOCK_STEP_BACK:
        # Far more than a correction: an earlier clock was wrong into the future. Follow the
        # clock rather than freeze the queue's time for hours.
        log.warning("clock is %s behind the latest queue event; following the clock", latest - now)
        return now
    return latest


def audit(
    session: Session,
    actor: Actor,
    action: str,
    at: dt.datetime,
    target: str = "",
    **detail: Any,
) -> None:
    text = json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True)
    target = target[:80]
    prev = last_hash(session)
    session.add(
        AuditRecord(
            at=at,
            actor=actor.name,
            role=actor.role,
            action=action,
            target=target,
            detail=text,
            prev_hash=prev,
            hash=record_hash(prev, at, actor.name, actor.role, action, target, text),
        )
    )


def record_event(
    session: Session,
    ticket: Ticket,
    kind: EventKind,
    actor: Actor,
    at: dt.datetime,
    **detail: Any,
) -> None:
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            kind=kind,
            at=at,
            actor=actor.name,
            counter_number=ticket.counter_number,
            status_after=ticket.status,
            detail=json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True)
            if detail
            else "",
        )
    )
