"""The queue's tables (SQLAlchemy 2.0 typed ORM).

Times are stored as naive UTC (``UTCDateTime`` converts at the boundary), so the same rows
mean the same instants on SQLite and PostgreSQL whatever the PC's clock zone is. Business
days are office-local dates.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from config.settings import Channel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Role(StrEnum):
    """Who acts. Kiosks issue and check in; officers call; supervisors manage the day."""

    KIOSK = "kiosk"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class EventKind(StrEnum):
    ISSUED = "issued"
    CHECKED_IN = "checked_in"
    CALLED = "called"
    RECALLED = "recalled"
    STARTED = "started"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    REQUEUED = "requeued"
    TRANSFERRED = "transferred"
    CANCELLED = "cancelled"


class CounterState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    PAUSED = "paused"


class PrintState(StrEnum):
    NONE = "none"  # issued where no printer is involved (console, command line)
    PENDING = "pending"
    PRINTED = "printed"
    FAILED = "failed"


class BookingStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime in Python, naive UTC in the database."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given; queue times must be zone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


def _enum(cls: type[StrEnum], length: int = 16) -> String:
    # Plain strings, not database enums: adding a value needs no migration on PostgreSQL.
    return String(length)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Officer(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(_enum(Role))
    password_hash: Mapped[str] = mapped_column(String(255))
    # The officer's own PIN for assisted mode at the kiosk (argon2); None: not set.
    kiosk_pin_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class CounterRow(Base):
    """A counter's live state; the configured counters are synced into this table."""

    __tablename__ = "counters"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(_enum(CounterState), default=CounterState.CLOSED)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class NumberSeries(Base):
    """The last number handed out per business day and series prefix."""

    __tablename__ = "number_series"

    business_day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(3), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class QuotaCounter(Base):
    """How many tickets of a service and channel count against its quota on a business day
    (issued, not cancelled, not issued over the quota), and a supervisor's quota for that
    day (the latest ``quota_overrides`` row; None: the setting). Issuing increments it in
    one keyed statement that also returns the quota, so no ticket is counted."""

    __tablename__ = "quota_counters"

    business_day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    service_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    channel: Mapped[str] = mapped_column(_enum(Channel), primary_key=True)
    issued: Mapped[int] = mapped_column(Integer, default=0)
    quota: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Booking(Base):
    """A booking from the central system's export. The NIK is kept only as a salted hash."""

    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    office_code: Mapped[str] = mapped_column(String(8))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    slot_start: Mapped[dt.time] = mapped_column(Time)
    slot_end: Mapped[dt.time] = mapped_column(Time)
    service_name: Mapped[str] = mapped_column(String(120))
    service_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    applicant_name: Mapped[str | None] = mapped_column(String(160), nullable=True)
    nik_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(_enum(BookingStatus))
    booked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    purged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("business_day", "prefix", "sequence", name="uq_tickets_day_number"),
        Index("ix_tickets_day_status_service", "business_day", "status", "service_code"),
        Index("ix_tickets_day_service_channel", "business_day", "service_code", "channel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    business_day: Mapped[dt.date] = mapped_column(Date)
    prefix: Mapped[str] = mapped_column(String(3))
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(12))
    token: Mapped[str] = mapped_column(String(32), unique=True)
    service_code: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(_enum(Channel))
    priority_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    booking_id: Mapped[int | None] = mapped_column(
        ForeignKey("bookings.id"), nullable=True, unique=True
    )
    slot_start: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    status: Mapped[str] = mapped_column(_enum(TicketStatus), default=TicketStatus.WAITING)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # The ticket's place in line: issue time, or when it was put back / sent to the back.
    queued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    called_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    serving_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    no_show_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    counter_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # A waiting ticket sent to one counter (a transfer to a counter or to an officer's
    # counter): only that counter calls it. Cleared when it is called or sent elsewhere.
    directed_counter: Mapped[int | None] = mapped_column(Integer, nullable=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    kiosk_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    recall_count: Mapped[int] = mapped_column(Integer, default=0)
    print_state: Mapped[str] = mapped_column(_enum(PrintState), default=PrintState.PENDING)
    override_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    override_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    people_ahead_at_issue: Mapped[int] = mapped_column(Integer, default=0)
    estimated_wait_at_issue: Mapped[int | None] = mapped_column(Integer, nullable=True)

    booking: Mapped[Booking | None] = relationship()
    events: Mapped[list[TicketEvent]] = relationship(
        back_populates="ticket", order_by="TicketEvent.id"
    )


class TicketEvent(Base):
    """Every change of a ticket; waiting and service times are computed from these."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    kind: Mapped[str] = mapped_column(_enum(EventKind))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    counter_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status_after: Mapped[str] = mapped_column(_enum(TicketStatus))
    detail: Mapped[str] = mapped_column(Text, default="")

    ticket: Mapped[Ticket] = relationship(back_populates="events")


class QuotaOverride(Base):
    """A supervisor's quota for one service and channel on one day (latest row wins)."""

    __tablename__ = "quota_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    business_day: Mapped[dt.date] = mapped_column(Date, index=True)
    service_code: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(_enum(Channel))
    quota: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200))
    actor: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class DayOverrideKind(StrEnum):
    """What a supervisor changes of a business day over the settings."""

    WALK_IN_DAY = "walk_in_day"  # value: "yes" or "no"
    CLOSED = "closed"  # value: the reason, shown to applicants
    SERVICE_CLOSED = "service_closed"  # service_code; value: the reason (may be empty)
    COUNTER_SERVICES = "counter_services"  # counter_number; value: "baru,ganti"


