"""What every queue operation needs: the database, the settings, a clock, and who acts."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import logging
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select
from sqlalchemy.orm import Session

from config.settings import Settings
from db.changes import CALL_EVENTS, Change, note_change
from db.clock import Clock, SystemClock
from db.engine import Database
from db.errors import NotAllowed
from db.models import AuditRecord, EventKind, Officer, Role, Ticket, TicketEvent, TicketStatus
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
    "manage_days": MANAGERS,
    "open_counter": STAFF,
    "pause_counter": STAFF,
    "close_counter": STAFF,
    "create_print_job": EVERYONE,
    "take_print_job": DEVICES,
    "finish_print_job": DEVICES,
    "reprint": MANAGERS,
    # Assisted mode at a kiosk: the last ticket issued there, printed again.
    "reprint_at_kiosk": STAFF,
    "import_bookings": MANAGERS,
    "add_officer": frozenset({Role.ADMIN}),
    "manage_officers": frozenset({Role.ADMIN}),
    "set_own_kiosk_pin": STAFF,
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
    "purge_personal_data": frozenset({Role.ADMIN}),
    "unlock_logins": MANAGERS,
    "record_backup": frozenset({Role.ADMIN}),
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
    # An administrator's command on this PC (``loket-db``, an app's start-up work), not a
    # person logged in: the only administrator that needs no officer account.
    is_system: bool = False

    @classmethod
    def kiosk(cls, kiosk_id: str) -> Actor:
        return cls(kiosk_id, Role.KIOSK)

    @classmethod
    def system(cls, name: str = "loket-db") -> Actor:
        """The command line or an app's own work; ``loket-db`` records the operating-system
        user who ran it."""
        if name == "loket-db":
            name = f"loket-db:{_os_user()}"
        return cls(name[:64], Role.ADMIN, None, True)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def needed_roles(allowed: frozenset[Role]) -> str:
    """The roles an operation needs, in words: "a supervisor or an administrator"."""
    return " or ".join(sorted(ROLE_WORDS[r] for r in allowed))


def require(actor: Actor, operation: str) -> None:
    allowed = PERMISSIONS[operation]
    if actor.role not in allowed:
        raise NotAllowed(
            "{name} ({role}) may not {operation}; this needs {who}",
            name=actor.name,
            role=actor.role.value,
            operation=operation.replace("_", " "),
            who=needed_roles(allowed),
        )


def current_actor(session: Session, actor: Actor) -> Actor:
    """The actor as the database knows them now, in the caller's transaction.

    Kiosks and system commands are taken as they are. A person is looked up by officer id
    (or, without one, by username): a deactivated or removed account is refused, and so is
    a role that differs from the one the account has now (a demotion, or a promotion, takes
    effect on the next action: log in again). An administrator without an account who is
    not a system command is refused."""
    if actor.role == Role.KIOSK or actor.is_system:
        return actor
    connection = flushed(session)
    if actor.officer_id is not None:
        row = connection.execute(_OFFICER_BY_ID, {"id": actor.officer_id}).first()
        if row is None or row.username != actor.name:
            raise NotAllowed(
                "{name}: this account no longer exists; log in again.", name=actor.name
            )
    else:
        row = connection.execute(_OFFICER_BY_NAME, {"name": actor.name}).first()
        if row is None:
            if actor.role == Role.ADMIN:
                raise NotAllowed(
                    "{name} is not an officer of this office: an administrator must log in "
                    "with an account.",
                    name=actor.name,
                )
            return actor
    if not row.active:
        raise NotAllowed("{name}'s account is deactivated; ask an administrator.", name=actor.name)
    role = Role(row.role)
    if role != actor.role:
        raise NotAllowed(
            "{name} is now {role} (not {was}); log in again.",
            name=actor.name,
            role=ROLE_WORDS[role],
            was=ROLE_WORDS[actor.role],
        )
    return replace(actor, officer_id=row.id)


_OFFICER = select(Officer.id, Officer.username, Officer.active, Officer.role)
_OFFICER_BY_ID = _OFFICER.where(Officer.id == bindparam("id"))
_OFFICER_BY_NAME = _OFFICER.where(Officer.username == bindparam("name"))


def flushed(session: Session) -> Connection:
    """The session's connection, once the rows the session holds unwritten are written:
    the statements the hot paths run on it directly must see them."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    return session.connection()