# Which of service_code / counter_number each kind names (the other stays NULL).
_DAY_OVERRIDE_TARGET = (
    "(kind IN ('walk_in_day', 'closed') AND service_code IS NULL AND counter_number IS NULL)"
    " OR (kind = 'service_closed' AND service_code IS NOT NULL AND counter_number IS NULL)"
    " OR (kind = 'counter_services' AND counter_number IS NOT NULL AND service_code IS NULL)"
)


def _one_per(*columns: str, kinds: str) -> Index:
    """A unique index over ``columns`` among the rows of ``kinds`` (an SQL condition)."""
    where = text(kinds)
    name = "uq_day_overrides_" + "_".join(c for c in columns if c != "business_day")
    return Index(name, *columns, unique=True, sqlite_where=where, postgresql_where=where)


class DayOverride(Base):
    """A supervisor's change to one business day (today or later); the settings stay the
    default. At most one row per day and kind (per service, per counter): walk-in or not,
    the office closed (with the reason shown on the kiosk), a service closed, a counter's
    services. Clearing a change deletes its row; the audit log keeps who did what."""

    __tablename__ = "day_overrides"
    __table_args__ = (
        CheckConstraint(_DAY_OVERRIDE_TARGET, name="target"),
        _one_per("business_day", "kind", kinds="kind IN ('walk_in_day', 'closed')"),
        _one_per("business_day", "service_code", kinds="kind = 'service_closed'"),
        _one_per("business_day", "counter_number", kinds="kind = 'counter_services'"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    business_day: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(24))
    service_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    counter_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    value: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class PrintJob(Base):
    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_kiosk_state", "kiosk_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    kiosk_id: Mapped[str] = mapped_column(String(40))
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(_enum(PrintState), default=PrintState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    requested_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # What of the ticket reached the printer (printer.service.Delivered): "" nothing,
    # "part", "body?" (maybe, the printer could not tell), "body" (acknowledged).
    delivered: Mapped[str] = mapped_column(String(8), default="", server_default="")
    # The applicant's language ("id", "en") and the layout ("PROFILE/WIDTH") it was
    # composed with, so a retry after a restart prints the same ticket.
    language: Mapped[str | None] = mapped_column(String(2), nullable=True)
    layout: Mapped[str | None] = mapped_column(String(80), nullable=True)
    # The ticket came out marked "SALINAN" / "COPY".
    copy_printed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class KioskHeartbeat(Base):
    __tablename__ = "kiosk_heartbeats"

    kiosk_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    printer_online: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    paper: Mapped[str] = mapped_column(String(16), default="unknown")
    cover_open: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    scanner: Mapped[str] = mapped_column(String(32), default="unknown")
    detail: Mapped[str] = mapped_column(Text, default="")


class AuditRecord(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(_enum(Role))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(80), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    # Tamper evidence (db/ops/audit.py): the previous record's hash and this record's.
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
    # The ticket events written since the record before, up to this event id, and their
    # digest (each with its ticket's number, day and channel): a changed, deleted or
    # inserted event or ticket shows in ``verify_audit``.
    events_upto: Mapped[int | None] = mapped_column(Integer, nullable=True)
    events_digest: Mapped[str] = mapped_column(String(64), default="")


class ComplaintStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"


class Complaint(Base):
    """A problem reported at the kiosk (or entered at the desk); ``receipt`` is what the
    applicant keeps. The contact is kept only with the applicant's consent."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt: Mapped[str] = mapped_column(String(20), unique=True)
    business_day: Mapped[dt.date] = mapped_column(Date, index=True)
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    category: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str | None] = mapped_column(String(120), nullable=True)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    kiosk_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    filed_by: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(_enum(ComplaintStatus), default=ComplaintStatus.NEW)
    response: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SurveyResponse(Base):
    """One satisfaction survey per served ticket: the nine elements of the public-service
    satisfaction survey, each 1 (not good) .. 4 (very good)."""

    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), unique=True)
    business_day: Mapped[dt.date] = mapped_column(Date, index=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    service_code: Mapped[str] = mapped_column(String(16))
    requirements: Mapped[int] = mapped_column(Integer)
    procedure: Mapped[int] = mapped_column(Integer)
    time: Mapped[int] = mapped_column(Integer)
    cost: Mapped[int] = mapped_column(Integer)
    product: Mapped[int] = mapped_column(Integer)
    competence: Mapped[int] = mapped_column(Integer)
    behaviour: Mapped[int] = mapped_column(Integer)
    complaint_handling: Mapped[int] = mapped_column(Integer)
    facilities: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    kiosk_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