def check_actor(session: Session, actor: Actor, operation: str) -> Actor:
    """``require`` plus ``current_actor``: may this actor, as the database knows them now,
    run ``operation``? Call it inside the operation's write transaction."""
    require(actor, operation)
    return current_actor(session, actor)


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
# The statements every write transaction runs, built once (SQLAlchemy caches their compiled
# form; the driver keeps them prepared). Run on the session's connection, not through the
# ORM: a queue operation's hot path needs no objects.
LATEST_EVENT_AT = select(func.max(TicketEvent.at))  # the index on ticket_events.at
INSERT_EVENT = insert(TicketEvent)
INSERT_AUDIT = insert(AuditRecord).returning(AuditRecord.id)
AUDIT_CHANGE = Change(frozenset(), frozenset({"audit"}))
log = logging.getLogger(__name__)


def queue_now(session: Session, ctx: QueueContext) -> dt.datetime:
    """The time a queue change is recorded at: the clock, but never before the latest
    recorded event. When the PC's clock is set back (an NTP step, someone correcting the
    time) the queue's time stands still until the clock catches up, so a later ticket never
    takes a place in line before an earlier one and no measured duration is negative."""
    now = ctx.now()
    latest: dt.datetime | None = flushed(session).execute(LATEST_EVENT_AT).scalar()
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
    """Add an audit record, in the operation's transaction. The actor is re-validated
    against the officers table first (``current_actor``): every queue change audits, so a
    deactivated, demoted or unknown actor can change nothing, whatever they were allowed
    at login; the refusal rolls the whole transaction back."""
    current_actor(session, actor)
    audit_unchecked(session, actor, action, at, target, **detail)


def audit_unchecked(
    session: Session,
    actor: Actor,
    action: str,
    at: dt.datetime,
    target: str = "",
    **detail: Any,
) -> None:
    """An audit record for an attempt by someone who may not act (a refused login)."""
    from db.ops.audit import seal, sealed_hash

    text = json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True)
    target = target[:80]
    flushed(session)  # the events the record binds are rows by now
    prev, upto, digest, key = seal(session)
    record_hash = sealed_hash(
        key, prev, at, actor.name, actor.role, action, target, text, upto, digest
    )
    record_id = (
        session.connection()
        .execute(
            INSERT_AUDIT,
            {
                "at": at,
                "actor": actor.name,
                "role": actor.role,
                "action": action,
                "target": target,
                "detail": text,
                "prev_hash": prev,
                "hash": record_hash,
                "events_upto": upto,
                "events_digest": digest,
            },
        )
        .scalar_one()
    )
    note_change(session, AUDIT_CHANGE)
    # Once committed, this PC remembers it as the newest record it wrote (db/ops/audit.py).
    session.info["audit_head"] = (record_id, record_hash)


def event_detail(detail: dict[str, Any]) -> str:
    """An event's detail as stored: sorted JSON, or "" when there is none."""
    return json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True) if detail else ""


def insert_event(
    session: Session,
    ticket_id: int,
    kind: EventKind,
    actor: Actor,
    at: dt.datetime,
    counter: int | None,
    status_after: TicketStatus,
    **detail: Any,
) -> None:
    """A ticket event written with one prepared INSERT (the Core twin of ``record_event``)."""
    session.connection().execute(
        INSERT_EVENT,
        {
            "ticket_id": ticket_id,
            "kind": kind,
            "at": at,
            "actor": actor.name,
            "counter_number": counter,
            "status_after": status_after,
            "detail": event_detail(detail),
        },
    )
    note_change(session, Change(frozenset(), frozenset({_event_kind(kind)})))


def _event_kind(kind: EventKind) -> str:
    return "calls" if kind in CALL_EVENTS else "tickets"


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
            detail=event_detail(detail),
        )
    )
